// The work queue and the shared rate budget against a real redis-server.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "emulator/local_servers.h"
#include "queue/shared_budget.h"
#include "queue/work_queue.h"

using namespace signet;
using namespace signet::queue;
using nlohmann::json;

TEST(WorkQueue, UnitsAreClaimedOnceAndAcknowledged) {
  emulator::RedisServer server;
  Redis redis(server.uri());
  WorkQueue queue(redis);
  EXPECT_EQ(queue.waiting(), 0u);
  queue.publish({{"scanId", 1}, {"key", "a"}});
  queue.publish({{"scanId", 1}, {"key", "b"}});
  queue.publish({{"scanId", 1}, {"key", "c"}});
  EXPECT_EQ(queue.waiting(), 3u) << "undelivered";
  auto first = queue.claim("w1", std::chrono::milliseconds(100));
  auto second = queue.claim("w2", std::chrono::milliseconds(100));
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->unit["key"], "a");
  EXPECT_EQ(second->unit["key"], "b") << "each unit goes to one consumer";
  EXPECT_EQ(queue.waiting(), 3u) << "two pending, one undelivered";
  auto third = queue.claim("w3", std::chrono::milliseconds(100));
  ASSERT_TRUE(third);
  EXPECT_FALSE(queue.claim("w3", std::chrono::milliseconds(50))) << "nothing left to claim";
  EXPECT_EQ(queue.pending(), 3u);
  queue.ack(first->id);
  queue.ack(second->id);
  queue.ack(third->id);
  EXPECT_EQ(queue.pending(), 0u);
  EXPECT_EQ(queue.waiting(), 0u) << "all done: a silent unit now would be lost, not waiting";
}

TEST(WorkQueue, ASilentWorkersUnitIsTakenOverAndATouchedOneIsNot) {
  emulator::RedisServer server;
  Redis redis(server.uri());
  QueueOptions options;
  options.visibility = std::chrono::milliseconds(300);
  WorkQueue queue(redis, options);
  queue.publish({{"key", "silent"}});
  auto claimed = queue.claim("dead", std::chrono::milliseconds(100));
  ASSERT_TRUE(claimed);
  // Longer than the visibility time-out: whatever the machine's speed, it is idle enough.
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  auto taken = queue.take_over("alive");
  ASSERT_EQ(taken.size(), 1u);
  EXPECT_EQ(taken[0].unit["key"], "silent");
  EXPECT_EQ(taken[0].id, claimed->id);

  // A worker that keeps touching its unit keeps it (a long visibility: no race with the clock).
  QueueOptions patient = options;
  patient.visibility = std::chrono::seconds(60);
  WorkQueue slow(redis, patient);
  slow.publish({{"key", "busy"}});
  auto busy = slow.claim("worker", std::chrono::milliseconds(100));
  ASSERT_TRUE(busy);
  slow.touch("worker", busy->id);
  EXPECT_TRUE(slow.take_over("thief").empty());
}

TEST(WorkQueue, HostileEntriesAreDroppedAndARedisRestartIsAPause) {
  emulator::RedisServer server;
  Redis redis(server.uri());
  WorkQueue queue(redis);
  redis.command({"XADD", "signet:units", "*", "unit", "{not json"});
  redis.command({"XADD", "signet:units", "*", "other", "x"});
  EXPECT_FALSE(queue.claim("w", std::chrono::milliseconds(100))) << "not units: dropped, not handed out";
  EXPECT_EQ(queue.pending(), 0u);
  server.restart();  // no persistence: the stream and group are gone
  EXPECT_FALSE(queue.claim("w", std::chrono::milliseconds(100))) << "the group is made again";
  queue.publish({{"key", "after"}});
  auto after = queue.claim("w", std::chrono::milliseconds(100));
  ASSERT_TRUE(after);
  EXPECT_EQ(after->unit["key"], "after");
  EXPECT_THROW(Redis("http://nowhere"), QueueError);
  try {
    Redis unreachable("redis://127.0.0.1:" + std::to_string(emulator::free_loopback_port()));
    unreachable.command({"PING"});
    FAIL() << "nothing listens there";
  } catch (const QueueError& e) {
    EXPECT_NE(std::string(e.what()).find("Redis at redis://127.0.0.1:"), std::string::npos) << e.what();
  }
}

// Two workers draw on one bucket: together they get the bucket's burst and its refill,
// not twice that; a throttle either of them sees lowers the rate for both.
TEST(RedisBudget, WorkersShareOneBucketAndOneThrottle) {
  emulator::RedisServer server;
  BudgetOptions options;
  options.default_rate = 10;
  options.burst_seconds = 2;  // 20 tokens
  RedisBudget a(server.uri(), options), b(server.uri(), options);
  cloud::BucketKey key{"111122223333", "us-east-1", "iam", ""};
  auto started = std::chrono::steady_clock::now();
  std::size_t granted = 0;
  for (int i = 0; i < 200; ++i) {
    auto wait = (i % 2 ? a : b).take(key, 0);
    if (wait) {
      EXPECT_GT(wait->count(), 0);
      break;
    }
    ++granted;
  }
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_GE(granted, 20u) << "the burst";
  EXPECT_LE(granted, 20u + static_cast<std::size_t>(10 * elapsed) + 1) << "no more than the burst and what refilled meanwhile";
  // A documented rate is the bucket's own ceiling.
  cloud::BucketKey ec2{"111122223333", "us-east-1", "ec2", "nonMutating"};
  EXPECT_FALSE(a.take(ec2, 100));
  a.throttled(key);
  b.throttled(key);  // the same congestion, within a second: one cut
  Redis redis(server.uri());
  auto rate = redis.command({"HGET", "signet:rate:" + key.text(), "rate"});
  EXPECT_NEAR(std::stod(rate.text), 7.0, 0.01) << "x0.7 once, for every worker";
}
