#include "aws/client/rate_limit.h"

#include <algorithm>
#include <cmath>

namespace signet::aws {

void RateLimiter::refill(Bucket& bucket) {
  auto now = io::Clock::now();
  double seconds = std::chrono::duration<double>(now - bucket.refilled).count();
  bucket.tokens = std::min(options_.burst, bucket.tokens + seconds * options_.requests_per_second);
  bucket.refilled = now;
}

void RateLimiter::acquire(const std::string& key, std::function<void()> send) {
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{options_.burst, io::Clock::now(), {}, false});
  Bucket& bucket = it->second;
  refill(bucket);
  if (bucket.queue.empty() && bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return send();
  }
  bucket.queue.push_back(std::move(send));
  drain(key);
}

void RateLimiter::drain(const std::string& key) {
  Bucket& bucket = buckets_[key];
  refill(bucket);
  std::vector<std::function<void()>> ready;
  while (!bucket.queue.empty() && bucket.tokens >= 1) {
    bucket.tokens -= 1;
    ready.push_back(std::move(bucket.queue.front()));
    bucket.queue.pop_front();
  }
  if (!bucket.queue.empty() && !bucket.timer) {
    bucket.timer = true;
    double wait = (1 - bucket.tokens) / options_.requests_per_second;
    loop_.add_timer(io::Clock::now() + std::chrono::microseconds(static_cast<long long>(std::ceil(wait * 1e6))), [this, key] {
      buckets_[key].timer = false;
      drain(key);
    });
  }
  for (auto& send : ready) send();
}

std::size_t RateLimiter::waiting() const {
  std::size_t n = 0;
  for (const auto& [key, bucket] : buckets_) n += bucket.queue.size();
  return n;
}

}  // namespace signet::aws
