#pragma once
// A scan: every enabled signature over the resources of its type in every selected region,
// through one shared apiCaller cache. Results go to the store in batches as they finish
// (memory does not grow with their number); when the scan ends the store marks each
// failure new or open against the account's previous complete scan and keeps that scan's
// failures that are gone as fixed. Read them back from the store (scan_id).
#include <chrono>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/event_loop.h"
#include "provider/scope.h"
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
  cloud::RateCaps rate_caps;
  // A unit of a scan run by many workers (cluster/): write into scan `scan_id` (begun
  // elsewhere) as unit `unit`, its results and stats kept until the unit completes in one
  // transaction; no risks are marked and the scan is not finished here.
  std::int64_t scan_id = 0;
  std::string unit;
  bool reports_account = true;  // this unit is the one that says the account cannot be reached
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
  // Counts (pass, fail, error, muted; new, open, fixed), requests, problems; see scan.cpp.
  nlohmann::json stats = nlohmann::json::object();
  std::size_t count(const std::string& status) const;  // Pass, Fail, Error or Muted
  bool unit_done = true;  // a unit: false when another worker had completed it first
};

// The signatures a scan with these options runs: the ids asked for, else every enabled
// one; of the services asked for; at or above the minimum level.
std::vector<store::StoredSignature> chosen_signatures(const store::Store& store, const ScanOptions& options);

// A scan's stats from its units' (each a scan's stats): counts and maps summed, problems
// and skips gathered, complete only if every unit was; `who` names the account.
nlohmann::json merge_stats(const std::vector<nlohmann::json>& parts, const ScanOptions& who);

int level_rank(const std::string& level);  // Low 1, Medium 2, High 3, else 0

using ProgressFn = std::function<void(const ScanProgress&)>;

// A scope's scan: the chosen signatures of the scope's provider (one of another provider named
// in `signature_ids` gives an Error result saying so).
ScanReport run_scan(io::EventLoop& loop, sandbox::Sandbox& sandbox, provider::Scope& scope, store::Store& store,
                    const ScanOptions& options, const ProgressFn& progress = {});

// Several accounts at once, on one loop and one sandbox: at most `concurrency` scanning at
// a time, each through its own scope (so its own client and rate buckets) and recorded as its own
// scan. An account that cannot be reached, or refuses every listing, gives one Error
// result naming it and the cause, and its scan is marked failed; the others finish.
// Reports in the order given.
struct AccountToScan {
  ScanOptions options;
  provider::Scope* scope = nullptr;
};
std::vector<ScanReport> run_scans(io::EventLoop& loop, sandbox::Sandbox& sandbox, const std::vector<AccountToScan>& accounts,
                                  store::Store& store, unsigned concurrency, const ProgressFn& progress = {});

// The stats of several reports as one (what the CLI says of a multi-account run): summed,
// with each account's under "accounts" (and its scanId).
ScanReport combine(const std::vector<ScanReport>& reports);

}  // namespace signet::engine
