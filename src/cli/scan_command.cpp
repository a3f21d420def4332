// `signet scan`: every enabled signature over the account; risks out in the form asked for.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <thread>

#include "cli/provider_options.h"
#include "cli/commands.h"
#include "cli/scan_findings.h"
#include "cli/scan_output.h"
#include "cluster/cluster.h"
#include "aws/scope/aws_scope.h"
#include "aws/accounts/aws_accounts.h"
#include "accounts/estate_scan.h"
#include "aws/endpoints/endpoints.h"
#include "aws/security_hub/security_hub.h"
#include "builtins/builtins.h"
#include "common/names.h"
#include "inventory/inventory.h"
#include "notify/notify.h"
#include "store/store.h"

namespace signet::cli {

namespace {

struct ScanArgs {
  std::string db, output = "table", out, fail_on, min_level, accounts;
  unsigned concurrency = 4;
  std::vector<std::string> signatures, services, regions;
  double evaluation_time_limit_s = 60;
  unsigned limit_strikes = 3;
  unsigned workers = 0;
  bool no_notify = false;
  bool security_hub = false;  // import the findings into each account's Security Hub
  std::string queue;  // redis://...: the units go to `signet worker` processes
  ProviderOptions cloud;  // the account scanned without --accounts
};

// A run on the work queue: its scans planned and published, then followed in the store
// until each is finished (by whichever worker did its last unit, which also told the
// channels).
std::vector<engine::ScanReport> run_on_queue(const ScanArgs& args, store::Store& store, const std::vector<accounts::Target>& targets,
                                             const engine::ScanOptions& options) {
  queue::Redis redis(args.queue);
  queue::WorkQueue work(redis);
  auto scans = cluster::start_run(store, work, targets, options, {});
  std::cerr << "scan: " << scans.size() << " scan(s) on the queue " << args.queue << "; waiting for the workers\n";
  return cluster::wait_for_scans(store, work, scans, [&](std::int64_t scan, std::size_t done, std::size_t total, bool finished) {
    std::cerr << "scan " << scan << ": " << done << "/" << total << " units done" << (finished ? ", finished" : "") << "\n";
  });
}

int run(const ScanArgs& args) {
  if (!args.fail_on.empty() && engine::level_rank(args.fail_on) == 0) {
    std::cerr << "signet scan: --fail-on takes High, Medium or Low\n";
    return 2;
  }
  if (!args.min_level.empty() && engine::level_rank(args.min_level) == 0) {
    std::cerr << "signet scan: --min-level takes High, Medium or Low\n";
    return 2;
  }
  try {
    check_scan_format(args.output);  // refuse an unknown format before scanning
  } catch (const std::invalid_argument& e) {
    std::cerr << "signet scan: " << e.what() << "\n";
    return 2;
  }
  std::string db = args.db.empty() ? store::default_path() : args.db;
  auto store = store::open(db);
  builtins::install(*store);
  // Names that match nothing are refused before anything is scanned (exit 2, each named).
  const bool on_aws = args.cloud.is_aws();
  if (!on_aws && (!args.queue.empty() || args.security_hub)) {
    std::cerr << "signet scan: --queue and --security-hub are for AWS accounts so far; give --accounts to scan stored "
              << args.cloud.provider << " accounts\n";
    return 2;
  }
  std::vector<NameCheck> checks = {check_signature_ids(args.signatures, *store)};
  for (auto& check : args.cloud.check_names(args.services, args.regions)) checks.push_back(std::move(check));
  require_known(checks);
  // The accounts: those --accounts names, else every enabled stored one; with none stored
  // (or --profile given), the profile's or default credentials, as one account.
  accounts::AccountRecords account_records(*store);
  accounts::OrganizationRecords organization_records(*store);
  auto stored_accounts = account_records.all();
  auto stored_organizations = organization_records.all();
  if (!args.accounts.empty() && !args.cloud.aws.profile.empty()) {
    std::cerr << "signet scan: give --accounts or --profile, not both\n";
    return 2;
  }
  // --provider azure without --accounts scans the one subscription of the Azure options.
  bool estate = !args.accounts.empty() ||
                (on_aws && args.cloud.aws.profile.empty() && (!stored_accounts.empty() || !stored_organizations.empty()));
  auto selection = accounts::Selection::parse(args.accounts);
  if (estate)
    if (auto problem = accounts::check_selection(selection, stored_accounts, stored_organizations); !problem.empty())
      require_known({NameCheck{"accounts", {args.accounts}, problem}});

  io::EventLoop loop;
  sandbox::Limits limits;
  limits.workers = args.workers;
  sandbox::Sandbox box(loop, limits);
  engine::ScanOptions options;
  options.account = args.cloud.aws.profile;
  options.regions = args.regions;
  options.services.insert(args.services.begin(), args.services.end());
  options.signature_ids.insert(args.signatures.begin(), args.signatures.end());
  options.min_level = args.min_level;
  options.evaluation_time_limit = std::chrono::milliseconds(static_cast<long long>(args.evaluation_time_limit_s * 1000));
  options.limit_strikes = args.limit_strikes;

  std::vector<std::unique_ptr<provider::Scope>> scopes;
  std::vector<engine::AccountToScan> work;
  std::vector<accounts::Target> targets;  // for a run on the queue
  std::vector<std::string> unlisted;  // organizations whose members could not be listed
  accounts::Connectors connectors;  // stored accounts and sources of every provider
  if (estate) {
    connectors = args.cloud.connectors();
    accounts::Resolved resolved = accounts::resolve(selection, stored_accounts, stored_organizations, connectors.member_lister());
    for (const auto& [source, cause] : resolved.failed_sources) {
      std::cerr << "signet scan: organization " << source << ": its members could not be listed: " << cause << "\n";
      unlisted.push_back(source);
    }
    for (const auto& skipped : resolved.skipped) std::cerr << "scan: skipped " << skipped << "\n";
    if (resolved.targets.empty() && unlisted.empty()) {
      std::cerr << "signet scan: no account to scan: every stored account is disabled (name one with --accounts)\n";
      return 2;
    }
    targets = resolved.targets;
    if (args.queue.empty()) {
      auto planned = accounts::plan_scans(resolved.targets, options, {},
                                          [&](const accounts::Target& target) { return connectors.scope(loop, target); });
      scopes = std::move(planned.scopes);
      work = std::move(planned.accounts);
    }
  } else if (args.queue.empty()) {
    if (!on_aws) options.account = options.account_name = options.account_id = args.cloud.account_key();  // the subscription's history
    scopes.push_back(args.cloud.make_scope(loop));
    work.push_back({options, scopes.back().get()});
  } else {
    accounts::Target own;  // the credentials the workers have: their default chain or this profile
    own.key = own.name = args.cloud.aws.profile;
    own.access.profile = args.cloud.aws.profile;
    targets.push_back(own);
  }

  // A live line on a terminal; plain log lines otherwise. Each account says when it is done.
  bool terminal = isatty(STDERR_FILENO);
  std::map<std::string, engine::ScanProgress> running;
  std::size_t accounts_done = 0, last_logged = 0;
  auto progress = [&](const engine::ScanProgress& p) {
    if (p.finished) {
      ++accounts_done;
      running.erase(p.account);
      if (work.size() > 1)
        std::cerr << (terminal ? "\r" : "") << "scan: account " << (p.account_name.empty() ? "(default)" : p.account_name) << " done: "
                  << p.evaluations_done << " evaluations, " << p.errors << " errors [" << accounts_done << "/" << work.size()
                  << " accounts]" << (terminal ? "            \n" : "\n");
      return;
    }
    running[p.account] = p;
    std::size_t done = 0, total = 0, calls = 0, errors = 0;
    for (const auto& [account, q] : running) done += q.evaluations_done, total += q.evaluations_total, calls += q.api_calls, errors += q.errors;
    if (terminal) {
      std::cerr << "\r" << (work.size() > 1 ? "accounts " + std::to_string(accounts_done) + "/" + std::to_string(work.size()) + "  " : "")
                << "signatures " << p.signatures_done << "/" << p.signatures << "  evaluated " << done << "/" << total << "  API calls " << calls
                << "  errors " << errors << "   " << std::flush;
    } else if (work.size() == 1 && (p.evaluations_done == p.evaluations_total ||
                                    p.evaluations_done >= last_logged + std::max<std::size_t>(1, p.evaluations_total / 10))) {
      last_logged = p.evaluations_done;
      std::cerr << "scan: " << p.signatures_done << "/" << p.signatures << " signatures, " << p.evaluations_done << "/"
                << p.evaluations_total << " evaluations, " << p.api_calls << " API calls, " << p.errors << " errors\n";
    }
  };
  auto reports = args.queue.empty() ? engine::run_scans(loop, box, work, *store, args.concurrency, progress)
                                    : run_on_queue(args, *store, targets, options);
  // What each stored account turned out to be, for --accounts by id and the console.
  for (std::size_t i = 0; estate && i < reports.size(); ++i)
    if (auto account = account_records.by_name(work[i].options.account)) {
      std::string id = reports[i].stats.value("accountId", "");
      if (!id.empty() && id != account->account_id) {
        account->account_id = id;
        account_records.update(*account);
      }
    }
  auto report = engine::combine(reports);
  if (terminal) std::cerr << "\n";
  if (args.out.empty()) {
    render_scan(std::cout, *store, report, args.output);
  } else {
    std::ofstream file(args.out, std::ios::binary | std::ios::trunc);
    render_scan(file, *store, report, args.output);
    if (!file) {
      std::cerr << "signet scan: cannot write " << args.out << "\n";
      return 2;
    }
    if (args.output != "table") render_scan(std::cerr, *store, report, "table");
  }
  // Each account's findings into its own Security Hub, with its own credentials.
  bool hub_failed = false;
  for (std::size_t i = 0; args.security_hub && i < reports.size(); ++i) {
    std::string who = reports[i].stats.value("accountName", "");
    if (who.empty()) who = reports[i].stats.value("accountId", "");
    if (reports[i].stats["unreachable"].is_string()) continue;  // said above
    std::unique_ptr<aws::AwsClient> made;
    const std::string key = reports[i].stats.value("account", "");
    auto target = std::find_if(targets.begin(), targets.end(), [&](const accounts::Target& t) { return t.key == key; });
    const std::string provider = i < work.size() ? work[i].scope->provider() : target != targets.end() ? target->provider : "aws";
    if (provider != "aws") {
      std::cerr << "security hub: " << (who.empty() ? key : who) << " is a " << provider << " account: skipped (Security Hub takes AWS findings)\n";
      continue;
    }
    auto* scanned = i < work.size() ? dynamic_cast<aws::AwsScope*>(work[i].scope) : nullptr;
    aws::AwsClient* client = scanned ? &scanned->client() : nullptr;
    if (!client) {  // on the queue the workers scanned: reach the account from here
      if (estate) {
        if (target == targets.end()) {
          std::cerr << "security hub: " << (who.empty() ? key : who) << ": not among the accounts this run planned; skipped\n";
          hub_failed = true;
          continue;
        }
        made = dynamic_cast<aws::AwsConnector&>(connectors.of("aws")).client(loop, *target);
      } else {
        made = args.cloud.aws.make_client(loop);
      }
      client = made.get();
    }
    aws::SecurityHubImporter importer(*client);  // a batch per region at a time, not the account's findings
    each_asff_finding(*store, reports[i], [&](const nlohmann::json& f) { importer.add(f); });
    auto imported = importer.finish();
    std::cerr << "security hub: " << (who.empty() ? "the account" : who) << ": " << imported.imported << " of " << imported.findings
              << " findings imported" << (imported.failed ? ", " + std::to_string(imported.failed) + " not" : "") << "\n";
    for (const auto& problem : imported.problems) std::cerr << "  " << problem << "\n";
    hub_failed = hub_failed || imported.failed > 0;
  }
  // On the queue, the worker that finished each scan has told the channels.
  if (!args.no_notify && args.queue.empty() && !store->records("channel").empty()) {
    // The channels hear of what is new, as after a scan in the console; a failed delivery is
    // reported and recorded, and changes nothing else.
    try {
      notify::SecretBox box = notify::SecretBox::from_environment(db);
      notify::DeliveryOptions delivery;
      if (auto url = store->setting("publicUrl"); url.is_string()) delivery.console_url = url;
      notify::Notifier notifier(*store, box, delivery);
      for (const auto& r : reports) {
        auto sent = notifier.notify_scan(notify::news_of(*store, r.scan_id, r.stats));
        for (const auto& d : sent)
          std::cerr << "notified " << d.value("channelName", "?") << ": " << d.value("status", "?")
                    << (d.contains("error") ? " (" + d["error"].get<std::string>() + ")" : "") << "\n";
      }
    } catch (const std::exception& e) {
      std::cerr << "signet scan: could not notify the channels: " << e.what() << "\n";
    }
  }
  if (reports.empty()) {
    std::cerr << "signet scan: no account could be scanned (see above)\n";
    return 1;
  }
  std::size_t unreachable = 0;
  for (const auto& r : reports) unreachable += r.stats["unreachable"].is_string();
  if (unreachable == reports.size()) {
    std::cerr << "signet scan: no account could be scanned; check the credentials, the endpoint and the regions:\n";
    for (const auto& r : reports) std::cerr << "  " << r.stats["unreachable"].get<std::string>() << "\n";
    return 1;
  }
  if (report.stats.value("resources", 0) == 0 && !report.stats.value("listingProblems", nlohmann::json::array()).empty()) {
    std::cerr << "signet scan: no resource could be listed; check the credentials, the endpoint and the regions\n";
    return 1;
  }
  if (!args.fail_on.empty()) {
    const nlohmann::json by_level = report.stats.value("failByLevel", nlohmann::json::object());
    for (const auto& [level, n] : by_level.items())
      if (n.get<int>() > 0 && engine::level_rank(level) >= engine::level_rank(args.fail_on)) return 3;
  }
  // Some evaluations ended in Error or some listings failed: the risks above are real, but
  // others may be missing. Said apart from a clean scan so that CI can tell.
  if (!report.stats.value("complete", true) || !unlisted.empty()) return 4;
  if (hub_failed) return 5;
  return 0;
}

}  // namespace

void add_scan_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ScanArgs>();
  auto* cmd = app.add_subcommand("scan", "Run every enabled signature over the account and report the risks");
  cmd->add_option("--db", args->db, "The signature database (default: $SIGNET_DB or ~/.signet/signet.db)");
  cmd->add_option("--signatures", args->signatures, "Only these signature ids")->delimiter(',');
  cmd->add_option("--services", args->services, "Only signatures of these services")->delimiter(',');
  cmd->add_option("--accounts", args->accounts,
                  "all, or a comma list of stored account and organization names, account ids and OU ids "
                  "(default: every enabled stored account; none stored: the default credentials)");
  cmd->add_option("--concurrency", args->concurrency, "Accounts scanned at once (default 4)")->check(CLI::Range(1, 64));
  cmd->add_option("--queue", args->queue,
                  "redis://HOST:PORT: put the scan's work units on this Redis queue for `signet worker` processes (sharing this --db) "
                  "instead of running them here");
  cmd->add_option("--regions", args->regions, "Only these regions (default: every region enabled for the account)")->delimiter(',');
  cmd->add_option("--min-level", args->min_level, "Only signatures at or above this level: Low, Medium, High");
  cmd->add_option("--output", args->output, "table, json, csv, junit, sarif, ocsf, asff (Security Hub's format) or html (a report)");
  cmd->add_option("--out", args->out, "Write the output to this file");
  cmd->add_option("--fail-on", args->fail_on, "Exit 3 when a risk at or above this level is found: High, Medium, Low");
  cmd->add_option("--limit-strikes", args->limit_strikes,
                  "Skip the rest of a signature's resources once it broke its time or memory limit on this many (default 3; 0: never)");
  cmd->add_option("--evaluation-time-limit", args->evaluation_time_limit_s, "Seconds per resource (default 60)");
  cmd->add_flag("--no-notify", args->no_notify, "Do not tell the notification channels about new risks");
  cmd->add_flag("--security-hub", args->security_hub,
                "Import the findings (Fail, Muted, Error, and the risks fixed since the previous scan) into each account's AWS "
                "Security Hub, in each finding's region (needs securityhub:BatchImportFindings)");
  cmd->add_option("--workers", args->workers, "Sandbox worker processes (default: one per core)");
  args->cloud.add_to(*cmd);
  cmd->callback([args, &exit_code] {
    try {
      exit_code = run(*args);
    } catch (const std::exception& e) {
      std::cerr << "signet scan: " << e.what() << "\n";
      exit_code = 2;
    }
  });
}

}  // namespace signet::cli
