#pragma once
// A scan: every enabled signature over the resources of its type in every selected region,
// through one shared apiCaller cache; results kept in the store as a scan in the history,
// each failing result marked new or open against the previous complete scan, and the
// previous scan's failures that are gone reported as fixed.
#include <chrono>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "aws/client/client.h"
#include "io/event_loop.h"
#include "sandbox/sandbox.h"
#include "store/store.h"

namespace signet::engine {

struct ScanOptions {
  // Which account this is, as its history is kept ("" = the default credentials; else a
  // stored account's name or an organization member's id): new and fixed are counted
  // against the previous complete scan of the same account.
  std::string account;
  std::string account_name;  // as shown (default: `account`)
  std::string account_id;    // the id the credentials must reach ("" = whichever they reach)
  std::string organization;  // the source a member came from
  std::string run;           // the scans of one multi-account run share it
  std::vector<std::string> regions;     // empty: every region enabled for the account
  std::set<std::string> services;       // empty: all
  std::set<std::string> signature_ids;  // empty: every enabled signature
  std::string min_level;                // Low (all), Medium, High
  std::chrono::milliseconds evaluation_time_limit{60000};  // per resource (SPEC.md 1.5)
  // After a signature breaks its time or memory limit on this many resources, its
  // remaining evaluations in the scan are recorded as skipped without running (0: never).
  unsigned limit_strikes = 3;
  // Politeness caps for this scan's requests (requests per second to the account, and to
  // any one of its services); none by default: the rate control adapts to the account.
  aws::RateCaps rate_caps;
};

struct ScanProgress {
  std::string account;       // ScanOptions::account
  std::string account_name;
  bool finished = false;
  std::int64_t scan_id = 0;  // set once the scan is in the store
  std::size_t signatures = 0, signatures_done = 0, evaluations_total = 0, evaluations_done = 0, errors = 0;
  std::uint64_t api_calls = 0;
};

struct ScanReport {
  std::int64_t scan_id = 0;
  std::vector<nlohmann::json> results;  // one per (signature, resource)
  std::vector<nlohmann::json> fixed;    // failures of the previous scan that are gone
  nlohmann::json stats = nlohmann::json::object();
  std::size_t count(const std::string& status) const;
};

// Marks each Fail of `current` "new" or "open" against `previous` (an earlier scan's
// results) and returns the failures of `previous` that are gone, marked "fixed".
std::vector<nlohmann::json> mark_risks(const std::vector<nlohmann::json>& previous, std::vector<nlohmann::json>& current);

int level_rank(const std::string& level);  // Low 1, Medium 2, High 3, else 0

using ProgressFn = std::function<void(const ScanProgress&)>;

ScanReport run_scan(io::EventLoop& loop, sandbox::Sandbox& sandbox, aws::AwsClient& client, store::Store& store,
                    const ScanOptions& options, const ProgressFn& progress = {});

// Several accounts at once, on one loop and one sandbox: at most `concurrency` scanning at
// a time, each through its own client (so its own rate buckets) and recorded as its own
// scan. An account that cannot be reached, or refuses every listing, gives one Error
// result naming it and the cause, and its scan is marked failed; the others finish.
// Reports in the order given.
struct AccountToScan {
  ScanOptions options;
  aws::AwsClient* client = nullptr;
};
std::vector<ScanReport> run_scans(io::EventLoop& loop, sandbox::Sandbox& sandbox, const std::vector<AccountToScan>& accounts,
                                  store::Store& store, unsigned concurrency, const ProgressFn& progress = {});

// The results of several reports as one (what the CLI renders for a multi-account run):
// results and fixed concatenated; stats summed, with each account's under "accounts".
ScanReport combine(const std::vector<ScanReport>& reports);

}  // namespace signet::engine
