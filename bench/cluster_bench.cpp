// Many scanners: an organization of 100 moto member accounts (the demo's small member seed),
// every request 50 ms late (a loopback latency front, as a real region is far away),
// scanned through the Redis queue by 1, 2 and 4 `signet worker` processes sharing one
// PostgreSQL store. Prints wall time, speed-up against one worker, requests and
// evaluations per second. moto is one Python process (~200-400 requests/s): past that,
// more workers wait on moto, not on AWS.
//
//   cluster_bench [MEMBERS]     (default 100)
#include <fcntl.h>
#include <cstdlib>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>

#include "aws/accounts/aws_accounts.h"
#include "builtins/builtins.h"
#include "cluster/cluster.h"
#include "demo/seed.h"
#include "emulator/local_servers.h"
#include "emulator/moto_server.h"
#include "emulator/throttling_front.h"

extern char** environ;

using namespace signet;
using Clock = std::chrono::steady_clock;

namespace {

pid_t start_worker(const std::string& name, const std::string& db, const std::string& queue, const std::string& endpoint) {
  std::vector<std::string> args = {SIGNET_BIN, "worker", "--queue", queue, "--db", db, "--name", name, "--endpoint-url", endpoint, "--workers", "1"};
  // The shared budget's rate per (account, region, service) where AWS documents none (the
  // worker's default: 20 a second), to see how much of a round it decides.
  if (const char* rate = std::getenv("CLUSTER_BENCH_SHARED_RATE"); rate && *rate) {
    args.push_back("--shared-rate");
    args.push_back(rate);
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  // Each worker's log to CLUSTER_BENCH_LOGS/NAME.log when that folder is given (to see where a
  // worker's time goes), else nowhere.
  const char* logs = std::getenv("CLUSTER_BENCH_LOGS");
  std::string log = logs && *logs ? std::string(logs) + "/" + name + ".log" : "/dev/null";
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = -1;
  if (posix_spawn(&pid, SIGNET_BIN, &actions, nullptr, argv.data(), environ) != 0) throw std::runtime_error("cannot start signet worker");
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

}  // namespace

int main(int argc, char** argv) {
  const int members = argc > 1 ? std::atoi(argv[1]) : 100;
  // Optionally the services whose built-ins run (comma-separated; default: every built-in).
  std::set<std::string> services;
  if (argc > 2) {
    std::stringstream list(argv[2]);
    for (std::string service; std::getline(list, service, ',');)
      if (!service.empty()) services.insert(service);
  }
  setenv("AWS_ACCESS_KEY_ID", "testing", 1);
  setenv("AWS_SECRET_ACCESS_KEY", "testing", 1);
  setenv("AWS_EC2_METADATA_DISABLED", "true", 1);
  setenv("SIGNET_SECRET_KEY", std::string(64, 'b').c_str(), 1);
  emulator::MotoServer moto;
  io::EventLoop loop;
  aws::ClientOptions writes;
  writes.endpoints.all = moto.endpoint();
  writes.read_only = false;
  aws::AwsClient writer(loop, aws::Models::embedded(), aws::CredentialChain::fixed({"testing", "testing", "", std::nullopt}), writes);
  aws::AwsConnector seeding(aws::Models::embedded(), writes, "us-east-1");
  auto seeded_at = Clock::now();
  auto org = demo::seed_organization(loop, writer, members, [&](const std::string& role_arn) {
    accounts::Target member;
    member.key = role_arn;
    member.access.role_arn = role_arn;
    return seeding.client(loop, member);
  });
  std::printf("Cluster benchmark: %d member accounts seeded in %.0f s; every request 50 ms late\n", members,
              std::chrono::duration<double>(Clock::now() - seeded_at).count());

  emulator::ThrottlingOptions late;
  late.upstream = moto.endpoint();
  late.buckets = std::vector<emulator::BucketRule>{};  // no throttling: latency only
  late.latency = std::chrono::milliseconds(50);
  emulator::ThrottlingFront front(late);
  emulator::PostgresServer pg;
  emulator::RedisServer redis;

  // The organization's members, as a run resolves them.
  aws::ClientOptions reads;
  reads.endpoints.all = front.endpoint();
  aws::AwsConnector connector(aws::Models::embedded(), reads, "us-east-1");
  accounts::Organization organization;
  organization.name = "bench-org";
  accounts::Resolved resolved = accounts::resolve({}, {}, {organization}, connector.member_lister());
  std::vector<accounts::Target> targets = resolved.targets;
  std::printf("  %zu accounts to scan (members and the management account), us-east-1, %s\n", targets.size(),
              services.empty() ? "every built-in" : ("the built-ins of " + std::string(argv[2])).c_str());

  double one_worker = 0;
  // A first, untimed round: moto builds each account's backends on its first request to
  // them (seconds an account, in one Python process), which would otherwise fall on the
  // first timed round only and make every later one look better than linear.
  for (int workers : {0, 1, 2, 4}) {
    const bool warm_up = workers == 0;
    if (warm_up) workers = 4;
    std::string db = pg.fresh_database();
    auto store = store::open(db);
    builtins::install(*store);
    queue::Redis redis_client(redis.uri());
    queue::WorkQueue queue(redis_client);
    engine::ScanOptions run;
    run.regions = {"us-east-1"};
    run.services = services;
    auto started = Clock::now();
    auto scans = cluster::start_run(*store, queue, targets, run, {});
    std::vector<pid_t> pids;
    for (int w = 0; w < workers; ++w) pids.push_back(start_worker("bench-" + std::to_string(w), db, redis.uri(), front.endpoint()));
    auto reports = cluster::wait_for_scans(*store, queue, scans);
    double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    for (pid_t pid : pids) kill(pid, SIGTERM);
    for (pid_t pid : pids) waitpid(pid, nullptr, 0);
    std::uint64_t requests = 0, evaluations = 0, complete = 0;
    for (const auto& r : reports) {
      requests += r.stats.value("apiRequestsSent", std::uint64_t{0});
      evaluations += r.stats.value("evaluations", std::uint64_t{0});
      complete += store->scan(r.scan_id)->status == "complete";
    }
    if (warm_up) {
      std::printf("  warm-up round (4 workers, not counted): %.1f s\n", seconds);
      redis_client.command({"DEL", queue.options().stream});
      continue;
    }
    if (workers == 1) one_worker = seconds;
    std::printf("  %d worker(s): %6.1f s, %zu scans (%llu complete), %llu requests, %llu evaluations (%.0f/s)%s\n", workers, seconds,
                reports.size(), (unsigned long long)complete, (unsigned long long)requests, (unsigned long long)evaluations,
                evaluations / seconds, workers == 1 ? "" : (", " + std::to_string(one_worker / seconds).substr(0, 4) + "x one worker").c_str());
    // The queue is emptied for the next round.
    redis_client.command({"DEL", queue.options().stream});
  }
  return 0;
}
