#include "cloud/rate/pacer.h"

namespace signet::cloud {

bool PagedCall::keep(nlohmann::json& item, std::size_t max_items) {
  if (items.size() >= max_items) {
    result.truncated = true;
    return false;
  }
  items.push_back(std::move(item));
  return true;
}

CallResult PagedCall::finish(nlohmann::json error) {
  result.error = std::move(error);
  if (!result.error.is_null()) result.api_response = nullptr;
  else result.api_response = listing ? std::move(items) : std::move(single);
  return std::move(result);
}

void Pacer::send(std::shared_ptr<PacedCall> call, HttpRequest request, const std::string& service, const std::string& operation,
                 std::function<void(HttpResult)> answered) {
  ++call->attempt;
  ++call->result.attempts;
  if (call->wait_started == io::Clock::time_point{}) call->wait_started = io::Clock::now();
  limiter_.acquire(call->bucket, [this, call, service, operation, request = std::move(request),
                                  answered = std::move(answered)](std::uint64_t epoch) mutable {
    call->epoch = epoch;
    call->result.waited += std::chrono::duration_cast<std::chrono::milliseconds>(io::Clock::now() - call->wait_started);
    call->wait_started = {};
    ++stats_.requests;
    ++stats_.requests_by_service[service];
    ++stats_.requests_by_operation[service + ":" + operation];
    http_.send(request, std::move(answered));
  });
}

void Pacer::throttled(PacedCall& call, const std::string& service) {
  ++stats_.throttled;
  ++stats_.throttled_by_service[service];
  ++call.result.throttled;
}

bool Pacer::retry(std::shared_ptr<PacedCall> call, bool retryable, bool throttled, std::chrono::milliseconds at_least,
                  std::function<void()> again) {
  auto delay = retry_delay(retry_, call->attempt, retryable, throttled, call->result.waited, random_, at_least);
  if (!delay) return false;
  ++stats_.retries;
  call->wait_started = io::Clock::now();
  loop_.add_timer(io::Clock::now() + *delay, std::move(again));
  return true;
}

}  // namespace signet::cloud
