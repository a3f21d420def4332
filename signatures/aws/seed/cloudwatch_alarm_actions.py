"""The CIS monitoring built-ins (AWS-CW-*) count an alarm only when it notifies an SNS topic
that has a confirmed subscription. The base account's root-login alarm (us-east-1, on the
/app/web metric filter its multi-region trail feeds) is made to notify the `alerts` topic,
to which the `jobs` queue subscribes: AWS-CW-002 passes there, and fails in eu-west-1."""


def seed(client, regions):
    region = "us-east-1"
    sns, sqs = client("sns", region), client("sqs", region)
    topic = sns.create_topic(Name="alerts")["TopicArn"]  # the base account's topic (idempotent)
    queue_url = sqs.get_queue_url(QueueName="jobs")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
    client("cloudwatch", region).put_metric_alarm(
        AlarmName="root-login", MetricName="RootLogin", Namespace="CIS", Statistic="Sum", Period=300,
        EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold", AlarmActions=[topic])
