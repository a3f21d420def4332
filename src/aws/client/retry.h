#pragma once
// The SDKs' standard retry mode: which failures are worth another attempt, and how long
// to wait before it (exponential backoff with full jitter).
#include <chrono>
#include <random>
#include <string>

namespace signet::aws {

struct RetryOptions {
  int max_attempts = 3;                          // the first try included (throttles aside)
  // A throttled request is retried, paced by the rate control, until it has waited this
  // long in all: throttling is the cloud asking for patience, not a failure.
  std::chrono::milliseconds throttled_patience{std::chrono::minutes(10)};
  std::chrono::milliseconds base_delay{1000};    // attempt n waits up to base * 2^(n-1)
  std::chrono::milliseconds max_delay{20000};
};

bool is_throttling(const std::string& code, int status);
// Throttling, 5xx and transient errors; transport failures are retried by the caller.
bool is_retryable(const std::string& code, int status);
std::chrono::milliseconds backoff(const RetryOptions& options, int attempt, std::mt19937& random);

}  // namespace signet::aws
