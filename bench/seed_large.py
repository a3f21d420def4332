#!/usr/bin/env python3
"""Seeds moto with the large account of the race benchmark: 500 IAM users, 30 roles, 500
instances over us-east-1 and eu-west-1, 200 security groups, 100 buckets, 100 volumes and
40 KMS keys. Usage: seed_large.py ENDPOINT"""
import sys
import boto3

endpoint = sys.argv[1]
kw = dict(endpoint_url=endpoint, aws_access_key_id="bench", aws_secret_access_key="bench")
iam = boto3.client("iam", region_name="us-east-1", **kw)
trust = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
for i in range(500):
    iam.create_user(UserName=f"user-{i:03d}")
    if i % 3 == 0:
        iam.create_access_key(UserName=f"user-{i:03d}")
    if i % 4 == 0:
        iam.create_login_profile(UserName=f"user-{i:03d}", Password="Long-enough-pass-123!")
for i in range(30):
    iam.create_role(RoleName=f"role-{i:02d}", AssumeRolePolicyDocument=trust)
for region in ["us-east-1", "eu-west-1"]:
    ec2 = boto3.client("ec2", region_name=region, **kw)
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    for i in range(100):
        group = ec2.create_security_group(GroupName=f"sg-{i:03d}", Description="bench", VpcId=vpc)["GroupId"]
        if i % 5 == 0:
            ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
                {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    image = ec2.describe_images()["Images"]
    image_id = image[0]["ImageId"] if image else "ami-12c6146b"
    ec2.run_instances(ImageId=image_id, MinCount=250, MaxCount=250, InstanceType="t3.micro")
    for i in range(50):
        ec2.create_volume(AvailabilityZone=region + "a", Size=8, Encrypted=i % 2 == 0)
    kms = boto3.client("kms", region_name=region, **kw)
    for i in range(20):
        kms.create_key(Description=f"bench key {i}")
    s3 = boto3.client("s3", region_name=region, **kw)
    for i in range(50):
        name = f"bench-{region}-{i:02d}"
        if region == "us-east-1":
            s3.create_bucket(Bucket=name)
        else:
            s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": region})
print("seeded the large account")
