#include "accounts/connector.h"

#include <stdexcept>

namespace signet::accounts {

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
