#include "queue/shared_budget.h"

#include <cmath>

namespace signet::queue {

namespace {

// KEYS[1] the bucket; ARGV: ceiling rate, burst seconds. Returns 0 (a token was taken) or
// the milliseconds until one is due. Fields: tokens, at (ms), rate (current), ceiling.
const char* const kTake = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ceiling = tonumber(ARGV[1])
local burst = math.max(1, ceiling * tonumber(ARGV[2]))
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'rate')
local rate = tonumber(b[3]) or ceiling
local tokens = tonumber(b[1]) or burst
local at = tonumber(b[2]) or now
local dt = math.max(0, now - at) / 1000
if rate < ceiling then rate = math.min(ceiling, rate + ceiling / 20 * dt) end
tokens = math.min(burst, tokens + dt * rate)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / rate * 1000) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now), 'rate', tostring(rate))
redis.call('PEXPIRE', KEYS[1], 3600000)
return wait
)lua";

// KEYS[1] the bucket; ARGV: ceiling rate, floor rate. Cuts the rate by 0.7, once a second.
const char* const kThrottled = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'rate', 'cut')
local rate = tonumber(b[1]) or tonumber(ARGV[1])
local cut = tonumber(b[2]) or 0
if now - cut < 1000 then return 0 end
rate = math.max(tonumber(ARGV[2]), rate * 0.7)
redis.call('HSET', KEYS[1], 'rate', tostring(rate), 'cut', tostring(now))
redis.call('PEXPIRE', KEYS[1], 3600000)
return 1
)lua";

std::string key_of(const cloud::BucketKey& key) { return "signet:rate:" + key.text(); }

std::string number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

RedisBudget::RedisBudget(const std::string& uri, BudgetOptions options) : redis_(uri), options_(options) {}

std::optional<std::chrono::milliseconds> RedisBudget::take(const cloud::BucketKey& key, double documented) {
  double ceiling = documented > 0 ? documented : options_.default_rate;
  std::lock_guard lock(mutex_);
  Reply r = redis_.command({"EVAL", kTake, "1", key_of(key), number(ceiling), number(options_.burst_seconds)});
  if (r.integer <= 0) return std::nullopt;
  return std::chrono::milliseconds(r.integer);
}

void RedisBudget::throttled(const cloud::BucketKey& key) {
  std::lock_guard lock(mutex_);
  redis_.command({"EVAL", kThrottled, "1", key_of(key), number(options_.default_rate), number(options_.floor_rate)});
}

}  // namespace signet::queue
