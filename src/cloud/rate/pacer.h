#pragma once
// What every REST client (Azure's, Google Cloud's) does with one call's HTTP requests: wait
// for the rate control's token of the call's bucket, count the request, and after a failed
// attempt either retry it after a backoff (a throttle: until the call has waited its
// patience) or give up. Each client keeps its own paging and error parsing.
#include <chrono>
#include <functional>
#include <memory>
#include <random>
#include <string>

#include "cloud/call.h"
#include "cloud/http/http_client.h"
#include "cloud/rate/rate_limit.h"
#include "cloud/rate/retry.h"
#include "io/event_loop.h"

namespace signet::cloud {

// The state of one call across its pages and retries (a client's pending call derives from it).
struct PacedCall {
  CallResult result;  // attempts, throttles, time waited so far
  int attempt = 0;    // tries of the current page
  BucketKey bucket;
  std::uint64_t epoch = 0;
  io::Clock::time_point wait_started{};
};

// A paged call's gathered answer: a list's items across pages, or an answer that is not a list.
struct PagedCall : PacedCall {
  nlohmann::json items = nlohmann::json::array();
  nlohmann::json single;
  bool listing = false;  // the answers are pages of a list
  // Keeps `item` (moved); false, and the result marked truncated, once `max_items` are kept.
  bool keep(nlohmann::json& item, std::size_t max_items);
  // The call's result: `error`, else the items (a list) or the single answer.
  CallResult finish(nlohmann::json error);
};

class Pacer {
 public:
  Pacer(io::EventLoop& loop, HttpClient& http, RateLimiter& limiter, ClientStats& stats, const RetryOptions& retry)
      : loop_(loop), http_(http), limiter_(limiter), stats_(stats), retry_(retry) {}

  // Sends `request` for `call` (whose bucket is set) once the bucket has a token; counts it
  // under `service` and `operation`. `answered` runs on the loop thread.
  void send(std::shared_ptr<PacedCall> call, HttpRequest request, const std::string& service, const std::string& operation,
            std::function<void(HttpResult)> answered);
  // The cloud said to slow down: the rate control hears it, the call and the stats count it.
  void throttled(PacedCall& call, const std::string& service);
  // After a failed attempt: true when `again` will run after a backoff (at least the
  // cloud's Retry-After); false to give up (the caller finishes with final_error).
  bool retry(std::shared_ptr<PacedCall> call, bool retryable, bool throttled, std::chrono::milliseconds at_least, std::function<void()> again);

 private:
  io::EventLoop& loop_;
  HttpClient& http_;
  RateLimiter& limiter_;
  ClientStats& stats_;
  const RetryOptions& retry_;
  std::mt19937 random_{std::random_device{}()};
};

}  // namespace signet::cloud
