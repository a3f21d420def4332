#pragma once
// The SDKs' standard retry mode: which failures are worth another attempt, and how long
// to wait before it (exponential backoff with full jitter).
#include <chrono>
#include <optional>
#include <random>
#include <string>

#include "cloud/call.h"

namespace signet::cloud {

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

// After a failed attempt (`attempt` tries of it so far): how long to wait before the next,
// or nothing to give up. A retryable failure gets max_attempts tries; a throttle is retried
// until the call has waited throttled_patience in all. `at_least`: the cloud's Retry-After.
std::optional<std::chrono::milliseconds> retry_delay(const RetryOptions& options, int attempt, bool retryable, bool throttled,
                                                     std::chrono::milliseconds waited, std::mt19937& random,
                                                     std::chrono::milliseconds at_least = {});

// The error a call ends with; after throttles, its message says how many and after how many tries.
nlohmann::json final_error(nlohmann::json error, bool throttled, const CallResult& result);

}  // namespace signet::cloud
