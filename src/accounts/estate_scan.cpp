#include "accounts/estate_scan.h"

#include <ctime>

namespace signet::accounts {

std::string run_id(const engine::ScanOptions& run) { return run.run.empty() ? "run-" + std::to_string(std::time(nullptr)) : run.run; }

engine::ScanOptions options_for(const Target& t, const engine::ScanOptions& run, const std::vector<std::string>& default_regions) {
  engine::ScanOptions o = run;
  o.account = t.key;
  o.account_name = t.name;
  o.account_id = t.account_id;
  o.organization = t.organization;
  if (o.regions.empty()) o.regions = !t.regions.empty() ? t.regions : default_regions;
  if (t.max_requests_per_second > 0) o.rate_caps.per_account = t.max_requests_per_second;
  if (t.max_service_requests_per_second > 0) o.rate_caps.per_account_service = t.max_service_requests_per_second;
  return o;
}

EstateWork plan_scans(const std::vector<Target>& targets, const engine::ScanOptions& run, const std::vector<std::string>& default_regions,
                      const std::function<std::unique_ptr<provider::Scope>(const Target&)>& make_scope) {
  EstateWork work;
  engine::ScanOptions shared = run;
  shared.run = run_id(run);
  for (const auto& t : targets) {
    work.scopes.push_back(make_scope(t));
    work.accounts.push_back({options_for(t, shared, default_regions), work.scopes.back().get()});
  }
  return work;
}

}  // namespace signet::accounts
