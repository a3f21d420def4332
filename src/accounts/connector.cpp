#include "accounts/connector.h"

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace signet::accounts {

AccessReport test_scope_access(provider::Scope& scope, const std::vector<std::string>& regions,
                               const std::function<std::string(const provider::Identity&)>& describe) {
  AccessReport report;
  auto session = scope.open_session();
  std::optional<provider::Identity> identity;
  session->identify(regions, [&](provider::Identity i) { identity = std::move(i); });
  scope.loop().run_until([&] { return identity.has_value(); });
  if (!identity->unreachable.empty()) {
    report.error = identity->unreachable;
    return report;
  }
  report.reached = true;
  report.scope_id = identity->scope_id;
  report.identity = describe(*identity);
  report.regions = regions;
  inventory::InventoryOptions options;
  options.regions = regions;
  for (const auto& type : scope.catalog().types())
    if (!type.spec.contains("parent")) options.types.push_back(&type);
  report.probed = options.types.size();
  std::optional<inventory::Inventory> found;
  session->discover(options, [&](inventory::Inventory i) { found = std::move(i); });
  scope.loop().run_until([&] { return found.has_value(); });
  for (const auto& problem : found->problems)
    if (scope.refused_access(problem.message)) report.refused.push_back(problem.service + "/" + problem.type + ": " + problem.message);
  std::sort(report.refused.begin(), report.refused.end());
  return report;
}

Connector& Connectors::of(const std::string& provider) const {
  auto it = by_provider_.find(provider);
  if (it == by_provider_.end() || !it->second) throw std::runtime_error("this scanner cannot reach " + provider + " accounts");
  return *it->second;
}

std::unique_ptr<provider::Scope> Connectors::scope(io::EventLoop& loop, const Target& target) const {
  auto it = by_provider_.find(target.provider);
  if (it == by_provider_.end() || !it->second)
    throw std::runtime_error("account " + target.name + ": this scanner cannot reach " + target.provider + " accounts");
  return it->second->scope(loop, target);
}

MemberLister Connectors::member_lister() const {
  return [connectors = by_provider_](const Organization& o, bool parents, bool tags) -> std::vector<Member> {
    auto it = connectors.find(o.provider);
    if (it == connectors.end() || !it->second) throw std::runtime_error("this scanner cannot list " + o.provider + " sources");
    return it->second->list_members(o, parents, tags);
  };
}

}  // namespace signet::accounts
