#pragma once
// The rate budget of each (account, region, service) bucket shared by every worker through
// Redis: an atomic token-bucket script, so ten workers do not send ten times the rate an
// account allows. A bucket refills at the documented rate of its service (quotas.json) or
// the configured default; a throttle seen by any worker lowers the bucket's rate for all
// (x0.7, once a second at most), and it grows back by a twentieth of its ceiling a second.
// Redis's own clock is used, so workers on hosts whose clocks differ agree.
#include <memory>
#include <mutex>

#include "cloud/rate/rate_control.h"
#include "queue/redis.h"

namespace signet::queue {

struct BudgetOptions {
  double default_rate = 20;  // requests per second of a bucket with no documented rate
  double burst_seconds = 2;  // a bucket holds this many seconds of its rate
  double floor_rate = 0.5;   // throttles never take a bucket below this
};

class RedisBudget : public cloud::SharedBudget {
 public:
  // Opens its own connection (the budget is consulted from every client's thread).
  RedisBudget(const std::string& uri, BudgetOptions options = {});
  std::optional<std::chrono::milliseconds> take(const cloud::BucketKey& key, double documented) override;
  void throttled(const cloud::BucketKey& key) override;

 private:
  std::mutex mutex_;
  Redis redis_;
  BudgetOptions options_;
};

}  // namespace signet::queue
