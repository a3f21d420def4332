"""Seeds identity, logging, security and management services for the built-ins' tests: IAM,
CloudTrail, CloudWatch and CloudWatch Logs, Config, GuardDuty, Security Hub, Macie, KMS,
ACM, Organizations, SSM, Secrets Manager, SNS, SQS, Cognito, CodeBuild, CodePipeline,
EventBridge and Directory Service. Each resource is made so that a signature's test
(../tests/NAME.json) has a Pass and a Fail by the resource's name; what moto cannot make
(backdated dates, the root user's credentials, services it does not serve) is tested on
recorded answers instead.

Names used by the tests: the trail `audit-us-east-1` is the compliant one (and the
`main-*` trails of the base account are not); users `ops-admin`, `mfa-user`; roles
`break-glass`, `legacy-ops`, `auditor`; groups `power` (and the base `admins`); customer
policies `full-admin`, `kms-full`, `trail-admin`, `marketplace-buyer` (and the base
`read-s3`).
"""
import datetime
import json

ACCOUNT = "123456789012"
AUDIT_BUCKET = "signet-audit-trail-logs"
AUDIT_GROUP = "/signet/audit-trail"

# The CIS monitoring controls' metric filters on the audit trail's log group, one per
# requirement, each with an alarm notifying the `security-alerts` topic.
CIS_FILTERS = {
    "unauthorized-api-calls": '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && '
                              '($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
    "console-signin-without-mfa": '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && '
                                  '($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    "root-usage": '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    "iam-policy-changes": "{ ($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || "
                          "($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || "
                          "($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || "
                          "($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || "
                          "($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || "
                          "($.eventName=DetachGroupPolicy) }",
    "cloudtrail-changes": "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || "
                          "($.eventName = StartLogging) || ($.eventName = StopLogging) }",
    "console-auth-failures": '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
    "cmk-disable-or-deletion": "{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }",
    "s3-bucket-policy-changes": "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || "
                                "($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || "
                                "($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || "
                                "($.eventName = DeleteBucketReplication)) }",
    "config-changes": "{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || "
                      "($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }",
    "security-group-changes": "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || "
                              "($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || "
                              "($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }",
    "nacl-changes": "{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || "
                    "($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }",
    "network-gateway-changes": "{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || "
                               "($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || "
                               "($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }",
    "route-table-changes": "{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || "
                           "($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || "
                           "($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }",
    "vpc-changes": "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || "
                   "($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || "
                   "($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || "
                   "($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || "
                   "($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }",
    "organizations-changes": "{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = AcceptHandshake) || "
                             "($.eventName = AttachPolicy) || ($.eventName = CreateAccount) || ($.eventName = CreateOrganizationalUnit) || "
                             "($.eventName = CreatePolicy) || ($.eventName = DeclineHandshake) || ($.eventName = DeleteOrganization) || "
                             "($.eventName = DeleteOrganizationalUnit) || ($.eventName = DeletePolicy) || ($.eventName = DetachPolicy) || "
                             "($.eventName = DisablePolicyType) || ($.eventName = EnablePolicyType) || "
                             "($.eventName = InviteAccountToOrganization) || ($.eventName = LeaveOrganization) || "
                             "($.eventName = MoveAccount) || ($.eventName = RemoveAccountFromOrganization) || "
                             "($.eventName = UpdatePolicy) || ($.eventName = UpdateOrganizationalUnit)) }",
}


def policy(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(action, resource="*"):
    return {"Effect": "Allow", "Action": action, "Resource": resource}


def certificate(common_name, days_valid, key_bits=2048, days_old=1):
    """A self-signed certificate (PEM, key PEM) valid from `days_old` days ago for `days_valid` days."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=key_bits)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    start = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=days_old)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(start)
            .not_valid_after(start + datetime.timedelta(days=days_valid))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(common_name)]), critical=False)
            .sign(key, hashes.SHA256()))
    return (cert.public_bytes(serialization.Encoding.PEM).decode(),
            key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                              serialization.NoEncryption()).decode())


def seed_iam(client):
    iam = client("iam")
    trust_account = policy({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "sts:AssumeRole"})
    # Roles: full admin through the AWS managed policy, through an inline policy, and a read-only auditor.
    iam.create_role(RoleName="break-glass", AssumeRolePolicyDocument=trust_account)
    iam.attach_role_policy(RoleName="break-glass", PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")
    iam.create_role(RoleName="legacy-ops", AssumeRolePolicyDocument=trust_account)
    iam.put_role_policy(RoleName="legacy-ops", PolicyName="everything", PolicyDocument=policy(allow("*")))
    iam.create_role(RoleName="auditor", AssumeRolePolicyDocument=trust_account)
    iam.attach_role_policy(RoleName="auditor", PolicyArn="arn:aws:iam::aws:policy/SecurityAudit")
    iam.attach_role_policy(RoleName="auditor", PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")
    # Users: an admin by managed policy with CloudShell, and a console user with a virtual MFA device.
    iam.create_user(UserName="ops-admin")
    iam.attach_user_policy(UserName="ops-admin", PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")
    iam.attach_user_policy(UserName="ops-admin", PolicyArn="arn:aws:iam::aws:policy/AWSCloudShellFullAccess")
    iam.create_user(UserName="mfa-user")
    iam.create_login_profile(UserName="mfa-user", Password="Sup3r-Secret-Pass!")
    device = iam.create_virtual_mfa_device(VirtualMFADeviceName="mfa-user")["VirtualMFADevice"]["SerialNumber"]
    iam.enable_mfa_device(UserName="mfa-user", SerialNumber=device, AuthenticationCode1="123456", AuthenticationCode2="654321")
    # Groups: the base `admins` (alice, no MFA) gets AdministratorAccess; `power` grants *:* inline;
    # `mfa-admins` holds only mfa-user, who has MFA.
    iam.attach_group_policy(GroupName="admins", PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")
    iam.create_group(GroupName="power")
    iam.put_group_policy(GroupName="power", PolicyName="everything", PolicyDocument=policy(allow("*")))
    iam.create_group(GroupName="mfa-admins")
    iam.attach_group_policy(GroupName="mfa-admins", PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")
    iam.add_user_to_group(GroupName="mfa-admins", UserName="mfa-user")
    # Customer managed policies, each too broad in one way (the base `read-s3` is narrow).
    for name, statement in [("full-admin", allow("*")), ("kms-full", allow("kms:*")), ("trail-admin", allow("cloudtrail:*")),
                            ("marketplace-buyer", allow("aws-marketplace:Subscribe"))]:
        arn = iam.create_policy(PolicyName=name, PolicyDocument=policy(statement))["Policy"]["Arn"]
        iam.attach_role_policy(RoleName="legacy-ops", PolicyArn=arn)
    # Federation: a SAML and an OIDC provider.
    iam.create_saml_provider(Name="corp-idp", SAMLMetadataDocument="<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" "
                                                                   "entityID=\"https://idp.example.com\">" + " " * 1000 + "</md:EntityDescriptor>")
    iam.create_open_id_connect_provider(Url="https://token.actions.githubusercontent.com", ClientIDList=["sts.amazonaws.com"],
                                        ThumbprintList=["6938fd4d98bab03faadb97b34396831e3780aea1"])
    # A server certificate that expired yesterday (moto reports every server certificate as
    # expired in 2012 whatever its body says, so a valid one is tested on recorded answers).
    body, key = certificate("web-expired.example.com", days_valid=1, days_old=2)
    iam.upload_server_certificate(ServerCertificateName="web-expired", CertificateBody=body, PrivateKey=key)


def seed_logging(client, regions):
    """The compliant trail `audit-us-east-1` (multi-region, logging, validated, KMS-encrypted, S3
    data events, bucket with access logging, CloudWatch Logs with every CIS metric filter and an
    alarm notifying a subscribed topic); the base `main-*` trails are not (and main-eu-west-1 is
    narrowed to write events)."""
    region = "us-east-1"
    s3 = client("s3", region)
    s3.create_bucket(Bucket=AUDIT_BUCKET)
    # (moto reads a bucket policy's principals as objects when it checks log delivery: {"AWS": "*"}, not "*")
    s3.put_bucket_policy(Bucket=AUDIT_BUCKET, Policy=policy(
        {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "s3:*", "Resource": f"arn:aws:s3:::{AUDIT_BUCKET}/*",
         "Condition": {"Bool": {"aws:SecureTransport": "false"}}}))
    s3.put_bucket_acl(Bucket=AUDIT_BUCKET, GrantWrite="uri=http://acs.amazonaws.com/groups/s3/LogDelivery",
                      GrantReadACP="uri=http://acs.amazonaws.com/groups/s3/LogDelivery")
    s3.put_bucket_logging(Bucket=AUDIT_BUCKET, BucketLoggingStatus={"LoggingEnabled": {"TargetBucket": AUDIT_BUCKET, "TargetPrefix": "access/"}})
    kms = client("kms", region)
    key = kms.create_key(Description="audit trail key")["KeyMetadata"]["Arn"]
    kms.enable_key_rotation(KeyId=key)
    logs = client("logs", region)
    logs.create_log_group(logGroupName=AUDIT_GROUP, kmsKeyId=key)
    logs.put_retention_policy(logGroupName=AUDIT_GROUP, retentionInDays=400)
    sns = client("sns", region)
    topic = sns.create_topic(Name="security-alerts", Attributes={"KmsMasterKeyId": "alias/aws/sns"})["TopicArn"]
    queue = client("sqs", region).create_queue(QueueName="security-alerts-inbox")["QueueUrl"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=f"arn:aws:sqs:{region}:{ACCOUNT}:security-alerts-inbox")
    cloudwatch = client("cloudwatch", region)
    for name, pattern in CIS_FILTERS.items():
        logs.put_metric_filter(logGroupName=AUDIT_GROUP, filterName=name, filterPattern=pattern,
                               metricTransformations=[{"metricName": name, "metricNamespace": "CISBenchmark", "metricValue": "1"}])
        cloudwatch.put_metric_alarm(AlarmName="cis-" + name, MetricName=name, Namespace="CISBenchmark", Statistic="Sum", Period=300,
                                    EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold",
                                    AlarmActions=[topic])
    cloudtrail = client("cloudtrail", region)
    cloudtrail.create_trail(Name="audit-us-east-1", S3BucketName=AUDIT_BUCKET, IsMultiRegionTrail=True, EnableLogFileValidation=True,
                            KmsKeyId=key, CloudWatchLogsLogGroupArn=f"arn:aws:logs:{region}:{ACCOUNT}:log-group:{AUDIT_GROUP}:*",
                            CloudWatchLogsRoleArn=f"arn:aws:iam::{ACCOUNT}:role/app-role")
    cloudtrail.put_event_selectors(TrailName="audit-us-east-1", EventSelectors=[
        {"ReadWriteType": "All", "IncludeManagementEvents": True,
         "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}])
    cloudtrail.put_insight_selectors(TrailName="audit-us-east-1", InsightSelectors=[{"InsightType": "ApiCallRateInsight"}])
    cloudtrail.start_logging(Name="audit-us-east-1")
    # The base eu-west-1 trail records write management events only.
    client("cloudtrail", "eu-west-1").put_event_selectors(TrailName="main-eu-west-1", EventSelectors=[
        {"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True}])
    # A log group without encryption that keeps its events a week (the base /app/web keeps them forever).
    debug = client("logs", "eu-west-1")
    debug.create_log_group(logGroupName="/app/debug")
    debug.put_retention_policy(logGroupName="/app/debug", retentionInDays=7)


def seed_security_services(client, regions):
    """Detection services on in us-east-1 and off (or narrowed) in eu-west-1."""
    for region in regions:
        on = region == "us-east-1"
        guardduty = client("guardduty", region)
        for detector in guardduty.list_detectors()["DetectorIds"]:  # the base account's, enabled
            if on:
                guardduty.update_detector(DetectorId=detector, DataSources={"S3Logs": {"Enable": True}, "Kubernetes": {"AuditLogs": {"Enable": True}}},
                                          Features=[{"Name": "RDS_LOGIN_EVENTS", "Status": "ENABLED"},
                                                    {"Name": "EKS_RUNTIME_MONITORING", "Status": "ENABLED"}])
            else:
                guardduty.update_detector(DetectorId=detector, Enable=False)
        if on:
            client("securityhub", region).enable_security_hub(EnableDefaultStandards=True)
        else:
            client("macie2", region).disable_macie()  # moto starts every region with Macie on
        if on:  # the base recorder records everything here: give it a channel and start it
            config = client("config", region)
            config.put_delivery_channel(DeliveryChannel={"name": "default", "s3BucketName": AUDIT_BUCKET})
            config.start_configuration_recorder(ConfigurationRecorderName="default")


def seed_certificates(client):
    """ACM in us-east-1: the base www.example.com is sound; one expires in 12 days, one has a
    1024-bit RSA key, one opts out of certificate transparency logs."""
    acm = client("acm")
    body, key = certificate("expiring.example.com", days_valid=12)
    acm.import_certificate(Certificate=body, PrivateKey=key)
    body, key = certificate("weak.example.com", days_valid=400, key_bits=1024)
    acm.import_certificate(Certificate=body, PrivateKey=key)
    # (moto's ListCertificates breaks on a certificate whose options lack Export: always give both)
    acm.request_certificate(DomainName="no-ct.example.com",
                            Options={"CertificateTransparencyLoggingPreference": "DISABLED", "Export": "DISABLED"})


def seed_organization(client):
    """This account is the management account of an organization with a tag policy attached to its root."""
    org = client("organizations")
    org.create_organization(FeatureSet="ALL")
    root = org.list_roots()["Roots"][0]["Id"]
    org.enable_policy_type(RootId=root, PolicyType="TAG_POLICY")
    tags = org.create_policy(Name="cost-center-tags", Type="TAG_POLICY", Description="every resource names its cost center",
                             Content=json.dumps({"tags": {"costcenter": {"tag_key": {"@@assign": "CostCenter"}}}}))["Policy"]["PolicySummary"]["Id"]
    org.attach_policy(PolicyId=tags, TargetId=root)


def seed_app_services(client):
    """Secrets, topics, queues, SSM documents, Cognito, CodeBuild, CodePipeline, EventBridge and
    a directory, in us-east-1, each with a sound and an unsound example by name."""
    region = "us-east-1"
    secrets = client("secretsmanager", region)
    secrets.create_secret(Name="rotated-secret", SecretString="s3cr3t")
    try:  # moto turns rotation on, then fails to find the rotation function: the setting is what counts here
        secrets.rotate_secret(SecretId="rotated-secret", RotationLambdaARN=f"arn:aws:lambda:{region}:{ACCOUNT}:function:rotator",
                              RotationRules={"AutomaticallyAfterDays": 30})
    except secrets.exceptions.ResourceNotFoundException:
        pass
    secrets.create_secret(Name="shared-secret", SecretString="s3cr3t")
    secrets.put_resource_policy(SecretId="shared-secret", ResourcePolicy=policy(
        {"Effect": "Allow", "Principal": "*", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}))

    sns = client("sns", region)
    public_topic = sns.create_topic(Name="public-topic")["TopicArn"]
    sns.set_topic_attributes(TopicArn=public_topic, AttributeName="Policy", AttributeValue=policy(
        {"Effect": "Allow", "Principal": "*", "Action": "SNS:Publish", "Resource": public_topic}))
    sqs = client("sqs", region)
    sqs.create_queue(QueueName="plain-queue", Attributes={"SqsManagedSseEnabled": "false"})
    sqs.create_queue(QueueName="public-queue", Attributes={"Policy": policy(
        {"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": f"arn:aws:sqs:{region}:{ACCOUNT}:public-queue"})})

    ssm = client("ssm", region)
    script = lambda command: json.dumps({"schemaVersion": "2.2", "description": "signet seed", "mainSteps": [
        {"action": "aws:runShellScript", "name": "run", "inputs": {"runCommand": [command]}}]})
    ssm.create_document(Name="restart-web", DocumentType="Command", Content=script("systemctl restart nginx"))
    ssm.create_document(Name="shared-runbook", DocumentType="Command", Content=script("uptime"))
    ssm.modify_document_permission(Name="shared-runbook", PermissionType="Share", AccountIdsToAdd=["all"])
    ssm.create_document(Name="bootstrap-db", DocumentType="Command",
                        Content=script("mysql -u admin --password=Hunter2Hunter2 -e 'select 1'"))

    cognito = client("cognito-idp", region)
    cognito.create_user_pool(PoolName="customers", MfaConfiguration="ON", UserPoolAddOns={"AdvancedSecurityMode": "ENFORCED"},
                             Policies={"PasswordPolicy": {"MinimumLength": 14, "RequireUppercase": True, "RequireLowercase": True,
                                                          "RequireNumbers": True, "RequireSymbols": True}})
    cognito.create_user_pool(PoolName="legacy-users", MfaConfiguration="OFF",
                             Policies={"PasswordPolicy": {"MinimumLength": 8, "RequireUppercase": False, "RequireLowercase": False,
                                                          "RequireNumbers": False, "RequireSymbols": False}})
    identity = client("cognito-identity", region)
    identity.create_identity_pool(IdentityPoolName="guests", AllowUnauthenticatedIdentities=True)
    identity.create_identity_pool(IdentityPoolName="members", AllowUnauthenticatedIdentities=False)

    codebuild = client("codebuild", region)
    role = f"arn:aws:iam::{ACCOUNT}:role/app-role"
    environment = lambda variables: {"type": "LINUX_CONTAINER", "image": "aws/codebuild/standard:7.0", "computeType": "BUILD_GENERAL1_SMALL",
                                     "environmentVariables": variables}
    codebuild.create_project(name="clean-build", serviceRole=role, artifacts={"type": "NO_ARTIFACTS"},
                             source={"type": "GITHUB", "location": "https://github.com/example/app.git",
                                     "buildspec": "version: 0.2\nphases:\n  build:\n    commands:\n      - make test\n"},
                             environment=environment([{"name": "DB_PASSWORD", "value": "/app/db-password", "type": "PARAMETER_STORE"}]),
                             logsConfig={"cloudWatchLogs": {"status": "ENABLED"},
                                         "s3Logs": {"status": "ENABLED", "location": AUDIT_BUCKET + "/build-logs", "encryptionDisabled": False}})
    codebuild.create_project(name="leaky-build", serviceRole=role, artifacts={"type": "NO_ARTIFACTS"},
                             source={"type": "GITHUB", "location": "https://deploy:ghp_0123456789abcdef0123456789abcdef0123@github.com/example/app.git"},
                             environment=environment([{"name": "AWS_ACCESS_KEY_ID", "value": "AKIAIOSFODNN7EXAMPLE", "type": "PLAINTEXT"},
                                                      {"name": "AWS_SECRET_ACCESS_KEY", "value": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "type": "PLAINTEXT"}]),
                             logsConfig={"cloudWatchLogs": {"status": "DISABLED"},
                                         "s3Logs": {"status": "ENABLED", "location": AUDIT_BUCKET + "/build-logs", "encryptionDisabled": True}})
    codebuild.create_project(name="silent-build", serviceRole=role, artifacts={"type": "NO_ARTIFACTS"},
                             source={"type": "S3", "location": AUDIT_BUCKET + "/release.zip", "buildspec": "version: 0.2\nphases:\n  build:\n    commands:\n      - echo ok\n"},
                             environment=environment([]),
                             logsConfig={"cloudWatchLogs": {"status": "DISABLED"}, "s3Logs": {"status": "DISABLED"}})

    iam = client("iam")
    iam.create_role(RoleName="pipeline-role", AssumeRolePolicyDocument=policy(
        {"Effect": "Allow", "Principal": {"Service": "codepipeline.amazonaws.com"}, "Action": "sts:AssumeRole"}))
    client("codepipeline", region).create_pipeline(pipeline={
        "name": "release", "roleArn": f"arn:aws:iam::{ACCOUNT}:role/pipeline-role",
        "artifactStore": {"type": "S3", "location": AUDIT_BUCKET},
        "stages": [{"name": "Source", "actions": [{"name": "Fetch", "actionTypeId": {"category": "Source", "owner": "AWS", "provider": "S3", "version": "1"},
                                                   "configuration": {"S3Bucket": AUDIT_BUCKET, "S3ObjectKey": "release.zip"},
                                                   "outputArtifacts": [{"name": "src"}]}]},
                   {"name": "Build", "actions": [{"name": "Make", "actionTypeId": {"category": "Build", "owner": "AWS", "provider": "CodeBuild", "version": "1"},
                                                  "configuration": {"ProjectName": "clean-build"}, "inputArtifacts": [{"name": "src"}]}]}]})

    events = client("events", region)
    events.create_event_bus(Name="partner-bus")
    events.put_permission(EventBusName="partner-bus", Policy=policy(
        {"Sid": "anyone", "Effect": "Allow", "Principal": "*", "Action": "events:PutEvents",
         "Resource": f"arn:aws:events:{region}:{ACCOUNT}:event-bus/partner-bus"}))
    events.create_event_bus(Name="orders-bus")
    events.put_permission(EventBusName="orders-bus", Policy=policy(
        {"Sid": "shop", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Action": "events:PutEvents",
         "Resource": f"arn:aws:events:{region}:{ACCOUNT}:event-bus/orders-bus"}))

    # Two directories in the base VPC (moto adds a controllers security group without ingress
    # and network interfaces): one forwards its logs to CloudWatch Logs.
    # A directory needs two subnets in different zones: the base VPC's, plus one more when
    # moto put both base subnets in the same zone.
    ec2 = client("ec2", region)
    vpc = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["main-" + region]}])["Vpcs"][0]["VpcId"]
    by_zone = {}
    for subnet in ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]:
        by_zone.setdefault(subnet["AvailabilityZone"], subnet["SubnetId"])
    if len(by_zone) < 2:
        zone = next(z for z in [region + "c", region + "d"] if z not in by_zone)
        by_zone[zone] = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.9.0/24", AvailabilityZone=zone)["Subnet"]["SubnetId"]
    subnets = list(by_zone.values())[:2]
    ds = client("ds", region)
    for name in ["corp.example.com", "lab.example.com"]:
        directory = ds.create_directory(Name=name, Password="Sup3r-Secret-Pass!", Size="Small",
                                        VpcSettings={"VpcId": vpc, "SubnetIds": subnets})["DirectoryId"]
        if name.startswith("corp"):
            client("logs", region).create_log_group(logGroupName="/aws/directoryservice/" + directory)
            ds.create_log_subscription(DirectoryId=directory, LogGroupName="/aws/directoryservice/" + directory)


def seed_catalog_types(client):
    """One resource of each remaining type of these services that moto serves, so the inventory
    finds every type (those moto does not serve are tested on recorded listings)."""
    region = "us-east-1"
    client("cloudformation", region).create_stack(StackName="network-baseline", TemplateBody=json.dumps(
        {"Resources": {"Ready": {"Type": "AWS::CloudFormation::WaitConditionHandle"}}}))
    client("cloudformation", region).create_stack_set(StackSetName="guardrails", TemplateBody=json.dumps(
        {"Resources": {"Ready": {"Type": "AWS::CloudFormation::WaitConditionHandle"}}}))
    client("events", region).put_rule(Name="nightly-report", ScheduleExpression="cron(0 3 * * ? *)", State="ENABLED")
    ssm = client("ssm", region)
    ssm.create_patch_baseline(Name="linux-critical", OperatingSystem="AMAZON_LINUX_2023",
                              ApprovalRules={"PatchRules": [{"PatchFilterGroup": {"PatchFilters": [{"Key": "CLASSIFICATION", "Values": ["Security"]}]},
                                                             "ApproveAfterDays": 7}]})
    ssm.create_maintenance_window(Name="sunday-patching", Schedule="cron(0 2 ? * SUN *)", Duration=3, Cutoff=1,
                                  AllowUnassociatedTargets=False)
    config = client("config", region)
    config.put_config_rule(ConfigRule={"ConfigRuleName": "s3-bucket-versioning", "Source": {"Owner": "AWS", "SourceIdentifier": "S3_BUCKET_VERSIONING_ENABLED"}})
    config.put_configuration_aggregator(ConfigurationAggregatorName="all-regions", AccountAggregationSources=[
        {"AccountIds": [ACCOUNT], "AllAwsRegions": True}])
    client("logs", region).put_resource_policy(policyName="route53-query-logs", policyDocument=policy(
        {"Effect": "Allow", "Principal": {"Service": "route53.amazonaws.com"}, "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
         "Resource": f"arn:aws:logs:{region}:{ACCOUNT}:log-group:/aws/route53/*"}))
    client("inspector2", region).create_filter(name="accepted-dev-findings", action="SUPPRESS",
                                               filterCriteria={"resourceTags": [{"comparison": "EQUALS", "key": "env", "value": "dev"}]})


def seed(client, regions):
    seed_iam(client)
    seed_logging(client, regions)
    seed_security_services(client, regions)
    seed_certificates(client)
    seed_organization(client)
    seed_app_services(client)
    seed_catalog_types(client)
