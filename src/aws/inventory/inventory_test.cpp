#include "aws/inventory/inventory.h"
#include "common/csv.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <unistd.h>

#include "aws/policy/policy.h"
#include "emulator/moto_server.h"
#include "testing/aws_calls.h"

using namespace signet;
using namespace signet::inventory;
using namespace signet::aws;
using nlohmann::json;

TEST(Catalog, CoversTheServicesAndTypesAScannerNeeds) {
  const auto& catalog = aws::catalog();
  EXPECT_GE(catalog.types().size(), 60u);
  EXPECT_GE(catalog.services().size(), 25u);
  auto models = aws::Models::embedded();
  std::set<std::string> seen;
  for (const auto& t : catalog.types()) {
    std::string key = t.service() + "/" + t.type();
    EXPECT_TRUE(seen.insert(key).second) << key << " is listed twice";
    auto service = models->find(t.spec["list"]["service"].get<std::string>());
    ASSERT_TRUE(service) << key;
    const json* op = service->operation(t.spec["list"]["operation"].get<std::string>());
    ASSERT_TRUE(op) << key;
    EXPECT_TRUE(aws::ReadOnlyPolicy::builtin().check(*service, (*op)["name"], json::object()).allowed) << key;
    EXPECT_TRUE(service->paginator((*op)["name"]) || t.spec.contains("items") || t.spec.value("single", false))
        << key << ": neither paginated nor given 'items'";
    EXPECT_TRUE(t.spec.contains("arn") || t.spec.contains("arnTemplate")) << key << " has no way to its ARN";
  }
  for (const char* service : {"IAM", "EC2", "S3", "RDS", "Lambda", "KMS", "CloudTrail", "Config", "CloudWatch", "Logs", "SNS",
                              "SQS", "DynamoDB", "SecretsManager", "ECR", "EKS", "ELB", "ELBv2", "GuardDuty", "ACM", "Route53",
                              "CloudFront", "EFS", "ECS", "ElastiCache", "Redshift"})
    EXPECT_TRUE(catalog.find(service)) << service << " has no primary type";
  EXPECT_EQ(catalog.find("ec2", "securityGroup")->type(), "securityGroup");
  EXPECT_EQ(catalog.find("EC2", "AWS::EC2::SecurityGroup")->type(), "securityGroup");
  EXPECT_EQ(catalog.find("IAM")->type(), "user");
  EXPECT_FALSE(catalog.find("IAM", "spaceship"));
  EXPECT_TRUE(catalog.knows_service("iam"));
  EXPECT_FALSE(catalog.knows_service("Nope"));
}

TEST(Catalog, ListedItemsBecomeResourcesInTheSpecsShape) {
  const auto* instance = aws::catalog().find("EC2", "instance");
  json item = json::parse(R"({"InstanceId": "i-1", "VpcId": "vpc-9", "Tags": [{"Key": "Name", "Value": "web-1"}, {"Key": "team", "Value": "data"}]})");
  json r = make_resource(*instance, item, "eu-west-1", "123456789012", "aws");
  EXPECT_EQ(r["id"], "i-1");
  EXPECT_EQ(r["name"], "web-1");
  EXPECT_EQ(r["arn"], "arn:aws:ec2:eu-west-1:123456789012:instance/i-1");
  EXPECT_EQ(r["vpc"], "vpc-9");
  EXPECT_EQ(r["tags"], json::parse(R"({"Name": "web-1", "team": "data"})"));
  EXPECT_EQ(r["service"], "EC2");
  EXPECT_EQ(r["type"], "instance");
  EXPECT_EQ(r["data"], item);
  json queue = make_resource(*aws::catalog().find("SQS"), "https://sqs.eu-west-1.amazonaws.com/123/jobs", "eu-west-1", "123", "aws");
  EXPECT_EQ(queue["id"], "https://sqs.eu-west-1.amazonaws.com/123/jobs");
  EXPECT_EQ(queue["name"], "jobs");
  EXPECT_EQ(queue["arn"], "arn:aws:sqs:eu-west-1:123:jobs");
  EXPECT_TRUE(queue["vpc"].is_null());
}

// A child type (catalog "parent"): its templates name the parent resource, and the parent's
// id goes into its data where the listing leaves it out.
TEST(Catalog, AChildTypeNamesItsParentInItsIdArnAndData) {
  const auto* stage = aws::catalog().find("APIGateway", "stage");
  ASSERT_TRUE(stage);
  json parent = {{"id", "a1b2c3"}, {"name", "orders"}, {"arn", "arn:aws:apigateway:eu-west-1::/restapis/a1b2c3"}};
  json r = make_resource(*stage, json{{"stageName", "prod"}, {"tracingEnabled", true}}, "eu-west-1", "123456789012", "aws", parent);
  EXPECT_EQ(r["id"], "a1b2c3/prod") << "a stage name is unique only within its API";
  EXPECT_EQ(r["name"], "orders/prod");
  EXPECT_EQ(r["arn"], "arn:aws:apigateway:eu-west-1::/restapis/a1b2c3/stages/prod");
  EXPECT_EQ(r["data"]["restApiId"], "a1b2c3");
  EXPECT_EQ(r["data"]["tracingEnabled"], true);
  // Every string of a call's params is filled, in lists and objects too.
  json params = fill_params(json::parse(R"({"cluster": "{parent.arn}", "services": ["{id}"], "n": 3, "o": {"k": "{name}"}})"),
                            {{"parent.arn", "arn:c"}, {"id", "arn:s"}, {"name", "web"}});
  EXPECT_EQ(params, json::parse(R"({"cluster": "arn:c", "services": ["arn:s"], "n": 3, "o": {"k": "web"}})"));
  for (const auto& call : listing_calls())
    EXPECT_FALSE(call.service == "apigateway" && call.operation == "GetStages") << "a child's listing needs its parent's id: not probed alone";
  for (const auto& call : listing_calls()) {
    if (call.operation == "ListUserPools") {
      EXPECT_EQ(call.params, json({{"MaxResults", 60}})) << "the catalog's params come along";
    }
  }
}

// Asking for a child type alone lists its parents for it, once per parent, without giving
// the parents as resources; a parent's own resources come only when asked for.
TEST(Inventory, ListsAChildTypeOncePerParentResource) {
  emulator::MotoServer moto;
  const char* seed = R"PY(
import sys, boto3
ag = boto3.client("apigateway", endpoint_url=sys.argv[1], region_name="eu-west-1", aws_access_key_id="testing", aws_secret_access_key="testing")
for name, stages in (("orders", ["prod", "beta"]), ("users", ["live"])):
    api = ag.create_rest_api(name=name)["id"]
    root = ag.get_resources(restApiId=api)["items"][0]["id"]
    ag.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE")
    ag.put_integration(restApiId=api, resourceId=root, httpMethod="GET", type="MOCK")
    for stage in stages:
        ag.create_deployment(restApiId=api, stageName=stage)
ag.create_rest_api(name="empty")
)PY";
  std::string script = (std::filesystem::temp_directory_path() / ("signet-stages-" + std::to_string(getpid()) + ".py")).string();
  std::ofstream(script) << seed;
  ASSERT_EQ(std::system(("python3 " + script + " " + moto.endpoint()).c_str()), 0);
  std::filesystem::remove(script);
  io::EventLoop loop;
  aws::ClientOptions options;
  options.endpoints.all = moto.endpoint();
  aws::AwsClient client(loop, aws::Models::embedded(), aws::CredentialChain::fixed({"testing", "testing", "", std::nullopt}), options);
  auto discover_types = [&](std::vector<const ResourceType*> types) {
    std::optional<Inventory> found;
    discover(client, aws::catalog(), {{"eu-west-1"}, {}, std::move(types)}, [&](Inventory i) { found = std::move(i); });
    loop.run_until([&] { return found.has_value(); });
    return std::move(*found);
  };
  const auto* stage = aws::catalog().find("APIGateway", "stage");
  const auto* api = aws::catalog().find("APIGateway", "restApi");
  Inventory stages = discover_types({stage});
  for (const auto& p : stages.problems) ADD_FAILURE() << p.service << "/" << p.type << ": " << p.message;
  std::set<std::string> names;
  for (const auto& r : stages.resources) {
    EXPECT_EQ(r["type"], "stage") << "the parents are listed for their stages, not given";
    names.insert(r["name"].get<std::string>());
    EXPECT_EQ(r["id"], r["data"]["restApiId"].get<std::string>() + "/" + r["data"]["stageName"].get<std::string>());
    EXPECT_EQ(r["region"], "eu-west-1");
  }
  EXPECT_EQ(names, (std::set<std::string>{"orders/prod", "orders/beta", "users/live"}));
  Inventory both = discover_types({api, stage});
  std::map<std::string, int> count;
  for (const auto& r : both.resources) count[r["type"].get<std::string>()]++;
  EXPECT_EQ(count["restApi"], 3);
  EXPECT_EQ(count["stage"], 3);
}

namespace {

// Types moto does not serve are tested on recorded listing answers
// (recorded_listings/SERVICE.json): each case's answer, in apiCaller's apiResponse form,
// must give exactly the resources it expects (id, name, arn, vpc; region, tags when given).
// Returns the types with a case, "Service/type".
std::set<std::string> check_recorded_listings() {
  std::set<std::string> tested;
  for (const auto& entry : std::filesystem::directory_iterator(SIGNET_SOURCE_DIR "/src/aws/inventory/recorded_listings")) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    json file = json::parse(in);
    for (const auto& c : file.at("cases")) {
      std::string key = c.at("service").get<std::string>() + "/" + c.at("type").get<std::string>();
      std::string where = entry.path().filename().string() + " " + key;
      const ResourceType* type = aws::catalog().find(c["service"], c["type"]);
      EXPECT_TRUE(type) << where << ": the catalog has no such type";
      if (!type) continue;
      json items = listed_items(*type, c.at("answer"));
      const json& expected = c.at("expect");
      EXPECT_EQ(items.size(), expected.size()) << where;
      if (items.size() != expected.size()) continue;
      for (std::size_t i = 0; i < items.size(); ++i) {
        json r = make_resource(*type, items[i], c.value("region", "us-east-1"), c.value("account", "123456789012"), "aws",
                               c.value("parent", json()));
        for (const auto& [field, value] : expected[i].items()) EXPECT_EQ(r[field], value) << where << " item " << i << " field " << field;
      }
      tested.insert(type->service() + "/" + type->type());
    }
  }
  return tested;
}

}  // namespace

TEST(Catalog, RecordedListingsGiveTheExpectedResources) { check_recorded_listings(); }

// Every type of the catalog is tested: found on the seeded moto account (the base account
// and the built-ins' seeds), or on a recorded listing answer.
TEST(Catalog, EveryTypeIsFoundOnMotoOrTestedOnARecordedAnswer) {
  auto recorded = check_recorded_listings();
  emulator::MotoServer moto;
  ASSERT_EQ(std::system(("python3 " SIGNET_SOURCE_DIR "/src/aws/reference/seed_account.py " + moto.endpoint() + " > /dev/null").c_str()), 0);
  ASSERT_EQ(std::system(("python3 " SIGNET_SOURCE_DIR "/signatures/aws/seed/run.py " + moto.endpoint() + " > /dev/null").c_str()), 0);
  io::EventLoop loop;
  aws::ClientOptions options;
  options.endpoints.all = moto.endpoint();
  aws::AwsClient client(loop, aws::Models::embedded(), aws::CredentialChain::fixed({"testing", "testing", "", std::nullopt}), options);
  std::optional<Inventory> found;
  discover(client, aws::catalog(), {{"us-east-1", "eu-west-1"}}, [&](Inventory i) { found = std::move(i); });
  loop.run_until([&] { return found.has_value(); });
  std::set<std::string> seen;
  for (const auto& r : found->resources) seen.insert(r["service"].get<std::string>() + "/" + r["type"].get<std::string>());
  std::map<std::string, std::string> problems;
  for (const auto& p : found->problems) problems[p.service + "/" + p.type] = p.region + ": " + p.message;
  for (const auto& t : aws::catalog().types()) {
    std::string key = t.service() + "/" + t.type();
    EXPECT_TRUE(seen.count(key) || recorded.count(key))
        << key << " is neither found on the seeded account nor tested on a recorded answer"
        << (problems.count(key) ? " (moto: " + problems[key] + ")" : "");
  }
  // The demo disables the built-ins over the types moto cannot list, named in its data: a
  // listing moto fails that the data does not name would leave the demo's scans incomplete.
  std::ifstream in(SIGNET_SOURCE_DIR "/src/demo/moto_unserved.json");
  const json data = json::parse(in);
  std::set<std::string> unserved;
  for (const auto& t : data.at("types")) unserved.insert(t["service"].get<std::string>() + "/" + t["type"].get<std::string>());
  for (const auto& [key, problem] : problems)
    EXPECT_TRUE(unserved.count(key)) << key << ": moto cannot list it (" << problem << "); add it to src/demo/moto_unserved.json";
  for (const auto& key : unserved)
    if (!problems.count(key)) std::cout << "note: moto now lists " << key << "; src/demo/moto_unserved.json may let it go\n";
}

TEST(Catalog, ServicesAreKnownToTheCatalogOrTheModelsInAnyCase) {
  const auto& models = *aws::Models::embedded();
  EXPECT_TRUE(check_services({"IAM", "ec2", "elbv2", "Kafka", "Elastic Load Balancing v2"}, models).ok());
  auto check = check_services({"EC3", "IAM", "Spaceships", "EC3"}, models);
  EXPECT_EQ(check.field, "services");
  EXPECT_EQ(check.unknown, (std::vector<std::string>{"EC3", "Spaceships"}));
  // The catalog's services follow, alphabetically whatever the case (the coverage work adds services on both sides of ACM).
  EXPECT_EQ(check.message.rfind("unknown service(s): EC3 (did you mean EC2?), Spaceships; known: ", 0), 0u) << check.message;
  EXPECT_NE(check.message.find(", ACM, APIGateway, "), std::string::npos) << check.message;
  EXPECT_LT(check.message.find("AccessAnalyzer, "), check.message.find(", ACM, ")) << check.message;
  auto catalog_only = check_services({"Kafka", "s3"}, models, true);
  EXPECT_EQ(catalog_only.unknown, std::vector<std::string>{"Kafka"}) << "the inventory lists only the catalog's services";
}

TEST(Csv, QuotedFieldsLineBreaksAndDoubledQuotes) {
  auto rows = parse_csv("user,arn,note\r\nalice,\"arn:a,b\",\"say \"\"hi\"\"\nthere\"\nbob,,\n\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"user", "arn", "note"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"alice", "arn:a,b", "say \"hi\"\nthere"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"bob", "", ""}));
}

TEST(Inventory, DiscoversASeededAccountInTwoRegions) {
  emulator::MotoServer moto;
  ASSERT_EQ(std::system(("python3 " SIGNET_SOURCE_DIR "/src/aws/reference/seed_account.py " + moto.endpoint() + " > /dev/null").c_str()), 0);
  io::EventLoop loop;
  aws::ClientOptions options;
  options.endpoints.all = moto.endpoint();
  aws::AwsClient client(loop, aws::Models::embedded(), aws::CredentialChain::fixed({"testing", "testing", "", std::nullopt}), options);
  std::optional<Inventory> found;
  discover(client, aws::catalog(), {{"us-east-1", "eu-west-1"}}, [&](Inventory i) { found = std::move(i); });
  loop.run_until([&] { return found.has_value(); });

  std::map<std::string, int> count;
  for (const auto& r : found->resources) count[r["service"].get<std::string>() + "/" + r["type"].get<std::string>() + "@" + r["region"].get<std::string>()]++;
  for (const auto& p : found->problems) std::cout << "problem: " << p.service << "/" << p.type << " " << p.region << ": " << p.message << "\n";
  EXPECT_EQ(found->account_id, "123456789012");
  EXPECT_EQ((count["IAM/user@us-east-1"]), 4) << "global: listed once, in the partition's home region";
  EXPECT_EQ((count["IAM/user@eu-west-1"]), 0);
  EXPECT_EQ((count["IAM/account@us-east-1"]), 1) << "the account itself, for account-wide controls";
  for (const char* region : {"us-east-1", "eu-west-1"}) {
    std::string at = std::string("@") + region;
    EXPECT_EQ(count["EC2/instance" + at], 3) << region;
    EXPECT_GE(count["EC2/securityGroup" + at], 2) << region;  // "web" and the VPC's default
    EXPECT_EQ(count["KMS/key" + at], 1) << region;
    EXPECT_EQ(count["DynamoDB/table" + at], 1) << region;
    EXPECT_EQ(count["CloudTrail/trail" + at], 1) << region << " (a multi-region trail once, in its home region)";
    EXPECT_EQ(count["Lambda/function" + at], 1) << region;
    EXPECT_EQ(count["SQS/queue" + at], 1) << region;
  }
  EXPECT_EQ(count["S3/bucket@us-east-1"], 1);
  EXPECT_EQ(count["S3/bucket@eu-west-1"], 1) << "each bucket in its own region, asked when the listing does not say";
  EXPECT_GE(found->resources.size(), 60u);
  for (const auto& r : found->resources) {
    if (r["service"] == "KMS" && r["type"] == "key") {
      EXPECT_TRUE(r["data"].contains("KeyManager")) << "DescribeKey is merged into data";
    }
    if (r["service"] == "IAM" && r["type"] == "user") {
      // Bulk enrichment: the credential report's row, made once for every user.
      const json& row = r["data"]["credentialReport"];
      ASSERT_TRUE(row.is_object()) << r.dump();
      EXPECT_EQ(row["user"], r["name"]);
      EXPECT_EQ(row["arn"], r["arn"]);
      EXPECT_TRUE(row.contains("mfa_active") && row.contains("password_enabled") && row.contains("access_key_1_active"));
      // And their authorization details (policies, groups) from one paginated call.
      const json& details = r["data"]["authorizationDetails"];
      ASSERT_TRUE(details.is_object()) << r.dump();
      EXPECT_EQ(details["UserName"], r["name"]);
      EXPECT_TRUE(details.contains("GroupList"));
    }
    if (r["service"] == "EC2" && r["type"] == "instance") {
      EXPECT_TRUE(r["vpc"].is_string()) << r.dump();
      EXPECT_TRUE(r["arn"].get<std::string>().find(":instance/i-") != std::string::npos) << r["arn"];
    }
  }
}

// A `single` type whose listing says the service is off in a region ("offWhen": Security Hub's
// InvalidAccessException) still gives that region's resource, with empty data and no listing
// problem; a detail call's params are filled however deep (CodeBuild's BatchGetProjects
// takes {"names": ["{name}"]}).
TEST(Inventory, AServiceOffInARegionIsAResourceAndDetailParamsAreFilledDeep) {
  emulator::MotoServer moto;
  std::string seed = R"py(
import boto3, sys
def client(service, region):
    return boto3.client(service, endpoint_url=sys.argv[1], region_name=region, aws_access_key_id="testing", aws_secret_access_key="testing")
client("securityhub", "us-east-1").enable_security_hub()
client("codebuild", "eu-west-1").create_project(name="web", source={"type": "S3", "location": "bucket/web.zip"}, artifacts={"type": "NO_ARTIFACTS"},
    environment={"type": "LINUX_CONTAINER", "image": "aws/codebuild/standard:7.0", "computeType": "BUILD_GENERAL1_SMALL"},
    serviceRole="arn:aws:iam::123456789012:role/build")
)py";
  auto script = std::filesystem::temp_directory_path() / ("signet-inventory-off-" + std::to_string(getpid()) + ".py");
  std::ofstream(script) << seed;
  ASSERT_EQ(std::system(("python3 " + script.string() + " " + moto.endpoint()).c_str()), 0);
  std::filesystem::remove(script);

  io::EventLoop loop;
  aws::ClientOptions options;
  options.endpoints.all = moto.endpoint();
  aws::AwsClient client(loop, aws::Models::embedded(), aws::CredentialChain::fixed({"testing", "testing", "", std::nullopt}), options);
  InventoryOptions wanted;
  wanted.regions = {"us-east-1", "eu-west-1"};
  wanted.types = {aws::catalog().find("SecurityHub", "hub"), aws::catalog().find("CodeBuild", "project")};
  std::optional<Inventory> found;
  discover(client, aws::catalog(), wanted, [&](Inventory i) { found = std::move(i); });
  loop.run_until([&] { return found.has_value(); });

  for (const auto& p : found->problems) ADD_FAILURE() << "problem: " << p.service << "/" << p.type << " " << p.region << ": " << p.message;
  std::map<std::string, json> hubs, projects;
  for (const auto& r : found->resources) (r["type"] == "hub" ? hubs : projects)[r["region"]] = r;
  ASSERT_EQ(hubs.size(), 2u);
  EXPECT_EQ(hubs["us-east-1"]["data"]["HubArn"], "arn:aws:securityhub:us-east-1:123456789012:hub/default");
  EXPECT_EQ(hubs["eu-west-1"]["data"], json::object()) << "off in eu-west-1: the resource stands with empty data";
  EXPECT_EQ(hubs["eu-west-1"]["arn"], "arn:aws:securityhub:eu-west-1:123456789012:hub/default");
  ASSERT_EQ(projects.size(), 1u);
  EXPECT_EQ(projects["eu-west-1"]["name"], "web");
  EXPECT_EQ(projects["eu-west-1"]["data"]["source"]["location"], "bucket/web.zip") << "BatchGetProjects named the project: " << projects["eu-west-1"].dump();
}

namespace {

// Every resource of the given S3 types, by type then name.
std::map<std::string, std::map<std::string, json>> s3_resources(aws::AwsClient& client) {
  std::vector<const ResourceType*> types;
  for (const char* type : {"bucket", "accountPublicAccessBlock", "accessPoint"}) types.push_back(aws::catalog().find("S3", type));
  std::optional<Inventory> found;
  discover(client, aws::catalog(), {{"us-east-1"}, {}, types}, [&](Inventory i) { found = std::move(i); });
  client.loop().run_until([&] { return found.has_value(); });
  for (const auto& p : found->problems) ADD_FAILURE() << p.service << "/" << p.type << " " << p.region << ": " << p.message;
  std::map<std::string, std::map<std::string, json>> out;
  for (const auto& r : found->resources) out[r["type"]][r["name"]] = r;
  return out;
}

}  // namespace

// Catalog data at work: S3 Control's calls take the account id ({account} in the listing's
// and the detail's params); the account's block public access is read once and carried by
// every bucket and by the account's own resource (whole answer; "not configured" is null).
TEST(Inventory, CarriesTheAccountsBlockPublicAccessOnEveryBucketAndListsAccessPoints) {
  emulator::MotoServer moto;
  io::EventLoop loop;
  aws::ClientOptions options;
  options.endpoints.all = moto.endpoint();
  options.read_only = false;  // this test sets the account up through the same client
  aws::AwsClient client(loop, aws::Models::embedded(), aws::CredentialChain::fixed({"testing", "testing", "", std::nullopt}), options);
  using signet::testing::call_or_throw;
  for (const char* bucket : {"alpha", "beta"}) call_or_throw(loop, client, "s3", "CreateBucket", {{"Bucket", bucket}});

  auto before = s3_resources(client);
  ASSERT_EQ(before["bucket"].size(), 2u);
  for (const auto& [name, bucket] : before["bucket"]) {
    ASSERT_TRUE(bucket["data"].contains("accountPublicAccessBlock")) << name;
    EXPECT_TRUE(bucket["data"]["accountPublicAccessBlock"].is_null()) << "none configured: " << bucket.dump();
  }
  ASSERT_EQ(before["accountPublicAccessBlock"].size(), 1u);
  const json& account = before["accountPublicAccessBlock"]["123456789012"];
  EXPECT_EQ(account["arn"], "arn:aws:s3::123456789012:account");
  EXPECT_TRUE(account["data"]["publicAccessBlock"].is_null());

  json block = {{"BlockPublicAcls", true}, {"IgnorePublicAcls", true}, {"BlockPublicPolicy", true}, {"RestrictPublicBuckets", false}};
  call_or_throw(loop, client, "s3control", "PutPublicAccessBlock", {{"AccountId", "123456789012"}, {"PublicAccessBlockConfiguration", block}});
  call_or_throw(loop, client, "s3control", "CreateAccessPoint",
                {{"AccountId", "123456789012"}, {"Name", "reports"}, {"Bucket", "alpha"},
                 {"PublicAccessBlockConfiguration", {{"BlockPublicAcls", true}, {"IgnorePublicAcls", false}, {"BlockPublicPolicy", true}, {"RestrictPublicBuckets", true}}}});

  auto after = s3_resources(client);
  for (const auto& [name, bucket] : after["bucket"]) EXPECT_EQ(bucket["data"]["accountPublicAccessBlock"], block) << name;
  EXPECT_EQ(after["accountPublicAccessBlock"]["123456789012"]["data"]["publicAccessBlock"], block);
  ASSERT_EQ(after["accessPoint"].size(), 1u);
  const json& point = after["accessPoint"]["reports"];
  EXPECT_EQ(point["arn"], "arn:aws:s3:us-east-1:123456789012:accesspoint/reports");
  EXPECT_EQ(point["data"]["Bucket"], "alpha");
  EXPECT_EQ(point["data"]["PublicAccessBlockConfiguration"]["IgnorePublicAcls"], false) << "GetAccessPoint's answer merged: " << point.dump();
}
