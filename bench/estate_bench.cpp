// Scans of an estate: 1, 5 and 20 member accounts of a seeded moto organization, every
// built-in signature, each account through its member role. For each size: wall time and
// API requests with accounts scanned at once (the default, 4, and 8), against one account
// at a time — the speed-up the concurrent scan gives. moto is one process answering ~200
// requests/s, so the figures show Signet's overlap, not AWS's capacity.
#include <cstdio>
#include <filesystem>

#include "aws/accounts/aws_accounts.h"
#include "accounts/estate_scan.h"
#include "builtins/builtins.h"
#include "demo/seed.h"
#include "emulator/moto_server.h"
#include "engine/scan.h"

using namespace signet;

namespace {

struct Figures {
  double seconds = 0;
  std::uint64_t requests = 0, evaluations = 0;
};

Figures scan(io::EventLoop& loop, aws::AwsConnector& connector, const std::vector<accounts::Target>& targets, store::Store& store,
             unsigned concurrency) {
  sandbox::Sandbox box(loop, sandbox::Limits{});
  engine::ScanOptions run;
  run.regions = {"us-east-1"};
  auto work = accounts::plan_scans(targets, run, {}, [&](const accounts::Target& t) { return connector.scope(loop, t); });
  auto started = io::Clock::now();
  auto reports = engine::run_scans(loop, box, work.accounts, store, concurrency);
  Figures f;
  f.seconds = std::chrono::duration<double>(io::Clock::now() - started).count();
  for (const auto& r : reports) {
    f.requests += r.stats.value("apiRequestsSent", std::uint64_t{0});
    f.evaluations += r.stats.value("evaluations", std::uint64_t{0});
    if (r.stats["unreachable"].is_string()) std::fprintf(stderr, "  unreachable: %s\n", r.stats["unreachable"].get<std::string>().c_str());
  }
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  sandbox::run_worker_if_requested(argc, argv);
  emulator::MotoServer moto;
  io::EventLoop loop;
  aws::ClientOptions options;
  options.endpoints.all = moto.endpoint();
  auto keys = aws::CredentialChain::fixed({"bench", "bench", "", std::nullopt});
  aws::AwsConnector connector(aws::Models::embedded(), options, "us-east-1");
  connector.set_default_credentials(keys);
  {
    auto writes = options;
    writes.read_only = false;
    aws::AwsClient seeder(loop, aws::Models::embedded(), keys, writes);
    aws::AwsConnector member_writes(aws::Models::embedded(), writes, "us-east-1");
    member_writes.set_default_credentials(keys);
    demo::seed_organization(loop, seeder, 20, [&](const std::string& role_arn) {
      accounts::Target member;
      member.key = role_arn;
      member.access.role_arn = role_arn;
      return member_writes.client(loop, member);
    });
  }
  accounts::Organization org;
  org.name = "bench";
  auto resolved = accounts::resolve(accounts::Selection{}, {}, {org}, connector.member_lister());
  std::vector<accounts::Target> members;
  for (const auto& t : resolved.targets)
    if (t.through) members.push_back(t);  // members only: the management account is the seeder's
  auto db = std::filesystem::temp_directory_path() / ("signet-estate-bench-" + std::to_string(getpid()) + ".db");
  auto store = store::open_sqlite(db.string());
  builtins::install(*store);
  std::printf("Estate benchmark: member accounts of a moto organization, %zu built-in signatures, us-east-1\n", store->signatures().size());
  for (std::size_t n : {1u, 5u, 20u}) {
    std::vector<accounts::Target> some(members.begin(), members.begin() + static_cast<std::ptrdiff_t>(std::min(n, members.size())));
    Figures one = scan(loop, connector, some, *store, 1);
    std::printf("  %2zu accounts: one at a time %6.2f s, %5llu requests, %5llu evaluations\n", some.size(), one.seconds,
                static_cast<unsigned long long>(one.requests), static_cast<unsigned long long>(one.evaluations));
    if (n == 1) continue;
    for (unsigned concurrency : {4u, 8u}) {
      Figures many = scan(loop, connector, some, *store, concurrency);
      std::printf("               %u at once     %6.2f s, %5llu requests: %.2fx faster\n", concurrency, many.seconds,
                  static_cast<unsigned long long>(many.requests), one.seconds / many.seconds);
    }
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + suffix);
  return 0;
}
