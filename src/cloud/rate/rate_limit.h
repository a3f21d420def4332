#pragma once
// The requests of one client (one event loop) waiting for a token of the process-wide
// RateControl: FIFO per bucket, woken by a timer when the control says one is due.
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "cloud/rate/rate_control.h"
#include "io/event_loop.h"

namespace signet::cloud {

struct RateLimitOptions {
  RateCaps caps;                         // politeness caps (none by default)
  std::shared_ptr<RateControl> control;  // null: RateControl::shared()
};

class RateLimiter {
 public:
  RateLimiter(io::EventLoop& loop, RateLimitOptions options);
  // Runs `send(epoch)` now if the bucket has a token, else when it has (FIFO per bucket).
  void acquire(const BucketKey& key, std::function<void(std::uint64_t epoch)> send);
  void on_answer(const BucketKey& key, bool throttled, std::uint64_t epoch) { control_->on_answer(key, throttled, epoch); }
  std::size_t waiting() const;
  RateControl& control() { return *control_; }
  void set_caps(RateCaps caps) { caps_ = caps; }

 private:
  struct Queue {
    BucketKey key;
    std::deque<std::function<void(std::uint64_t)>> waiting;
    bool timer = false;
  };
  void drain(const std::string& text);

  io::EventLoop& loop_;
  RateCaps caps_;
  std::shared_ptr<RateControl> control_;
  std::map<std::string, Queue> queues_;
};

}  // namespace signet::cloud
