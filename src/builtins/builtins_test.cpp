// Every built-in signature: valid metadata, compiling code, a resource type the catalog
// knows, and its test file (signatures/aws/tests/NAME.json): the expected result for each
// resource on a seeded moto account ("seeded"), and offline cases over recorded answers
// ("recorded"), with no Error.
#include "builtins/builtins.h"

#include <gtest/gtest.h>

#include "aws/scope/aws_scope.h"
#include "azure/scope/azure_scope.h"
#include "azure/test_helpers.h"
#include "gcp/scope/gcp_scope.h"
#include "gcp/test_helpers.h"
#include "signature/files.h"

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
#include "provider/providers.h"
#include "sandbox/test_harness.h"

using namespace signet;
using nlohmann::json;

// The Google Cloud issue asks for at least 45 built-ins; 113 are written (fewer: one went missing).
constexpr std::size_t kGcpBuiltinsAtLeast = 100;

TEST(Builtins, AreValidCompileAndNameKnownResourceTypes) {
  auto all = builtins::signatures();
  EXPECT_GE(all.size(), 40u);
  sandbox::testing::Harness harness;
  for (const auto& s : all) {
    EXPECT_TRUE(s.errors.empty()) << s.name << ": " << signature::format_errors(s.errors);
    const auto* catalog = provider::catalog_of(s.metadata.provider);
    ASSERT_TRUE(catalog) << s.name << ": provider " << s.metadata.provider;
    EXPECT_TRUE(catalog->find(s.metadata.service, s.metadata.resource_type)) << s.name;
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
  aws::AwsScope scope(client);
  sandbox::Sandbox box(loop, sandbox::testing::test_limits());
  engine::ScanOptions scan_options;
  scan_options.regions = {"us-east-1", "eu-west-1"};
  Scanned scanned;
  scanned.report = engine::run_scan(loop, box, scope, *store, scan_options);
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

// Every built-in's test file of a provider (signatures/PROVIDER/tests/NAME.json), by signature name.
std::map<std::string, json> test_files(const std::string& provider = "aws") {
  std::map<std::string, json> tests;
  for (const auto& entry : std::filesystem::directory_iterator(SIGNET_SOURCE_DIR "/signatures/" + provider + "/tests")) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    tests[entry.path().stem().string()] = json::parse(in);
  }
  return tests;
}

}  // namespace

// Then, behind a front that throttles every service hard (a burst of 5, then 40 a second),
// the same scan slows down but loses nothing: no Error, and every result as without
// throttling. (One test: the account is seeded and scanned plainly once, for both.)
TEST(Builtins, GiveTheExpectedResultOnASeededAccountEvenBehindThrottling) {
  emulator::MotoServer moto;
  seed(moto);
  auto tests = test_files();
  auto got = statuses(scan_seeded(moto.endpoint(), "plain", std::make_shared<cloud::RateControl>()));
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
  for (const auto& s : builtins::signatures())
    if (s.metadata.provider == "aws") builtin_names.insert(s.name);
  for (const auto& name : builtin_names) EXPECT_TRUE(tests.count(name)) << name << " has no test file";
  for (const auto& [name, test] : tests)
    EXPECT_TRUE(builtin_names.count(name)) << "signatures/aws/tests/" << name << ".json tests no built-in";

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
  EXPECT_EQ(statuses(throttled), got);
  // Honest counts: what the scan says it sent is what the front received, by service.
  EXPECT_EQ(stats["apiRequestsSent"].get<std::uint64_t>(), front.counters().received);
}

// Offline cases: the signature over the case's resources, every apiCaller answer from the
// case's recorded calls (a call without a recording is an Error), each resource's status
// as expected (by resource id).
namespace {

// An offline case of a built-in's test file: the signature over the case's resources, every
// apiCaller answer from the case's recorded calls (a call without a recording is an Error),
// each resource's status as expected (by resource id). The statuses it gave.
std::set<std::string> check_recorded_cases(io::EventLoop& loop, sandbox::Sandbox& box, const std::string& name, const signature::Metadata& metadata,
                                           const std::string& code, const json& test) {
  std::set<std::string> statuses;
  std::size_t cases = 0;
  for (const auto& c : test.value("recorded", json::array())) {
    std::string where = name + " recorded case " + std::to_string(++cases);
    std::vector<engine::Resource> resources;
    for (const auto& r : c.at("resources")) resources.push_back(engine::normalize_resource(r, where, metadata.service));
    auto calls = engine::RecordedCalls::from_json({{"calls", c.value("calls", json::array())}}, where);
    auto report = engine::run_test(loop, box, code, name + ".js", &metadata, resources, calls, {});
    EXPECT_FALSE(report.syntax_error) << where;
    std::map<std::string, std::string> got;
    for (const auto& r : report.results) {
      got[r.resource.id()] = sandbox::to_string(r.outcome.status);
      statuses.insert(got[r.resource.id()]);
      EXPECT_NE(r.outcome.status, sandbox::Status::Error) << where << " on " << r.resource.id() << ": " << r.message;
    }
    for (const auto& [id, status] : c.at("expected").items()) EXPECT_EQ(got[id], status.get<std::string>()) << where << " on " << id;
    EXPECT_EQ(got.size(), c.at("expected").size()) << where << ": every resource of a case has an expected status";
  }
  return statuses;
}

}  // namespace

TEST(Builtins, GiveTheExpectedResultOnRecordedAnswers) {
  auto tests = test_files();
  io::EventLoop loop;
  sandbox::Sandbox box(loop, sandbox::testing::test_limits());
  for (const auto& s : builtins::signatures())
    if (auto it = tests.find(s.name); it != tests.end()) check_recorded_cases(loop, box, s.name, s.metadata, s.code, it->second);
}

namespace {

// The built-ins of signatures/PROVIDER over a fake cloud's scopes (every subscription or
// project of its fixture, misconfigured on purpose), each against its test file
// (signatures/PROVIDER/tests/NAME.json): {"fake": {KEY: status}}, KEY a resource's name or the
// end of its id ("cctstorageopen/blobServices/default"), "*" every result not named;
// "recorded": offline cases as for AWS (a tenant- or organization-wide setting has one value
// in the fake). At least one Pass and one Fail over both, and no Error. The signatures are
// read from their folder, not the bundle (the same files), so one in progress runs without a
// build: SIGNET_BUILTINS_ONLY=AZ-STOR-,AZ-KV- runs those whose names start so.
void check_builtins_on_fake(const std::string& provider, std::size_t at_least,
                            const std::function<std::vector<std::unique_ptr<provider::Scope>>(io::EventLoop&)>& make_scopes) {
  const std::string folder = SIGNET_SOURCE_DIR "/signatures/" + provider;
  const char* only = std::getenv("SIGNET_BUILTINS_ONLY");
  auto skipped = [&](const std::string& name) {
    if (!only) return false;
    std::string prefixes = std::string(only) + ",";
    for (std::size_t start = 0, comma; (comma = prefixes.find(',', start)) != std::string::npos; start = comma + 1)
      if (comma > start && name.rfind(prefixes.substr(start, comma - start), 0) == 0) return false;
    return true;
  };
  auto files = signature::read_folder(folder, provider::known_service());
  for (auto& f : files) f.metadata.id = f.name;  // as the bundle's install names them
  std::string db = (std::filesystem::temp_directory_path() / ("signet-" + provider + "-builtins-" + std::to_string(getpid()) + ".db")).string();
  std::filesystem::remove(db);
  auto store = store::open_sqlite(db);
  std::vector<store::StoredSignature> chosen;
  for (const auto& f : files) {
    EXPECT_TRUE(f.errors.empty()) << f.name << ": " << signature::format_errors(f.errors);
    EXPECT_EQ(f.metadata.provider, provider) << f.name;
    if (skipped(f.name)) continue;
    chosen.push_back({f.metadata, f.code, true, ""});
  }
  if (!only) {
    EXPECT_GE(chosen.size(), at_least) << "built-ins of " << provider;
  }
  store->import_signatures(chosen);
  auto tests = test_files(provider);

  io::EventLoop loop;
  auto scopes = make_scopes(loop);
  std::vector<engine::AccountToScan> accounts;
  for (const auto& scope : scopes) {
    engine::ScanOptions options;
    options.account = provider + "-builtins-" + std::to_string(accounts.size());
    accounts.push_back({options, scope.get()});
  }
  sandbox::Sandbox box(loop, sandbox::testing::test_limits());
  std::map<std::string, std::vector<json>> results;  // by signature id
  for (const auto& report : engine::run_scans(loop, box, accounts, *store, 2)) {
    EXPECT_TRUE(report.stats["listingProblems"].empty()) << report.stats["listingProblems"].dump();
    EXPECT_TRUE(report.stats["unreachable"].is_null()) << report.stats.dump();
    for (const auto& r : store->results(report.scan_id)) {
      EXPECT_NE(r["status"], "Error") << r["signatureId"] << " on " << r["resourceId"] << ": " << r["message"];
      results[r["signatureId"]].push_back(r);
    }
  }
  for (const auto& f : files) {
    if (skipped(f.name)) continue;
    SCOPED_TRACE(f.name);
    auto test = tests.find(f.name);
    if (test == tests.end() || !test->second.contains("fake")) {
      ADD_FAILURE() << "no signatures/" << provider << "/tests/" << f.name << ".json with its \"fake\" results";
      continue;
    }
    const json& expected = test->second["fake"];
    std::set<std::string> statuses = check_recorded_cases(loop, box, f.name, f.metadata, f.code, test->second);
    for (const auto& r : results[f.metadata.id]) {
      const std::string name = r["resourceName"], id = r["resourceId"];
      std::string matched;
      for (const auto& [key, status] : expected.items()) {
        if (key == "*" || (name != key && (id.size() <= key.size() || id.compare(id.size() - key.size() - 1, std::string::npos, "/" + key) != 0)))
          continue;
        EXPECT_TRUE(matched.empty()) << id << " is matched by both " << matched << " and " << key;
        matched = key;
      }
      if (matched.empty() && !expected.contains("*")) {
        ADD_FAILURE() << "no expected status for " << id << " (got " << r["status"] << ": " << r["message"] << ")";
        continue;
      }
      const std::string want = expected[matched.empty() ? "*" : matched];
      EXPECT_EQ(r["status"], want) << id << ": " << r["message"];
      statuses.insert(r["status"]);
    }
    for (const auto& [key, status] : expected.items()) {
      if (key == "*") continue;
      bool seen = false;
      for (const auto& r : results[f.metadata.id]) {
        const std::string name = r["resourceName"], id = r["resourceId"];
        seen = seen || name == key || (id.size() > key.size() && id.compare(id.size() - key.size() - 1, std::string::npos, "/" + key) == 0);
      }
      EXPECT_TRUE(seen) << key << " is not among the signature's resources";
    }
    EXPECT_TRUE(statuses.count("Pass") && statuses.count("Fail")) << "a Pass and a Fail case at least, on the fake or recorded";
  }
  for (const auto& entry : tests) {
    const std::string& name = entry.first;  // not a structured binding: clang 14 cannot capture one
    EXPECT_TRUE(skipped(name) || std::any_of(files.begin(), files.end(), [&](const auto& f) { return f.name == name; }))
        << "signatures/" << provider << "/tests/" << name << ".json tests no built-in";
  }
  store.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
}

}  // namespace

// Every subscription of the fake tenant (src/emulator/azure_tenant.json): a subscription-wide
// setting is misconfigured in one and well configured in another.
TEST(AzureBuiltins, GiveTheExpectedResultOnTheFakeTenant) {
  emulator::AzureFake fake(emulator::azure_test_tenant());
  check_builtins_on_fake("azure", 60, [&](io::EventLoop& loop) {
    std::vector<std::unique_ptr<provider::Scope>> scopes;
    for (const auto& subscription : emulator::azure_test_tenant()["subscriptions"])
      scopes.push_back(std::make_unique<azure::AzureScope>(
          std::make_unique<azure::AzureClient>(loop, azure::testing::secret_chain(fake), azure::testing::fake_options(fake.url())),
          subscription["subscriptionId"].get<std::string>()));
    return scopes;
  });
}

// Every project of the fake organization (src/emulator/gcp_org.json), as its scanner.
TEST(GcpBuiltins, GiveTheExpectedResultOnTheFakeOrganization) {
  gcp::testing::FakeGoogle google;
  check_builtins_on_fake("gcp", kGcpBuiltinsAtLeast, [&](io::EventLoop& loop) {
    std::vector<std::unique_ptr<provider::Scope>> scopes;
    for (const auto& project : emulator::gcp_test_org()["projects"])
      scopes.push_back(std::make_unique<gcp::GcpScope>(google.client(loop), project["projectId"].get<std::string>()));
    return scopes;
  });
}
