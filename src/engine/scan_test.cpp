// Scans against moto: signatures from the store over discovered resources, results in the
// history, and new / open / fixed between scans.
#include "engine/scan.h"

#include <gtest/gtest.h>

#include "aws/scope/aws_scope.h"

#include <filesystem>
#include <map>
#include <set>

#include "emulator/moto_server.h"
#include "sandbox/test_harness.h"
#include "testing/local_http_server.h"
#include "testing/signatures.h"

using namespace signet;
using namespace signet::engine;
using nlohmann::json;

using signet::testing::make_signature;

TEST(Scan, RunsStoredSignaturesAndTracksRisksAcrossScans) {
  emulator::MotoServer moto;
  io::EventLoop loop;
  aws::ClientOptions options;
  options.endpoints.all = moto.endpoint();
  auto keys = aws::CredentialChain::fixed({"testing", "testing", "", std::nullopt});
  aws::AwsClient client(loop, aws::Models::embedded(), keys, options);
  aws::AwsScope scope(client);
  options.read_only = false;
  aws::AwsClient writer(loop, aws::Models::embedded(), keys, options);
  auto write = [&](const char* service, const char* op, json params) {
    std::optional<cloud::CallResult> r;
    writer.call({service, op, "us-east-1", params}, [&](cloud::CallResult x) { r = std::move(x); });
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
  auto first = run_scan(loop, box, scope, *store, scan_options);
  EXPECT_EQ(first.stats["signatures"], 3) << "the disabled one is kept but not scanned";
  EXPECT_EQ(first.count("Pass"), 1u);
  EXPECT_EQ(first.count("Fail"), 1u);
  EXPECT_EQ(first.count("Error"), 3u) << "two broken evaluations and the unknown resource type";
  auto first_results = store->results(first.scan_id);
  for (const auto& r : first_results) {
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
  auto second = run_scan(loop, box, scope, *store, scan_options);
  for (const auto& r : store->results(second.scan_id))
    if (r["status"] == "Fail") {
      EXPECT_EQ(r["risk"], "open");
    }
  std::optional<cloud::CallResult> keys_now;
  client.call({"iam", "ListAccessKeys", "us-east-1", {{"UserName", "bob"}}}, [&](cloud::CallResult r) { keys_now = std::move(r); });
  loop.run_until([&] { return keys_now.has_value(); });
  write("iam", "DeleteAccessKey", {{"UserName", "bob"}, {"AccessKeyId", keys_now->api_response[0]["AccessKeyId"]}});
  auto third = run_scan(loop, box, scope, *store, scan_options);
  EXPECT_EQ(third.count("Fail"), 0u);
  EXPECT_EQ(third.stats["fixed"], 1);
  store::ResultQuery fixed;
  fixed.scans = {third.scan_id};
  fixed.risks = {"fixed"};
  auto fixed_rows = store->query_results(fixed).items;
  ASSERT_EQ(fixed_rows.size(), 1u);
  EXPECT_EQ(fixed_rows[0]["resourceName"], "bob");

  auto history = store->scans();
  ASSERT_EQ(history.size(), 3u);
  for (const auto& scan : history) EXPECT_EQ(scan.status, "complete");
  EXPECT_EQ(history[2].id, first.scan_id);
  EXPECT_EQ(first_results.size(), 5u) << "every evaluation, and the unknown resource type, is a row";
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
  aws::AwsScope scope(client);
  std::string db = (std::filesystem::temp_directory_path() / ("signet-denied-" + std::to_string(getpid()) + ".db")).string();
  auto store = store::open_sqlite(db);
  store->add_signature(make_signature("IAM", "user", "High", R"js(module.exports = async (apiCaller, r) => {
      const res = await apiCaller({ service: "IAM", endpoint: "listMFADevices", params: { UserName: r.name } });
      return { statusSig: (res[0][0].apiResponse || []).length > 0 };  // ignores the error: would say Fail
    };)js"));
  sandbox::Sandbox box(loop, sandbox::testing::test_limits());
  ScanOptions scan_options;
  scan_options.regions = {"us-east-1"};
  auto report = run_scan(loop, box, scope, *store, scan_options);
  auto results = store->results(report.scan_id);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0]["status"], "Error");
  EXPECT_EQ(results[0]["message"].get<std::string>().rfind(
                "refused: AccessDenied on iam:ListMFADevices in us-east-1: not allowed; the signature then said Fail", 0),
            0u)
      << results[0]["message"];
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
}

// A signature that keeps breaking its limits cannot hold a scan: after K (here 3) broken
// limits its remaining resources are skipped without running, and every other signature's
// results are complete. Counts are asserted, not times: the machine's speed does not matter.
TEST(Scan, ARunawaySignatureIsSkippedAfterKBrokenLimitsAndTheRestComplete) {
  constexpr int kUsers = 30;
  signet::testing::LocalHttpServer iam;
  iam.server.Post("/", [&](const httplib::Request& req, httplib::Response& res) {
    if (req.body.find("Action=ListUsers") == std::string::npos) {
      res.status = 400;
      res.set_content("<ErrorResponse><Error><Code>InvalidAction</Code><Message>no</Message></Error></ErrorResponse>", "text/xml");
      return;
    }
    std::string users;
    for (int i = 0; i < kUsers; ++i)
      users += "<member><UserName>u" + std::to_string(i) + "</UserName><UserId>AIDA" + std::to_string(i) +
               "</UserId><Arn>arn:aws:iam::123456789012:user/u" + std::to_string(i) +
               "</Arn><Path>/</Path><CreateDate>2024-01-01T00:00:00Z</CreateDate></member>";
    res.set_content("<ListUsersResponse><ListUsersResult><Users>" + users +
                        "</Users><IsTruncated>false</IsTruncated></ListUsersResult></ListUsersResponse>", "text/xml");
  });
  iam.start();
  io::EventLoop loop;
  aws::ClientOptions options;
  options.endpoints.all = iam.url();
  aws::AwsClient client(loop, aws::Models::embedded(), aws::CredentialChain::fixed({"k", "s", "", std::nullopt}), options);
  aws::AwsScope scope(client);
  std::string db = (std::filesystem::temp_directory_path() / ("signet-runaway-" + std::to_string(getpid()) + ".db")).string();
  auto store = store::open_sqlite(db);
  std::string looping = store->add_signature(make_signature("IAM", "user", "High", "module.exports = () => { for (;;) {} };"));
  std::string hungry = store->add_signature(make_signature(
      "IAM", "user", "High", "module.exports = () => { const a = []; for (;;) a.push(new Array(1e6).fill(1.5)); };"));
  std::string passing = store->add_signature(make_signature("IAM", "user", "Low", "module.exports = () => ({ statusSig: true });"));
  std::string failing = store->add_signature(make_signature(
      "IAM", "user", "Low", "module.exports = async (api, r) => ({ statusSig: r.name.length > 9 });"));

  sandbox::Limits limits = sandbox::testing::test_limits();  // 2 workers
  sandbox::Sandbox box(loop, limits);
  ScanOptions scan_options;
  scan_options.regions = {"us-east-1"};
  scan_options.evaluation_time_limit = std::chrono::seconds(2);
  scan_options.limit_strikes = 3;
  auto report = run_scan(loop, box, scope, *store, scan_options);
  auto results = store->results(report.scan_id);

  std::map<std::string, std::map<std::string, int>> by_signature;  // id -> status/cause -> count
  for (const auto& r : results) {
    std::string message = r.value("message", "");
    std::string what = r["status"].get<std::string>();
    if (message.rfind("skipped: ", 0) == 0) what = "skipped";
    else if (message.rfind("time limit exceeded", 0) == 0) what = "time";
    else if (message.rfind("out of memory", 0) == 0) what = "memory";
    by_signature[r["signatureId"]][what]++;
  }
  EXPECT_EQ(by_signature[passing]["Pass"], kUsers);
  EXPECT_EQ(by_signature[failing]["Fail"], kUsers);
  // K broken limits, plus at most what the other worker had started meanwhile (one, and
  // one more that it may have begun before the cancel reached it). Either limit is a strike:
  // the hungry signature usually runs out of memory, but on a slow or busy machine filling
  // its arrays can take longer than the time limit first.
  auto expect_skipped_after_strikes = [&](const std::string& id, const std::set<std::string>& causes) {
    int broke = 0;
    for (const auto& cause : causes) broke += by_signature[id][cause];
    EXPECT_GE(broke, 3) << id;
    EXPECT_LE(broke, 3 + 2 * int(limits.workers - 1)) << id;
    EXPECT_EQ(by_signature[id]["skipped"], kUsers - broke) << id;
    for (const auto& [what, n] : by_signature[id])
      EXPECT_TRUE(what == "skipped" || causes.count(what)) << id << ": only broken limits and skips, not " << what;
  };
  expect_skipped_after_strikes(looping, {"time"});
  expect_skipped_after_strikes(hungry, {"memory", "time"});
  for (const auto& r : results) {
    if (r["signatureId"] == looping && r["message"].get<std::string>().rfind("skipped: ", 0) == 0) {
      EXPECT_NE(r["message"].get<std::string>().find("skipped: the signature exceeded its time limit on 3 resources (first: u"),
                std::string::npos) << r["message"];
    }
  }
  ASSERT_EQ(report.stats["skippedSignatures"].size(), 2u) << report.stats.dump();
  for (const auto& s : report.stats["skippedSignatures"]) {
    EXPECT_TRUE(s["signatureId"] == looping || s["signatureId"] == hungry);
    EXPECT_EQ(s["skipped"].get<int>() + s["limitsBroken"].get<int>(), kUsers);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
}
