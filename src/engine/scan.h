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
  // Which account this is ("" = the default credentials; else the profile's name): new and
  // fixed are counted against the previous complete scan of the same account.
  std::string account;
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

ScanReport run_scan(io::EventLoop& loop, sandbox::Sandbox& sandbox, aws::AwsClient& client, store::Store& store,
                    const ScanOptions& options, const std::function<void(const ScanProgress&)>& progress = {});

}  // namespace signet::engine
