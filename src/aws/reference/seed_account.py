#!/usr/bin/env python3
"""Seeds a moto server with a small but realistic account, using boto3 (the reference
SDK), for the AWS client's integration tests.

    seed_account.py ENDPOINT_URL

Creates resources in us-east-1 and eu-west-1 across IAM, EC2, S3, KMS, CloudTrail, SNS,
SQS, DynamoDB, Logs, CloudWatch, Secrets Manager, SSM, RDS, ELBv2, ECR, ECS, Route 53,
ACM, EFS, Lambda, Config, GuardDuty, Organizations-free services. Prints a JSON summary.
"""
import io
import json
import sys
import zipfile

import boto3

ENDPOINT = sys.argv[1]
REGIONS = ["us-east-1", "eu-west-1"]


def client(service, region="us-east-1"):
    return boto3.client(service, endpoint_url=ENDPOINT, region_name=region,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def lambda_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("index.py", "def handler(event, context):\n    return 'ok'\n")
    return buf.getvalue()


def main():
    summary = {}
    iam = client("iam")
    for name in ["alice", "bob", "carol"]:
        iam.create_user(UserName=name, Tags=[{"Key": "team", "Value": "data"}])
        iam.create_login_profile(UserName=name, Password="Sup3r-Secret-Pass!")
    iam.create_access_key(UserName="alice")
    iam.create_user(UserName="dave")  # programmatic only: no console password, two active keys
    iam.create_access_key(UserName="dave")
    iam.create_access_key(UserName="dave")
    iam.create_group(GroupName="admins")
    iam.add_user_to_group(GroupName="admins", UserName="alice")
    trust = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
    iam.create_role(RoleName="app-role", AssumeRolePolicyDocument=trust, Description="app role")
    policy = iam.create_policy(PolicyName="read-s3", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}))
    iam.attach_role_policy(RoleName="app-role", PolicyArn=policy["Policy"]["Arn"])
    iam.put_user_policy(UserName="bob", PolicyName="inline", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
    iam.create_instance_profile(InstanceProfileName="app-profile")
    iam.update_account_password_policy(MinimumPasswordLength=14, RequireSymbols=True)
    iam.create_account_alias(AccountAlias="signet-test")
    summary["iam_users"] = 3

    for region in REGIONS:
        ec2 = client("ec2", region)
        vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
        sg = ec2.create_security_group(GroupName="web", Description="web", VpcId=vpc)["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
        ec2.create_tags(Resources=[vpc], Tags=[{"Key": "Name", "Value": "main-" + region}])
        vol = ec2.create_volume(AvailabilityZone=region + "a", Size=8, Encrypted=False)["VolumeId"]
        ec2.create_snapshot(VolumeId=vol, Description="backup")
        ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1, InstanceType="t3.micro", SubnetId=subnet,
                          MetadataOptions={"HttpTokens": "required"},
                          TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "hardened"}]}])
        ec2.run_instances(ImageId="ami-12c6146b", MinCount=2, MaxCount=2, InstanceType="t3.micro", SubnetId=subnet,
                          MetadataOptions={"HttpTokens": "optional"})
        ec2.allocate_address(Domain="vpc")
        ec2.create_key_pair(KeyName="deploy")
        ec2.create_network_acl(VpcId=vpc, TagSpecifications=[{"ResourceType": "network-acl", "Tags": [{"Key": "Name", "Value": "custom-acl"}]}])
        s3 = client("s3", region)
        bucket = "signet-data-" + region
        if region == "us-east-1":
            s3.create_bucket(Bucket=bucket)
        else:
            s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})
        s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": [{"Key": "env", "Value": "prod"}]})
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
        s3.put_object(Bucket=bucket, Key="hello.txt", Body=b"hello")
        s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": f"arn:aws:s3:::{bucket}/*",
             "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}))
        kms = client("kms", region)
        key = kms.create_key(Description="data key")["KeyMetadata"]["KeyId"]
        kms.create_alias(AliasName="alias/data", TargetKeyId=key)
        kms.enable_key_rotation(KeyId=key)
        ec2.create_volume(AvailabilityZone=region + "a", Size=8, Encrypted=True, KmsKeyId=key,
                          TagSpecifications=[{"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": "encrypted-data"}]}])
        client("sns", region).create_topic(Name="alerts")
        client("sqs", region).create_queue(QueueName="jobs")
        client("dynamodb", region).create_table(
            TableName="orders", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
        logs = client("logs", region)
        logs.create_log_group(logGroupName="/app/web")
        logs.put_metric_filter(logGroupName="/app/web", filterName="root-login", filterPattern='{ $.userIdentity.type = "Root" }',
                               metricTransformations=[{"metricName": "RootLogin", "metricNamespace": "CIS", "metricValue": "1"}])
        client("cloudwatch", region).put_metric_alarm(
            AlarmName="root-login", MetricName="RootLogin", Namespace="CIS", Statistic="Sum", Period=300,
            EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold")
        client("secretsmanager", region).create_secret(Name="db-password", SecretString="hunter2")
        ssm = client("ssm", region)
        ssm.put_parameter(Name="/app/url", Value="https://example.com", Type="String")
        ssm.put_parameter(Name="/app/token", Value="s3cr3t", Type="SecureString")
        trail = {"Name": "main-" + region, "S3BucketName": bucket, "IsMultiRegionTrail": region == "us-east-1"}
        if region == "us-east-1":  # sends events to /app/web, which has a root-login metric filter and alarm
            trail.update(CloudWatchLogsLogGroupArn=f"arn:aws:logs:{region}:123456789012:log-group:/app/web:*",
                         CloudWatchLogsRoleArn="arn:aws:iam::123456789012:role/app-role")
        client("cloudtrail", region).create_trail(**trail)
        client("ecr", region).create_repository(repositoryName="web")
        client("ecs", region).create_cluster(clusterName="apps")
        client("rds", region).create_db_instance(DBInstanceIdentifier="db1", DBInstanceClass="db.t3.micro", Engine="postgres",
                                                 MasterUsername="admin", MasterUserPassword="password1234", AllocatedStorage=20)
        elbv2 = client("elbv2", region)
        subnet2 = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.2.0/24", AvailabilityZone=region + "b")["Subnet"]["SubnetId"]
        elbv2.create_load_balancer(Name="web-lb", Subnets=[subnet, subnet2], SecurityGroups=[sg])
        client("efs", region).create_file_system(CreationToken="fs1", Encrypted=True)
        lam = client("lambda", region)
        lam.create_function(FunctionName="worker", Runtime="python3.12", Role="arn:aws:iam::123456789012:role/app-role",
                            Handler="index.handler", Code={"ZipFile": lambda_zip()})
        client("guardduty", region).create_detector(Enable=True)
        config = client("config", region)
        config.put_configuration_recorder(ConfigurationRecorder={
            "name": "default", "roleARN": "arn:aws:iam::123456789012:role/app-role",
            "recordingGroup": {"allSupported": True, "includeGlobalResourceTypes": region == "us-east-1"}})
        client("acm", region).request_certificate(DomainName="www.example.com")
    r53 = client("route53")
    r53.create_hosted_zone(Name="example.com", CallerReference="seed-1")
    summary["regions"] = REGIONS
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
