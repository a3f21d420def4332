// The race: every built-in signature over a large seeded account (bench/seed_large.py: 500
// users, 30 roles, 500 instances, 200 security groups, 100 buckets, 100 volumes, 40 keys
// over us-east-1 and eu-west-1), four ways: raw moto; behind the throttling front with
// AWS-like buckets, and with tight buckets (20 / 10 per s) for every service, which this
// account must exceed; behind 50 ms of added latency. For each: wall, client CPU, peak memory,
// requests by service, requests in flight, throttled answers and Errors; for the throttled
// run also the floor the buckets allow and wall / floor; and the longest stretch in which
// requests waited to be sent while fewer than 32 were in flight.
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>

#include "aws/scope/aws_scope.h"
#include "builtins/builtins.h"
#include "emulator/moto_server.h"
#include "emulator/throttling_front.h"
#include "engine/scan.h"

using namespace signet;
using nlohmann::json;

namespace {

// A live process's peak resident memory in MiB (VmHWM), or -1.
long peak_rss_mib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6)) / 1024;
  return -1;
}

double cpu_seconds(const rusage& u) {
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct Way {
  const char* name;
  bool throttle;
  std::chrono::milliseconds latency;
  double tight_refill = 0;  // > 0: every service gets one bucket of 20 and this refill instead
};

void race(const emulator::MotoServer& moto, const Way& way) {
  std::optional<emulator::ThrottlingFront> front;
  std::string endpoint = moto.endpoint();
  if (way.throttle || way.latency.count() > 0) {
    emulator::ThrottlingOptions options;
    options.upstream = moto.endpoint();
    if (!way.throttle) options.buckets = std::vector<emulator::BucketRule>{};  // no bucket: latency only
    if (way.tight_refill > 0) {
      emulator::BucketRule tight;
      tight.name = "tight";
      tight.capacity = 20;
      tight.refill_per_second = way.tight_refill;
      tight.source = "the benchmark's own: IAM-like buckets for every service, so that the scan must be throttled";
      options.buckets = std::vector<emulator::BucketRule>{tight};
    }
    options.latency = way.latency;
    front.emplace(options);
    endpoint = front->endpoint();
  }
  auto db = std::filesystem::temp_directory_path() / ("signet-race-" + std::to_string(getpid()) + ".db");
  auto store = store::open_sqlite(db.string());
  builtins::install(*store);
  io::EventLoop loop;
  aws::ClientOptions options;
  options.endpoints.all = endpoint;
  options.rate.control = std::make_shared<cloud::RateControl>(aws::documented_quotas());  // a fresh start per way
  aws::AwsClient client(loop, aws::Models::embedded(), aws::CredentialChain::fixed({"bench", "bench", "", std::nullopt}), options);

  // Samples what waits and what is in flight, to find stretches where requests waited to
  // be sent while fewer than 32 were out (the limiter, not the cloud, holding them back).
  double starved = 0, longest_starved = 0, in_flight_sum = 0;
  std::size_t samples = 0;
  auto last = io::Clock::now();
  std::function<void()> sample = [&] {
    auto now = io::Clock::now();
    double dt = std::chrono::duration<double>(now - last).count();
    last = now;
    ++samples;
    in_flight_sum += client.in_flight();
    if (client.waiting() > 0 && client.in_flight() < 32) {
      starved += dt;
      longest_starved = std::max(longest_starved, starved);
    } else {
      starved = 0;
    }
    loop.add_timer(now + std::chrono::milliseconds(5), sample);
  };
  loop.add_timer(io::Clock::now() + std::chrono::milliseconds(5), sample);

  rusage before{}, children_before{};
  getrusage(RUSAGE_SELF, &before);
  getrusage(RUSAGE_CHILDREN, &children_before);  // the workers of this way are the difference
  engine::ScanReport report;
  {
    sandbox::Sandbox box(loop, sandbox::Limits{});
    engine::ScanOptions scan;
    scan.regions = {"us-east-1", "eu-west-1"};
    aws::AwsScope scope(client);
    report = engine::run_scan(loop, box, scope, *store, scan);
  }
  rusage self{}, children{};
  getrusage(RUSAGE_SELF, &self);
  getrusage(RUSAGE_CHILDREN, &children);
  const json& s = report.stats;
  double wall = s["seconds"].get<double>();
  std::printf("\n%s\n", way.name);
  std::printf("  wall %.1f s, client CPU %.1f s (engine; workers' CPU %.1f s in all)\n", wall, cpu_seconds(self) - cpu_seconds(before),
              cpu_seconds(children) - cpu_seconds(children_before));
  std::printf("  peak RSS: engine %ld MiB (with the front, in process), largest sandbox worker %zu MiB, moto %ld MiB\n",
              self.ru_maxrss / 1024, s["workerPeakRssBytes"].get<std::size_t>() >> 20, peak_rss_mib(moto.pid()));
  std::printf("  %d resources, %d evaluations (%.0f /s), %d Error (causes: %s)\n", s["resources"].get<int>(),
              s["evaluations"].get<int>(), s["evaluations"].get<int>() / wall, s["error"].get<int>(), s["errorsByCause"].dump().c_str());
  std::printf("  requests %llu (%s)\n", (unsigned long long)s["apiRequestsSent"].get<std::uint64_t>(), s["apiRequestsByService"].dump().c_str());
  std::printf("  in flight: mean %.1f (client, sampled)", samples ? in_flight_sum / samples : 0.0);
  if (front) {
    auto c = front->counters();
    std::printf(", mean %.1f / max %zu (front)", c.mean_in_flight, c.max_in_flight);
  }
  std::printf("; longest stretch waiting with < 32 in flight: %.2f s\n", longest_starved);
  std::printf("  throttled answers %llu\n", (unsigned long long)s["throttledAnswers"].get<std::uint64_t>());
  if (way.throttle) {
    double floor = front->floor_seconds();
    std::printf("  floor (max over buckets of (requests - capacity) / refill) %.1f s; wall / floor %.2f\n", floor,
                floor > 0 ? wall / floor : 0.0);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + suffix);
}

}  // namespace

int main(int argc, char** argv) {
  sandbox::run_worker_if_requested(argc, argv);
  const char* source = std::getenv("SIGNET_SOURCE_DIR");
  std::string seed = std::string(source ? source : ".") + "/bench/seed_large.py";
  emulator::MotoServer moto;
  std::printf("Race benchmark: every built-in over the large seeded account (moto)\n");
  if (std::system(("python3 " + seed + " " + moto.endpoint() + " >/dev/null").c_str()) != 0) {
    std::fprintf(stderr, "race_bench: seeding failed (%s)\n", seed.c_str());
    return 1;
  }
  // `race_bench [N...]`: only the ways numbered N (1 raw, 2 AWS-like, 3 tight, 4 latency).
  std::set<int> only;
  for (int i = 1; i < argc; ++i) only.insert(std::atoi(argv[i]));
  int number = 0;
  for (const Way& way : {Way{"raw moto", false, std::chrono::milliseconds(0)},
                         Way{"behind the throttling front, AWS-like buckets", true, std::chrono::milliseconds(0)},
                         Way{"behind the throttling front, every service 20 burst / 10 per s", true, std::chrono::milliseconds(0), 10},
                         Way{"behind 50 ms added latency per request", false, std::chrono::milliseconds(50)}})
    if (++number, only.empty() || only.count(number)) race(moto, way);
  return 0;
}
