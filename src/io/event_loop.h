#pragma once
// A single-threaded poll(2) loop with timers and cross-thread posting.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <vector>

namespace signet::io {

using Clock = std::chrono::steady_clock;

class EventLoop {
 public:
  using FdCallback = std::function<void(short revents)>;
  using TimerId = std::uint64_t;

  EventLoop();
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Calls `callback` on the loop thread whenever `fd` has one of `events` (POLLIN, POLLOUT).
  // Watching an fd again replaces its events and callback.
  void watch(int fd, short events, FdCallback callback);
  void unwatch(int fd);

  TimerId add_timer(Clock::time_point when, std::function<void()> callback);
  void cancel_timer(TimerId id);

  // Thread-safe: runs `fn` on the loop thread soon.
  void post(std::function<void()> fn);

  // Runs one round: waits at most `max_wait` for events, then dispatches them.
  void run_once(std::chrono::milliseconds max_wait);
  // Runs rounds until `done()` is true (checked before each round).
  void run_until(const std::function<bool()>& done);

 private:
  void drain_posted();

  struct Watch {
    short events;
    FdCallback callback;
  };
  std::map<int, Watch> watches_;
  std::multimap<Clock::time_point, std::pair<TimerId, std::function<void()>>> timers_;
  TimerId next_timer_ = 1;
  int wake_fd_ = -1;  // eventfd that post() writes to
  std::mutex posted_mutex_;
  std::vector<std::function<void()>> posted_;
};

}  // namespace signet::io
