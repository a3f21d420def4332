#pragma once
// A loopback Azure for tests and the demo (no emulator of Azure Resource Manager exists):
// Entra ID's token endpoint, the instance metadata service (and App Service's identity
// endpoint), Resource Manager and Microsoft Graph, on one 127.0.0.1 port, answering from a
// tenant fixture (JSON) as the real services do:
//
// - tokens: client credentials with a secret, with a certificate's RS256 client assertion
//   (checked against the registered certificate's public key), or with a federated token
//   (workload identity); managed identity through IMDS (`Metadata: true`) or App Service
//   (`X-IDENTITY-HEADER`). A token is good for one audience (ARM, Graph or Key Vault) until it
//   expires.
// - Resource Manager: a bearer token for ARM on every request (401 otherwise, with
//   `WWW-Authenticate`); `api-version` required (400 MissingApiVersionParameter) and, under a
//   provider, one the subscription's registration lists for the type (400
//   NoRegisteredProviderFound naming the supported ones); collections answer `{value,
//   nextLink}` a page at a time (`$skiptoken`); a missing resource is 404 ResourceNotFound;
//   every answer carries `x-ms-ratelimit-remaining-subscription-reads`, and a subscription
//   that spent its read budget gets 429 TooManyRequests with `Retry-After`; any write
//   (PUT, PATCH, DELETE, or a POST the fixture does not answer) is refused and logged.
// - Graph (`/v1.0/...`): collections with `@odata.nextLink`, singletons, its own error body;
//   an object of a collection by id (`users/ID`), and the memberships Graph derives from the
//   fixture's direct ones (`groups/ID/members`, `directoryRoles/ID/members`):
//   `groups/ID/transitiveMembers` (nested groups and their members, once) and
//   `users/ID/transitiveMemberOf` (the user's groups, nested ones too, and the directory roles
//   the user or one of those groups holds).
// - Key Vault's data plane: each vault of the fixture at `{url}/keyvault/NAME/` (its vaultUri,
//   written `{fake}/keyvault/NAME/` in the fixture: every "{fake}" there becomes url()). A
//   bearer token for Key Vault on every request (401 `Unauthorized` with the vault's
//   `WWW-Authenticate` challenge otherwise: an ARM or Graph token is refused, as a Key Vault
//   token is by ARM and Graph); `api-version` required and one of 7.0-7.5 (400 BadParameter);
//   `certificates` listed a page at a time (`nextLink`), a certificate (`NAME[/VERSION]`, with
//   its policy), its `versions` and its `policy` (404 CertificateNotFound), from the fixture's
//   keyVaults.NAME.certificates; `keys` and `secrets` listed from Resource Manager's vaults/keys
//   and vaults/secrets and the certificates' own (managed). Any change, and any read of a
//   secret's value, is refused (403) and logged with the writes.
//
// The fixture (see azure_tenant.json): {tenantId, clients: [{clientId, secret?,
// certificatePem?, federatedToken?}], managedIdentity: {clientId}, subscriptions:
// [{subscriptionId, displayName, state, providers: [{namespace, resourceTypes: [{resourceType,
// apiVersions}]}], resourceGroups: [{name, location}], resources: [{id, type, name, location,
// ...}], posts: {path: answer}}], keyVaults: {NAME: {certificates: [{name, version, x5t, cer,
// attributes, tags?, policy}]}}, graph: {users: [...], "policies/authorizationPolicy": {...}}}.
// Resources are found by id: a request for an id answers it, one for an id's parent path
// lists the resources under it, one for /subscriptions/S/providers/NS/TYPE lists every
// resource of the type in the subscription. A resource whose shape differs by API version
// carries `byApiVersion: {VERSION: merge patch}`, applied when that version is asked for.
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace signet::emulator {

struct AzureFakeOptions {
  std::size_t page_size = 2;  // items per page (ARM's are up to 1,000): small, so paging is exercised
  // Reads a subscription may make per window before 429 (0: unlimited), and the Retry-After.
  std::size_t reads_per_window = 0;
  std::chrono::milliseconds window{1000};
  int retry_after_seconds = 1;
  std::chrono::seconds token_lifetime{3600};
};

class AzureFake {
 public:
  explicit AzureFake(nlohmann::json tenant, AzureFakeOptions options = {});
  ~AzureFake();
  AzureFake(const AzureFake&) = delete;
  AzureFake& operator=(const AzureFake&) = delete;

  std::string url() const;  // http://127.0.0.1:PORT: ARM at /, Graph at /v1.0, tokens at /TENANT/oauth2/v2.0/token, vaults at /keyvault/NAME/
  const nlohmann::json& tenant() const { return tenant_; }  // the fixture, {fake} written as url()

  // Every request answered, as "METHOD /path?query STATUS", in order.
  std::vector<std::string> requests() const;
  // Requests that tried to change something, or to read a vault's secret value (refused):
  // "METHOD /path".
  std::vector<std::string> writes() const;
  // Tokens handed out, by how they were asked for: "secret", "certificate", "federated",
  // "imds", "appservice".
  std::map<std::string, int> tokens_issued() const;

  struct Impl;

 private:
  nlohmann::json tenant_;
  std::unique_ptr<Impl> impl_;
};

// The fixture of the project's test tenant (src/emulator/azure_tenant.json, embedded; or the
// file SIGNET_AZURE_TENANT_FILE names, while the fixture is being edited).
const nlohmann::json& azure_test_tenant();

}  // namespace signet::emulator
