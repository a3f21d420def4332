#pragma once
// Token buckets per (credentials, region, service): a scan can never send an account more
// than `rate` requests a second (after a `burst`), whatever its signatures ask.
#include <deque>
#include <functional>
#include <map>
#include <string>

#include "io/event_loop.h"

namespace signet::aws {

struct RateLimitOptions {
  double requests_per_second = 25;
  double burst = 50;
};

class RateLimiter {
 public:
  RateLimiter(io::EventLoop& loop, RateLimitOptions options) : loop_(loop), options_(options) {}
  // Runs `send` now if the bucket has a token, else when it refills (FIFO per key).
  void acquire(const std::string& key, std::function<void()> send);
  std::size_t waiting() const;

 private:
  struct Bucket {
    double tokens;
    io::Clock::time_point refilled;
    std::deque<std::function<void()>> queue;
    bool timer = false;
  };
  void refill(Bucket& bucket);
  void drain(const std::string& key);

  io::EventLoop& loop_;
  RateLimitOptions options_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace signet::aws
