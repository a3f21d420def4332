// A scan of the Azure fake's test tenant at 1x and 10x (every resource group, with what is in
// it, and every Entra user repeated ten times): wall time, requests, evaluations per second,
// with every built-in Azure signature. The fake pages 100 items at a time and never throttles.
#include <sys/resource.h>

#include <cstdio>
#include <filesystem>
#include <regex>

#include "azure/scope/azure_scope.h"
#include "azure/test_helpers.h"
#include "builtins/builtins.h"
#include "emulator/azure_fake.h"
#include "engine/scan.h"

using namespace signet;
using nlohmann::json;

namespace {

// The tenant with each resource group's resources `scale` times (copies in groups
// "NAME-2", "NAME-3", ..., references inside a group following it) and as many copies of
// each Entra user.
json scaled_tenant(int scale) {
  json tenant = emulator::azure_test_tenant();
  json& sub = tenant["subscriptions"][0];
  const json groups = sub["resourceGroups"], resources = sub["resources"];
  for (int k = 2; k <= scale; ++k) {
    for (const auto& g : groups) {
      json copy = g;
      const std::string name = g["name"];
      copy["name"] = name + "-" + std::to_string(k);
      sub["resourceGroups"].push_back(copy);
      const std::regex in_group("/resourceGroups/" + name + "/", std::regex::icase);
      const std::string moved = "/resourceGroups/" + name + "-" + std::to_string(k) + "/";
      for (const auto& r : resources) {
        const std::string text = r.dump();
        if (!std::regex_search(text, in_group) || !std::regex_search(r.value("id", ""), in_group)) continue;
        sub["resources"].push_back(json::parse(std::regex_replace(text, in_group, moved)));
      }
    }
    for (const auto& user : emulator::azure_test_tenant()["graph"]["users"]) {
      json copy = user;
      copy["id"] = user.value("id", "") + "-" + std::to_string(k);
      copy["userPrincipalName"] = std::to_string(k) + "." + user.value("userPrincipalName", "");
      tenant["graph"]["users"].push_back(copy);
    }
  }
  return tenant;
}

void run(int scale) {
  json tenant = scaled_tenant(scale);
  emulator::AzureFakeOptions fake_options;
  fake_options.page_size = 100;
  emulator::AzureFake fake(tenant, fake_options);
  io::EventLoop loop;
  azure::AzureScope scope(std::make_unique<azure::AzureClient>(loop, azure::testing::secret_chain(fake), azure::testing::fake_options(fake.url())),
                          tenant["subscriptions"][0]["subscriptionId"]);
  auto db = std::filesystem::temp_directory_path() / ("signet-azure-bench-" + std::to_string(getpid()) + "-" + std::to_string(scale) + ".db");
  auto store = store::open_sqlite(db.string());
  builtins::install(*store);
  engine::ScanReport report;
  {
    sandbox::Sandbox box(loop, sandbox::Limits{});
    engine::ScanOptions scan;
    scan.account = "bench";
    report = engine::run_scan(loop, box, scope, *store, scan);
  }
  rusage self{}, children{};
  getrusage(RUSAGE_SELF, &self);
  getrusage(RUSAGE_CHILDREN, &children);
  const auto& s = report.stats;
  const double seconds = s["seconds"].get<double>();
  std::printf("  %2dx: %4d resources, %3d signatures, %5d evaluations in %6.2f s (%6.0f evaluations/s); requests %5d sent "
              "(%d calls, %d saved by sharing); %d errors; peak memory engine %4ld MiB, largest worker %4ld MiB\n",
              scale, s["resources"].get<int>(), s["signatures"].get<int>(), s["evaluations"].get<int>(), seconds,
              s["evaluations"].get<int>() / seconds, s["apiRequestsSent"].get<int>(), s["apiCallsSent"].get<int>(),
              s["apiCallsSaved"].get<int>(), s["error"].get<int>(), self.ru_maxrss / 1024, children.ru_maxrss / 1024);
  store.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + suffix);
}

}  // namespace

int main(int argc, char** argv) {
  sandbox::run_worker_if_requested(argc, argv);
  std::printf("Azure scan benchmark: the fake's test tenant (loopback, 100 items a page), every built-in Azure signature\n");
  run(1);
  run(10);
  return 0;
}
