#include "io/event_loop.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <unistd.h>

#include <thread>

using namespace signet::io;
using namespace std::chrono_literals;

TEST(EventLoop, TimersFireInOrderAndCancelledOnesDoNot) {
  EventLoop loop;
  std::vector<int> fired;
  auto now = Clock::now();
  loop.add_timer(now + 20ms, [&] { fired.push_back(2); });
  loop.add_timer(now + 5ms, [&] { fired.push_back(1); });
  auto cancelled = loop.add_timer(now + 10ms, [&] { fired.push_back(99); });
  loop.cancel_timer(cancelled);
  loop.run_until([&] { return fired.size() == 2; });
  EXPECT_EQ(fired, (std::vector<int>{1, 2}));
}

TEST(EventLoop, PostFromAnotherThreadWakesTheLoop) {
  EventLoop loop;
  bool ran = false;
  std::thread other([&] {
    std::this_thread::sleep_for(10ms);
    loop.post([&] { ran = true; });
  });
  auto start = Clock::now();
  loop.run_until([&] { return ran; });
  other.join();
  EXPECT_LT(Clock::now() - start, 900ms) << "post() must wake poll(), not wait for its timeout";
}

TEST(EventLoop, WatchedFdDeliversReadiness) {
  EventLoop loop;
  int p[2];
  ASSERT_EQ(pipe(p), 0);
  std::string got;
  loop.watch(p[0], POLLIN, [&](short) {
    char buf[16];
    auto n = read(p[0], buf, sizeof buf);
    got.append(buf, n);
    loop.unwatch(p[0]);
  });
  ASSERT_EQ(write(p[1], "hi", 2), 2);
  loop.run_until([&] { return !got.empty(); });
  EXPECT_EQ(got, "hi");
  close(p[0]);
  close(p[1]);
}
