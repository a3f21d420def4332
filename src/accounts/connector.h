#pragma once
// Reaching the scopes of one provider: a target's scope (its credentials and client), a
// source's members (an AWS organization's accounts, an Azure tenant's subscriptions), and a
// test of a target's access. Each provider implements it in its own folder (aws/accounts,
// azure/accounts); `Connectors` holds one per provider a scanner reaches.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "accounts/accounts.h"
#include "provider/scope.h"

namespace signet::accounts {

// What `signet accounts test` and the console's Test report of a target or a source.
struct AccessReport {
  bool reached = false;
  std::string error;        // why not, when not reached
  std::string scope_id;     // the account or subscription id it reached
  std::string identity;     // who, in the provider's words: "account 1234... as arn:aws:iam::...", "subscription ... (Prod)"
  std::string credentials;  // where the credentials came from
  std::vector<std::string> regions;
  std::vector<std::string> refused;  // "iam:ListUsers: AccessDenied ...": each listing Signet makes, probed once
  std::size_t probed = 0;
};

class Connector {
 public:
  virtual ~Connector() = default;
  // The target's scope, drawing on the target's own rate limits; throws std::runtime_error
  // for a target this provider cannot take (a malformed id).
  virtual std::unique_ptr<provider::Scope> scope(io::EventLoop& loop, const Target& target) = 0;
  // The source's members, with parents and tags when asked (where the provider has them);
  // throws std::runtime_error saying why they cannot be listed.
  virtual std::vector<Member> list_members(const Organization& source, bool parents, bool tags) = 0;
  // Who the target's credentials are, its regions, and which listings Signet makes it refuses.
  virtual AccessReport test_access(const Target& target) = 0;
  // The source's own access (what listing its members takes).
  virtual AccessReport test_source(const Organization& source) = 0;
};

// The access test of a scope: who its credentials are (`describe` words the identity the
// provider's way), then every type of its catalog that is listed on its own (not per parent)
// listed once, through the inventory; each listing the cloud refuses is named. The scope's
// loop is run until done.
AccessReport test_scope_access(provider::Scope& scope, const std::vector<std::string>& regions,
                               const std::function<std::string(const provider::Identity&)>& describe);

// One connector per provider a scanner reaches.
class Connectors {
 public:
  void add(const std::string& provider, std::shared_ptr<Connector> connector) { by_provider_[provider] = std::move(connector); }
  // Throws std::runtime_error for a provider without a connector.
  Connector& of(const std::string& provider) const;
  std::unique_ptr<provider::Scope> scope(io::EventLoop& loop, const Target& target) const;
  MemberLister member_lister() const;

 private:
  std::map<std::string, std::shared_ptr<Connector>> by_provider_;
};

}  // namespace signet::accounts
