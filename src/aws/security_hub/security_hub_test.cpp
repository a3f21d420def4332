// Findings into Security Hub on moto: batches of 100, each finding in its own region's hub,
// refusals counted and named; and the writer client may make that one write only.
#include "aws/security_hub/security_hub.h"

#include <gtest/gtest.h>

#include "emulator/moto_server.h"

using namespace signet;
using namespace signet::aws;
using nlohmann::json;

namespace {

json finding(const std::string& id, const std::string& region) {
  const std::string account = "123456789012";
  return {{"SchemaVersion", "2018-10-08"},
          {"Id", id},
          {"ProductArn", "arn:aws:securityhub:" + region + ":" + account + ":product/" + account + "/default"},
          {"GeneratorId", "signet/TEST-001"},
          {"AwsAccountId", account},
          {"Types", {"Software and Configuration Checks/Industry and Regulatory Standards"}},
          {"CreatedAt", "2026-12-03T00:00:00Z"},
          {"UpdatedAt", "2026-12-03T00:00:00Z"},
          {"Severity", {{"Label", "HIGH"}}},
          {"Title", "A test finding"},
          {"Description", "What failed"},
          {"Resources", {{{"Type", "Other"}, {"Id", id}, {"Region", region}}}}};
}

std::size_t findings_in(AwsClient& client, const std::string& region) {
  std::optional<cloud::CallResult> result;
  client.call({"securityhub", "GetFindings", region, {{"MaxResults", 100}}}, [&](cloud::CallResult r) { result = std::move(r); });
  client.loop().run_until([&] { return result.has_value(); });
  EXPECT_TRUE(result->error.is_null()) << result->error.dump();
  return result->api_response.size();
}

// A client of moto emptied of earlier tests' findings.
std::unique_ptr<AwsClient> client_of_fresh_moto(io::EventLoop& loop) {
  auto& moto = emulator::MotoServer::shared();
  moto.reset();
  ClientOptions options;
  options.endpoints.all = moto.endpoint();
  return std::make_unique<AwsClient>(loop, Models::embedded(), CredentialChain::fixed({"testing", "testing", "", std::nullopt}), options);
}

}  // namespace

TEST(SecurityHub, FindingsGoToTheirOwnRegionsHubAHundredARequest) {
  io::EventLoop loop;
  auto made = client_of_fresh_moto(loop);
  AwsClient& client = *made;
  std::vector<json> findings;
  for (int i = 0; i < 150; ++i) findings.push_back(finding("signet/east/" + std::to_string(i), "us-east-1"));
  findings.push_back(finding("signet/west/0", "eu-west-1"));
  json lost = finding("signet/nowhere", "us-east-1");
  lost["ProductArn"] = "not-an-arn";
  findings.push_back(lost);

  auto imported = import_to_security_hub(client, findings);
  EXPECT_EQ(imported.imported, 151u);
  EXPECT_EQ(imported.failed, 1u);
  ASSERT_EQ(imported.problems.size(), 1u);
  EXPECT_NE(imported.problems[0].find("signet/nowhere: its ProductArn names no region"), std::string::npos) << imported.problems[0];
  EXPECT_EQ(findings_in(client, "eu-west-1"), 1u);
  EXPECT_EQ(findings_in(client, "us-east-1"), 150u) << "two requests: 100, then 50";

  // The same findings again update them: still one per Id.
  auto again = import_to_security_hub(client, {findings[150]});
  EXPECT_EQ(again.imported, 1u);
  EXPECT_EQ(findings_in(client, "eu-west-1"), 1u);
}

TEST(SecurityHub, OnlyTheWriterMayImportAndOnlyThat) {
  io::EventLoop loop;
  ClientOptions options;
  options.endpoints.all = "http://127.0.0.1:1";
  AwsClient client(loop, Models::embedded(), CredentialChain::fixed({"testing", "testing", "", std::nullopt}), options);
  auto refused = [](AwsClient& c, CallRequest r) {
    try {
      c.check(r);
    } catch (const cloud::CallRefused& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CallRequest import{"securityhub", "BatchImportFindings", "us-east-1", {{"Findings", json::array()}}};
  EXPECT_NE(refused(client, import).find("is refused"), std::string::npos) << "a read-only client refuses the import";
  auto writer = client.writer({"securityhub:BatchImportFindings"});
  EXPECT_EQ(refused(*writer, import), "");
  EXPECT_NE(refused(*writer, {"securityhub", "DisableSecurityHub", "us-east-1"}).find("is refused"), std::string::npos);
  EXPECT_NE(refused(*writer, {"iam", "CreateUser", "us-east-1", {{"UserName", "x"}}}).find("is refused"), std::string::npos);
}

TEST(SecurityHub, FindingsStreamInABatchPerRegionAsTheyAreAdded) {
  io::EventLoop loop;
  auto made = client_of_fresh_moto(loop);
  AwsClient& client = *made;
  SecurityHubImporter importer(client, 1);  // one request at a time: adding waits for the previous
  for (int i = 0; i < 250; ++i) importer.add(finding("signet/stream/" + std::to_string(i), i % 2 ? "us-east-1" : "eu-west-1"));
  auto imported = importer.finish();
  EXPECT_EQ(imported.findings, 250u);
  EXPECT_EQ(imported.imported, 250u);
  EXPECT_EQ(imported.failed, 0u);
  EXPECT_EQ(findings_in(client, "us-east-1"), 125u);
  EXPECT_EQ(findings_in(client, "eu-west-1"), 125u);
}
