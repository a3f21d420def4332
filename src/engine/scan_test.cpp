// Scans against moto: signatures from the store over discovered resources, results in the
// history, and new / open / fixed between scans.
#include "engine/scan.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "emulator/moto_server.h"
#include "sandbox/test_harness.h"
#include "testing/local_http_server.h"

using namespace signet;
using namespace signet::engine;
using nlohmann::json;

namespace {

store::StoredSignature make_signature(const std::string& service, const std::string& type, const std::string& level, const std::string& code) {
  store::StoredSignature s;
  s.metadata.description = service + " " + type + " check";
  s.metadata.service = service;
  s.metadata.resource_type = type;
  s.metadata.risk_level = level;
  s.metadata.pass_message = "fine";
  s.metadata.fail_message = "not fine";
  s.code = code;
  return s;
}

}  // namespace

TEST(Scan, RunsStoredSignaturesAndTracksRisksAcrossScans) {
  emulator::MotoServer moto;
  io::EventLoop loop;
  aws::ClientOptions options;
  options.endpoints.all = moto.endpoint();
  options.rate.requests_per_second = 1000;
  auto keys = aws::CredentialChain::fixed({"testing", "testing", "", std::nullopt});
  aws::AwsClient client(loop, aws::Models::embedded(), keys, options);
  options.read_only = false;
  aws::AwsClient writer(loop, aws::Models::embedded(), keys, options);
  auto write = [&](const char* service, const char* op, json params) {
    std::optional<aws::CallResult> r;
    writer.call({service, op, "us-east-1", params}, [&](aws::CallResult x) { r = std::move(x); });
    loop.run_until([&] { return r.has_value(); });
    ASSERT_TRUE(r->error.is_null()) << r->error.dump();
  };
  for (const char* user : {"alice", "bob"}) write("iam", "CreateUser", {{"UserName", user}});
  write("iam", "CreateAccessKey", {{"UserName", "bob"}});

  std::string db = (std::filesystem::temp_directory_path() / ("signet-scan-" + std::to_string(getpid()) + ".db")).string();
  auto store = store::open_sqlite(db);
  // Fails users with access keys; each checks the same ListAccessKeys answers through apiCaller.
  store->add_signature(make_signature("IAM", "user", "High", R"js(module.exports = async (apiCaller, r) => {
      const res = await apiCaller({ service: "IAM", endpoint: "listAccessKeys", params: { UserName: r.name } });
      const keys = res[0][0].apiResponse;
      return { statusSig: keys.length === 0, statusMessage: keys.length + " access key(s)" };
    };)js"));
  store->add_signature(make_signature("IAM", "user", "Low", "module.exports = () => { throw new Error('broken on purpose'); };"));
  auto disabled = make_signature("IAM", "user", "High", "module.exports = () => ({ statusSig: false });");
  disabled.metadata.enabled = false;
  store->add_signature(disabled);
  store->add_signature(make_signature("IAM", "spaceship", "Medium", "module.exports = () => ({ statusSig: true });"));

  sandbox::Sandbox box(loop, sandbox::testing::test_limits());
  ScanOptions scan_options;
  scan_options.regions = {"us-east-1"};
  auto first = run_scan(loop, box, client, *store, scan_options);
  EXPECT_EQ(first.stats["signatures"], 3) << "the disabled one is kept but not scanned";
  EXPECT_EQ(first.count("Pass"), 1u);
  EXPECT_EQ(first.count("Fail"), 1u);
  EXPECT_EQ(first.count("Error"), 3u) << "two broken evaluations and the unknown resource type";
  for (const auto& r : first.results) {
    if (r["status"] == "Fail") {
      EXPECT_EQ(r["resourceName"], "bob");
      EXPECT_EQ(r["message"], "1 access key(s)");
      EXPECT_EQ(r["risk"], "new");
      EXPECT_EQ(r["riskLevel"], "High");
    }
    if (r["status"] == "Error" && r["resourceName"] != "") {
      EXPECT_NE(r["message"].get<std::string>().find("broken on purpose"), std::string::npos);
    }
  }

  // Nothing changed: the failure is still open. Then bob's key goes: fixed.
  auto second = run_scan(loop, box, client, *store, scan_options);
  for (const auto& r : second.results)
    if (r["status"] == "Fail") {
      EXPECT_EQ(r["risk"], "open");
    }
  std::optional<aws::CallResult> keys_now;
  client.call({"iam", "ListAccessKeys", "us-east-1", {{"UserName", "bob"}}}, [&](aws::CallResult r) { keys_now = std::move(r); });
  loop.run_until([&] { return keys_now.has_value(); });
  write("iam", "DeleteAccessKey", {{"UserName", "bob"}, {"AccessKeyId", keys_now->api_response[0]["AccessKeyId"]}});
  auto third = run_scan(loop, box, client, *store, scan_options);
  EXPECT_EQ(third.count("Fail"), 0u);
  ASSERT_EQ(third.fixed.size(), 1u);
  EXPECT_EQ(third.fixed[0]["resourceName"], "bob");

  auto history = store->scans();
  ASSERT_EQ(history.size(), 3u);
  for (const auto& scan : history) EXPECT_EQ(scan.status, "complete");
  EXPECT_EQ(store->results(history[2].id).size(), first.results.size());
  EXPECT_GE(first.stats["apiCallsSent"].get<int>(), 2);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
}

TEST(Scan, AFailAfterTheAccountRefusedACallIsAnErrorThatSaysSo) {
  signet::testing::LocalHttpServer iam;  // an IAM that lists one user and denies everything else
  iam.server.Post("/", [](const httplib::Request& req, httplib::Response& res) {
    if (req.body.find("Action=ListUsers") != std::string::npos) {
      res.set_content("<ListUsersResponse><ListUsersResult><Users><member><UserName>u1</UserName><UserId>AIDA1</UserId>"
                      "<Arn>arn:aws:iam::123456789012:user/u1</Arn><Path>/</Path><CreateDate>2024-01-01T00:00:00Z</CreateDate>"
                      "</member></Users><IsTruncated>false</IsTruncated></ListUsersResult></ListUsersResponse>", "text/xml");
    } else if (req.body.find("Action=GetCallerIdentity") != std::string::npos) {
      res.set_content("<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123456789012</Account></GetCallerIdentityResult>"
                      "</GetCallerIdentityResponse>", "text/xml");
    } else {
      res.status = 403;
      res.set_content("<ErrorResponse><Error><Code>AccessDenied</Code><Message>not allowed</Message></Error></ErrorResponse>", "text/xml");
    }
  });
  iam.start();
  io::EventLoop loop;
  aws::ClientOptions options;
  options.endpoints.all = iam.url();
  aws::AwsClient client(loop, aws::Models::embedded(), aws::CredentialChain::fixed({"k", "s", "", std::nullopt}), options);
  std::string db = (std::filesystem::temp_directory_path() / ("signet-denied-" + std::to_string(getpid()) + ".db")).string();
  auto store = store::open_sqlite(db);
  store->add_signature(make_signature("IAM", "user", "High", R"js(module.exports = async (apiCaller, r) => {
      const res = await apiCaller({ service: "IAM", endpoint: "listMFADevices", params: { UserName: r.name } });
      return { statusSig: (res[0][0].apiResponse || []).length > 0 };  // ignores the error: would say Fail
    };)js"));
  sandbox::Sandbox box(loop, sandbox::testing::test_limits());
  ScanOptions scan_options;
  scan_options.regions = {"us-east-1"};
  auto report = run_scan(loop, box, client, *store, scan_options);
  ASSERT_EQ(report.results.size(), 1u);
  EXPECT_EQ(report.results[0]["status"], "Error");
  EXPECT_NE(report.results[0]["message"].get<std::string>().find("AccessDenied on IAM:listMFADevices"), std::string::npos)
      << report.results[0]["message"];
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
}
