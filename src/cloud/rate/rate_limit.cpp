#include "cloud/rate/rate_limit.h"

#include <vector>

namespace signet::cloud {

RateLimiter::RateLimiter(io::EventLoop& loop, RateLimitOptions options)
    : loop_(loop), caps_(options.caps), control_(options.control ? options.control : RateControl::shared()) {}

void RateLimiter::acquire(const BucketKey& key, std::function<void(std::uint64_t)> send) {
  std::string text = key.text();
  auto [it, fresh] = queues_.try_emplace(text, Queue{key, {}, false});
  Queue& queue = it->second;
  std::uint64_t epoch = 0;
  if (queue.waiting.empty() && !control_->try_take(key, caps_, epoch)) return send(epoch);
  queue.waiting.push_back(std::move(send));
  drain(text);
}

void RateLimiter::drain(const std::string& text) {
  Queue& queue = queues_.at(text);
  if (queue.timer) return;
  std::vector<std::pair<std::function<void(std::uint64_t)>, std::uint64_t>> ready;
  while (!queue.waiting.empty()) {
    std::uint64_t epoch = 0;
    auto wait = control_->try_take(queue.key, caps_, epoch);
    if (wait) {
      queue.timer = true;
      loop_.add_timer(io::Clock::now() + *wait, [this, text] {
        queues_.at(text).timer = false;
        drain(text);
      });
      break;
    }
    ready.emplace_back(std::move(queue.waiting.front()), epoch);
    queue.waiting.pop_front();
  }
  for (auto& [send, epoch] : ready) send(epoch);
}

std::size_t RateLimiter::waiting() const {
  std::size_t n = 0;
  for (const auto& [text, queue] : queues_) n += queue.waiting.size();
  return n;
}

}  // namespace signet::cloud
