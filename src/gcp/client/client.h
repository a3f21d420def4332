#pragma once
// The Google Cloud client, generic over Discovery documents (as the AWS client is over
// botocore's models): a request names the API (`compute`), its version (default: the
// preferred one), the method id (`instances.list`, `projects.getIamPolicy`) and the method's
// parameters. Checked against the document before anything is sent (the method exists;
// every parameter is one of its own, of its type and pattern; required ones given) and
// against the read-only policy (data: read_only.json: GET methods, and the POSTs that only
// read); authorized with the credential chain's token; rate-controlled and retried through
// the shared cloud::RateControl (429, RESOURCE_EXHAUSTED and rateLimitExceeded are
// throttles); paged by `nextPageToken`, the list fields concatenated (an aggregatedList's
// zones and regions too) into one list.
#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "cloud/call.h"
#include "cloud/http/http_client.h"
#include "cloud/rate/pacer.h"
#include "cloud/rate/rate_limit.h"
#include "cloud/rate/retry.h"
#include "gcp/credentials/credentials.h"
#include "gcp/discovery/discovery.h"
#include "io/event_loop.h"

namespace signet::gcp {

struct CallRequest {
  std::string service;   // the API: compute, storage, cloudkms, ...
  std::string endpoint;  // the method id, with or without the API's prefix
  // Whose rate budget the call draws on, and a method's `project` (or `projectId`) parameter
  // when params leave it out; "": the method's project parameter.
  std::string project;
  nlohmann::json params = nlohmann::json::object();
  std::string api_version;  // "" : the preferred version
  nlohmann::json body;      // a reading POST's body (getIamPolicy's options), else null
  bool paginate = true;
};

struct ClientOptions {
  // Test endpoint: a Google URL https://HOST/PATH is sent to {endpoint}/HOST/PATH (the fake
  // routes on the host). "" : Google itself.
  std::string endpoint;
  cloud::HttpOptions http;
  cloud::RetryOptions retry;
  cloud::RateLimitOptions rate;
  std::size_t max_items = 100000;  // per paged call
  std::size_t max_pages = 1000;
};

class GcpClient {
 public:
  GcpClient(io::EventLoop& loop, std::shared_ptr<CredentialChain> credentials, std::shared_ptr<Discovery> discovery,
            ClientOptions options = {});
  ~GcpClient();

  // Throws cloud::CallRefused; else `done` runs once on the loop thread.
  void call(const CallRequest& request, std::function<void(cloud::CallResult)> done);

  // The method and URL (without page token) a request would be sent to, after every check
  // call() makes; throws cloud::CallRefused.
  struct Resolved {
    std::shared_ptr<const Api> api;
    const Method* method = nullptr;
    std::string url;
  };
  Resolved resolve(const CallRequest& request) const;

  const cloud::ClientStats& stats() const { return stats_; }
  void set_rate_caps(cloud::RateCaps caps) { limiter_.set_caps(caps); }
  io::EventLoop& loop() const { return loop_; }
  CredentialChain& credentials() const { return *credentials_; }
  Discovery& discovery() const { return *discovery_; }

  struct Pending;

 private:
  void send_page(std::shared_ptr<Pending> p);
  void on_answer(std::shared_ptr<Pending> p, cloud::HttpResult result);
  void retry_or_fail(std::shared_ptr<Pending> p, nlohmann::json error, bool retryable, bool throttled);
  void finish(std::shared_ptr<Pending> p, nlohmann::json error);

  io::EventLoop& loop_;
  std::shared_ptr<CredentialChain> credentials_;
  std::shared_ptr<Discovery> discovery_;
  ClientOptions options_;
  cloud::HttpClient http_;
  cloud::RateLimiter limiter_;
  cloud::ClientStats stats_;
  cloud::Pacer pacer_;
};

// Hands each item of one page of a list method's answer to `keep` (the list field's items; an
// aggregatedList's, scope after scope), until `keep` says false; false then. Exposed for
// tests over recorded answers.
bool each_item(const Api& api, const Method& method, nlohmann::json& page, const std::function<bool(nlohmann::json&)>& keep);

// Whether a Google error ({code, message, status, errors: [{reason}]}) asks to slow down.
bool is_throttle(int status, const std::string& code, const std::string& reason);

}  // namespace signet::gcp
