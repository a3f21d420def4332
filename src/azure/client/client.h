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
  // without api-version), after every check call() makes; throws cloud::CallRefused.
  std::string resolve(const CallRequest& request) const;

  const cloud::ClientStats& stats() const { return stats_; }
  void set_rate_caps(cloud::RateCaps caps) { limiter_.set_caps(caps); }  // politeness caps from now on
  io::EventLoop& loop() const { return loop_; }
  CredentialChain& credentials() const { return *credentials_; }

  struct Pending;

 private:
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

// The newest stable version of a list ("2023-05-01" before "2024-01-01-preview"); the newest
// preview when there is no stable one; "" for none.
std::string newest_stable_version(const nlohmann::json& versions);

// The resource type a Resource Manager path addresses, "Microsoft.Storage/storageAccounts/
// blobServices" for ".../providers/Microsoft.Storage/storageAccounts/x/blobServices[/default]";
// "Microsoft.Resources/resourceGroups" for the subscription's own collections.
std::string resource_type_of(const std::string& path);

}  // namespace signet::azure
