// Every built-in signature: valid metadata, compiling code, a resource type the catalog
// knows, and its test file (signatures/aws/tests/NAME.json): the expected result for each
// resource on a seeded moto account ("seeded"), and offline cases over recorded answers
// ("recorded"), with no Error.
#include "builtins/builtins.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include "engine/recorded_calls.h"
#include "engine/test_run.h"
#include "emulator/moto_server.h"
#include "emulator/throttling_front.h"
#include "engine/scan.h"
#include "inventory/inventory.h"
#include "sandbox/test_harness.h"

using namespace signet;
using nlohmann::json;

TEST(Builtins, AreValidCompileAndNameKnownResourceTypes) {
  auto all = builtins::signatures();
  EXPECT_GE(all.size(), 40u);
  sandbox::testing::Harness harness;
  for (const auto& s : all) {
    EXPECT_TRUE(s.errors.empty()) << s.name << ": " << signature::format_errors(s.errors);
    EXPECT_TRUE(inventory::Catalog::aws().find(s.metadata.service, s.metadata.resource_type)) << s.name;
    EXPECT_FALSE(s.metadata.remediation_steps.empty()) << s.name;
    EXPECT_FALSE(s.metadata.compliance.empty()) << s.name;
    auto error = harness.check(s.code);
    EXPECT_FALSE(error.has_value()) << s.name << ": " << (error ? error->to_string() : "");
  }
}

namespace {

struct Scanned {
  engine::ScanReport report;
  std::vector<json> results;
};

// Every built-in over the seeded account, through `endpoint` (moto, or a front before it).
Scanned scan_seeded(const std::string& endpoint, const std::string& name, std::shared_ptr<cloud::RateControl> control = nullptr) {
  std::string db = (std::filesystem::temp_directory_path() / ("signet-builtins-" + name + "-" + std::to_string(getpid()) + ".db")).string();
  auto store = store::open_sqlite(db);
  builtins::install(*store);
  io::EventLoop loop;
  aws::ClientOptions options;
  options.endpoints.all = endpoint;
  options.rate.control = std::move(control);
  aws::AwsClient client(loop, aws::Models::embedded(), aws::CredentialChain::fixed({"testing", "testing", "", std::nullopt}), options);
  sandbox::Sandbox box(loop, sandbox::testing::test_limits());
  engine::ScanOptions scan_options;
  scan_options.regions = {"us-east-1", "eu-west-1"};
  Scanned scanned;
  scanned.report = engine::run_scan(loop, box, client, *store, scan_options);
  scanned.results = store->results(scanned.report.scan_id);
  store.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
  return scanned;
}

// signature -> "region/name" -> status, with no Error.
std::map<std::string, std::map<std::string, std::string>> statuses(const Scanned& scanned) {
  std::map<std::string, std::map<std::string, std::string>> got;
  for (const auto& r : scanned.results) {
    EXPECT_NE(r["status"], "Error") << r["signatureId"] << " on " << r["resourceName"] << ": " << r["message"];
    got[r["signatureId"]][r["region"].get<std::string>() + "/" + r["resourceName"].get<std::string>()] = r["status"];
  }
  return got;
}

// The base account every module of the AWS reference tests uses, then each built-in
// service's own additions (signatures/aws/seed/*.py).
void seed(const emulator::MotoServer& moto) {
  ASSERT_EQ(std::system(("python3 " SIGNET_SOURCE_DIR "/src/aws/reference/seed_account.py " + moto.endpoint() + " > /dev/null").c_str()), 0);
  ASSERT_EQ(std::system(("python3 " SIGNET_SOURCE_DIR "/signatures/aws/seed/run.py " + moto.endpoint() + " > /dev/null").c_str()), 0);
}

// Every built-in's test file, by signature name.
std::map<std::string, json> test_files() {
  std::map<std::string, json> tests;
  for (const auto& entry : std::filesystem::directory_iterator(SIGNET_SOURCE_DIR "/signatures/aws/tests")) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    tests[entry.path().stem().string()] = json::parse(in);
  }
  return tests;
}

}  // namespace

TEST(Builtins, GiveTheExpectedResultOnASeededAccount) {
  emulator::MotoServer moto;
  seed(moto);
  auto tests = test_files();
  auto got = statuses(scan_seeded(moto.endpoint(), "plain"));
  for (const auto& [id, test] : tests) {
    if (!test.contains("seeded")) continue;
    const json& resources = test["seeded"];
    for (const auto& [resource, status] : resources.items()) {
      if (resource.size() > 2 && resource.substr(resource.size() - 2) == "/*") {
        // Every result in that region not named on its own line.
        std::string region = resource.substr(0, resource.size() - 1);
        int seen = 0;
        for (const auto& [key, got_status] : got[id]) {
          if (key.rfind(region, 0) != 0 || resources.contains(key)) continue;
          ++seen;
          EXPECT_EQ(got_status, status.get<std::string>()) << id << " on " << key;
        }
        EXPECT_GT(seen, 0) << id << ": no resources in " << resource;
      } else {
        EXPECT_EQ(got[id][resource], status.get<std::string>()) << id << " on " << resource;
      }
    }
  }
  std::set<std::string> builtin_names;
  for (const auto& s : builtins::signatures()) builtin_names.insert(s.name);
  for (const auto& name : builtin_names) EXPECT_TRUE(tests.count(name)) << name << " has no test file";
  for (const auto& [name, test] : tests)
    EXPECT_TRUE(builtin_names.count(name)) << "signatures/aws/tests/" << name << ".json tests no built-in";
}

// Offline cases: the signature over the case's resources, every apiCaller answer from the
// case's recorded calls (a call without a recording is an Error), each resource's status
// as expected (by resource id).
TEST(Builtins, GiveTheExpectedResultOnRecordedAnswers) {
  auto tests = test_files();
  io::EventLoop loop;
  sandbox::Sandbox box(loop, sandbox::testing::test_limits());
  std::size_t cases = 0;
  for (const auto& s : builtins::signatures()) {
    auto it = tests.find(s.name);
    if (it == tests.end() || !it->second.contains("recorded")) continue;
    for (const auto& c : it->second["recorded"]) {
      std::string where = s.name + " recorded case " + std::to_string(++cases);
      std::vector<engine::Resource> resources;
      for (const auto& r : c.at("resources")) resources.push_back(engine::normalize_resource(r, where, s.metadata.service));
      auto calls = engine::RecordedCalls::from_json({{"calls", c.value("calls", json::array())}}, where);
      auto report = engine::run_test(loop, box, s.code, s.name + ".js", &s.metadata, resources, calls, {});
      ASSERT_FALSE(report.syntax_error) << where;
      std::map<std::string, std::string> got;
      for (const auto& r : report.results) {
        got[r.resource.id()] = sandbox::to_string(r.outcome.status);
        EXPECT_NE(r.outcome.status, sandbox::Status::Error) << where << " on " << r.resource.id() << ": " << r.message;
      }
      for (const auto& [id, status] : c.at("expected").items()) EXPECT_EQ(got[id], status.get<std::string>()) << where << " on " << id;
      EXPECT_EQ(got.size(), c.at("expected").size()) << where << ": every resource of a case has an expected status";
    }
  }
}

// Behind a front that throttles every service hard (a burst of 5, then 40 a second), the
// scan slows down but loses nothing: no Error, and every result as without throttling.
TEST(Builtins, StayCompleteBehindThrottling) {
  emulator::MotoServer moto;
  seed(moto);
  auto unthrottled = statuses(scan_seeded(moto.endpoint(), "unthrottled", std::make_shared<cloud::RateControl>()));
  emulator::BucketRule tight;
  tight.name = "tight";
  tight.capacity = 5;
  tight.refill_per_second = 40;
  tight.source = "a test's own, far below AWS's";
  emulator::ThrottlingOptions front_options;
  front_options.upstream = moto.endpoint();
  front_options.buckets = std::vector<emulator::BucketRule>{tight};
  emulator::ThrottlingFront front(front_options);
  auto throttled = scan_seeded(front.endpoint(), "throttled", std::make_shared<cloud::RateControl>());
  const json& stats = throttled.report.stats;
  EXPECT_GT(front.counters().throttled, 0u) << "the front must have throttled for this test to mean anything";
  EXPECT_EQ(stats["throttledAnswers"].get<std::uint64_t>(), front.counters().throttled);
  EXPECT_EQ(stats["errorsByCause"], json::object()) << stats.dump();
  EXPECT_EQ(statuses(throttled), unthrottled);
  // Honest counts: what the scan says it sent is what the front received, by service.
  EXPECT_EQ(stats["apiRequestsSent"].get<std::uint64_t>(), front.counters().received);
}
