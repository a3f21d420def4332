// The adaptive rate control's arithmetic (on a clock the tests move by hand, free of the
// machine's speed) and the limiter that queues requests for it.
#include "cloud/rate/rate_control.h"
#include "cloud/rate/rate_limit.h"

#include <gtest/gtest.h>

using namespace signet;
using namespace signet::cloud;
using nlohmann::json;

namespace {

struct FakeClock {
  RateControl::Clock::time_point now = RateControl::Clock::time_point(std::chrono::hours(1));
  std::function<RateControl::Clock::time_point()> fn() {
    return [this] { return now; };
  }
};

}  // namespace

TEST(RateControl, SendsWithoutLimitUntilThrottledThenDropsAndRecovers) {
  FakeClock clock;
  RateControl control(json::object(), clock.fn());
  BucketKey key{"acct", "us-east-1", "iam", ""};
  std::uint64_t epoch = 0;
  for (int i = 0; i < 1000; ++i) ASSERT_FALSE(control.try_take(key, {}, epoch)) << "no client-side cap before a throttle";
  clock.now += std::chrono::seconds(1);  // 1,000 sent in a second
  control.on_answer(key, true, epoch);
  auto after = control.state(key);
  EXPECT_TRUE(after.throttled_once);
  EXPECT_NEAR(after.rate, 700, 1) << "70% of the measured rate";
  EXPECT_EQ(after.decreases, 1u);
  // The other 999 answers of the same burst are the same congestion: no further drop.
  for (int i = 0; i < 50; ++i) control.on_answer(key, true, epoch);
  EXPECT_EQ(control.state(key).decreases, 1u);
  EXPECT_EQ(control.state(key).throttles, 51u);
  // Now paced: the bucket starts empty and refills at the new rate.
  auto wait = control.try_take(key, {}, epoch);
  ASSERT_TRUE(wait.has_value());
  EXPECT_GT(*wait, std::chrono::microseconds(0));
  clock.now += std::chrono::milliseconds(100);  // 70 tokens
  int sent = 0;
  while (!control.try_take(key, {}, epoch)) ++sent;
  EXPECT_EQ(sent, 70);
  // Successes grow the rate back along the cubic curve, past where it was cut.
  double before = control.state(key).rate;
  for (int s = 1; s <= 10; ++s) {
    clock.now += std::chrono::seconds(1);
    for (int i = 0; i < 700; ++i) control.try_take(key, {}, epoch);
    control.on_answer(key, false, epoch);
  }
  EXPECT_GT(control.state(key).rate, before);
  // A throttle of a request sent after the drop is news: the rate drops again.
  control.on_answer(key, true, epoch);
  EXPECT_EQ(control.state(key).decreases, 2u);
}

TEST(RateControl, DocumentedQuotasAreWhereAThrottledBucketStarts) {
  FakeClock clock;
  RateControl control(json::parse(R"({"ec2": {"families": [
      {"name": "unfiltered", "operationPrefixes": ["Describe"], "filteredBy": ["Filters"], "filteredBySuffixes": ["Ids"], "capacity": 50, "refillPerSecond": 10},
      {"name": "non-mutating", "operationPrefixes": ["Describe"], "capacity": 100, "refillPerSecond": 20}]}})"),
                      clock.fn());
  EXPECT_EQ(control.key_for("a", "eu-west-1", "ec2", "DescribeInstances", json::object()).family, "unfiltered");
  EXPECT_EQ(control.key_for("a", "eu-west-1", "ec2", "DescribeInstances", {{"InstanceIds", {"i-1"}}}).family, "non-mutating");
  EXPECT_EQ(control.key_for("a", "eu-west-1", "ec2", "DescribeVolumes", {{"Filters", json::array()}}).family, "non-mutating");
  EXPECT_EQ(control.key_for("a", "eu-west-1", "iam", "ListUsers", json::object()).family, "");
  RateControl per_action(json::parse(R"({"ec2": {"perOperation": true, "families": [{"name": "non-mutating", "operationPrefixes": ["Describe"]}]}})"));
  EXPECT_EQ(per_action.key_for("a", "eu-west-1", "ec2", "DescribeVolumes", json::object()).family, "non-mutating/DescribeVolumes");
  BucketKey key = control.key_for("a", "eu-west-1", "ec2", "DescribeVolumes", {{"VolumeIds", {"v"}}});
  std::uint64_t epoch = 0;
  for (int i = 0; i < 500; ++i) control.try_take(key, {}, epoch);
  clock.now += std::chrono::milliseconds(200);
  control.on_answer(key, true, epoch);
  EXPECT_DOUBLE_EQ(control.state(key).rate, 20) << "the documented refill, not 70% of 2,500/s";
}

TEST(RateControl, EachProviderAddsItsOwnQuotas) {
  RateControl control;
  EXPECT_EQ(control.key_for("a", "eu-west-1", "ec2", "DescribeVolumes", json::object()).family, "") << "no quotas yet";
  control.add_quotas(json::parse(R"({"ec2": {"families": [{"name": "non-mutating", "operationPrefixes": ["Describe"]}]}})"));
  control.add_quotas(json::parse(R"({"Microsoft.Compute": {"families": [{"name": "reads", "operationPrefixes": ["GET"]}]}})"));
  EXPECT_EQ(control.key_for("a", "eu-west-1", "ec2", "DescribeVolumes", json::object()).family, "non-mutating");
  EXPECT_EQ(control.key_for("s", "global", "Microsoft.Compute", "GET", json::object()).family, "reads");
  BucketKey key = control.key_for("s", "global", "Microsoft.Storage", "GET", json::object());
  EXPECT_EQ(key.text(), "s|global|Microsoft.Storage") << "a service without quotas has one bucket";
}

TEST(RateControl, PolitenessCapsHoldAnAccountAndAServiceToTheirRates) {
  FakeClock clock;
  RateControl control(json::object(), clock.fn());
  RateCaps caps{10, 4};
  std::uint64_t epoch = 0;
  BucketKey iam{"acct", "us-east-1", "iam", ""}, ec2{"acct", "us-east-1", "ec2", ""}, other{"other", "us-east-1", "iam", ""};
  int iam_sent = 0, ec2_sent = 0;
  while (!control.try_take(iam, caps, epoch)) ++iam_sent;
  while (!control.try_take(ec2, caps, epoch)) ++ec2_sent;
  EXPECT_EQ(iam_sent, 4) << "the service cap's second of burst";
  EXPECT_EQ(ec2_sent, 4);
  EXPECT_FALSE(control.try_take(other, caps, epoch)) << "caps are per account";
  clock.now += std::chrono::seconds(1);
  int total = 0;
  for (int i = 0; i < 10; ++i) total += !control.try_take(iam, caps, epoch);
  for (int i = 0; i < 10; ++i) total += !control.try_take(ec2, caps, epoch);
  EXPECT_EQ(total, 8) << "each service refilled 4, under the account's 10";
}

TEST(RateLimiter, QueuesInOrderAndSendsWhenTheControlSaysSo) {
  io::EventLoop loop;
  RateLimitOptions options;
  options.control = std::make_shared<RateControl>();
  options.caps = {20, 0};  // 20 per second, a second of burst
  RateLimiter limiter(loop, options);
  std::vector<int> order;
  BucketKey key{"acct", "us-east-1", "iam", ""};
  for (int i = 0; i < 25; ++i) limiter.acquire(key, [&, i](std::uint64_t) { order.push_back(i); });
  EXPECT_EQ(order.size(), 20u) << "the burst goes at once";
  EXPECT_EQ(limiter.waiting(), 5u);
  loop.run_until([&] { return order.size() == 25; });
  for (int i = 0; i < 25; ++i) EXPECT_EQ(order[i], i);
}

