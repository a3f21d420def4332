#include "aws/client/retry.h"

#include <algorithm>
#include <set>

namespace signet::aws {

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

}  // namespace signet::aws
