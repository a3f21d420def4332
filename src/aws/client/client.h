#pragma once
// The AWS client: any operation of any service in the models, checked (read-only policy,
// parameters), signed, rate-limited, retried and paginated, on the event loop.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "aws/client/rate_limit.h"
#include "aws/client/retry.h"
#include "aws/credentials/credentials.h"
#include "aws/endpoints/endpoints.h"
#include "aws/http/http_client.h"
#include "aws/models/models.h"
#include "io/event_loop.h"

namespace signet::aws {

struct CallRequest {
  std::string service;      // any name Models::find accepts
  std::string operation;    // "listUsers" or "ListUsers"
  std::string region;
  nlohmann::json params = nlohmann::json::object();
  std::string api_version;  // optional; must be one the models know
  bool paginate = true;     // fetch every page of paginated operations
};

struct CallResult {
  // The whole output, or for paginated operations the concatenated result list (an object
  // of lists when the paginator has several result keys). Timestamps ISO-8601, blobs base64.
  nlohmann::json api_response;
  nlohmann::json error;      // null, or {code, message, statusCode}
  bool truncated = false;    // stopped at ClientOptions::max_items
  std::size_t pages = 0;
  int attempts = 0;
  int throttled = 0;         // answers that said to slow down
  // Time spent waiting for the rate control and in back-off before retries: the cloud's
  // rate limits, not the caller's doing (a signature's time limit does not count it).
  std::chrono::milliseconds waited{0};
};

// A call's error as people read it: "code: message" (either alone when the other is empty).
inline std::string error_text(const nlohmann::json& error) {
  std::string code = error.value("code", ""), message = error.value("message", "");
  return code.empty() ? message : message.empty() ? code : code + ": " + message;
}

// A request that can never be valid: unknown service or operation, bad parameters, or an
// operation the read-only policy refuses. Thrown before anything is sent.
struct CallRefused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct ClientOptions {
  EndpointOverrides endpoints;
  HttpOptions http;
  RetryOptions retry;
  RateLimitOptions rate;
  // Whose rate buckets the requests draw from (an account's name or id); empty: the
  // access key id. Clients of one account share buckets across the process.
  std::string rate_account;
  std::size_t max_items = 100000;  // per paginated call
  std::size_t max_pages = 1000;
  bool read_only = true;           // apply the read-only policy
  // Writes allowed despite the policy, as "service:Operation" (securityhub:BatchImportFindings):
  // the engine's own, made through a writer() client that signatures never see.
  std::set<std::string> writes_allowed;
};

struct ClientStats {
  std::uint64_t calls = 0;
  std::uint64_t requests = 0;   // HTTP requests, pages and retries included
  std::uint64_t retries = 0;
  std::uint64_t throttled = 0;
  std::map<std::string, std::uint64_t> requests_by_service;   // what the cloud received
  std::map<std::string, std::uint64_t> requests_by_operation; // the same by "service:Operation"
  std::map<std::string, std::uint64_t> throttled_by_service;
};

class AwsClient {
 public:
  AwsClient(io::EventLoop& loop, std::shared_ptr<const Models> models, std::shared_ptr<CredentialChain> credentials,
            ClientOptions options = {});
  ~AwsClient();

  // Throws CallRefused; else `done` runs once on the loop thread.
  void call(const CallRequest& request, std::function<void(CallResult)> done);

  // The service a request names, after every check call() makes; throws CallRefused.
  std::shared_ptr<const ServiceModel> check(const CallRequest& request) const;

  const EndpointResolver& endpoints() const { return resolver_; }
  const Models& models() const { return *models_; }
  const ClientStats& stats() const { return stats_; }
  io::EventLoop& loop() const { return loop_; }
  std::size_t in_flight() const { return http_.in_flight(); }  // requests sent, not yet answered
  std::size_t waiting() const { return limiter_.waiting(); }   // requests waiting for a token
  void set_rate_caps(RateCaps caps) { limiter_.set_caps(caps); }  // politeness caps from now on
  // A client like this one (loop, credentials, endpoints, rate buckets) that may also make
  // the writes named ("service:Operation"); for Signet's own writes, never a signature's.
  std::unique_ptr<AwsClient> writer(std::set<std::string> writes) const;

  struct Pending;

 private:
  void send_page(std::shared_ptr<Pending> p);
  void on_answer(std::shared_ptr<Pending> p, HttpResult result);
  void retry_or_fail(std::shared_ptr<Pending> p, nlohmann::json error, bool retryable, bool throttled);
  void finish(std::shared_ptr<Pending> p, nlohmann::json error);

  io::EventLoop& loop_;
  std::shared_ptr<const Models> models_;
  std::shared_ptr<CredentialChain> credentials_;
  ClientOptions options_;
  EndpointResolver resolver_;
  HttpClient http_;
  RateLimiter limiter_;
  ClientStats stats_;
  std::mt19937 random_{std::random_device{}()};
};

// Builds and signs one request (shared by the client and the blocking STS caller).
HttpRequest build_signed_request(const ServiceModel& service, const nlohmann::json& operation, const nlohmann::json& params,
                                 const Endpoint& endpoint, const std::optional<Credentials>& credentials);

// STS for the credential chain (AssumeRole, AssumeRoleWithWebIdentity), blocking.
StsCaller make_sts_caller(std::shared_ptr<const Models> models, EndpointOverrides overrides, HttpOptions http = {});

}  // namespace signet::aws
