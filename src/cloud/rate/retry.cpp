#include "cloud/rate/retry.h"

#include <algorithm>
#include <set>

namespace signet::cloud {

bool is_throttling(const std::string& code, int status) {
  static const std::set<std::string> codes = {
      "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
      "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
      "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
      "EC2ThrottledException"};
  return status == 429 || codes.count(code) > 0;
}

bool is_retryable(const std::string& code, int status) {
  static const std::set<std::string> transient = {"RequestTimeout", "RequestTimeoutException", "IDPCommunicationError",
                                                   "InternalError", "InternalFailure", "ServiceUnavailable"};
  return is_throttling(code, status) || status == 500 || status == 502 || status == 503 || status == 504 ||
         transient.count(code) > 0;
}

std::chrono::milliseconds backoff(const RetryOptions& options, int attempt, std::mt19937& random) {
  double cap = static_cast<double>(options.base_delay.count()) * double(1u << std::min(attempt - 1, 20));
  cap = std::min(cap, static_cast<double>(options.max_delay.count()));
  std::uniform_real_distribution<double> jitter(0.0, 1.0);
  return std::chrono::milliseconds(static_cast<long long>(cap * jitter(random)));
}

std::optional<std::chrono::milliseconds> retry_delay(const RetryOptions& options, int attempt, bool retryable, bool throttled,
                                                     std::chrono::milliseconds waited, std::mt19937& random, std::chrono::milliseconds at_least) {
  bool patient = throttled && waited < options.throttled_patience;
  if (!retryable || (attempt >= options.max_attempts && !patient)) return std::nullopt;
  return std::max(at_least, backoff(options, std::min(attempt, options.max_attempts), random));
}

nlohmann::json final_error(nlohmann::json error, bool throttled, const CallResult& result) {
  if (throttled && error.is_object())
    error["message"] = error.value("message", "") + " (throttled " + std::to_string(result.throttled) + " times; gave up after " +
                       std::to_string(result.attempts) + " tries)";
  return error;
}

}  // namespace signet::cloud
