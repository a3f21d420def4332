#pragma once
// Adaptive rate control, shared by every client of every cloud in the process: one bucket
// per (account, region, service) and per action family where the cloud documents one (AWS
// EC2's non-mutating, unfiltered and mutating actions). Like the AWS SDKs' adaptive retry
// mode, a bucket sends without any client-side limit until the account throttles it; then
// its rate drops (x0.7) and grows back along a CUBIC curve, probing for what the account
// allows. Documented quotas (each provider's data, keyed by service) are where a throttled
// bucket starts from:
//   {"ec2": {"perOperation": bool, "families": [{"name", "operationPrefixes": [...],
//            "filteredBy": [...], "filteredBySuffixes": [...], "refillPerSecond": n}]}}
//
// Thread-safe: scans, Test runs and schedules on their own threads and event loops share
// it, so two jobs against one account do not each take the account's whole budget.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace signet::cloud {

// Which bucket a request draws from. `family` is "" for services with one bucket.
struct BucketKey {
  std::string account;  // the access key's account or, unknown, the access key id
  std::string region;
  std::string service;  // the model's service name (ec2, iam, ...)
  std::string family;
  std::string text() const { return account + "|" + region + "|" + service + (family.empty() ? "" : "|" + family); }
};

// A politeness cap for accounts whose production must keep its own API budget (0: none).
struct RateCaps {
  double per_account = 0;           // requests per second to one account, all services
  double per_account_service = 0;   // requests per second to one service of one account
};

struct BucketState {
  bool throttled_once = false;  // the adaptive limit is on
  double rate = 0;              // requests per second allowed (when on)
  double measured = 0;          // requests per second sent, smoothed
  std::uint64_t sent = 0, throttles = 0, decreases = 0;
};

// A rate budget shared with other processes (many scanners against one account: Redis),
// consulted once the process's own buckets would send. It answers how long to wait (none:
// go, and a token was taken) and hears of throttles, so one worker's throttle slows all.
class SharedBudget {
 public:
  virtual ~SharedBudget() = default;
  // `documented`: the bucket's documented requests per second (0: none documented).
  virtual std::optional<std::chrono::milliseconds> take(const BucketKey& key, double documented) = 0;
  virtual void throttled(const BucketKey& key) = 0;
};

class RateControl {
 public:
  using Clock = std::chrono::steady_clock;

  // The process-wide instance; each provider adds its documented quotas (add_quotas).
  static std::shared_ptr<RateControl> shared();
  explicit RateControl(nlohmann::json quotas = nlohmann::json::object(),
                       std::function<Clock::time_point()> clock = [] { return Clock::now(); });
  ~RateControl();

  // Adds a provider's documented quotas (services it names replace what was there).
  void add_quotas(const nlohmann::json& quotas);
  // The bucket an operation draws from (action families from the quota data).
  BucketKey key_for(const std::string& account, const std::string& region, const std::string& service,
                    const std::string& operation, const nlohmann::json& params) const;

  // Takes a token if every bucket the request draws from has one: returns nothing and
  // counts the request as sent. Else returns how long until one could be available.
  // `epoch` receives the bucket's decrease count, for on_answer.
  std::optional<Clock::duration> try_take(const BucketKey& key, const RateCaps& caps, std::uint64_t& epoch);

  // Feedback from each answer. A throttle lowers the rate once per epoch: throttles of
  // requests sent before the last decrease are the same congestion, not new news.
  void on_answer(const BucketKey& key, bool throttled, std::uint64_t epoch);

  BucketState state(const BucketKey& key) const;

  // From now on every request also draws from `budget` (null: none).
  void set_shared_budget(std::shared_ptr<SharedBudget> budget);

 private:
  struct Bucket;
  struct CapBucket {
    double tokens = 0;
    Clock::time_point refilled{};
  };
  Bucket& bucket(const std::string& key, const BucketKey& parts);
  std::optional<Clock::duration> take_cap(CapBucket& cap, double rate, Clock::time_point now, bool take);

  nlohmann::json quotas_;
  std::function<Clock::time_point()> clock_;
  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Bucket>> buckets_;
  std::map<std::string, CapBucket> caps_;
  std::shared_ptr<SharedBudget> shared_budget_;
};

}  // namespace signet::cloud
