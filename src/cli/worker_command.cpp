// `signet worker`: runs the work units of scans started on a Redis queue (signet scan
// --queue, or the console of `signet serve --queue`), sharing their PostgreSQL store.
#include <signal.h>

#include <atomic>
#include <iostream>

#include <spdlog/spdlog.h>

#include "cli/provider_options.h"
#include "cli/commands.h"
#include "cluster/cluster.h"
#include "notify/notify.h"
#include "notify/secrets.h"
#include "queue/shared_budget.h"
#include "store/store.h"

namespace signet::cli {

namespace {

std::atomic<bool> stopping{false};
void on_stop_signal(int) { stopping = true; }

struct WorkerArgs {
  std::string db, queue, name;
  unsigned workers = 0;
  double visibility_s = 60;
  double shared_rate = 20;
  ProviderOptions cloud;  // how this worker reaches accounts of every provider
};

int run(const WorkerArgs& args) {
  std::string db = args.db.empty() ? store::default_path() : args.db;
  auto store = store::open(db);
  queue::Redis redis(args.queue);
  queue::QueueOptions queue_options;
  queue_options.visibility = std::chrono::milliseconds(static_cast<long long>(args.visibility_s * 1000));
  queue::WorkQueue work(redis, queue_options);
  // Every worker draws on the same budget per (account, region, service): ten workers do
  // not send ten times what an account allows.
  queue::BudgetOptions budget;
  budget.default_rate = args.shared_rate;
  cloud::RateControl::shared()->set_shared_budget(std::make_shared<queue::RedisBudget>(args.queue, budget));

  const accounts::Connectors connectors = args.cloud.connectors();
  cluster::WorkerOptions options;
  options.name = args.name;
  options.limits.workers = args.workers;
  options.make_scope = [connectors](io::EventLoop& loop, const accounts::Target& target) { return connectors.scope(loop, target); };
  options.stop = [] { return stopping.load(); };
  options.republish_after = std::chrono::seconds(static_cast<long long>(args.visibility_s * 4));
  options.on_scan_finished = [&](const engine::ScanReport& report) {
    if (store->records("channel").empty()) return;
    try {  // the worker that finished the scan tells the channels: once per scan
      notify::SecretBox box = notify::SecretBox::from_environment(db);
      notify::DeliveryOptions delivery;
      if (auto url = store->setting("publicUrl"); url.is_string()) delivery.console_url = url;
      notify::Notifier notifier(*store, box, delivery);
      notifier.notify_scan(notify::news_of(*store, report.scan_id, report.stats));
    } catch (const std::exception& e) {
      spdlog::error("scan {}: could not notify the channels: {}", report.scan_id, e.what());
    }
  };
  signal(SIGINT, on_stop_signal);
  signal(SIGTERM, on_stop_signal);
  std::cerr << "signet worker: taking units from " << args.queue << " (" << work.options().stream << "), results to "
            << (db.rfind("postgres", 0) == 0 ? std::string("PostgreSQL") : db) << std::endl;
  cluster::run_worker(*store, work, options);
  std::cerr << "signet worker: stopped" << std::endl;
  return 0;
}

}  // namespace

void add_worker_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<WorkerArgs>();
  auto* cmd = app.add_subcommand("worker", "Run the work units of scans on a Redis queue (signet scan --queue, signet serve --queue)");
  cmd->add_option("--queue", args->queue, "redis://HOST:PORT[/DB]: the work queue")->required();
  cmd->add_option("--db", args->db, "The store every process shares (postgresql://...; default: $SIGNET_DB or ~/.signet/signet.db)");
  cmd->add_option("--name", args->name, "This worker's name on the queue (default: HOST:PID)");
  cmd->add_option("--workers", args->workers, "Sandbox worker processes (default: one per core)");
  cmd->add_option("--visibility", args->visibility_s, "Seconds a unit may go without a sign of life before another worker takes it over (default 60)")
      ->check(CLI::Range(1.0, 86400.0));
  cmd->add_option("--shared-rate", args->shared_rate,
                  "Requests per second all workers together send to one service of one account in one region, where AWS documents no rate "
                  "(default 20)")
      ->check(CLI::Range(0.1, 100000.0));
  args->cloud.add_to(*cmd, false);
  cmd->callback([args, &exit_code] {
    try {
      exit_code = run(*args);
    } catch (const std::exception& e) {
      std::cerr << "signet worker: " << e.what() << "\n";
      exit_code = 1;
    }
  });
}

}  // namespace signet::cli
