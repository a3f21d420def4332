#pragma once
// Reaching Azure subscriptions: every stored subscription and every subscription of a tenant
// source through the scanner's one Azure credential chain (environment, workload or managed
// identity, the Azure CLI), each with a client of its own; a tenant's subscriptions are those
// the chain can read (GET /subscriptions).
#include <memory>
#include <vector>

#include "accounts/accounts.h"
#include "accounts/aws_accounts.h"
#include "azure/client/client.h"
#include "provider/scope.h"

namespace signet::accounts {

class AzureConnector {
 public:
  AzureConnector(std::shared_ptr<azure::CredentialChain> credentials, azure::ClientOptions base)
      : credentials_(std::move(credentials)), base_(std::move(base)) {}
  // The subscription `target.account_id`, behind the provider interface.
  std::unique_ptr<provider::Scope> scope(io::EventLoop& loop, const Target& target);
  // Every subscription the credentials can read, as members (state Enabled is ACTIVE); throws
  // std::runtime_error saying why they cannot be listed.
  std::vector<Member> list_members(const Organization& tenant);

 private:
  std::shared_ptr<azure::CredentialChain> credentials_;
  azure::ClientOptions base_;
};

// One connector per provider: a target's scope, and a source's members, from its provider's.
struct Connectors {
  std::shared_ptr<AwsConnector> aws;
  std::shared_ptr<AzureConnector> azure;
  // Throws std::runtime_error for a provider without a connector.
  std::unique_ptr<provider::Scope> scope(io::EventLoop& loop, const Target& target) const;
  MemberLister member_lister() const;
};

}  // namespace signet::accounts
