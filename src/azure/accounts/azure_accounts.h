#pragma once
// Reaching Azure subscriptions: every stored subscription and every subscription of a tenant
// source through the scanner's one Azure credential chain (environment, workload or managed
// identity, the Azure CLI), each with a client of its own; a tenant's subscriptions are those
// the chain can read (GET /subscriptions).
#include <memory>
#include <vector>

#include "accounts/connector.h"
#include "azure/client/client.h"
#include "provider/scope.h"

namespace signet::azure {

class AzureConnector : public accounts::Connector {
 public:
  AzureConnector(std::shared_ptr<CredentialChain> credentials, ClientOptions base)
      : credentials_(std::move(credentials)), base_(std::move(base)) {}
  // The subscription `target.account_id`, behind the provider interface.
  std::unique_ptr<provider::Scope> scope(io::EventLoop& loop, const accounts::Target& target) override;
  // Every subscription the credentials can read, as members (state Enabled is ACTIVE); throws
  // std::runtime_error saying why they cannot be listed. Subscriptions have no parents or tags here.
  std::vector<accounts::Member> list_members(const accounts::Organization& tenant, bool parents = false, bool tags = false) override;
  // The subscription as the credentials read it, and which of the catalog's listings it refuses.
  accounts::AccessReport test_access(const accounts::Target& target) override;
  // Whether the credentials can list the tenant's subscriptions.
  accounts::AccessReport test_source(const accounts::Organization& tenant) override;

 private:
  std::shared_ptr<CredentialChain> credentials_;
  ClientOptions base_;
};

}  // namespace signet::azure
