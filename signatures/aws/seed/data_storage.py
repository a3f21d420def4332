"""Seeds the data, storage and analytics services for the built-ins' tests (S3, RDS, Neptune,
DynamoDB, DAX, ElastiCache, Redshift, OpenSearch, EMR, Glue, Athena, Kinesis, Firehose, MSK,
MQ, DMS, EFS, Backup, SageMaker, FSx, MemoryDB) on top of the base account
(src/aws/reference/seed_account.py). Most services get a hardened resource and a weak one in
us-east-1, named for what they are, so that each signature has a Pass and a Fail; eu-west-1
keeps the base account's defaults (account-level settings left off there are the Fails).

Types moto does not serve (DocumentDB, Redshift Serverless, MSK Connect, Storage Gateway,
Glacier vault policies, EMR security configurations, Glue ML transforms, ...) are tested on
recorded answers instead (../tests/*.json and src/aws/inventory/recorded_listings/).
"""
import json

ACCOUNT = "123456789012"
REGION = "us-east-1"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/app-role"


def seed(client, regions):
    kms = client("kms", REGION)
    key = kms.create_key(Description="data services key")["KeyMetadata"]["Arn"]
    kms.enable_key_rotation(KeyId=key)
    network = base_network(client)
    seed_s3(client)
    seed_rds(client, network, regions)
    seed_neptune(client, key)
    seed_dynamodb(client, key)
    seed_elasticache(client, network)
    seed_redshift(client)
    seed_opensearch(client, network, key)
    seed_emr(client)
    seed_glue(client, key)
    seed_athena(client, key)
    seed_streams(client, key)
    seed_msk(client, network, key)
    seed_mq(client, network)
    seed_dms(client)
    seed_efs(client)
    seed_backup(client, key)
    seed_sagemaker(client, network, key)
    seed_fsx(client, network)
    seed_memorydb(client, network)


def base_network(client):
    """The base account's VPC and subnets in us-east-1 (10.0.1.0/24 in a, 10.0.2.0/24 in b)."""
    ec2 = client("ec2", REGION)
    vpc = ec2.describe_vpcs(Filters=[{"Name": "cidr", "Values": ["10.0.0.0/16"]}])["Vpcs"][0]["VpcId"]
    subnets = [s["SubnetId"] for s in ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]]
    sg = ec2.create_security_group(GroupName="data-private", Description="data services, VPC only", VpcId=vpc)["GroupId"]
    return {"vpc": vpc, "subnets": subnets, "sg": sg}


def s3_control(client):
    """S3 Control puts the account id in the host name; moto serves it on the plain endpoint."""
    s3control = client("s3control", REGION)
    host = s3control.meta.endpoint_url.split("://", 1)[1]

    def plain_host(request, **_):
        request.url = request.url.replace("://" + ACCOUNT + ".", "://", 1)
        request.headers["Host"] = host
    s3control.meta.events.register("before-send.s3-control", plain_host)
    return s3control


def seed_s3(client):
    s3 = client("s3", REGION)
    # The target of the hardened bucket's access logs.
    s3.create_bucket(Bucket="signet-access-logs")
    s3.put_bucket_acl(Bucket="signet-access-logs", ACL="log-delivery-write")
    # Hardened: every setting the S3 built-ins look for.
    locked = "signet-locked"
    s3.create_bucket(Bucket=locked, ObjectLockEnabledForBucket=True)
    s3.put_public_access_block(Bucket=locked, PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
    s3.put_bucket_versioning(Bucket=locked, VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_encryption(Bucket=locked, ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "alias/data"}, "BucketKeyEnabled": True}]})
    s3.put_bucket_logging(Bucket=locked, BucketLoggingStatus={"LoggingEnabled": {"TargetBucket": "signet-access-logs", "TargetPrefix": locked + "/"}})
    s3.put_bucket_lifecycle_configuration(Bucket=locked, LifecycleConfiguration={"Rules": [
        {"ID": "expire-old-versions", "Status": "Enabled", "Filter": {"Prefix": ""},
         "NoncurrentVersionExpiration": {"NoncurrentDays": 90}}]})
    s3.put_bucket_ownership_controls(Bucket=locked, OwnershipControls={"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]})
    s3.put_bucket_replication(Bucket=locked, ReplicationConfiguration={"Role": ROLE, "Rules": [
        {"ID": "to-eu", "Status": "Enabled", "Priority": 1, "Filter": {"Prefix": ""}, "DeleteMarkerReplication": {"Status": "Disabled"},
         "Destination": {"Bucket": "arn:aws:s3:::signet-data-eu-west-1"}}]})
    s3.put_bucket_notification_configuration(Bucket=locked, NotificationConfiguration={"QueueConfigurations": [
        {"QueueArn": f"arn:aws:sqs:{REGION}:{ACCOUNT}:jobs", "Events": ["s3:ObjectCreated:*"]}]})
    s3.put_bucket_policy(Bucket=locked, Policy=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": [f"arn:aws:s3:::{locked}", f"arn:aws:s3:::{locked}/*"],
         "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}))
    # Weak: open to everyone through its ACL and its policy, and to another account.
    open_bucket = "signet-open"
    s3.create_bucket(Bucket=open_bucket, ObjectOwnership="ObjectWriter")
    s3.put_public_access_block(Bucket=open_bucket, PublicAccessBlockConfiguration={
        "BlockPublicAcls": False, "IgnorePublicAcls": False, "BlockPublicPolicy": False, "RestrictPublicBuckets": False})
    s3.put_bucket_acl(Bucket=open_bucket, ACL="public-read-write")
    s3.put_bucket_policy(Bucket=open_bucket, Policy=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "Everyone", "Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:PutObject"],
         "Resource": f"arn:aws:s3:::{open_bucket}/*"},
        {"Sid": "Partner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999999999999:root"}, "Action": "s3:ListBucket",
         "Resource": f"arn:aws:s3:::{open_bucket}"}]}))
    # Access points on the base bucket: one blocks public access, one does not. The account-level
    # block stays off (its Fail); its Pass is a recorded case.
    s3control = s3_control(client)
    for name, block in (("signet-ap-private", True), ("signet-ap-public", False)):
        s3control.create_access_point(AccountId=ACCOUNT, Name=name, Bucket="signet-data-us-east-1", PublicAccessBlockConfiguration={
            "BlockPublicAcls": block, "IgnorePublicAcls": block, "BlockPublicPolicy": block, "RestrictPublicBuckets": block})


def seed_rds(client, network, regions):
    # The base account's db1 gets a parameter group of its own in each region (moto does not
    # describe the default groups' parameters).
    for region in regions:
        regional = client("rds", region)
        regional.create_db_parameter_group(DBParameterGroupName="postgres-plain", DBParameterGroupFamily="postgres13", Description="defaults")
        regional.modify_db_instance(DBInstanceIdentifier="db1", DBParameterGroupName="postgres-plain", ApplyImmediately=True)
    rds = client("rds", REGION)
    rds.create_db_subnet_group(DBSubnetGroupName="data-private", DBSubnetGroupDescription="private subnets", SubnetIds=network["subnets"])
    rds.create_db_parameter_group(DBParameterGroupName="mysql-tls", DBParameterGroupFamily="mysql8.0", Description="TLS only")
    rds.modify_db_parameter_group(DBParameterGroupName="mysql-tls", Parameters=[
        {"ParameterName": "require_secure_transport", "ParameterValue": "1", "ApplyMethod": "immediate"}])
    rds.create_db_cluster_parameter_group(DBClusterParameterGroupName="aurora-mysql-tls", DBParameterGroupFamily="aurora-mysql8.0",
                                          Description="TLS only")
    rds.create_db_instance(DBInstanceIdentifier="db-hardened", DBInstanceClass="db.t3.micro", Engine="mysql", EngineVersion="8.0.35",
                           MasterUsername="dbowner", MasterUserPassword="password1234", AllocatedStorage=20, Port=3307,
                           DBSubnetGroupName="data-private", DBParameterGroupName="mysql-tls", VpcSecurityGroupIds=[network["sg"]],
                           StorageEncrypted=True, KmsKeyId="alias/data", MultiAZ=True, DeletionProtection=True,
                           EnableIAMDatabaseAuthentication=True, CopyTagsToSnapshot=True, BackupRetentionPeriod=7,
                           EnableCloudwatchLogsExports=["error", "general", "audit"], AutoMinorVersionUpgrade=True,
                           PubliclyAccessible=False, Tags=[{"Key": "tier", "Value": "hardened"}])
    rds.create_db_instance(DBInstanceIdentifier="db-exposed", DBInstanceClass="db.t3.micro", Engine="postgres", EngineVersion="13.7",
                           MasterUsername="postgres", MasterUserPassword="password1234", AllocatedStorage=20,
                           DBParameterGroupName="postgres-plain", PubliclyAccessible=True, AutoMinorVersionUpgrade=False, BackupRetentionPeriod=0)
    rds.create_db_cluster(DBClusterIdentifier="aurora-hardened", Engine="aurora-mysql", MasterUsername="dbowner",
                          MasterUserPassword="password1234", Port=3310, DBSubnetGroupName="data-private",
                          DBClusterParameterGroupName="aurora-mysql-tls", StorageEncrypted=True, DeletionProtection=True,
                          EnableIAMDatabaseAuthentication=True, CopyTagsToSnapshot=True, BacktrackWindow=3600,
                          BackupRetentionPeriod=7, EnableCloudwatchLogsExports=["audit", "error"], AutoMinorVersionUpgrade=True)
    rds.create_db_cluster(DBClusterIdentifier="aurora-weak", Engine="aurora-postgresql", MasterUsername="postgres",
                          MasterUserPassword="password1234", AutoMinorVersionUpgrade=False)
    # Manual snapshots: the hardened ones encrypted and private, the weak ones neither.
    rds.create_db_snapshot(DBSnapshotIdentifier="db-hardened-manual", DBInstanceIdentifier="db-hardened")
    rds.create_db_snapshot(DBSnapshotIdentifier="db1-shared", DBInstanceIdentifier="db1")
    rds.modify_db_snapshot_attribute(DBSnapshotIdentifier="db1-shared", AttributeName="restore", ValuesToAdd=["all"])
    rds.create_db_cluster_snapshot(DBClusterSnapshotIdentifier="aurora-hardened-manual", DBClusterIdentifier="aurora-hardened")
    rds.create_db_cluster_snapshot(DBClusterSnapshotIdentifier="aurora-weak-shared", DBClusterIdentifier="aurora-weak")
    rds.modify_db_cluster_snapshot_attribute(DBClusterSnapshotIdentifier="aurora-weak-shared", AttributeName="restore", ValuesToAdd=["all"])
    # Event notifications in us-east-1 for instances, clusters and parameter groups (none for
    # security groups, and none at all in eu-west-1), and one subscription switched off.
    topic = f"arn:aws:sns:{REGION}:{ACCOUNT}:alerts"
    for name, source, categories, enabled in (
            ("db-instance-events", "db-instance", ["maintenance", "configuration change", "failure"], True),
            ("db-cluster-events", "db-cluster", ["maintenance", "failure"], True),
            ("parameter-group-events", "db-parameter-group", ["configuration change"], True),
            ("paused-events", "db-security-group", ["configuration change", "failure"], False)):
        rds.create_event_subscription(SubscriptionName=name, SnsTopicArn=topic, SourceType=source, EventCategories=categories, Enabled=enabled)
    for name, tls in (("proxy-tls", True), ("proxy-plain", False)):
        rds.create_db_proxy(DBProxyName=name, EngineFamily="MYSQL", RoleArn=ROLE, VpcSubnetIds=network["subnets"], RequireTLS=tls,
                            Auth=[{"AuthScheme": "SECRETS", "SecretArn": f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:db-password",
                                   "IAMAuth": "DISABLED"}])


def seed_neptune(client, key):
    neptune = client("neptune", REGION)
    neptune.create_db_cluster(DBClusterIdentifier="graph-hardened", Engine="neptune", StorageEncrypted=True, KmsKeyId=key,
                              DeletionProtection=True, CopyTagsToSnapshot=True,
                              BackupRetentionPeriod=7, EnableCloudwatchLogsExports=["audit"])
    neptune.create_db_cluster(DBClusterIdentifier="graph-weak", Engine="neptune", BackupRetentionPeriod=1)
    neptune.create_db_cluster_snapshot(DBClusterSnapshotIdentifier="graph-hardened-manual", DBClusterIdentifier="graph-hardened")
    neptune.create_db_cluster_snapshot(DBClusterSnapshotIdentifier="graph-weak-shared", DBClusterIdentifier="graph-weak")
    neptune.modify_db_cluster_snapshot_attribute(DBClusterSnapshotIdentifier="graph-weak-shared", AttributeName="restore", ValuesToAdd=["all"])


def seed_dynamodb(client, key):
    ddb = client("dynamodb", REGION)
    # Provisioned without auto scaling, but protected: PITR, deletion protection, a customer key;
    # its resource policy lets another account read it. The base account's "orders" is the opposite.
    ddb.create_table(TableName="payments", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], BillingMode="PROVISIONED",
                     ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}, DeletionProtectionEnabled=True,
                     SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key})
    ddb.update_continuous_backups(TableName="payments", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    ddb.put_resource_policy(ResourceArn=f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/payments", Policy=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999999999999:root"},
                                                "Action": "dynamodb:GetItem", "Resource": "*"}]}))
    dax = client("dax", REGION)
    dax.create_cluster(ClusterName="dax-hardened", NodeType="dax.t3.small", ReplicationFactor=3, IamRoleArn=ROLE,
                       SSESpecification={"Enabled": True}, ClusterEndpointEncryptionType="TLS",
                       AvailabilityZones=["us-east-1a", "us-east-1b", "us-east-1c"])
    dax.create_cluster(ClusterName="dax-plain", NodeType="dax.t3.small", ReplicationFactor=1, IamRoleArn=ROLE)


def seed_elasticache(client, network):
    ec = client("elasticache", REGION)
    ec.create_cache_subnet_group(CacheSubnetGroupName="cache-private", CacheSubnetGroupDescription="private", SubnetIds=network["subnets"])
    ec.create_cache_cluster(CacheClusterId="redis-hardened", Engine="redis", CacheNodeType="cache.t3.micro", NumCacheNodes=1,
                            SnapshotRetentionLimit=7, AutoMinorVersionUpgrade=True, CacheSubnetGroupName="cache-private")
    ec.create_cache_cluster(CacheClusterId="redis-plain", Engine="redis", CacheNodeType="cache.t3.micro", NumCacheNodes=1,
                            SnapshotRetentionLimit=0, AutoMinorVersionUpgrade=False)
    ec.create_replication_group(ReplicationGroupId="sessions-hardened", ReplicationGroupDescription="hardened", Engine="redis",
                                CacheNodeType="cache.t3.micro", NumCacheClusters=2, AutomaticFailoverEnabled=True, MultiAZEnabled=True,
                                AtRestEncryptionEnabled=True, TransitEncryptionEnabled=True, AuthToken="a-long-auth-token-1234",
                                CacheSubnetGroupName="cache-private", SnapshotRetentionLimit=7)
    ec.create_replication_group(ReplicationGroupId="sessions-plain", ReplicationGroupDescription="plain", Engine="redis",
                                CacheNodeType="cache.t3.micro", NumCacheClusters=1)


def seed_redshift(client):
    rs = client("redshift", REGION)
    rs.create_cluster_parameter_group(ParameterGroupName="warehouse-params", ParameterGroupFamily="redshift-1.0", Description="warehouse")
    rs.create_cluster(ClusterIdentifier="warehouse-hardened", NodeType="ra3.xlplus", ClusterType="multi-node", NumberOfNodes=2,
                      MasterUsername="warehouse", MasterUserPassword="Password1234", DBName="sales", Encrypted=True,
                      PubliclyAccessible=False, EnhancedVpcRouting=True, AllowVersionUpgrade=True, AutomatedSnapshotRetentionPeriod=7,
                      ClusterParameterGroupName="warehouse-params")
    rs.enable_logging(ClusterIdentifier="warehouse-hardened", BucketName="signet-access-logs", S3KeyPrefix="redshift/")
    rs.create_cluster(ClusterIdentifier="warehouse-exposed", NodeType="dc2.large", ClusterType="single-node",
                      MasterUsername="awsuser", MasterUserPassword="Password1234", PubliclyAccessible=True, Encrypted=False,
                      AllowVersionUpgrade=False, AutomatedSnapshotRetentionPeriod=1)


def seed_opensearch(client, network, key):
    search = client("opensearch", REGION)
    logs = f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/aws/opensearch/search"
    search.create_domain(
        DomainName="search-hardened", EngineVersion="OpenSearch_2.11",
        ClusterConfig={"InstanceType": "r6g.large.search", "InstanceCount": 3, "DedicatedMasterEnabled": True, "DedicatedMasterCount": 3,
                       "DedicatedMasterType": "r6g.large.search", "ZoneAwarenessEnabled": True,
                       "ZoneAwarenessConfig": {"AvailabilityZoneCount": 3}},
        EncryptionAtRestOptions={"Enabled": True, "KmsKeyId": key}, NodeToNodeEncryptionOptions={"Enabled": True},
        DomainEndpointOptions={"EnforceHTTPS": True, "TLSSecurityPolicy": "Policy-Min-TLS-1-2-PFS-2023-10"},
        AdvancedSecurityOptions={"Enabled": True, "InternalUserDatabaseEnabled": False, "MasterUserOptions": {"MasterUserARN": ROLE}},
        CognitoOptions={"Enabled": True, "UserPoolId": "us-east-1_search", "IdentityPoolId": "us-east-1:search", "RoleArn": ROLE},
        LogPublishingOptions={"ES_APPLICATION_LOGS": {"CloudWatchLogsLogGroupArn": logs, "Enabled": True},
                              "AUDIT_LOGS": {"CloudWatchLogsLogGroupArn": logs, "Enabled": True}},
        VPCOptions={"SubnetIds": network["subnets"], "SecurityGroupIds": [network["sg"]]})
    search.create_domain(DomainName="search-open", EngineVersion="Elasticsearch_7.10",
                         ClusterConfig={"InstanceType": "t3.small.search", "InstanceCount": 1},
                         AccessPolicies=json.dumps({"Version": "2012-10-17", "Statement": [
                             {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "es:*",
                              "Resource": f"arn:aws:es:{REGION}:{ACCOUNT}:domain/search-open/*"}]}))


def seed_emr(client):
    # Block public access is on in us-east-1 only. No cluster is seeded: moto lists every
    # region's EMR clusters in every region (their tests are recorded cases).
    emr = client("emr", REGION)
    emr.put_block_public_access_configuration(BlockPublicAccessConfiguration={
        "BlockPublicSecurityGroupRules": True, "PermittedPublicSecurityGroupRuleRanges": [{"MinRange": 22, "MaxRange": 22}]})


def seed_glue(client, key):
    glue = client("glue", REGION)
    glue.create_security_configuration(Name="encrypt-all", EncryptionConfiguration={
        "S3Encryption": [{"S3EncryptionMode": "SSE-KMS", "KmsKeyArn": key}],
        "CloudWatchEncryption": {"CloudWatchEncryptionMode": "SSE-KMS", "KmsKeyArn": key},
        "JobBookmarksEncryption": {"JobBookmarksEncryptionMode": "CSE-KMS", "KmsKeyArn": key}})
    script = {"Name": "glueetl", "ScriptLocation": "s3://signet-data-us-east-1/etl.py"}
    glue.create_job(Name="etl-hardened", Role=ROLE, Command=script, SecurityConfiguration="encrypt-all",
                    DefaultArguments={"--enable-continuous-cloudwatch-log": "true", "--db-secret-id": "db-password"})
    glue.create_job(Name="etl-plain", Role=ROLE, Command=script, DefaultArguments={"--db-password": "hunter2"})
    glue.create_crawler(Name="crawl-data", Role=ROLE, Targets={"S3Targets": [{"Path": "s3://signet-data-us-east-1/"}]},
                        CrawlerSecurityConfiguration="encrypt-all")
    # The catalog encrypts its metadata and connection passwords in us-east-1, not in eu-west-1.
    glue.put_data_catalog_encryption_settings(DataCatalogEncryptionSettings={
        "EncryptionAtRest": {"CatalogEncryptionMode": "SSE-KMS", "SseAwsKmsKeyId": key},
        "ConnectionPasswordEncryption": {"ReturnConnectionPasswordEncrypted": True, "AwsKmsKeyId": key}})
    for name, ssl in (("warehouse-tls", "true"), ("warehouse-plain", "false")):
        glue.create_connection(ConnectionInput={"Name": name, "ConnectionType": "JDBC", "ConnectionProperties": {
            "JDBC_CONNECTION_URL": "jdbc:mysql://db.internal:3306/sales", "SECRET_ID": "db-password", "JDBC_ENFORCE_SSL": ssl}})
    glue.create_dev_endpoint(EndpointName="notebook-hardened", RoleArn=ROLE, SecurityConfiguration="encrypt-all")
    glue.create_dev_endpoint(EndpointName="notebook-plain", RoleArn=ROLE)


def seed_athena(client, key):
    athena = client("athena", REGION)
    athena.create_work_group(Name="analysts", Configuration={
        "ResultConfiguration": {"OutputLocation": "s3://signet-data-us-east-1/athena/",
                                "EncryptionConfiguration": {"EncryptionOption": "SSE_KMS", "KmsKey": key}},
        "EnforceWorkGroupConfiguration": True, "PublishCloudWatchMetricsEnabled": True})


def seed_streams(client, key):
    kinesis = client("kinesis", REGION)
    kinesis.create_stream(StreamName="events-encrypted", ShardCount=1)
    kinesis.start_stream_encryption(StreamName="events-encrypted", EncryptionType="KMS", KeyId=key)
    kinesis.increase_stream_retention_period(StreamName="events-encrypted", RetentionPeriodHours=168)
    kinesis.create_stream(StreamName="events-plain", ShardCount=1)
    firehose = client("firehose", REGION)
    destination = {"RoleARN": ROLE, "BucketARN": "arn:aws:s3:::signet-data-us-east-1"}
    firehose.create_delivery_stream(DeliveryStreamName="delivery-encrypted", ExtendedS3DestinationConfiguration=destination,
                                    DeliveryStreamEncryptionConfigurationInput={"KeyType": "CUSTOMER_MANAGED_CMK", "KeyARN": key})
    firehose.create_delivery_stream(DeliveryStreamName="delivery-plain", ExtendedS3DestinationConfiguration=destination)


def seed_msk(client, network, key):
    kafka = client("kafka", REGION)
    brokers = {"InstanceType": "kafka.m5.large", "ClientSubnets": network["subnets"][:2], "SecurityGroups": [network["sg"]]}
    kafka.create_cluster(ClusterName="kafka-hardened", KafkaVersion="3.6.0", NumberOfBrokerNodes=2, BrokerNodeGroupInfo=brokers,
                         EncryptionInfo={"EncryptionAtRest": {"DataVolumeKMSKeyId": key},
                                         "EncryptionInTransit": {"ClientBroker": "TLS", "InCluster": True}},
                         EnhancedMonitoring="PER_BROKER",
                         ClientAuthentication={"Tls": {"CertificateAuthorityArnList": [f"arn:aws:acm-pca:{REGION}:{ACCOUNT}:certificate-authority/ca"],
                                                       "Enabled": True},
                                               "Unauthenticated": {"Enabled": False}})
    kafka.create_cluster(ClusterName="kafka-plain", KafkaVersion="2.8.1", NumberOfBrokerNodes=2, BrokerNodeGroupInfo=brokers,
                         EncryptionInfo={"EncryptionInTransit": {"ClientBroker": "PLAINTEXT", "InCluster": False}},
                         EnhancedMonitoring="DEFAULT", ClientAuthentication={"Unauthenticated": {"Enabled": True}})


def seed_mq(client, network):
    mq = client("mq", REGION)
    user = [{"Username": "app", "Password": "a-long-broker-password"}]
    mq.create_broker(BrokerName="broker-hardened", EngineType="ACTIVEMQ", EngineVersion="5.18", HostInstanceType="mq.m5.large",
                     DeploymentMode="ACTIVE_STANDBY_MULTI_AZ", PubliclyAccessible=False, AutoMinorVersionUpgrade=True,
                     Logs={"General": True, "Audit": True}, SubnetIds=network["subnets"][:2], SecurityGroups=[network["sg"]], Users=user)
    mq.create_broker(BrokerName="broker-exposed", EngineType="ACTIVEMQ", EngineVersion="5.17.6", HostInstanceType="mq.t3.micro",
                     DeploymentMode="SINGLE_INSTANCE", PubliclyAccessible=True, AutoMinorVersionUpgrade=False,
                     Logs={"General": False, "Audit": False}, Users=user)


def seed_dms(client):
    dms = client("dms", REGION)
    dms.create_replication_instance(ReplicationInstanceIdentifier="replicator-hardened", ReplicationInstanceClass="dms.t3.medium",
                                    PubliclyAccessible=False, AutoMinorVersionUpgrade=True, MultiAZ=True)
    dms.create_replication_instance(ReplicationInstanceIdentifier="replicator-exposed", ReplicationInstanceClass="dms.t3.medium",
                                    PubliclyAccessible=True, AutoMinorVersionUpgrade=False, MultiAZ=False)
    endpoints = {}
    for name, kind, engine, extra in (
            ("source-mysql-tls", "source", "mysql", {"SslMode": "require", "Port": 3306}),
            ("source-postgres-plain", "source", "postgres", {"SslMode": "none", "Port": 5432}),
            ("target-mongodb-auth", "target", "mongodb", {"Port": 27017, "MongoDbSettings": {"AuthType": "password", "AuthMechanism": "scram_sha_1"}}),
            ("target-mongodb-open", "target", "mongodb", {"Port": 27017, "MongoDbSettings": {"AuthType": "no"}})):
        answer = dms.create_endpoint(EndpointIdentifier=name, EndpointType=kind, EngineName=engine, ServerName="db.internal",
                                     Username="dms", Password="a-long-password", DatabaseName="sales", **extra)
        endpoints[name] = answer["Endpoint"]["EndpointArn"]
    instance = f"arn:aws:dms:{REGION}:{ACCOUNT}:rep:replicator-hardened"
    logging = {"Logging": {"EnableLogging": True, "LogComponents": [
        {"Id": component, "Severity": "LOGGER_SEVERITY_DEFAULT"}
        for component in ("SOURCE_CAPTURE", "SOURCE_UNLOAD", "TARGET_APPLY", "TARGET_LOAD")]}}
    for name, settings in (("migrate-logged", logging), ("migrate-quiet", {"Logging": {"EnableLogging": False}})):
        dms.create_replication_task(ReplicationTaskIdentifier=name, SourceEndpointArn=endpoints["source-mysql-tls"],
                                    TargetEndpointArn=endpoints["target-mongodb-auth"], ReplicationInstanceArn=instance,
                                    MigrationType="full-load-and-cdc", TableMappings=json.dumps({"rules": []}),
                                    ReplicationTaskSettings=json.dumps(settings))


def seed_efs(client):
    efs = client("efs", REGION)
    # Unencrypted, no backups, and a policy that lets any principal mount it.
    plain = efs.create_file_system(CreationToken="fs-plain", Encrypted=False, Backup=False,
                                   Tags=[{"Key": "Name", "Value": "fs-plain"}])["FileSystemId"]
    efs.put_file_system_policy(FileSystemId=plain, Policy=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
         "Resource": f"arn:aws:elasticfilesystem:{REGION}:{ACCOUNT}:file-system/{plain}"}]}))
    backed = efs.create_file_system(CreationToken="fs-backed", Encrypted=True, Backup=True,
                                    Tags=[{"Key": "Name", "Value": "fs-backed"}])["FileSystemId"]
    # One Zone storage (moto turns its backups on, as AWS does by default).
    efs.create_file_system(CreationToken="fs-one-zone", Encrypted=True, AvailabilityZoneName="us-east-1a",
                           Tags=[{"Key": "Name", "Value": "fs-one-zone"}])
    efs.create_access_point(FileSystemId=backed, PosixUser={"Uid": 1000, "Gid": 1000},
                            RootDirectory={"Path": "/data", "CreationInfo": {"OwnerUid": 1000, "OwnerGid": 1000, "Permissions": "750"}},
                            Tags=[{"Key": "Name", "Value": "ap-scoped"}])
    efs.create_access_point(FileSystemId=backed, Tags=[{"Key": "Name", "Value": "ap-root"}])


def seed_backup(client, key):
    backup = client("backup", REGION)
    backup.create_backup_vault(BackupVaultName="vault-cmk", EncryptionKeyArn=key)
    backup.create_backup_vault(BackupVaultName="vault-default")
    backup.create_backup_plan(BackupPlan={"BackupPlanName": "daily", "Rules": [
        {"RuleName": "daily", "TargetBackupVaultName": "vault-cmk", "ScheduleExpression": "cron(0 5 * * ? *)",
         "Lifecycle": {"DeleteAfterDays": 35}}]})


def seed_sagemaker(client, network, key):
    sm = client("sagemaker", REGION)
    sm.create_notebook_instance(NotebookInstanceName="notebook-hardened", InstanceType="ml.t3.medium", RoleArn=ROLE,
                                SubnetId=network["subnets"][0], SecurityGroupIds=[network["sg"]], KmsKeyId=key,
                                DirectInternetAccess="Disabled", RootAccess="Disabled")
    sm.create_notebook_instance(NotebookInstanceName="notebook-open", InstanceType="ml.t3.medium", RoleArn=ROLE)
    vpc = {"SecurityGroupIds": [network["sg"]], "Subnets": network["subnets"][:1]}
    sm.create_model(ModelName="model-private", ExecutionRoleArn=ROLE, PrimaryContainer={"Image": "model:1"}, VpcConfig=vpc)
    sm.create_model(ModelName="model-open", ExecutionRoleArn=ROLE, PrimaryContainer={"Image": "model:1"})
    sm.create_endpoint_config(EndpointConfigName="serving-redundant", KmsKeyId=key, ProductionVariants=[
        {"VariantName": "main", "ModelName": "model-private", "InitialInstanceCount": 2, "InstanceType": "ml.m5.large"}])
    sm.create_endpoint_config(EndpointConfigName="serving-single", ProductionVariants=[
        {"VariantName": "main", "ModelName": "model-open", "InitialInstanceCount": 1, "InstanceType": "ml.m5.large"}])
    sm.create_endpoint(EndpointName="serving", EndpointConfigName="serving-redundant")
    job = {"AlgorithmSpecification": {"TrainingImage": "trainer:1", "TrainingInputMode": "File"}, "RoleArn": ROLE,
           "StoppingCondition": {"MaxRuntimeInSeconds": 3600}}
    sm.create_training_job(TrainingJobName="train-hardened", **job, OutputDataConfig={"S3OutputPath": "s3://signet-data-us-east-1/models", "KmsKeyId": key},
                           ResourceConfig={"InstanceType": "ml.m5.large", "InstanceCount": 2, "VolumeSizeInGB": 10, "VolumeKmsKeyId": key},
                           EnableNetworkIsolation=True, EnableInterContainerTrafficEncryption=True, VpcConfig=vpc)
    sm.create_training_job(TrainingJobName="train-open", **job, OutputDataConfig={"S3OutputPath": "s3://signet-data-us-east-1/models"},
                           ResourceConfig={"InstanceType": "ml.m5.large", "InstanceCount": 2, "VolumeSizeInGB": 10})
    user = {"ExecutionRole": ROLE}
    sm.create_domain(DomainName="studio-sso", AuthMode="SSO", DefaultUserSettings=user, SubnetIds=network["subnets"][:1], VpcId=network["vpc"],
                     AppNetworkAccessType="VpcOnly")
    sm.create_domain(DomainName="studio-iam", AuthMode="IAM", DefaultUserSettings=user, SubnetIds=network["subnets"][:1], VpcId=network["vpc"])


def seed_fsx(client, network):
    fsx = client("fsx", REGION)
    fsx.create_file_system(FileSystemType="OPENZFS", StorageCapacity=64, SubnetIds=network["subnets"][:1],
                           OpenZFSConfiguration={"DeploymentType": "SINGLE_AZ_1", "ThroughputCapacity": 64,
                                                 "CopyTagsToBackups": True, "CopyTagsToVolumes": True},
                           Tags=[{"Key": "Name", "Value": "zfs-tagged"}])
    fsx.create_file_system(FileSystemType="WINDOWS", StorageCapacity=32, SubnetIds=network["subnets"][:1],
                           WindowsConfiguration={"DeploymentType": "SINGLE_AZ_2", "ThroughputCapacity": 8, "CopyTagsToBackups": False},
                           Tags=[{"Key": "Name", "Value": "windows-single-az"}])


def seed_memorydb(client, network):
    memorydb = client("memorydb", REGION)
    memorydb.create_subnet_group(SubnetGroupName="memory-private", SubnetIds=network["subnets"])
    memorydb.create_cluster(ClusterName="memory-hardened", NodeType="db.t4g.small", ACLName="open-access", SubnetGroupName="memory-private",
                            TLSEnabled=True, AutoMinorVersionUpgrade=True, SnapshotRetentionLimit=7)
    memorydb.create_cluster(ClusterName="memory-plain", NodeType="db.t4g.small", ACLName="open-access", TLSEnabled=False,
                            AutoMinorVersionUpgrade=False, SnapshotRetentionLimit=0)
