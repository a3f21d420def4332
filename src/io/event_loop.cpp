#include "io/event_loop.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace signet::io {

EventLoop::EventLoop() {
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake_fd_ < 0) throw std::runtime_error(std::string("eventfd: ") + std::strerror(errno));
}

EventLoop::~EventLoop() { close(wake_fd_); }

void EventLoop::watch(int fd, short events, FdCallback callback) {
  watches_[fd] = Watch{events, std::move(callback)};
}

void EventLoop::unwatch(int fd) { watches_.erase(fd); }

EventLoop::TimerId EventLoop::add_timer(Clock::time_point when, std::function<void()> callback) {
  TimerId id = next_timer_++;
  timers_.emplace(when, std::make_pair(id, std::move(callback)));
  return id;
}

void EventLoop::cancel_timer(TimerId id) {
  for (auto it = timers_.begin(); it != timers_.end(); ++it) {
    if (it->second.first == id) {
      timers_.erase(it);
      return;
    }
  }
}

void EventLoop::post(std::function<void()> fn) {
  {
    std::lock_guard lock(posted_mutex_);
    posted_.push_back(std::move(fn));
  }
  std::uint64_t one = 1;
  [[maybe_unused]] auto n = write(wake_fd_, &one, sizeof one);
}

void EventLoop::drain_posted() {
  std::uint64_t count;
  [[maybe_unused]] auto n = read(wake_fd_, &count, sizeof count);
  std::vector<std::function<void()>> batch;
  {
    std::lock_guard lock(posted_mutex_);
    batch.swap(posted_);
  }
  for (auto& fn : batch) fn();
}

void EventLoop::run_once(std::chrono::milliseconds max_wait) {
  auto now = Clock::now();
  auto wait = max_wait;
  if (!timers_.empty()) {
    auto until_timer = std::chrono::ceil<std::chrono::milliseconds>(timers_.begin()->first - now);
    wait = std::max(std::chrono::milliseconds(0), std::min(wait, until_timer));
  }
  std::vector<pollfd> fds;
  fds.reserve(watches_.size() + 1);
  fds.push_back({wake_fd_, POLLIN, 0});
  for (auto& [fd, w] : watches_) fds.push_back({fd, w.events, 0});

  int ready = poll(fds.data(), fds.size(), static_cast<int>(wait.count()));
  if (ready < 0 && errno != EINTR) throw std::runtime_error(std::string("poll: ") + std::strerror(errno));

  if (ready > 0) {
    if (fds[0].revents) drain_posted();
    for (size_t i = 1; i < fds.size(); ++i) {
      if (!fds[i].revents) continue;
      // A callback may unwatch this or other fds: look the watch up again each time.
      auto it = watches_.find(fds[i].fd);
      if (it == watches_.end()) continue;
      auto callback = it->second.callback;
      callback(fds[i].revents);
    }
  }

  now = Clock::now();
  while (!timers_.empty() && timers_.begin()->first <= now) {
    auto callback = std::move(timers_.begin()->second.second);
    timers_.erase(timers_.begin());
    callback();
  }
}

void EventLoop::run_until(const std::function<bool()>& done) {
  while (!done()) run_once(std::chrono::milliseconds(1000));
}

}  // namespace signet::io
