// Every built-in signature: valid metadata, compiling code, a resource type the catalog
// knows, and on a seeded moto account the expected result for each seeded resource
// (signatures/aws/expected.json), with no Error.
#include "builtins/builtins.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "emulator/moto_server.h"
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

TEST(Builtins, GiveTheExpectedResultOnASeededAccount) {
  emulator::MotoServer moto;
  ASSERT_EQ(std::system(("python3 " SIGNET_SOURCE_DIR "/src/aws/reference/seed_account.py " + moto.endpoint() + " > /dev/null").c_str()), 0);
  std::ifstream in(SIGNET_SOURCE_DIR "/signatures/aws/expected.json");
  json expected = json::parse(in);
  std::string db = (std::filesystem::temp_directory_path() / ("signet-builtins-" + std::to_string(getpid()) + ".db")).string();
  auto store = store::open_sqlite(db);
  builtins::install(*store);
  io::EventLoop loop;
  aws::ClientOptions options;
  options.endpoints.all = moto.endpoint();
  aws::AwsClient client(loop, aws::Models::embedded(), aws::CredentialChain::fixed({"testing", "testing", "", std::nullopt}), options);
  sandbox::Sandbox box(loop, sandbox::testing::test_limits());
  engine::ScanOptions scan_options;
  scan_options.regions = {"us-east-1", "eu-west-1"};
  auto report = engine::run_scan(loop, box, client, *store, scan_options);

  std::map<std::string, std::map<std::string, std::string>> got;  // signature -> "region/name" -> status
  for (const auto& r : report.results) {
    EXPECT_NE(r["status"], "Error") << r["signatureId"] << " on " << r["resourceName"] << ": " << r["message"];
    got[r["signatureId"]][r["region"].get<std::string>() + "/" + r["resourceName"].get<std::string>()] = r["status"];
  }
  for (const auto& [id, resources] : expected.items()) {
    if (id.front() == '_') continue;
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
  for (const auto& s : builtins::signatures()) EXPECT_TRUE(expected.contains(s.name)) << s.name << " has no expected results";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
}
