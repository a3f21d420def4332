// The scanner's least-privilege policy from the catalog, the signatures' code and the last
// scan's calls; the policy and template shapes. No cloud here (permissions_moto_test.cpp
// has moto enforce the policy).
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "builtins/builtins.h"
#include "aws/permissions/permissions.h"
#include "testing/aws_calls.h"

using namespace signet;
using nlohmann::json;
using ojson = nlohmann::ordered_json;

namespace {

const aws::Models& models() { return *aws::Models::embedded(); }

store::StoredSignature stored(const std::string& id, const std::string& service, const std::string& type, const std::string& code) {
  store::StoredSignature s;
  s.metadata.id = id;
  s.metadata.service = service;
  s.metadata.resource_type = type;
  s.code = code;
  return s;
}

std::set<std::string> actions(const permissions::Needed& n) {
  std::set<std::string> out;
  for (const auto& [action, reasons] : n.actions) out.insert(action);
  return out;
}

std::string notes(const permissions::Needed& n) {
  std::string out;
  for (const auto& note : n.notes) out += note + "\n";
  return out;
}

std::string literal_calls(const permissions::CodeCalls& calls) {
  std::string out;
  for (const auto& c : calls.literal) out += c.service + ":" + c.endpoint + "@" + std::to_string(c.line) + " ";
  return out;
}

}  // namespace

TEST(CallsInCode, ReadsLiteralRequestsWhereverTheCodeWritesThem) {
  auto calls = permissions::calls_in_code(R"js(
// apiCaller({ service: "IAM", endpoint: "deleteUser" }) is a comment, not a call
/* nor { service: "EC2", endpoint: "terminateInstances" } */
const text = "{ service: 'S3', endpoint: 'deleteBucket' }";
const pattern = /{ service: "KMS", endpoint: "scheduleKeyDeletion" }/g;
async function helper(api, r) {
  return api({ service: "IAM", endpoint: "listAccessKeys", params: { UserName: r.name, nested: { endpoint: x } } });
}
module.exports = async (apiCaller, resource) => {
  const keys = await helper(apiCaller, resource);
  const res = await apiCaller({
    'service': 'CloudWatch',
    "endpoint": `describeAlarmsForMetric`,
    serviceParams: { region: resource.region },
  });
  const request = { endpoint: "getBucketPolicy", service: "S3" };
  return apiCaller(request);
};)js");
  EXPECT_EQ(literal_calls(calls), "IAM:listAccessKeys@7 CloudWatch:describeAlarmsForMetric@11 S3:getBucketPolicy@16 ");
  EXPECT_TRUE(calls.dynamic.empty()) << calls.dynamic.size() << " dynamic, first at line " << calls.dynamic.front().line;
}

TEST(CallsInCode, LibFunctionsThatCallBringTheirRequests) {
  auto calls = permissions::calls_in_code(R"js(module.exports = async (apiCaller, resource, lib) => {
  const reasons = await lib.s3.publicAccess(apiCaller, resource, { what: "read", aclPermissions: ["READ"], actions: ["s3:GetObject"] });
  const covered = lib.cloudwatch.filterCovers("{ $.eventName = x }", "rootUsage");
  return { statusSig: reasons.length === 0 && lib.arn.parse(resource.arn) !== null };
};)js");
  EXPECT_EQ(literal_calls(calls), "S3Control:getPublicAccessBlock@2 S3:getPublicAccessBlock@2 S3:getBucketAcl@2 S3:getBucketPolicy@2 ")
      << "what lib's documentation says publicAccess asks for; filterCovers and arn.parse ask for nothing";
  EXPECT_TRUE(calls.dynamic.empty());
}

TEST(CallsInCode, RequestsBuiltAtRunTimeAreDynamicWithTheirLine) {
  auto calls = permissions::calls_in_code(R"js(module.exports = async (apiCaller, r) => {
  const op = r.data.kind === "user" ? "getUser" : "getRole";
  await apiCaller({ service: "IAM", endpoint: op });
  await apiCaller({ service: r.service, endpoint: "listTags" });
  await apiCaller({ service: "EC2", endpoint: "describe" + r.type });
  await apiCaller({ service: `${r.service}`, endpoint: `list${"Users"}` });
  const service = "SNS", endpoint = "listTopics";
  await apiCaller({ service, endpoint });
  return apiCaller(makeRequest(r));
};)js");
  EXPECT_EQ(literal_calls(calls), "");
  std::vector<std::pair<std::string, int>> dynamic;
  for (const auto& c : calls.dynamic) dynamic.push_back({c.service, c.line});
  std::vector<std::pair<std::string, int>> expected = {{"IAM", 3}, {"", 4}, {"EC2", 5}, {"", 6}, {"", 8}, {"", 9}};
  EXPECT_EQ(dynamic, expected);
}

TEST(Needed, TheCatalogsCallsForTheTypeAndTheSignaturesOwnByRealIamNames) {
  auto n = permissions::needed({stored("S-1", "S3", "bucket", R"js(module.exports = async (apiCaller, r) => {
      const e = await apiCaller({ service: "S3", endpoint: "getBucketEncryption", params: { Bucket: r.name } });
      const a = await apiCaller({ service: "CloudWatch", endpoint: "describeAlarmsForMetric", params: {} });
      return { statusSig: true };
    };)js"),
                                stored("U-1", "IAM", "user", R"js(module.exports = async (apiCaller, r) =>
      apiCaller({ service: "IAM", endpoint: "listAccessKeys", params: { UserName: r.name } });)js")},
                               models(), {});
  EXPECT_EQ(notes(n), "");
  std::set<std::string> expected = {
      "ec2:DescribeRegions",              // every scan not given its regions
      "s3:ListAllMyBuckets",              // S3 bucket listing (ListBuckets)
      "s3:GetBucketLocation",             // its region lookup
      "s3:GetAccountPublicAccessBlock",   // its enrichment: the account's block public access (S3 Control)
      "s3:GetEncryptionConfiguration",    // S-1's GetBucketEncryption
      "cloudwatch:DescribeAlarmsForMetric",  // not the signing name "monitoring"
      "iam:ListUsers",                    // IAM user listing
      "iam:GenerateCredentialReport", "iam:GetCredentialReport", "iam:GetAccountAuthorizationDetails",  // its enrichments
      "iam:ListAccessKeys"};              // U-1's
  EXPECT_EQ(actions(n), expected);
  EXPECT_EQ(n.actions["iam:GenerateCredentialReport"], std::set<std::string>{"inventory: IAM user credentialReport (prepare)"});
  EXPECT_EQ(n.actions["s3:ListAllMyBuckets"], std::set<std::string>{"inventory: S3 bucket listing"});
  EXPECT_EQ(n.actions["s3:GetEncryptionConfiguration"], std::set<std::string>{"signature S-1"});
  EXPECT_EQ(n.actions["s3:GetAccountPublicAccessBlock"], std::set<std::string>{"inventory: S3 bucket accountPublicAccessBlock"});
  EXPECT_EQ(n.services, (std::set<std::string>{"s3", "s3control", "cloudwatch", "iam"}));  // not ec2: every scan's own call
}

// A child type (ECS services, listed once per cluster) needs its parent's listing too, and
// its own detail call.
TEST(Needed, AChildTypeNeedsItsParentsListing) {
  auto n = permissions::needed({stored("C-1", "ECS", "service", "module.exports = async () => ({ statusSig: true });")}, models(), {});
  EXPECT_EQ(notes(n), "");
  std::set<std::string> expected = {"ec2:DescribeRegions", "ecs:ListServices", "ecs:DescribeServices",
                                    "ecs:ListClusters"};  // the clusters' listing, not their detail: they are not given
  EXPECT_EQ(actions(n), expected);
  EXPECT_EQ(n.actions["ecs:ListClusters"], std::set<std::string>{"inventory: ECS cluster listing"});
}

TEST(Needed, SaysWhatItCannotKnowAndGrantsNoWrite) {
  auto n = permissions::needed({stored("X-1", "IAM", "user", R"js(module.exports = async (apiCaller, r) => {
      await apiCaller({ service: "IAM", endpoint: "deleteUser", params: { UserName: r.name } });
      await apiCaller({ service: "NoSuchService", endpoint: "listThings" });
      await apiCaller({ service: "IAM", endpoint: "listNothingAtAll" });
      await apiCaller({ service: "IAM", endpoint: "list-users" });
      await apiCaller({ service: "SNS", endpoint: r.data.op });
    };)js"),
                                stored("X-2", "IAM", "noSuchType", "module.exports = async () => ({ statusSig: true });")},
                               models(), {});
  const std::string all = notes(n);
  for (const char* expected : {"signature X-1 (line 2): iam:DeleteUser is refused", "signature X-1 (line 3): the AWS models have no service 'NoSuchService'",
                               "signature X-1 (line 4): iam has no operation 'listNothingAtAll'",
                               "signature X-1 (line 5): apiCaller: endpoint 'list-users' is not an operation name",
                               "signature X-1 (line 6): an apiCaller request to SNS whose endpoint is not a literal; run a scan so its calls are known",
                               "signature X-2: the catalog has no resource type 'noSuchType' for service IAM"})
    EXPECT_NE(all.find(expected), std::string::npos) << expected << "\nin:\n" << all;
  EXPECT_EQ(n.notes.size(), 6u) << all;
  EXPECT_EQ(n.actions.count("iam:DeleteUser"), 0u);
  EXPECT_EQ(n.services.count("sns"), 1u);  // the scan's SNS calls would count
}

TEST(Needed, TheLastScansCallsCountForTheServicesTheSignaturesReach) {
  store::ScanSummary scan;
  scan.id = 7;
  scan.status = "complete";
  scan.stats = {{"apiRequestsByOperation",
                 {{"iam:ListUsers", 3}, {"iam:GetUser", 5}, {"sts:GetCallerIdentity", 1}, {"sns:ListTopics", 2},
                  {"ec2:DescribeVolumes", 4}, {"s3:GetBucketPolicy", 2}}}};
  auto n = permissions::needed({stored("U-1", "IAM", "user", R"js(module.exports = async (apiCaller, r) =>
      apiCaller({ service: "IAM", endpoint: r.data.op, params: { UserName: r.name } });)js")},
                               models(), {scan});
  EXPECT_EQ(n.actions["iam:GetUser"], std::set<std::string>{"last scan #7"});  // built at run time: known from the scan
  EXPECT_EQ(n.actions["iam:ListUsers"], (std::set<std::string>{"inventory: IAM user listing", "last scan #7"}));
  for (const char* other : {"sns:ListTopics", "ec2:DescribeVolumes", "s3:GetBucketPolicy"})
    EXPECT_EQ(n.actions.count(other), 0u) << other << ": no selected signature reaches its service";
  ASSERT_EQ(n.notes.size(), 1u);
  EXPECT_EQ(n.notes[0], "signature U-1 (line 2): an apiCaller request to IAM whose endpoint is not a literal; the last scan's calls to its services are included");
}

TEST(Needed, FromTheStoreEveryEnabledSignatureAndTheNewestCompleteScan) {
  auto path = signet::testing::temp_path("permissions", "store.db");
  {
    auto store = store::open_sqlite(path);
    builtins::install(*store);
    auto all = permissions::needed(*store, models());
    EXPECT_EQ(notes(all), "") << "every built-in's calls are literal";
    for (const char* action : {"cloudtrail:GetTrailStatus", "config:DescribeConfigurationRecorderStatus", "logs:DescribeMetricFilters",
                               "kms:GetKeyRotationStatus", "kms:DescribeKey", "s3:GetBucketPublicAccessBlock", "iam:GetPolicyVersion",
                               "ec2:DescribeSnapshotAttribute", "elasticfilesystem:DescribeFileSystems", "guardduty:GetDetector",
                               "cloudfront:GetDistributionConfig"})  // CloudFront's operations end in their API version: IAM's do not
      EXPECT_EQ(all.actions.count(action), 1u) << action;
    EXPECT_EQ(all.actions["cloudtrail:GetTrailStatus"], std::set<std::string>{"signature AWS-CT-001"});
    for (const auto& [action, reasons] : all.actions)
      EXPECT_TRUE(std::regex_match(action, std::regex("[a-z0-9-]+:[A-Z][A-Za-z0-9]+"))) << action;

    // A disabled signature's own calls go, unless it is named.
    store->set_enabled("AWS-CT-001", false);
    EXPECT_EQ(permissions::needed(*store, models()).actions.count("cloudtrail:GetTrailStatus"), 0u);
    auto one = permissions::needed(*store, models(), {"AWS-CT-001"});
    EXPECT_EQ(actions(one), (std::set<std::string>{"ec2:DescribeRegions", "cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus"}));

    // The newest complete scan counts, with the other accounts' scans of its run; a newer
    // failed one does not, nor an older run.
    auto scan = [&](const std::string& status, const std::string& run, const std::string& operation) {
      auto id = store->begin_scan();
      store->finish_scan(id, status, {{"run", run}, {"apiRequestsByOperation", {{operation, 1}}}});
      return id;
    };
    scan("complete", "run-1", "cloudtrail:GetInsightSelectors");
    auto first_account = scan("complete", "run-2", "cloudtrail:ListTags");
    auto second_account = scan("complete", "run-2", "cloudtrail:GetEventSelectors");
    scan("failed", "run-3", "cloudtrail:ListTrails");
    store->begin_scan();  // still running
    one = permissions::needed(*store, models(), {"AWS-CT-001"});
    EXPECT_EQ(one.actions["cloudtrail:ListTags"], std::set<std::string>{"last scan #" + std::to_string(first_account)});
    EXPECT_EQ(one.actions["cloudtrail:GetEventSelectors"], std::set<std::string>{"last scan #" + std::to_string(second_account)});
    EXPECT_EQ(one.actions.count("cloudtrail:GetInsightSelectors"), 0u) << "an older run";
    EXPECT_EQ(one.actions.count("cloudtrail:ListTrails"), 0u) << "a failed scan";
  }
  std::filesystem::remove(path);
}

TEST(Policy, SortedUniqueActionsInOneStatement) {
  permissions::Needed n;
  n.actions["s3:ListAllMyBuckets"] = {"a"};
  n.actions["cloudwatch:DescribeAlarms"] = {"b", "c"};
  n.actions["ec2:DescribeRegions"] = {"d"};
  // In the order IAM's documents are written.
  EXPECT_EQ(permissions::iam_policy(n).dump(), ojson::parse(R"({"Version": "2012-10-17", "Statement": [{"Sid": "SignetReadOnly", "Effect": "Allow",
      "Action": ["cloudwatch:DescribeAlarms", "ec2:DescribeRegions", "s3:ListAllMyBuckets"], "Resource": "*"}]})").dump());
  EXPECT_EQ(permissions::explain(n),
            "cloudwatch:DescribeAlarms  b; c\n"
            "ec2:DescribeRegions        d\n"
            "s3:ListAllMyBuckets        a\n");
}

TEST(Template, TheRoleWithThePolicyTrustingTheScannerWithItsExternalId) {
  permissions::Needed n;
  n.actions["iam:ListUsers"] = {"inventory: IAM user listing"};
  ojson t = ojson::parse(permissions::cloudformation(n));
  EXPECT_EQ(t.begin().key(), "AWSTemplateFormatVersion");
  EXPECT_EQ(t["AWSTemplateFormatVersion"], "2010-09-09");
  for (const char* p : {"ScannerPrincipalArn", "ExternalId"}) {
    ASSERT_TRUE(t["Parameters"].contains(p)) << t.dump(2);
    EXPECT_FALSE(t["Parameters"][p].contains("Default")) << p << ": each deployment gives it";
  }
  EXPECT_TRUE(t["Parameters"]["ExternalId"].value("NoEcho", false));
  const ojson& role = t["Resources"]["SignetScannerRole"];
  EXPECT_EQ(role["Type"], "AWS::IAM::Role");
  EXPECT_EQ(role["Properties"]["Policies"][0]["PolicyDocument"], permissions::iam_policy(n));
  const ojson& trust = role["Properties"]["AssumeRolePolicyDocument"]["Statement"][0];
  EXPECT_EQ(trust["Principal"]["AWS"], ojson({{"Ref", "ScannerPrincipalArn"}}));
  EXPECT_EQ(trust["Action"], "sts:AssumeRole");
  EXPECT_EQ(trust["Condition"]["StringEquals"]["sts:ExternalId"], ojson({{"Ref", "ExternalId"}}));
  EXPECT_EQ(t["Outputs"]["RoleArn"]["Value"], ojson({{"Fn::GetAtt", {"SignetScannerRole", "Arn"}}}));
  // StackSet-ready: nothing names an account.
  EXPECT_FALSE(std::regex_search(t.dump(), std::regex("[0-9]{12}"))) << t.dump(2);
}

TEST(Template, DefaultsAreCheckedAsCloudFormationWouldCheckThem) {
  permissions::Needed n;
  n.actions["iam:ListUsers"] = {"x"};
  json t = json::parse(permissions::cloudformation(n, {"arn:aws:iam::111122223333:role/signet", "signet-ext-1"}));
  EXPECT_EQ(t["Parameters"]["ScannerPrincipalArn"]["Default"], "arn:aws:iam::111122223333:role/signet");
  EXPECT_EQ(t["Parameters"]["ExternalId"]["Default"], "signet-ext-1");
  EXPECT_NO_THROW(permissions::cloudformation(n, {"arn:aws-us-gov:iam::111122223333:root", ""}));
  EXPECT_NO_THROW(permissions::cloudformation(n, {"arn:aws:iam::111122223333:user/team/scanner", ""}));
  for (const char* bad : {"111122223333", "arn:aws:iam::1111:role/x", "arn:aws:s3:::bucket", "arn:aws:iam::111122223333:group/g"})
    EXPECT_THROW(permissions::cloudformation(n, {bad, ""}), std::invalid_argument) << bad;
  EXPECT_THROW(permissions::cloudformation(n, {"", "x"}), std::invalid_argument);                 // too short for STS
  EXPECT_THROW(permissions::cloudformation(n, {"", "has spaces in it"}), std::invalid_argument);  // not STS's characters
}
