// A scan of the Google Cloud fake's organization at 1x and 10x (its production project, and
// nine copies of it as projects of their own, scanned side by side as an organization's
// projects are): wall time, requests, evaluations per second, with every built-in Google
// Cloud signature. The fake pages 100 items at a time and never throttles.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <regex>

#include "builtins/builtins.h"
#include "emulator/gcp_fake.h"
#include "engine/scan.h"
#include "gcp/scope/gcp_scope.h"
#include "gcp/test_helpers.h"

using namespace signet;
using nlohmann::json;

namespace {

// The organization with `scale` copies of signet-prod ("signet-prod-2", ...: every path, name
// and link in it following), readable by the same principals.
json scaled_org(int scale) {
  json org = emulator::gcp_test_org();
  const json prod = org["projects"][0];
  const std::regex id("signet-prod(?![-@.a-z0-9]*iam\\.gserviceaccount\\.com)");
  org["projects"] = json::array({prod});  // only signet-prod and its copies
  for (int k = 2; k <= scale; ++k) {
    json copy = json::parse(std::regex_replace(prod.dump(), id, "signet-prod-" + std::to_string(k)));
    copy["readers"] = prod["readers"];
    copy["projectNumber"] = prod.value("projectNumber", "1") + std::to_string(k);
    org["projects"].push_back(copy);
    // Resource Manager lists and reads projects at the organization's level.
    json& listed = org["organization"]["apis"]["cloudresourcemanager.googleapis.com"]["v1/projects"]["items"];
    for (const auto& p : json(listed))
      if (p.value("projectId", "") == "signet-prod")
        listed.push_back(json::parse(std::regex_replace(p.dump(), id, "signet-prod-" + std::to_string(k))));
  }
  return org;
}

void run(int scale) {
  json org = scaled_org(scale);
  emulator::GcpFakeOptions fake_options;
  fake_options.page_size = 100;
  gcp::testing::FakeGoogle google(fake_options, org);
  io::EventLoop loop;
  std::vector<std::unique_ptr<gcp::GcpScope>> scopes;
  std::vector<engine::AccountToScan> accounts;
  for (const auto& project : org["projects"]) {
    scopes.push_back(std::make_unique<gcp::GcpScope>(google.client(loop), project["projectId"].get<std::string>()));
    engine::ScanOptions scan;
    scan.account = project["projectId"];
    accounts.push_back({scan, scopes.back().get()});
  }
  auto db = std::filesystem::temp_directory_path() / ("signet-gcp-bench-" + std::to_string(getpid()) + "-" + std::to_string(scale) + ".db");
  auto store = store::open_sqlite(db.string());
  builtins::install(*store);
  std::vector<engine::ScanReport> reports;
  const auto start = std::chrono::steady_clock::now();
  {
    sandbox::Sandbox box(loop, sandbox::Limits{});
    reports = engine::run_scans(loop, box, accounts, *store, 4);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  int resources = 0, evaluations = 0, requests = 0, errors = 0, signatures = 0;
  for (const auto& r : reports) {
    resources += r.stats["resources"].get<int>();
    evaluations += r.stats["evaluations"].get<int>();
    requests += r.stats["apiRequestsSent"].get<int>();
    errors += r.stats["error"].get<int>();
    signatures = r.stats["signatures"].get<int>();
  }
  rusage self{}, children{};
  getrusage(RUSAGE_SELF, &self);
  getrusage(RUSAGE_CHILDREN, &children);
  std::printf("  %2dx: %2zu projects, %4d resources, %3d signatures, %5d evaluations in %6.2f s (%6.0f evaluations/s); requests %5d sent; "
              "%d errors; peak memory engine %4ld MiB, largest worker %4ld MiB\n",
              scale, reports.size(), resources, signatures, evaluations, seconds, evaluations / seconds, requests, errors, self.ru_maxrss / 1024,
              children.ru_maxrss / 1024);
  store.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + suffix);
}

}  // namespace

int main(int argc, char** argv) {
  sandbox::run_worker_if_requested(argc, argv);
  std::printf("Google Cloud scan benchmark: the fake's production project (loopback, 100 items a page), 1x and 10x as projects of their own, "
              "every built-in Google Cloud signature\n");
  run(1);
  run(10);
  return 0;
}
