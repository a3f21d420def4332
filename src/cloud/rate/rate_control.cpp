#include "cloud/rate/rate_control.h"

#include <algorithm>
#include <cmath>

namespace signet::cloud {

using nlohmann::json;

namespace {

// The SDKs' adaptive mode constants (CUBIC: scale 0.4, decrease to 70%), and its floor.
constexpr double kScale = 0.4;
constexpr double kBeta = 0.7;
constexpr double kMinRate = 0.5;
constexpr double kMeasureInterval = 0.5;  // seconds per measuring bucket
constexpr double kSmoothing = 0.8;

double seconds(RateControl::Clock::duration d) { return std::chrono::duration<double>(d).count(); }

bool has_prefix(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

struct RateControl::Bucket {
  std::optional<double> documented_rate;  // refill per second, from the quota data
  BucketState state;
  double capacity = 1, tokens = 0;
  Clock::time_point refilled{};
  // CUBIC: the rate before the last decrease, when it happened, and the curve's zero point.
  double w_max = 0, k = 0;
  Clock::time_point last_decrease{};
  // Measured send rate.
  Clock::time_point measure_start{};
  double measure_count = 0;

  double measured_rate(Clock::time_point now) {
    double elapsed = seconds(now - measure_start);
    if (elapsed >= kMeasureInterval) {
      double current = measure_count / elapsed;
      state.measured = state.measured == 0 ? current : current * kSmoothing + state.measured * (1 - kSmoothing);
      measure_start = now;
      measure_count = 0;
    }
    // Before the first interval closes, the rate so far (a burst must not read as zero).
    return std::max(state.measured, measure_count / std::max(elapsed, 0.05));
  }

  void refill(Clock::time_point now) {
    tokens = std::min(capacity, tokens + seconds(now - refilled) * state.rate);
    refilled = now;
  }

  void set_rate(double rate, Clock::time_point now) {
    refill(now);
    state.rate = std::max(rate, kMinRate);
    capacity = std::max(1.0, state.rate);  // at most a second's worth at once
    tokens = std::min(tokens, capacity);
  }
};

std::shared_ptr<RateControl> RateControl::shared() {
  static auto control = std::make_shared<RateControl>();
  return control;
}

void RateControl::add_quotas(const json& quotas) {
  std::lock_guard lock(mutex_);
  for (const auto& [service, quota] : quotas.items()) quotas_[service] = quota;
}

RateControl::RateControl(json quotas, std::function<Clock::time_point()> clock)
    : quotas_(std::move(quotas)), clock_(std::move(clock)) {}
RateControl::~RateControl() = default;

BucketKey RateControl::key_for(const std::string& account, const std::string& region, const std::string& service,
                               const std::string& operation, const json& params) const {
  std::lock_guard lock(mutex_);
  BucketKey key{account, region, service, ""};
  auto quota = quotas_.find(service);
  if (quota == quotas_.end() || !quota->is_object()) return key;
  for (const auto& family : quota->value("families", json::array())) {
    bool matches = false;
    for (const auto& prefix : family.value("operationPrefixes", json::array())) matches |= has_prefix(operation, prefix.get<std::string>());
    if (!matches) continue;
    if (family.contains("filteredBy") && params.is_object()) {
      bool filtered = false;
      for (const auto& [name, value] : params.items()) {
        for (const auto& member : family["filteredBy"]) filtered |= name == member.get<std::string>();
        for (const auto& suffix : family.value("filteredBySuffixes", json::array())) filtered |= ends_with(name, suffix.get<std::string>());
      }
      if (filtered) continue;
    }
    key.family = family.value("name", "");
    if (quota->value("perOperation", false)) key.family += "/" + operation;
    return key;
  }
  return key;
}

RateControl::Bucket& RateControl::bucket(const std::string& text, const BucketKey& key) {
  auto& slot = buckets_[text];
  if (!slot) {
    slot = std::make_unique<Bucket>();
    slot->measure_start = clock_();
    auto quota = quotas_.find(key.service);
    if (quota != quotas_.end() && quota->is_object())
      for (const auto& family : quota->value("families", json::array()))
        if (family.contains("refillPerSecond") &&
            (key.family == family.value("name", "") || has_prefix(key.family, family.value("name", "") + "/")))
          slot->documented_rate = family["refillPerSecond"].get<double>();
  }
  return *slot;
}

std::optional<RateControl::Clock::duration> RateControl::take_cap(CapBucket& cap, double rate, Clock::time_point now, bool take) {
  double capacity = std::max(1.0, rate);
  if (cap.refilled == Clock::time_point{}) cap.tokens = capacity;
  else cap.tokens = std::min(capacity, cap.tokens + seconds(now - cap.refilled) * rate);
  cap.refilled = now;
  if (cap.tokens < 1) return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>((1 - cap.tokens) / rate));
  if (take) cap.tokens -= 1;
  return std::nullopt;
}

std::optional<RateControl::Clock::duration> RateControl::try_take(const BucketKey& key, const RateCaps& caps, std::uint64_t& epoch) {
  std::lock_guard lock(mutex_);
  auto now = clock_();
  Bucket& b = bucket(key.text(), key);
  std::optional<Clock::duration> wait;
  auto longest = [&](std::optional<Clock::duration> w) {
    if (w && (!wait || *w > *wait)) wait = w;
  };
  if (b.state.throttled_once) {
    b.refill(now);
    if (b.tokens < 1)
      longest(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>((1 - b.tokens) / b.state.rate)));
  }
  CapBucket* account_cap = caps.per_account > 0 ? &caps_["account|" + key.account] : nullptr;
  CapBucket* service_cap = caps.per_account_service > 0 ? &caps_["service|" + key.account + "|" + key.service] : nullptr;
  if (account_cap) longest(take_cap(*account_cap, caps.per_account, now, false));
  if (service_cap) longest(take_cap(*service_cap, caps.per_account_service, now, false));
  if (wait) return wait;
  // The fleet's budget last: a token taken there is only taken when this process sends.
  if (shared_budget_)
    if (auto shared_wait = shared_budget_->take(key, b.documented_rate.value_or(0)))
      return std::chrono::duration_cast<Clock::duration>(*shared_wait);
  if (b.state.throttled_once) b.tokens -= 1;
  if (account_cap) take_cap(*account_cap, caps.per_account, now, true);
  if (service_cap) take_cap(*service_cap, caps.per_account_service, now, true);
  b.measured_rate(now);
  b.measure_count += 1;
  ++b.state.sent;
  epoch = b.state.decreases;
  return std::nullopt;
}

void RateControl::set_shared_budget(std::shared_ptr<SharedBudget> budget) {
  std::lock_guard lock(mutex_);
  shared_budget_ = std::move(budget);
}

void RateControl::on_answer(const BucketKey& key, bool throttled, std::uint64_t epoch) {
  if (throttled)
    if (auto budget = [&] { std::lock_guard lock(mutex_); return shared_budget_; }()) budget->throttled(key);
  std::lock_guard lock(mutex_);
  auto now = clock_();
  Bucket& b = bucket(key.text(), key);
  double measured = b.measured_rate(now);
  if (!throttled) {
    if (!b.state.throttled_once) return;
    double t = seconds(now - b.last_decrease);
    double cubic = kScale * std::pow(t - b.k, 3) + b.w_max;
    b.set_rate(std::min(cubic, std::max(2 * measured, b.state.rate)), now);
    return;
  }
  ++b.state.throttles;
  if (epoch < b.state.decreases) return;  // sent before the last decrease: already answered
  double rate_to_use;
  double next;
  if (!b.state.throttled_once && b.documented_rate) {
    // The account's bucket is empty now; its documented refill is what it sustains.
    // The curve starts at the documented rate and probes a little above it.
    rate_to_use = *b.documented_rate / kBeta;
    next = *b.documented_rate;
  } else {
    rate_to_use = b.state.throttled_once ? std::min(measured, b.state.rate) : measured;
    next = rate_to_use * kBeta;
  }
  b.w_max = rate_to_use;
  b.k = std::cbrt(b.w_max * (1 - kBeta) / kScale);
  b.last_decrease = now;
  if (!b.state.throttled_once) {
    b.state.throttled_once = true;
    b.tokens = 0;  // start empty: the account has just said it has nothing left
    b.refilled = now;
  }
  ++b.state.decreases;
  b.set_rate(next, now);
}

BucketState RateControl::state(const BucketKey& key) const {
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(key.text());
  return it == buckets_.end() ? BucketState{} : it->second->state;
}

}  // namespace signet::cloud
