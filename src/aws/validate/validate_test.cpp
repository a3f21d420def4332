#include "aws/validate/validate.h"

#include <gtest/gtest.h>

using namespace signet::aws;
using nlohmann::json;

namespace {
std::vector<std::string> check(const char* service, const char* op, const char* params) {
  auto s = Models::embedded()->find(service);
  return validate_params(*s, *s->operation(op), json::parse(params));
}
std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (auto& s : v) out += s + "\n";
  return out;
}
}  // namespace

TEST(Validate, GoodParamsPass) {
  EXPECT_TRUE(check("iam", "ListMFADevices", R"({"UserName": "alice", "MaxItems": 10})").empty());
  EXPECT_TRUE(check("ec2", "DescribeInstances", R"({"Filters": [{"Name": "vpc-id", "Values": ["vpc-1"]}], "MaxResults": 5})").empty());
  EXPECT_TRUE(check("cloudtrail", "LookupEvents", R"({"StartTime": "2024-01-01T00:00:00Z", "EndTime": 1704067200})").empty());
  EXPECT_TRUE(check("s3", "ListBuckets", "{}").empty());
}

TEST(Validate, UnknownMembersAreNamedWithASuggestion) {
  auto e = check("iam", "ListMFADevices", R"({"Username": "alice"})");
  ASSERT_EQ(e.size(), 1u) << joined(e);
  EXPECT_EQ(e[0], "unknown parameter \"Username\" (did you mean \"UserName\"?)");
  auto nested = check("ec2", "DescribeInstances", R"({"Filters": [{"Name": "x", "Value": ["y"]}]})");
  ASSERT_EQ(nested.size(), 1u) << joined(nested);
  EXPECT_NE(nested[0].find("Filters[0]: unknown parameter \"Value\""), std::string::npos) << nested[0];
}

TEST(Validate, WrongTypesAndMissingRequiredMembersAreNamedByPath) {
  auto e = check("ec2", "DescribeInstances", R"({"MaxResults": "ten", "InstanceIds": "i-1", "Filters": [{"Name": 5}]})");
  std::string all = joined(e);
  EXPECT_NE(all.find("MaxResults: expected a whole number, got a string"), std::string::npos) << all;
  EXPECT_NE(all.find("InstanceIds: expected a list, got a string"), std::string::npos) << all;
  EXPECT_NE(all.find("Filters[0].Name: expected a string, got a number"), std::string::npos) << all;
  auto missing = check("iam", "GetUserPolicy", R"({"UserName": "a"})");
  ASSERT_EQ(missing.size(), 1u) << joined(missing);
  EXPECT_EQ(missing[0], "missing required parameter \"PolicyName\"");
  EXPECT_NE(joined(check("cloudtrail", "LookupEvents", R"({"StartTime": "yesterday"})")).find("StartTime: expected a timestamp"), std::string::npos);
  EXPECT_NE(joined(check("ec2", "DescribeInstances", R"({"DryRun": "yes"})")).find("DryRun: expected true or false"), std::string::npos);
  EXPECT_FALSE(check("iam", "ListUsers", "[]").empty());
}
