#pragma once
// Reaching AWS accounts: a target's credential chain and client (a profile or the default
// chain, a role assumed from it, a member role assumed from its organization's management
// access), and an organization's members from AWS Organizations.
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "accounts/connector.h"
#include "aws/client/client.h"
#include "provider/scope.h"

namespace signet::aws {

using accounts::Access;
using accounts::AccessReport;
using accounts::Member;
using accounts::Organization;
using accounts::Target;

class AwsConnector : public accounts::Connector {
 public:
  // `base`: the endpoints, HTTP, retry and paging options every client gets; its
  // rate caps are the default for targets that set none.
  AwsConnector(std::shared_ptr<const Models> models, ClientOptions base, std::string default_region);

  // What "the default credential chain" means for this connector (the demo: its emulator's
  // keys); unset, the standard chain.
  void set_default_credentials(std::shared_ptr<CredentialChain> chain) { default_chain_ = std::move(chain); }
  // The credentials for `access` (chains are shared: a management account's role is
  // assumed once for all its members, and refreshed before it expires).
  std::shared_ptr<CredentialChain> credentials(const Access& access, const std::optional<Access>& through = std::nullopt);
  // A client for the target, drawing on the target's own rate buckets (keyed by its name).
  std::unique_ptr<AwsClient> client(io::EventLoop& loop, const Target& target);
  // The same behind the provider interface, for scans.
  std::unique_ptr<provider::Scope> scope(io::EventLoop& loop, const Target& target) override;
  // The organization's members, with parents and tags when asked; throws std::runtime_error.
  std::vector<Member> list_members(const Organization& organization, bool parents, bool tags) override;
  accounts::MemberLister member_lister() {
    return [this](const Organization& o, bool parents, bool tags) { return list_members(o, parents, tags); };
  }
  // Probes every listing call of the catalog; a source: its management access (ListAccounts).
  AccessReport test_access(const Target& target) override;
  AccessReport test_source(const Organization& organization) override;

  const std::string& default_region() const { return default_region_; }
  std::shared_ptr<const Models> models() const { return models_; }

 private:
  std::shared_ptr<const Models> models_;
  ClientOptions base_;
  std::string default_region_;
  StsCaller sts_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<CredentialChain>> chains_;  // by what the access says
  std::shared_ptr<CredentialChain> default_chain_;
};

// Who the credentials are, which regions are enabled, and which of `probes` the account
// refuses. Probes through `client` (on `loop`), which reaches the target; `region` when the target names none.
AccessReport test_access(io::EventLoop& loop, AwsClient& client, const Target& target, const std::string& region,
                         const std::vector<CallRequest>& probes);

}  // namespace signet::aws
