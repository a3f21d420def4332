#pragma once
// The Azure client: Resource Manager and Microsoft Graph over REST, on the event loop.
// Checked before anything is sent (the read-only policy, data: read_only.json; paths that
// stay inside the subscription's API), authorized with the credential chain's bearer token,
// rate-controlled and retried (429 with Retry-After, ARM's remaining-reads header) through the
// shared cloud::RateControl, and paged (`nextLink`, `@odata.nextLink`, only on the same host).
//
// A request names `service` (the resource provider namespace, `Microsoft.Storage`; `Graph`
// for Entra ID) and `endpoint`: a path relative to the subscription
// ("providers/Microsoft.Storage/storageAccounts"), or absolute ("/subscriptions/{subscriptionId}
// /resourceGroups/{resourceGroupName}/..."; "{id}/blobServices" with a resource id in
// params), `{name}` filled from `params` and the other params sent as query parameters.
// `api_version` defaults to the newest stable version the subscription's provider
// registration lists for the path's resource type (read once per subscription and cached).
//
// Key Vault's data plane (a vault's certificates and their policies, its key and secret
// listings: what Resource Manager does not hold) is reached with `service` Microsoft.KeyVault
// and an endpoint that starts with a vault's URL: "{vaultUri}certificates" with params
// { vaultUri: vault.properties.vaultUri }, "{id}/policy" with a certificate's id (a URL), or the
// URL itself ("https://myvault.vault.azure.net/certificates"); a slash between the URL and the
// rest may be written or not. The URL must name a vault of the configured cloud: https, the
// host one vault name under the cloud's Key Vault DNS suffix (https://NAME.vault.azure.net;
// ClientOptions::key_vault in tests); any other host is refused before a token is asked for,
// so the Key Vault token (audience: the cloud's, https://vault.azure.net) goes nowhere else.
// `api_version` defaults to 7.4; lists are paged by `nextLink` within the same vault; what is
// read is listed in read_only.json's keyVaultDataPlane (a secret's value, and every POST, is
// refused with its reason).
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "azure/credentials/credentials.h"
#include "cloud/call.h"
#include "cloud/http/http_client.h"
#include "cloud/rate/pacer.h"
#include "cloud/rate/rate_limit.h"
#include "cloud/rate/retry.h"
#include "io/event_loop.h"

namespace signet::azure {

struct CallRequest {
  std::string service;       // Microsoft.Compute, ..., or Graph
  std::string endpoint;      // see above
  std::string subscription;  // fills {subscriptionId} and relative paths (ARM)
  nlohmann::json params = nlohmann::json::object();
  std::string api_version;   // ARM: default from the registrations; Graph: v1.0 (or beta)
  std::string method = "GET";  // POST only where the policy lists the operation as a read
  nlohmann::json body;       // a POST's JSON body
  bool paginate = true;
};

struct ClientOptions {
  std::string resource_manager;  // default: the credential chain's cloud's
  std::string graph;             // likewise
  // Key Vault's data plane. Empty (outside tests): a vault is https://NAME.<the cloud's Key
  // Vault DNS suffix>/. Set (a local fake, "http://127.0.0.1:PORT/keyvault"): a vault is
  // KEY_VAULT/NAME/ instead, and no other URL, a real vault's included, gets the token.
  std::string key_vault;
  cloud::HttpOptions http;
  cloud::RetryOptions retry;
  cloud::RateLimitOptions rate;
  std::size_t max_items = 100000;  // per paged call
  std::size_t max_pages = 1000;
  // Below this many remaining reads (x-ms-ratelimit-remaining-subscription-reads), an answer
  // counts as a throttle for the rate control: slow down before ARM says 429.
  long low_remaining_reads = 100;
};

class AzureClient {
 public:
  AzureClient(io::EventLoop& loop, std::shared_ptr<CredentialChain> credentials, ClientOptions options = {});
  ~AzureClient();

  // Throws cloud::CallRefused; else `done` runs once on the loop thread.
  void call(const CallRequest& request, std::function<void(cloud::CallResult)> done);

  // The path and query a request would be sent to ("/subscriptions/.../storageAccounts",
  // without api-version; for Key Vault's data plane the whole URL,
  // "https://myvault.vault.azure.net/certificates"), after every check call() makes; throws
  // cloud::CallRefused.
  std::string resolve(const CallRequest& request) const;

  const cloud::ClientStats& stats() const { return stats_; }
  void set_rate_caps(cloud::RateCaps caps) { limiter_.set_caps(caps); }  // politeness caps from now on
  io::EventLoop& loop() const { return loop_; }
  CredentialChain& credentials() const { return *credentials_; }

  struct Pending;

 private:
  struct Target;  // where a request goes: resolve()'s work
  Target target(const CallRequest& request) const;
  Target vault_target(const CallRequest& request, std::string url, std::size_t url_end, const std::string& query) const;
  void with_api_version(std::shared_ptr<Pending> p);
  void send_page(std::shared_ptr<Pending> p);
  void on_answer(std::shared_ptr<Pending> p, cloud::HttpResult result);
  void retry_or_fail(std::shared_ptr<Pending> p, nlohmann::json error, bool retryable, bool throttled, std::chrono::milliseconds at_least = {});
  void finish(std::shared_ptr<Pending> p, nlohmann::json error);
  // The subscription's provider registrations: {"microsoft.storage/storageaccounts": [versions]}.
  void registrations(const std::string& subscription, std::function<void(const nlohmann::json*, nlohmann::json error)> done);

  io::EventLoop& loop_;
  std::shared_ptr<CredentialChain> credentials_;
  ClientOptions options_;
  cloud::HttpClient http_;
  cloud::RateLimiter limiter_;
  cloud::ClientStats stats_;
  cloud::Pacer pacer_;
  std::map<std::string, nlohmann::json> registrations_;  // by subscription (lower case)
  std::map<std::string, std::vector<std::function<void(const nlohmann::json*, nlohmann::json)>>> waiting_for_registrations_;
};

// A Key Vault data-plane URL as the client sends it: the vault ("https://myvault.vault.azure.net",
// or KEY_VAULT/NAME under ClientOptions::key_vault) and the path inside it ("/certificates",
// "/" for none), the query apart (without '?').
struct VaultUrl {
  std::string vault, path, query;
};

// Splits `url` when it names a vault: https, no user info, the default port, and the host one
// vault name (letters, digits, hyphens) under `dns_suffix` ("vault.azure.net"); or, when
// `override_base` is given, override_base/NAME[/PATH] on the same scheme, host and port. Throws
// cloud::CallRefused naming the host (and where the token may go) otherwise.
VaultUrl parse_vault_url(const std::string& url, const std::string& dns_suffix, const std::string& override_base = "");

// The newest stable version of a list ("2023-05-01" before "2024-01-01-preview"); the newest
// preview when there is no stable one; "" for none.
std::string newest_stable_version(const nlohmann::json& versions);

// The resource type a Resource Manager path addresses, "Microsoft.Storage/storageAccounts/
// blobServices" for ".../providers/Microsoft.Storage/storageAccounts/x/blobServices[/default]";
// "Microsoft.Resources/resourceGroups" for the subscription's own collections.
std::string resource_type_of(const std::string& path);

}  // namespace signet::azure
