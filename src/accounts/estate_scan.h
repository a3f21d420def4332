#pragma once
// The work of a scan over several accounts: one scope per target (through `make_scope`)
// and the scan options each gets from the run's — its history key, name, expected id,
// organization, regions (the run's, else the account's own, else `default_regions`) and
// rate caps (the account's, else the run's).
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "accounts/accounts.h"
#include "engine/scan.h"

namespace signet::accounts {

struct EstateWork {
  std::vector<std::unique_ptr<provider::Scope>> scopes;
  std::vector<engine::AccountToScan> accounts;  // for engine::run_scans
};

// One target's scan options: the run's, with the target's history key, name, expected id,
// organization, regions (the run's, else the account's own, else `default_regions`) and
// rate caps (the account's, else the run's).
engine::ScanOptions options_for(const Target& target, const engine::ScanOptions& run, const std::vector<std::string>& default_regions);
// The id the scans of one run share: the run's own, or a new one.
std::string run_id(const engine::ScanOptions& run);

EstateWork plan_scans(const std::vector<Target>& targets, const engine::ScanOptions& run, const std::vector<std::string>& default_regions,
                      const std::function<std::unique_ptr<provider::Scope>(const Target&)>& make_scope);

}  // namespace signet::accounts
