"""Seeds compute, containers, network and edge services for the built-ins' tests (run by
run.py after src/aws/reference/seed_account.py): each resource is made so that the signatures
of its type have a Pass and a Fail where moto serves the calls. What moto does not serve (EKS
versions, Client VPN, Network Firewall policies, Lightsail, Elastic Beanstalk settings, WAF
Classic, AppStream, WorkSpaces, Route 53 Domains, ...) is tested on recorded answers instead
(signatures/aws/tests/NAME.json "recorded").

Names say what each resource is for: "...-legacy" / "...-open" resources fail the checks of
their type, "...-hardened" / "...-secure" ones pass them.
"""
import io
import json
import zipfile

ACCOUNT = "123456789012"


def lambda_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("index.py", "def handler(event, context):\n    return 'ok'\n")
    return buf.getvalue()


def tags(kind, name):
    return [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": name}]}]


def acm_certificate(client, region):
    """The base account's ACM certificate (www.example.com) in `region`."""
    return client("acm", region).list_certificates()["CertificateSummaryList"][0]["CertificateArn"]


def seed_network(client, region):
    """Two VPCs of our own: prod-net (two zones, flow logs, an EC2 endpoint) and lab-net (one
    zone); instances, addresses, launch templates, snapshots and images around them."""
    ec2 = client("ec2", region)
    # Name the base account's subnets (its VPC is main-REGION) so tests can tell them from the
    # default VPC's, which assign public addresses (AWS-EC2-015).
    main = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["main-" + region]}])["Vpcs"][0]["VpcId"]
    for subnet in ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [main]}])["Subnets"]:
        ec2.create_tags(Resources=[subnet["SubnetId"]], Tags=[{"Key": "Name", "Value": "main-" + subnet["CidrBlock"].split(".")[2]}])
    # Its first subnet's zone is moto's choice: one more in zone a makes it span two zones whatever moto chose.
    ec2.create_subnet(VpcId=main, CidrBlock="10.0.3.0/24", AvailabilityZone=region + "a", TagSpecifications=tags("subnet", "main-3"))
    prod = ec2.create_vpc(CidrBlock="10.20.0.0/16", TagSpecifications=tags("vpc", "prod-net"))["Vpc"]["VpcId"]
    prod_a = ec2.create_subnet(VpcId=prod, CidrBlock="10.20.1.0/24", AvailabilityZone=region + "a",
                               TagSpecifications=tags("subnet", "prod-a"))["Subnet"]["SubnetId"]
    prod_b = ec2.create_subnet(VpcId=prod, CidrBlock="10.20.2.0/24", AvailabilityZone=region + "b",
                               TagSpecifications=tags("subnet", "prod-b"))["Subnet"]["SubnetId"]
    lab = ec2.create_vpc(CidrBlock="10.30.0.0/16", TagSpecifications=tags("vpc", "lab-net"))["Vpc"]["VpcId"]
    ec2.create_subnet(VpcId=lab, CidrBlock="10.30.1.0/24", AvailabilityZone=region + "a", TagSpecifications=tags("subnet", "lab-a"))
    # VPC-001 and AWS-EC2-013: prod-net logs its traffic and reaches EC2 privately.
    flow = ec2.create_flow_logs(ResourceIds=[prod], ResourceType="VPC", TrafficType="REJECT", LogDestinationType="s3",
                                LogDestination=f"arn:aws:s3:::signet-data-{region}")
    assert not flow["Unsuccessful"], flow["Unsuccessful"]
    # prod-net reaches the Internet: a gateway, a NAT gateway, its own DHCP options.
    gateway = ec2.create_internet_gateway(TagSpecifications=tags("internet-gateway", "prod-igw"))["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=prod)
    nat_ip = ec2.allocate_address(Domain="vpc", TagSpecifications=tags("elastic-ip", "nat-ip"))["AllocationId"]
    ec2.create_nat_gateway(SubnetId=prod_a, AllocationId=nat_ip, TagSpecifications=tags("natgateway", "prod-nat"))
    options = ec2.create_dhcp_options(DhcpConfigurations=[{"Key": "domain-name", "Values": ["prod.internal"]}],
                                      TagSpecifications=tags("dhcp-options", "prod-dhcp"))["DhcpOptions"]["DhcpOptionsId"]
    ec2.associate_dhcp_options(DhcpOptionsId=options, VpcId=prod)
    ec2.create_vpc_endpoint(VpcId=prod, ServiceName=f"com.amazonaws.{region}.ec2", VpcEndpointType="Interface",
                            SubnetIds=[prod_a, prod_b])
    # AWS-EC2-003: a group with RDP open to every IPv6 address.
    v6 = ec2.create_security_group(GroupName="ipv6-admin", Description="RDP from anywhere over IPv6", VpcId=prod)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=v6, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}])

    # Security groups open to the world: SMB on a file server, every port, database and broker
    # ports, and only HTTPS (the lib-based port checks: AWS-EC2-034..051).
    def open_group(name, rules):
        group = ec2.create_security_group(GroupName=name, Description=name, VpcId=prod)["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=rules)
        return group
    world = lambda port, to=None: {"IpProtocol": "tcp", "FromPort": port, "ToPort": to or port, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
    smb = open_group("smb-open", [world(445)])
    open_group("wide-open", [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    open_group("db-exposed", [world(p) for p in (21, 23, 1433, 1521, 3306, 5432, 6379, 9092, 9160, 9200, 11211, 27017)])
    open_group("https-only", [world(443), {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}])

    # An HVM image to launch from (moto's default image is paravirtual), a public one and a private one.
    hvm = ec2.register_image(Name="hvm-image", VirtualizationType="hvm", RootDeviceName="/dev/xvda",
                             Architecture="x86_64")["ImageId"]
    hardened = ec2.run_instances(
        ImageId=hvm, MinCount=1, MaxCount=1, InstanceType="t3.micro", SubnetId=prod_a,
        IamInstanceProfile={"Name": "app-profile"}, Monitoring={"Enabled": True},
        MetadataOptions={"HttpTokens": "required"}, TagSpecifications=tags("instance", "profiled"))["Instances"][0]["InstanceId"]
    ec2.run_instances(
        ImageId="ami-12c6146b", MinCount=1, MaxCount=1, InstanceType="t3.micro",
        NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": prod_a, "AssociatePublicIpAddress": True},
                           {"DeviceIndex": 1, "SubnetId": prod_b}],
        TagSpecifications=tags("instance", "dual-homed"))
    ec2.run_instances(ImageId=hvm, MinCount=1, MaxCount=1, InstanceType="t3.micro", SubnetId=prod_a, SecurityGroupIds=[smb],
                      MetadataOptions={"HttpTokens": "required"}, TagSpecifications=tags("instance", "file-server"))
    public_image = ec2.create_image(InstanceId=hardened, Name="public-image")["ImageId"]
    ec2.modify_image_attribute(ImageId=public_image, LaunchPermission={"Add": [{"Group": "all"}]})
    # AWS-EC2-014: an address in use (the base account's is not).
    allocation = ec2.allocate_address(Domain="vpc", TagSpecifications=tags("elastic-ip", "in-use"))["AllocationId"]
    ec2.associate_address(AllocationId=allocation, InstanceId=hardened)

    # AWS-EC2-022/023: launch templates.
    ec2.create_launch_template(LaunchTemplateName="lt-hardened", LaunchTemplateData={
        "ImageId": hvm, "MetadataOptions": {"HttpTokens": "required"},
        "NetworkInterfaces": [{"DeviceIndex": 0, "AssociatePublicIpAddress": False, "SubnetId": prod_a}]})
    ec2.create_launch_template(LaunchTemplateName="lt-legacy", LaunchTemplateData={
        "ImageId": "ami-12c6146b", "MetadataOptions": {"HttpTokens": "optional"},
        "NetworkInterfaces": [{"DeviceIndex": 0, "AssociatePublicIpAddress": True, "SubnetId": prod_a}]})

    # AWS-EC2-025 and AWS-EC2-008: an encrypted snapshot, and a public one.
    kms = client("kms", region)
    key = kms.create_key(Description="backup key")["KeyMetadata"]["Arn"]
    kms.enable_key_rotation(KeyId=key)  # AWS-KMS-001 expects every customer key of the seeded account to rotate
    secret = ec2.create_volume(AvailabilityZone=region + "a", Size=8, Encrypted=True, KmsKeyId=key,
                               TagSpecifications=tags("volume", "backup-source"))["VolumeId"]
    ec2.create_snapshot(VolumeId=secret, TagSpecifications=tags("snapshot", "encrypted-backup"))
    plain = ec2.create_volume(AvailabilityZone=region + "a", Size=8, Encrypted=False)["VolumeId"]
    public = ec2.create_snapshot(VolumeId=plain, TagSpecifications=tags("snapshot", "public-backup"))["SnapshotId"]
    ec2.modify_snapshot_attribute(SnapshotId=public, Attribute="createVolumePermission", OperationType="add", GroupNames=["all"])
    return {"prod": prod, "prod_a": prod_a, "prod_b": prod_b, "lab": lab, "hardened": hardened, "allocation": allocation}


def seed_us_east_1_network(client, net):
    """Transit gateways, a VPN, a peering, endpoint services and Resolver query logging (one region)."""
    ec2 = client("ec2")
    ec2.create_transit_gateway(Description="accepts every shared attachment", Options={"AutoAcceptSharedAttachments": "enable"},
                               TagSpecifications=tags("transit-gateway", "tgw-open"))
    hub = ec2.create_transit_gateway(Description="attachments need acceptance", Options={"AutoAcceptSharedAttachments": "disable"},
                                     TagSpecifications=tags("transit-gateway", "tgw-hardened"))["TransitGateway"]["TransitGatewayId"]
    ec2.create_transit_gateway_vpc_attachment(TransitGatewayId=hub, VpcId=net["prod"], SubnetIds=[net["prod_a"], net["prod_b"]],
                                              TagSpecifications=tags("transit-gateway-attachment", "prod-to-hub"))
    customer = ec2.create_customer_gateway(Type="ipsec.1", PublicIp="198.51.100.7", BgpAsn=65000)["CustomerGateway"]["CustomerGatewayId"]
    gateway = ec2.create_vpn_gateway(Type="ipsec.1")["VpnGateway"]["VpnGatewayId"]
    ec2.create_vpn_connection(Type="ipsec.1", CustomerGatewayId=customer, VpnGatewayId=gateway,
                              TagSpecifications=tags("vpn-connection", "office-vpn"))
    # AWS-EC2-039: prod-net routes all of lab-net through one peering, and one subnet of the base
    # VPC through another.
    wide = ec2.create_vpc_peering_connection(VpcId=net["prod"], PeerVpcId=net["lab"],
                                             TagSpecifications=tags("vpc-peering-connection", "prod-lab"))["VpcPeeringConnection"]["VpcPeeringConnectionId"]
    main = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["main-us-east-1"]}])["Vpcs"][0]["VpcId"]
    narrow = ec2.create_vpc_peering_connection(VpcId=net["prod"], PeerVpcId=main,
                                               TagSpecifications=tags("vpc-peering-connection", "prod-main"))["VpcPeeringConnection"]["VpcPeeringConnectionId"]
    table = ec2.create_route_table(VpcId=net["prod"], TagSpecifications=tags("route-table", "prod-peering"))["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=table, DestinationCidrBlock="10.30.0.0/16", VpcPeeringConnectionId=wide)
    ec2.create_route(RouteTableId=table, DestinationCidrBlock="10.0.3.0/24", VpcPeeringConnectionId=narrow)
    ec2.create_egress_only_internet_gateway(VpcId=net["prod"])

    # AWS-EC2-032: endpoint services, one any AWS principal may reach.
    elbv2 = client("elbv2")
    for name, principal in (("svc-open", "*"), ("svc-hardened", f"arn:aws:iam::{ACCOUNT}:root")):
        nlb = elbv2.create_load_balancer(Name=name, Subnets=[net["prod_a"], net["prod_b"]], Type="network",
                                         Scheme="internal")["LoadBalancers"][0]["LoadBalancerArn"]
        service = ec2.create_vpc_endpoint_service_configuration(NetworkLoadBalancerArns=[nlb], AcceptanceRequired=False,
                                                               TagSpecifications=tags("vpc-endpoint-service", name))
        ec2.modify_vpc_endpoint_service_permissions(ServiceId=service["ServiceConfiguration"]["ServiceId"], AddAllowedPrincipals=[principal])

    # AWS-EC2-031: prod-net's DNS queries are logged.
    resolver = client("route53resolver")
    config = resolver.create_resolver_query_log_config(
        Name="vpc-dns-logs", CreatorRequestId="signet-seed",
        DestinationArn=f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/signet/dns")["ResolverQueryLogConfig"]["Id"]
    resolver.associate_resolver_query_log_config(ResolverQueryLogConfigId=config, ResourceId=net["prod"])


def seed_load_balancers(client, net):
    """Classic and v2 load balancers, listeners, Auto Scaling (us-east-1)."""
    certificate = acm_certificate(client, "us-east-1")
    elb = client("elb")
    elb.create_load_balancer(LoadBalancerName="clb-legacy", AvailabilityZones=["us-east-1a"], Listeners=[
        {"Protocol": "HTTP", "LoadBalancerPort": 80, "InstancePort": 80},
        {"Protocol": "HTTPS", "LoadBalancerPort": 443, "InstancePort": 80,
         "SSLCertificateId": f"arn:aws:iam::{ACCOUNT}:server-certificate/legacy"}])
    elb.modify_load_balancer_attributes(LoadBalancerName="clb-legacy", LoadBalancerAttributes={
        "AdditionalAttributes": [{"Key": "elb.http.desyncmitigationmode", "Value": "monitor"}]})
    elb.create_load_balancer(LoadBalancerName="clb-secure", AvailabilityZones=["us-east-1a", "us-east-1b"], Listeners=[
        {"Protocol": "HTTPS", "LoadBalancerPort": 443, "InstancePort": 80, "SSLCertificateId": certificate}])
    elb.modify_load_balancer_attributes(LoadBalancerName="clb-secure", LoadBalancerAttributes={
        "AccessLog": {"Enabled": True, "S3BucketName": "signet-data-us-east-1", "EmitInterval": 60},
        "CrossZoneLoadBalancing": {"Enabled": True}, "ConnectionDraining": {"Enabled": True, "Timeout": 300},
        "AdditionalAttributes": [{"Key": "elb.http.desyncmitigationmode", "Value": "strictest"}]})
    elb.create_load_balancer_policy(LoadBalancerName="clb-secure", PolicyName="tls12", PolicyTypeName="SSLNegotiationPolicyType",
                                    PolicyAttributes=[{"AttributeName": "Reference-Security-Policy",
                                                       "AttributeValue": "ELBSecurityPolicy-TLS-1-2-2017-01"}])
    elb.set_load_balancer_policies_of_listener(LoadBalancerName="clb-secure", LoadBalancerPort=443, PolicyNames=["tls12"])

    elbv2 = client("elbv2")
    target_group = elbv2.create_target_group(Name="web-tg", Protocol="HTTP", Port=80, VpcId=net["prod"])["TargetGroups"][0]["TargetGroupArn"]
    secure = elbv2.create_load_balancer(Name="alb-secure", Subnets=[net["prod_a"], net["prod_b"]])["LoadBalancers"][0]["LoadBalancerArn"]
    elbv2.modify_load_balancer_attributes(LoadBalancerArn=secure, Attributes=[
        {"Key": "deletion_protection.enabled", "Value": "true"},
        {"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"},
        {"Key": "routing.http.desync_mitigation_mode", "Value": "strictest"},
        {"Key": "access_logs.s3.enabled", "Value": "true"}, {"Key": "access_logs.s3.bucket", "Value": "signet-data-us-east-1"}])
    elbv2.create_listener(LoadBalancerArn=secure, Protocol="HTTP", Port=80, DefaultActions=[
        {"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}])
    elbv2.create_listener(LoadBalancerArn=secure, Protocol="HTTPS", Port=443, SslPolicy="ELBSecurityPolicy-TLS13-1-2-2021-06",
                          Certificates=[{"CertificateArn": certificate}], DefaultActions=[{"Type": "forward", "TargetGroupArn": target_group}])
    # The base account's web-lb: plain HTTP, and HTTPS with a policy that still offers TLS 1.0.
    web = elbv2.describe_load_balancers(Names=["web-lb"])["LoadBalancers"][0]["LoadBalancerArn"]
    elbv2.modify_load_balancer_attributes(LoadBalancerArn=web, Attributes=[{"Key": "routing.http.desync_mitigation_mode", "Value": "monitor"}])
    elbv2.create_listener(LoadBalancerArn=web, Protocol="HTTP", Port=80, DefaultActions=[{"Type": "forward", "TargetGroupArn": target_group}])
    elbv2.create_listener(LoadBalancerArn=web, Protocol="HTTPS", Port=8443, SslPolicy="ELBSecurityPolicy-2016-08",
                          Certificates=[{"CertificateArn": certificate}], DefaultActions=[{"Type": "forward", "TargetGroupArn": target_group}])
    # One zone, no cross-zone balancing.
    elbv2.create_load_balancer(Name="nlb-single", Subnets=[net["prod_a"]], Type="network")

    waf = client("wafv2")
    acl = waf.create_web_acl(Name="acl-managed", Scope="REGIONAL", DefaultAction={"Allow": {}}, Rules=[
        {"Name": "block-bad-inputs", "Priority": 0, "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesKnownBadInputsRuleSet"}},
         "OverrideAction": {"None": {}}, "VisibilityConfig": {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True, "MetricName": "bad-inputs"}}],
        VisibilityConfig={"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True, "MetricName": "acl-managed"})["Summary"]["ARN"]
    waf.put_logging_configuration(LoggingConfiguration={"ResourceArn": acl, "LogDestinationConfigs": [
        f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:aws-waf-logs-signet"]})
    waf.create_web_acl(Name="acl-empty", Scope="REGIONAL", DefaultAction={"Allow": {}}, Rules=[],
                       VisibilityConfig={"SampledRequestsEnabled": False, "CloudWatchMetricsEnabled": False, "MetricName": "acl-empty"})
    waf.associate_web_acl(WebACLArn=acl, ResourceArn=secure)
    for name, metrics in (("rg-loud", True), ("rg-quiet", False)):
        waf.create_rule_group(Name=name, Scope="REGIONAL", Capacity=10, Rules=[
            {"Name": "block-test-net", "Priority": 0, "Action": {"Block": {}},
             "Statement": {"ByteMatchStatement": {"SearchString": "attack", "FieldToMatch": {"UriPath": {}},
                                                  "TextTransformations": [{"Priority": 0, "Type": "NONE"}], "PositionalConstraint": "CONTAINS"}},
             "VisibilityConfig": {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": metrics, "MetricName": name + "-rule"}}],
            VisibilityConfig={"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": metrics, "MetricName": name})

    ec2 = client("ec2")
    autoscaling = client("autoscaling")
    autoscaling.create_launch_configuration(LaunchConfigurationName="lc-legacy", ImageId="ami-12c6146b", InstanceType="t3.micro",
                                            AssociatePublicIpAddress=True, MetadataOptions={"HttpTokens": "optional", "HttpPutResponseHopLimit": 3})
    autoscaling.create_launch_configuration(LaunchConfigurationName="lc-hardened", ImageId="ami-12c6146b", InstanceType="t3.micro",
                                            AssociatePublicIpAddress=False, MetadataOptions={"HttpTokens": "required", "HttpPutResponseHopLimit": 1})
    autoscaling.create_auto_scaling_group(AutoScalingGroupName="asg-legacy", LaunchConfigurationName="lc-legacy", MinSize=0, MaxSize=1,
                                          VPCZoneIdentifier=net["prod_a"], TargetGroupARNs=[target_group], HealthCheckType="EC2")
    template = ec2.describe_launch_templates(LaunchTemplateNames=["lt-hardened"])["LaunchTemplates"][0]["LaunchTemplateId"]
    autoscaling.create_auto_scaling_group(
        AutoScalingGroupName="asg-hardened", MinSize=0, MaxSize=2, VPCZoneIdentifier=net["prod_a"] + "," + net["prod_b"],
        TargetGroupARNs=[target_group], HealthCheckType="ELB", HealthCheckGracePeriod=300,
        MixedInstancesPolicy={"LaunchTemplate": {"LaunchTemplateSpecification": {"LaunchTemplateId": template, "Version": "$Default"},
                                                 "Overrides": [{"InstanceType": "t3.micro"}, {"InstanceType": "t3a.micro"}]}})


def seed_containers(client, net):
    """ECS clusters, task definitions and services; ECR repositories and registry scanning."""
    ecs = client("ecs")
    ecs.create_cluster(clusterName="insights", settings=[{"name": "containerInsights", "value": "enabled"}])
    ecs.register_task_definition(family="hardened", networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
                                 containerDefinitions=[{
                                     "name": "app", "image": "nginx", "memory": 512, "user": "1000:1000", "privileged": False,
                                     "readonlyRootFilesystem": True, "environment": [{"name": "LOG_LEVEL", "value": "info"}],
                                     "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/hardened"}}}])
    ecs.register_task_definition(family="risky", networkMode="host", pidMode="host", containerDefinitions=[{
        "name": "agent", "image": "busybox", "memory": 128, "user": "root", "privileged": True, "readonlyRootFilesystem": False,
        "environment": [{"name": "AWS_SECRET_ACCESS_KEY", "value": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}]}])
    network = {"subnets": [net["prod_a"]], "securityGroups": [], "assignPublicIp": "ENABLED"}
    sg = client("ec2").create_security_group(GroupName="ecs-tasks", Description="ECS tasks and Batch jobs", VpcId=net["prod"])["GroupId"]
    net["tasks_sg"] = sg
    network["securityGroups"] = [sg]
    ecs.create_service(cluster="insights", serviceName="public-svc", taskDefinition="hardened", desiredCount=0, launchType="FARGATE",
                       platformVersion="1.3.0", networkConfiguration={"awsvpcConfiguration": network})
    ecs.create_service(cluster="insights", serviceName="private-svc", taskDefinition="hardened", desiredCount=0, launchType="FARGATE",
                       platformVersion="LATEST", networkConfiguration={"awsvpcConfiguration": dict(network, assignPublicIp="DISABLED")})

    ecr = client("ecr")
    ecr.create_repository(repositoryName="hardened", imageTagMutability="IMMUTABLE", imageScanningConfiguration={"scanOnPush": True})
    ecr.put_lifecycle_policy(repositoryName="hardened", lifecyclePolicyText=json.dumps({"rules": [{
        "rulePriority": 1, "description": "expire untagged images", "action": {"type": "expire"},
        "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 14}}]}))
    # AWS-ECR-005: one repository anyone may pull from, one shared with a single account.
    ecr.create_repository(repositoryName="public-images")
    ecr.set_repository_policy(repositoryName="public-images", policyText=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "AnyonePulls", "Effect": "Allow", "Principal": "*", "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]}]}))
    ecr.create_repository(repositoryName="partner-images")
    ecr.set_repository_policy(repositoryName="partner-images", policyText=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "PartnerPulls", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"},
         "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]}]}))
    # us-east-1 scans every repository on push; eu-west-1 keeps the default (no rule).
    ecr.put_registry_scanning_configuration(scanType="BASIC", rules=[
        {"scanFrequency": "SCAN_ON_PUSH", "repositoryFilters": [{"filter": "*", "filterType": "WILDCARD"}]}])


def seed_serverless(client, net):
    """Lambda functions, API Gateway REST and HTTP APIs, AppSync, Step Functions, Batch, Transfer."""
    lam = client("lambda")
    role = f"arn:aws:iam::{ACCOUNT}:role/app-role"
    lam.create_function(FunctionName="legacy-fn", Runtime="python3.7", Role=role, Handler="index.handler", Code={"ZipFile": lambda_zip()},
                        VpcConfig={"SubnetIds": [net["prod_a"]], "SecurityGroupIds": []}, Environment={"Variables": {"MODE": "legacy"}})
    lam.create_function_url_config(FunctionName="legacy-fn", AuthType="NONE", Cors={"AllowOrigins": ["*"]})
    lam.add_permission(FunctionName="legacy-fn", StatementId="AnyoneInvokes", Action="lambda:InvokeFunction", Principal="*")
    lam.create_function(FunctionName="modern-fn", Runtime="python3.12", Role=role, Handler="index.handler", Code={"ZipFile": lambda_zip()},
                        VpcConfig={"SubnetIds": [net["prod_a"], net["prod_b"]], "SecurityGroupIds": []})
    lam.create_function_url_config(FunctionName="modern-fn", AuthType="AWS_IAM", Cors={"AllowOrigins": ["https://app.example.com"]})
    lam.add_permission(FunctionName="modern-fn", StatementId="UploadsInvoke", Action="lambda:InvokeFunction", Principal="s3.amazonaws.com",
                       SourceArn="arn:aws:s3:::signet-data-us-east-1", SourceAccount=ACCOUNT)

    apigw = client("apigateway")
    orders = apigw.create_rest_api(name="orders", endpointConfiguration={"types": ["REGIONAL"]})["id"]
    root = apigw.get_resources(restApiId=orders)["items"][0]["id"]
    apigw.put_method(restApiId=orders, resourceId=root, httpMethod="GET", authorizationType="NONE")
    apigw.put_integration(restApiId=orders, resourceId=root, httpMethod="GET", type="MOCK")
    deployment = apigw.create_deployment(restApiId=orders, stageName="prod")["id"]
    apigw.create_stage(restApiId=orders, stageName="hardened", deploymentId=deployment, tracingEnabled=True,
                       cacheClusterEnabled=True, cacheClusterSize="0.5")
    apigw.update_stage(restApiId=orders, stageName="hardened", patchOperations=[
        {"op": "replace", "path": "/*/*/logging/loglevel", "value": "INFO"},
        {"op": "replace", "path": "/*/*/caching/enabled", "value": "true"},
        {"op": "replace", "path": "/*/*/caching/dataEncrypted", "value": "true"}])
    # prod caches unencrypted.
    apigw.update_stage(restApiId=orders, stageName="prod", patchOperations=[
        {"op": "replace", "path": "/cacheClusterEnabled", "value": "true"},
        {"op": "replace", "path": "/*/*/caching/enabled", "value": "true"},
        {"op": "replace", "path": "/*/*/caching/dataEncrypted", "value": "false"}])
    secure = apigw.create_rest_api(name="secure-api")["id"]
    apigw.create_authorizer(restApiId=secure, name="token", type="TOKEN", identitySource="method.request.header.Authorization",
                            authorizerUri="arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                                          f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:worker/invocations")
    certificate = acm_certificate(client, "us-east-1")
    for domain, policy in (("legacy.example.com", "TLS_1_0"), ("api.example.com", "TLS_1_2")):
        apigw.create_domain_name(domainName=domain, securityPolicy=policy, regionalCertificateArn=certificate,
                                 endpointConfiguration={"types": ["REGIONAL"]})

    http = client("apigatewayv2")
    public = http.create_api(Name="public-http", ProtocolType="HTTP")["ApiId"]
    http.create_route(ApiId=public, RouteKey="GET /items", AuthorizationType="NONE")
    http.create_stage(ApiId=public, StageName="dev")
    private = http.create_api(Name="private-http", ProtocolType="HTTP")["ApiId"]
    http.create_route(ApiId=private, RouteKey="GET /items", AuthorizationType="AWS_IAM")
    http.create_stage(ApiId=private, StageName="live", AccessLogSettings={
        "DestinationArn": f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/signet/http-api", "Format": "$context.requestId"})

    appsync = client("appsync")
    api = appsync.create_graphql_api(name="public-api", authenticationType="API_KEY", logConfig={
        "fieldLogLevel": "NONE", "cloudWatchLogsRoleArn": role})["graphqlApi"]["apiId"]
    appsync.create_api_cache(apiId=api, ttl=60, apiCachingBehavior="FULL_REQUEST_CACHING", type="SMALL", atRestEncryptionEnabled=False)
    api = appsync.create_graphql_api(name="private-api", authenticationType="AWS_IAM", logConfig={
        "fieldLogLevel": "ALL", "cloudWatchLogsRoleArn": role})["graphqlApi"]["apiId"]
    appsync.create_api_cache(apiId=api, ttl=60, apiCachingBehavior="FULL_REQUEST_CACHING", type="SMALL", atRestEncryptionEnabled=True)

    sfn = client("stepfunctions")
    definition = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": True}}})
    sfn.create_state_machine(name="audited", definition=definition, roleArn=role, loggingConfiguration={
        "level": "ERROR", "includeExecutionData": False,
        "destinations": [{"cloudWatchLogsLogGroup": {"logGroupArn": f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/signet/sfn:*"}}]},
        encryptionConfiguration={"type": "CUSTOMER_MANAGED_KMS_KEY", "kmsKeyId": f"arn:aws:kms:us-east-1:{ACCOUNT}:key/sfn"})
    sfn.create_state_machine(name="quiet", definition=definition, roleArn=role)

    batch = client("batch")
    environment = batch.create_compute_environment(
        computeEnvironmentName="jobs", type="MANAGED", state="ENABLED", serviceRole=role,
        computeResources={"type": "FARGATE", "maxvCpus": 4, "subnets": [net["prod_a"]], "securityGroupIds": [net["tasks_sg"]]})["computeEnvironmentArn"]
    batch.create_job_queue(jobQueueName="jobs", state="ENABLED", priority=1,
                           computeEnvironmentOrder=[{"order": 1, "computeEnvironment": environment}])
    batch.register_job_definition(jobDefinitionName="safe-job", type="container", containerProperties={
        "image": "busybox", "vcpus": 1, "memory": 128, "environment": [{"name": "LOG_LEVEL", "value": "info"}]})
    batch.register_job_definition(jobDefinitionName="risky-job", type="container", containerProperties={
        "image": "busybox", "vcpus": 1, "memory": 128, "privileged": True,
        "environment": [{"name": "AWS_ACCESS_KEY_ID", "value": "AKIAIOSFODNN7EXAMPLE"}]})

    # Transfer servers are named by their random id: one per region, FTP in us-east-1 only.
    client("transfer").create_server(Protocols=["FTP", "SFTP"], EndpointType="PUBLIC", IdentityProviderType="SERVICE_MANAGED")
    client("transfer", "eu-west-1").create_server(Protocols=["SFTP"], EndpointType="PUBLIC", IdentityProviderType="SERVICE_MANAGED")


def seed_edge(client, net):
    """CloudFront, Route 53, Network Firewall, Shield Advanced."""
    # One distribution (its name is a random domain): it fails most checks; passes are recorded.
    client("cloudfront").create_distribution(DistributionConfig={
        "CallerReference": "signet-seed", "Comment": "open", "Enabled": True,
        "Origins": {"Quantity": 2, "Items": [
            {"Id": "legacy-app", "DomainName": "app.example.com",
             "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": "http-only",
                                    "OriginSslProtocols": {"Quantity": 2, "Items": ["SSLv3", "TLSv1"]}}},
            {"Id": "gone-bucket", "DomainName": "signet-deleted-bucket.s3.amazonaws.com", "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
        "DefaultCacheBehavior": {"TargetOriginId": "legacy-app", "ViewerProtocolPolicy": "allow-all",
                                 "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}}, "MinTTL": 0},
        "ViewerCertificate": {"CloudFrontDefaultCertificate": True}})

    route53 = client("route53")
    logged = route53.create_hosted_zone(Name="logged.example.org", CallerReference="signet-logged")["HostedZone"]["Id"]
    logs = client("logs")
    logs.create_log_group(logGroupName="/aws/route53/logged.example.org")
    route53.create_query_logging_config(
        HostedZoneId=logged.split("/")[-1],
        CloudWatchLogsLogGroupArn=f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/aws/route53/logged.example.org:*")
    route53.create_hosted_zone(Name="internal.example", CallerReference="signet-private", HostedZoneConfig={"PrivateZone": True},
                               VPC={"VPCRegion": "us-east-1", "VPCId": net["prod"]})

    firewall = client("network-firewall")
    policy = f"arn:aws:network-firewall:us-east-1:{ACCOUNT}:firewall-policy/baseline"
    firewall.create_firewall(FirewallName="fw-open", FirewallPolicyArn=policy, VpcId=net["prod"],
                             SubnetMappings=[{"SubnetId": net["prod_a"]}], DeleteProtection=False)
    hardened = firewall.create_firewall(FirewallName="fw-hardened", FirewallPolicyArn=policy, VpcId=net["prod"], DeleteProtection=True,
                                        SubnetMappings=[{"SubnetId": net["prod_a"]}, {"SubnetId": net["prod_b"]}])["Firewall"]["FirewallArn"]
    firewall.update_logging_configuration(FirewallArn=hardened, LoggingConfiguration={"LogDestinationConfigs": [
        {"LogType": "ALERT", "LogDestinationType": "CloudWatchLogs", "LogDestination": {"logGroup": "/signet/firewall"}}]})

    # Shield Advanced: moto's DescribeSubscription answers a start time no client can read, so the
    # account stays unsubscribed (every protection check passes: nothing to protect); one protection
    # without health checks for the protection type (AWS-SHIELD-002). Subscribed accounts are recorded.
    client("shield").create_protection(Name="site-zone", ResourceArn="arn:aws:route53:::hostedzone/" + logged.split("/")[-1])


def seed(client, regions):
    for region in regions:
        net = seed_network(client, region)
        if region == "us-east-1":
            us_east_1 = net
            seed_us_east_1_network(client, net)
    seed_load_balancers(client, us_east_1)
    seed_containers(client, us_east_1)
    seed_serverless(client, us_east_1)
    seed_edge(client, us_east_1)
    # Last: EBS encryption by default in eu-west-1 only (AWS-EC2-007), once every volume above is made.
    client("ec2", "eu-west-1").enable_ebs_encryption_by_default()
