// A full scan of the demo account at 1x and 10x size (every repeated resource ten times):
// wall time, API requests sent and saved by the shared cache, evaluations per second, and
// peak memory of the engine and of its sandbox workers.
#include <sys/resource.h>

#include <cstdio>
#include <filesystem>

#include "aws/scope/aws_scope.h"
#include "builtins/builtins.h"
#include "demo/seed.h"
#include "emulator/moto_server.h"
#include "engine/scan.h"

using namespace signet;

namespace {

void run(int scale) {
  emulator::MotoServer moto;
  io::EventLoop loop;
  aws::ClientOptions options;
  options.endpoints.all = moto.endpoint();
  auto keys = aws::CredentialChain::fixed({"bench", "bench", "", std::nullopt});
  {
    auto writes = options;
    writes.read_only = false;
    aws::AwsClient seeder(loop, aws::Models::embedded(), keys, writes);
    demo::seed_account(loop, seeder, demo::account_plan(), scale);
  }
  auto db = std::filesystem::temp_directory_path() / ("signet-bench-" + std::to_string(getpid()) + "-" + std::to_string(scale) + ".db");
  auto store = store::open_sqlite(db.string());
  builtins::install(*store);
  aws::AwsClient client(loop, aws::Models::embedded(), keys, options);
  engine::ScanReport report;
  {
    sandbox::Sandbox box(loop, sandbox::Limits{});
    engine::ScanOptions scan;
    scan.regions = demo::account_plan()["regions"].get<std::vector<std::string>>();
    aws::AwsScope scope(client);
    report = engine::run_scan(loop, box, scope, *store, scan);
  }  // workers end here, so their peak memory is counted below
  rusage self{}, children{};
  getrusage(RUSAGE_SELF, &self);
  getrusage(RUSAGE_CHILDREN, &children);
  const auto& s = report.stats;
  double seconds = s["seconds"].get<double>();
  std::printf("  %2dx: %4d resources, %5d evaluations in %6.2f s (%6.0f evaluations/s); API requests %5d sent, %5d saved; "
              "peak memory engine %4ld MiB, largest worker %4ld MiB\n",
              scale, s["resources"].get<int>(), s["evaluations"].get<int>(), seconds, s["evaluations"].get<int>() / seconds,
              s["apiCallsSent"].get<int>(), s["apiCallsSaved"].get<int>(), self.ru_maxrss / 1024, children.ru_maxrss / 1024);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + suffix);
}

}  // namespace

int main(int argc, char** argv) {
  sandbox::run_worker_if_requested(argc, argv);
  std::printf("Scan benchmark: the demo account on moto server, every built-in signature (moto answers ~200 requests/s)\n");
  run(1);
  run(10);
  return 0;
}
