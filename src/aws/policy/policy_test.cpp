#include "aws/policy/policy.h"

#include <gtest/gtest.h>

using namespace signet::aws;
using nlohmann::json;

namespace {
bool allowed(const char* service, const char* op, json params = json::object()) {
  auto models = Models::embedded();
  auto s = models->find(service);
  EXPECT_TRUE(s) << service;
  EXPECT_TRUE(s->operation(op)) << service << ":" << op << " is not in the models";
  return ReadOnlyPolicy::builtin().check(*s, op, params).allowed;
}
}  // namespace

TEST(ReadOnlyPolicy, KnownReadsAreAllowed) {
  for (auto [s, op] : {std::pair{"iam", "ListUsers"}, {"iam", "GetAccountPasswordPolicy"}, {"iam", "GetCredentialReport"},
                       {"iam", "GenerateCredentialReport"}, {"ec2", "DescribeInstances"}, {"ec2", "DescribeSecurityGroups"},
                       {"s3", "ListBuckets"}, {"s3", "GetBucketPolicy"}, {"s3", "GetPublicAccessBlock"}, {"s3", "HeadBucket"},
                       {"kms", "GetKeyRotationStatus"}, {"kms", "ListKeys"}, {"cloudtrail", "DescribeTrails"},
                       {"cloudtrail", "LookupEvents"}, {"config", "DescribeConfigurationRecorders"}, {"sts", "GetCallerIdentity"},
                       {"secretsmanager", "ListSecrets"}, {"secretsmanager", "DescribeSecret"}, {"lambda", "GetFunction"},
                       {"ssm", "GetParameter"}, {"rds", "DescribeDBInstances"}, {"logs", "DescribeMetricFilters"},
                       {"accessanalyzer", "ValidatePolicy"}, {"guardduty", "ListDetectors"}, {"dynamodb", "DescribeTable"}})
    EXPECT_TRUE(allowed(s, op)) << s << ":" << op;
}

TEST(ReadOnlyPolicy, WritesAndSecretReadsAreRefused) {
  for (auto [s, op] : {std::pair{"iam", "CreateUser"}, {"iam", "DeleteUser"}, {"iam", "AttachUserPolicy"}, {"iam", "UpdateAccessKey"},
                       {"ec2", "RunInstances"}, {"ec2", "TerminateInstances"}, {"ec2", "AuthorizeSecurityGroupIngress"},
                       {"ec2", "GetPasswordData"}, {"s3", "PutBucketPolicy"}, {"s3", "DeleteBucket"}, {"s3", "GetObject"},
                       {"s3", "GetObjectAcl"}, {"s3", "SelectObjectContent"}, {"secretsmanager", "GetSecretValue"},
                       {"secretsmanager", "BatchGetSecretValue"}, {"kms", "Decrypt"}, {"kms", "GenerateDataKey"},
                       {"kms", "GenerateDataKeyWithoutPlaintext"}, {"kms", "ScheduleKeyDeletion"}, {"sts", "AssumeRole"},
                       {"sts", "GetSessionToken"}, {"sts", "GetFederationToken"}, {"ecr", "GetAuthorizationToken"},
                       {"lambda", "Invoke"}, {"lambda", "UpdateFunctionCode"}, {"dynamodb", "GetItem"}, {"dynamodb", "Scan"},
                       {"dynamodb", "PutItem"}, {"sqs", "ReceiveMessage"}, {"logs", "GetLogEvents"}, {"cloudtrail", "StopLogging"},
                       {"config", "StopConfigurationRecorder"}, {"guardduty", "DeleteDetector"}, {"organizations", "LeaveOrganization"}})
    EXPECT_FALSE(allowed(s, op)) << s << ":" << op;
  EXPECT_TRUE(allowed("ssm", "GetParameters", json{{"Names", {"a"}}}));
  EXPECT_FALSE(allowed("ssm", "GetParameters", json{{"Names", {"a"}}, {"WithDecryption", true}}));
  EXPECT_FALSE(allowed("ssm", "GetParametersByPath", json{{"Path", "/"}, {"WithDecryption", true}}));
  auto s3 = Models::embedded()->find("s3");
  EXPECT_NE(ReadOnlyPolicy::builtin().check(*s3, "GetObject", {}).reason.find("s3:GetObject is refused"), std::string::npos);
}

TEST(ReadOnlyPolicy, EveryOperationOfEveryModelIsDecidedAndNoWriteVerbGetsThrough) {
  auto models = Models::embedded();
  const std::vector<std::string> write_verbs = {"Create", "Delete", "Put", "Update", "Modify", "Attach", "Detach", "Start", "Stop",
                                                "Terminate", "Reboot", "Run", "Invoke", "Send", "Publish", "Tag", "Untag",
                                                "Enable", "Disable", "Associate", "Disassociate", "Register", "Deregister",
                                                "Authorize", "Revoke", "Import", "Export", "Restore", "Reset", "Set", "Add",
                                                "Remove", "Cancel", "Accept", "Reject", "Copy", "Upload", "Decrypt", "Encrypt"};
  std::size_t operations = 0, allowed_count = 0;
  for (const auto& name : models->service_names()) {
    auto service = models->find(name);
    for (const auto& op : service->operation_names()) {
      ++operations;
      auto decision = ReadOnlyPolicy::builtin().check(*service, op, json::object());
      if (!decision.allowed) {
        EXPECT_FALSE(decision.reason.empty()) << name << ":" << op;
        continue;
      }
      ++allowed_count;
      for (const auto& verb : write_verbs) EXPECT_NE(op.rfind(verb, 0), 0u) << name << ":" << op << " is a write but allowed";
    }
  }
  EXPECT_GT(operations, 15000u);
  EXPECT_GT(allowed_count, 5000u);
  EXPECT_LT(allowed_count, operations / 2);
}

TEST(ReadOnlyPolicy, LambdaCodeLocationsAreRemovedFromAnswers) {
  auto lambda = Models::embedded()->find("lambda");
  json answer = {{"Configuration", {{"FunctionName", "f"}}}, {"Code", {{"Location", "https://presigned"}, {"RepositoryType", "S3"}}}};
  ReadOnlyPolicy::builtin().redact(*lambda, "GetFunction", answer);
  EXPECT_FALSE(answer["Code"].contains("Location"));
  EXPECT_EQ(answer["Code"]["RepositoryType"], "S3");
  EXPECT_EQ(answer["Configuration"]["FunctionName"], "f");
}
