#pragma once
// Reaching Google Cloud projects: every stored project and every project of an organization
// source through the scanner's one credential chain (Application Default Credentials, or a
// service account it impersonates), each with a client of its own; a source's projects are
// those the credentials can list (Resource Manager), with the folders and organization above
// each (its ancestry) as their parents, so a source's include/exclude by folder works as it
// does by OU, and their labels as tags.
#include <memory>
#include <vector>

#include "accounts/connector.h"
#include "gcp/client/client.h"
#include "provider/scope.h"

namespace signet::gcp {

class GcpConnector : public accounts::Connector {
 public:
  GcpConnector(std::shared_ptr<CredentialChain> credentials, std::shared_ptr<Discovery> discovery, ClientOptions base)
      : credentials_(std::move(credentials)), discovery_(std::move(discovery)), base_(std::move(base)) {}
  // The project `target.account_id`, behind the provider interface.
  std::unique_ptr<provider::Scope> scope(io::EventLoop& loop, const accounts::Target& target) override;
  // Every ACTIVE-or-not project the credentials can list (status ACTIVE is scanned), with
  // parents ("organizations/N", "folders/N", from the top) when asked and labels as tags.
  std::vector<accounts::Member> list_members(const accounts::Organization& source, bool parents = false, bool tags = false) override;
  accounts::AccessReport test_access(const accounts::Target& target) override;
  accounts::AccessReport test_source(const accounts::Organization& source) override;

 private:
  std::shared_ptr<CredentialChain> credentials_;
  std::shared_ptr<Discovery> discovery_;
  ClientOptions base_;
};

}  // namespace signet::gcp
