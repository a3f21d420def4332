// The computed policy, enforced: moto checks IAM policies once authentication is on. The
// demo account is scanned through a role holding exactly `signet permissions`' policy for
// every built-in (its trust policy the CloudFormation template's): nothing is refused. Then
// one action less, needed by one signature alone, and one needed by one resource type
// alone: that signature's results and that type's listing fail naming it, and nothing else.
#include <gtest/gtest.h>

#include "aws/scope/aws_scope.h"

#include <filesystem>
#include <fstream>
#include <set>

#include "aws/accounts/aws_accounts.h"
#include "builtins/builtins.h"
#include "demo/seed.h"
#include "emulator/moto_server.h"
#include "common/strings.h"
#include "engine/scan.h"
#include "inventory/inventory.h"
#include "aws/permissions/permissions.h"
#include "sandbox/test_harness.h"
#include "testing/aws_calls.h"

using namespace signet;
using nlohmann::json;

namespace {

// The action moto checks for an IAM action (moto 5.2, read from its source):
// iam/access_control.py, IAMRequestBase.__init__, authorizes
// f"{credential scope's service}:{action}": the SigV4 signing name, so CloudWatch's actions
// are "monitoring:..." there. The action is core/responses.py's BaseResponse._get_action:
// the query's Action, the X-Amz-Target's suffix or the operation matching the method and
// URI: the API operation's name, as IAM names most actions. S3 is apart: s3/responses.py
// authorizes bucket GETs by ACTION_MAP["BUCKET"]["GET"], keyed by the query string, which
// lacks "encryption" and spells "publicAccessBlock" "public_access_block": GetBucketEncryption
// and GetPublicAccessBlock are checked as s3:ListBucket (ListBuckets as s3:ListAllMyBuckets,
// as IAM has it). S3 Control's account-level GetPublicAccessBlock is checked under its
// operation name, s3:GetPublicAccessBlock (IAM: s3:GetAccountPublicAccessBlock).
std::string moto_action(const std::string& action) {
  static const std::map<std::string, std::string> s3_map_gaps = {{"s3:GetEncryptionConfiguration", "s3:ListBucket"},
                                                                 {"s3:GetBucketPublicAccessBlock", "s3:ListBucket"},
                                                                 {"s3:GetAccountPublicAccessBlock", "s3:GetPublicAccessBlock"}};
  if (auto it = s3_map_gaps.find(action); it != s3_map_gaps.end()) return it->second;
  if (action.rfind("cloudwatch:", 0) == 0) return "monitoring:" + action.substr(action.find(':') + 1);
  // Batch's routes are lowercase paths (/v1/describejobdefinitions), and moto authorizes the
  // action as the path spells it; IAM itself compares actions ignoring case.
  if (action.rfind("batch:", 0) == 0) return to_lower(action);
  return action;
}

// moto cannot check the signature of a bodiless GET without a query string: core/responses.py
// (BaseResponse.setup_class) fills an empty querystring with the request's headers, and
// iam/access_control.py (_create_aws_request) signs `data=self._body or self._data` again,
// the headers as a form body. boto3's own calls fail the same way. So a listing whose call is
// a REST GET fails with SignatureDoesNotMatch whatever the policy (the listing's HTTP method
// is read from the models, not listed here). And moto answers 500, or a bare 404, to the
// operations it does not implement (the types the catalog tests on recorded listing answers).
bool moto_cannot_check(const json& problem) {
  const std::string message = problem.value("message", "");
  if (message.rfind("500:", 0) == 0 || message == "404: Not Found") return true;
  if (message.find("SignatureDoesNotMatch") == std::string::npos) return false;
  const auto* type = aws::catalog().find(problem.value("service", ""), problem.value("type", ""));
  if (!type) return false;
  auto model = aws::Models::embedded()->find(type->spec["list"]["service"].get<std::string>());
  const json* operation = model ? model->operation(type->spec["list"]["operation"].get<std::string>()) : nullptr;
  return operation && model->protocol().rfind("rest-", 0) == 0 && operation->value("http", json::object()).value("method", "") == "GET";
}

bool denied(const std::string& message) {
  for (const char* sign : {"AccessDenied", "not authorized", "UnauthorizedOperation"})
    if (message.find(sign) != std::string::npos) return true;
  return false;
}

// The listing problems that are not moto's signature gap.
std::vector<json> real_problems(const engine::ScanReport& report) {
  std::vector<json> out;
  for (const auto& p : report.stats["listingProblems"])
    if (!moto_cannot_check(p)) out.push_back(p);
  return out;
}

json for_moto(json policy) {
  std::set<std::string> actions;
  for (const auto& a : policy["Statement"][0]["Action"]) actions.insert(moto_action(a));
  policy["Statement"][0]["Action"] = actions;
  return policy;
}

// The template's {"Ref": NAME}s given their values, as CloudFormation deploys it.
json with_parameters(json node, const std::map<std::string, std::string>& values) {
  if (node.is_object() && node.size() == 1 && node.contains("Ref")) return values.at(node["Ref"].get<std::string>());
  if (node.is_structured())
    for (auto& child : node) child = with_parameters(child, values);
  return node;
}

using signet::testing::call_or_throw;

constexpr const char* kExternalId = "signet-test-external-id";

// The demo account, a scanner user that may only assume the scanner role (its keys in a
// profile), and the role, made from the template with the policy for moto's names.
struct Account {
  emulator::MotoServer moto;
  io::EventLoop loop;
  std::unique_ptr<aws::AwsClient> writer;
  std::string credentials_file = signet::testing::temp_path("permissions", "credentials"), db = signet::testing::temp_path("permissions", "store.db");
  std::string role_arn;

  Account() {
    setenv("AWS_EC2_METADATA_DISABLED", "true", 1);
    aws::ClientOptions writes;
    writes.endpoints.all = moto.endpoint();
    writes.read_only = false;
    writer = std::make_unique<aws::AwsClient>(loop, aws::Models::embedded(), aws::CredentialChain::fixed({"testing", "testing", "", std::nullopt}),
                                              writes);
    demo::seed_account(loop, *writer, demo::account_plan());
  }
  ~Account() {
    std::filesystem::remove(credentials_file);
    std::filesystem::remove(db);
  }

  void make_scanner(const std::string& role_template) {
    json user = call_or_throw(loop, *writer, "iam", "CreateUser", {{"UserName", "signet"}})["User"];
    json key = call_or_throw(loop, *writer, "iam", "CreateAccessKey", {{"UserName", "signet"}})["AccessKey"];
    json role = json::parse(role_template)["Resources"]["SignetScannerRole"]["Properties"];
    json trust = with_parameters(role["AssumeRolePolicyDocument"], {{"ScannerPrincipalArn", user["Arn"]}, {"ExternalId", kExternalId}});
    role_arn = call_or_throw(loop, *writer, "iam", "CreateRole", {{"RoleName", "SignetScanner"}, {"AssumeRolePolicyDocument", trust.dump()}})["Role"]["Arn"];
    json assume = {{"Version", "2012-10-17"},
                   {"Statement", json::array({{{"Effect", "Allow"}, {"Action", "sts:AssumeRole"}, {"Resource", role_arn}}})}};
    call_or_throw(loop, *writer, "iam", "PutUserPolicy", {{"UserName", "signet"}, {"PolicyName", "assume"}, {"PolicyDocument", assume.dump()}});
    std::ofstream(credentials_file) << "[scanner]\naws_access_key_id = " << key["AccessKeyId"].get<std::string>()
                                    << "\naws_secret_access_key = " << key["SecretAccessKey"].get<std::string>() << "\n";
    setenv("AWS_SHARED_CREDENTIALS_FILE", credentials_file.c_str(), 1);
    setenv("AWS_CONFIG_FILE", "/nonexistent", 1);
    unsetenv("AWS_ACCESS_KEY_ID");
    unsetenv("AWS_SECRET_ACCESS_KEY");
    set_role_policy(role["Policies"][0]["PolicyDocument"]);
  }

  // The role's policy from now on (a printed one, in moto's names), written while moto
  // checks nothing; then moto checks every request.
  void set_role_policy(const json& policy) {
    moto.require_signatures(false);
    call_or_throw(loop, *writer, "iam", "PutRolePolicy",
         {{"RoleName", "SignetScanner"}, {"PolicyName", "SignetReadOnly"}, {"PolicyDocument", for_moto(policy).dump()}});
    moto.require_signatures();
  }

  accounts::Target scanner_target(const std::string& external_id = kExternalId) const {
    accounts::Target t;
    t.key = t.name = "member";
    t.access.profile = "scanner";
    t.access.role_arn = role_arn;
    t.access.external_id = external_id;
    return t;
  }

  engine::ScanReport scan(store::Store& store) {
    aws::ClientOptions options;
    options.endpoints.all = moto.endpoint();
    aws::AwsConnector connector(aws::Models::embedded(), options, "us-east-1");
    auto client = connector.client(loop, scanner_target());
    sandbox::Sandbox box(loop, sandbox::testing::test_limits());
    engine::ScanOptions scan;
    scan.account = "member";
    scan.regions = demo::account_plan()["regions"].get<std::vector<std::string>>();
    aws::AwsScope scope(*client);
    return engine::run_scan(loop, box, scope, store, scan);
  }
};

std::set<std::string> actions(const permissions::Needed& n) {
  std::set<std::string> out;
  for (const auto& [action, reasons] : n.actions) out.insert(action);
  return out;
}

json without(json policy, const std::set<std::string>& removed) {
  json kept = json::array();
  for (const auto& a : policy["Statement"][0]["Action"])
    if (!removed.count(a)) kept.push_back(a);
  policy["Statement"][0]["Action"] = kept;
  return policy;
}

}  // namespace

TEST(PermissionsMoto, TheComputedPolicyIsEnoughAndEveryActionTakenAwayIsMissed) {
  Account account;
  auto store = store::open_sqlite(account.db);
  builtins::install(*store);
  const auto models = aws::Models::embedded();
  permissions::Needed needed = permissions::needed(*store, *models);
  ASSERT_TRUE(needed.notes.empty()) << needed.notes.front();
  const json policy = json::parse(permissions::iam_policy(needed).dump());
  account.make_scanner(permissions::cloudformation(needed));

  // The trust policy holds the external id.
  aws::ClientOptions options;
  options.endpoints.all = account.moto.endpoint();
  aws::AwsConnector connector(models, options, "us-east-1");
  auto wrong = connector.client(account.loop, account.scanner_target("not-the-external-id"));
  try {
    call_or_throw(account.loop, *wrong, "sts", "GetCallerIdentity");
    ADD_FAILURE() << "the role was assumed with another external id";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("AccessDenied"), std::string::npos) << e.what();
  }

  // Exactly the policy: nothing is refused.
  engine::ScanReport full = account.scan(*store);
  std::map<std::string, std::size_t> rows;
  for (const auto& r : store->results(full.scan_id)) {
    ++rows[r.value("signatureId", "")];
    EXPECT_NE(r.value("status", ""), "Error") << r.dump();
  }
  for (const auto& p : full.stats["listingProblems"]) EXPECT_FALSE(denied(p.value("message", ""))) << p.dump();
  EXPECT_EQ(real_problems(full), std::vector<json>{}) << full.stats["listingProblems"].dump(2);
  // Not vacuous: the signatures behind moto's renamed actions and the ones changed below ran.
  for (const char* id : {"AWS-CT-001", "AWS-KMS-001", "AWS-S3-001", "AWS-S3-004", "AWS-CW-001", "AWS-IAM-005", "AWS-CONFIG-001"})
    EXPECT_GT(rows[id], 0u) << id << " had no resource to run on";
  // The scan called nothing the code and the catalog did not say: its calls add no action.
  EXPECT_EQ(actions(permissions::needed(*store, *models)), actions(needed));

  // One action less for one signature (AWS-CT-001 alone calls GetTrailStatus) and one for
  // one resource type (KMS keys' listing).
  ASSERT_EQ(needed.actions.at("cloudtrail:GetTrailStatus"), std::set<std::string>{"signature AWS-CT-001"});
  ASSERT_EQ(needed.actions.at("kms:ListKeys"), std::set<std::string>{"inventory: KMS key listing"});
  account.set_role_policy(without(policy, {"cloudtrail:GetTrailStatus", "kms:ListKeys"}));
  engine::ScanReport less = account.scan(*store);
  std::size_t trail_errors = 0;
  for (const auto& r : store->results(less.scan_id)) {
    const std::string id = r.value("signatureId", ""), message = r.value("message", "");
    if (id == "AWS-CT-001") {
      ++trail_errors;
      EXPECT_EQ(r.value("status", ""), "Error") << r.dump();
      EXPECT_NE(message.find("AccessDenied on cloudtrail:GetTrailStatus"), std::string::npos) << message;
    } else {
      EXPECT_NE(r.value("status", ""), "Error") << r.dump();
      EXPECT_NE(id, "AWS-KMS-001") << "no key could be listed";
    }
  }
  EXPECT_EQ(trail_errors, rows["AWS-CT-001"]);
  const std::vector<json> problems = real_problems(less);
  ASSERT_EQ(problems.size(), full.stats["regions"].size()) << less.stats["listingProblems"].dump(2);  // KMS keys, in each region
  for (const auto& p : problems) {
    EXPECT_EQ(p.value("service", "") + " " + p.value("type", ""), "KMS key") << p.dump();
    EXPECT_NE(p.value("message", "").find("kms:ListKeys"), std::string::npos) << p.dump();
  }
}
