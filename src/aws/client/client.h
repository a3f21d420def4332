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

#include "cloud/rate/rate_limit.h"
#include "cloud/rate/retry.h"
#include "aws/credentials/credentials.h"
#include "aws/endpoints/endpoints.h"
#include "cloud/http/http_client.h"
#include "aws/models/models.h"
#include "cloud/call.h"
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

struct ClientOptions {
  EndpointOverrides endpoints;
  cloud::HttpOptions http;
  cloud::RetryOptions retry;
  cloud::RateLimitOptions rate;
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

class AwsClient {
 public:
  AwsClient(io::EventLoop& loop, std::shared_ptr<const Models> models, std::shared_ptr<CredentialChain> credentials,
            ClientOptions options = {});
  ~AwsClient();

  // Throws cloud::CallRefused; else `done` runs once on the loop thread.
  void call(const CallRequest& request, std::function<void(cloud::CallResult)> done);

  // The service a request names, after every check call() makes; throws cloud::CallRefused.
  std::shared_ptr<const ServiceModel> check(const CallRequest& request) const;

  const EndpointResolver& endpoints() const { return resolver_; }
  const Models& models() const { return *models_; }
  const cloud::ClientStats& stats() const { return stats_; }
  io::EventLoop& loop() const { return loop_; }
  std::size_t in_flight() const { return http_.in_flight(); }  // requests sent, not yet answered
  std::size_t waiting() const { return limiter_.waiting(); }   // requests waiting for a token
  void set_rate_caps(cloud::RateCaps caps) { limiter_.set_caps(caps); }  // politeness caps from now on
  // A client like this one (loop, credentials, endpoints, rate buckets) that may also make
  // the writes named ("service:Operation"); for Signet's own writes, never a signature's.
  std::unique_ptr<AwsClient> writer(std::set<std::string> writes) const;

  struct Pending;

 private:
  void send_page(std::shared_ptr<Pending> p);
  void on_answer(std::shared_ptr<Pending> p, cloud::HttpResult result);
  void retry_or_fail(std::shared_ptr<Pending> p, nlohmann::json error, bool retryable, bool throttled);
  void finish(std::shared_ptr<Pending> p, nlohmann::json error);

  io::EventLoop& loop_;
  std::shared_ptr<const Models> models_;
  std::shared_ptr<CredentialChain> credentials_;
  ClientOptions options_;
  EndpointResolver resolver_;
  cloud::HttpClient http_;
  cloud::RateLimiter limiter_;
  cloud::ClientStats stats_;
  std::mt19937 random_{std::random_device{}()};
};

// AWS's documented request quotas (client/quotas.json), for cloud::RateControl.
const nlohmann::json& documented_quotas();

// Builds and signs one request (shared by the client and the blocking STS caller).
cloud::HttpRequest build_signed_request(const ServiceModel& service, const nlohmann::json& operation, const nlohmann::json& params,
                                 const Endpoint& endpoint, const std::optional<Credentials>& credentials);

// STS for the credential chain (AssumeRole, AssumeRoleWithWebIdentity), blocking.
StsCaller make_sts_caller(std::shared_ptr<const Models> models, EndpointOverrides overrides, cloud::HttpOptions http = {});

}  // namespace signet::aws
