#pragma once
// A loopback HTTP proxy in front of moto server (or any upstream) that throttles like AWS:
// token buckets per (access key id, region, service) from the SigV4 credential scope, and per
// action family where AWS documents one (EC2's non-mutating, unfiltered non-mutating and
// mutating actions, KMS and Lambda per-operation quotas, S3 per bucket). Throttled requests
// get the answer the service's protocol really sends (EC2 RequestLimitExceeded 503, query
// Throttling 400, JSON ThrottlingException 400, S3 SlowDown 503); the rest are forwarded
// unchanged. For tests and benchmarks that check scans stay complete under throttling.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator/moto_server.h"  // EmulatorError

namespace signet::emulator {

// One bucket family. A request takes a token from the first rule that matches it.
struct BucketRule {
  std::string name;                        // "ec2-non-mutating"; part of the bucket key
  std::string service;                     // credential scope service ("ec2"); "" = any
  std::vector<std::string> actions;        // operation name globs ("Describe*"); empty = any
  bool unfiltered_only = false;            // only requests with no parameter matching...
  std::vector<std::string> filter_params;  // ...these globs ("Filter.*", "MaxResults")
  bool per_action = false;                 // one bucket per operation ("each API individually")
  bool per_bucket = false;                 // one bucket per S3 bucket
  double capacity = 0;                     // burst
  double refill_per_second = 0;
  std::string error_code;                  // instead of the protocol's usual throttling code
  int error_status = 0;                    // instead of its usual status
  std::string source;                      // where the numbers come from
};

struct ThrottlingOptions {
  std::string upstream;                    // "http://127.0.0.1:PORT"
  // The rules, first match wins; unset: aws_like_buckets(). A request no rule matches (or an
  // unsigned one, like moto's /moto-api/) is forwarded without throttling.
  std::optional<std::vector<BucketRule>> buckets;
  std::chrono::milliseconds latency{0};    // added to every answer, before forwarding
  std::chrono::milliseconds jitter{0};     // plus uniform [0, jitter]
  int threads = 192;                       // requests served at once (at least 128)
  int backlog = 1024;                      // listen backlog
  // The buckets' clock (tests may drive it by hand); default std::chrono::steady_clock.
  std::function<std::chrono::steady_clock::time_point()> clock;
};

struct BucketCounters {
  std::string key;    // "AKID/us-east-1/ec2/ec2-non-mutating[/Action][/bucket]"
  std::string rule;
  double capacity = 0;
  double refill_per_second = 0;
  std::uint64_t requests = 0;   // arrivals, retries included
  std::uint64_t admitted = 0;   // took a token and were forwarded
  std::uint64_t throttled = 0;
};

struct FrontCounters {
  std::uint64_t received = 0;
  std::uint64_t forwarded = 0;
  std::uint64_t throttled = 0;
  std::uint64_t upstream_errors = 0;                       // answered 502
  std::map<std::string, std::uint64_t> received_by_service;  // key: credential scope service
  std::map<std::string, std::uint64_t> throttled_by_service;
  std::size_t max_in_flight = 0;
  double mean_in_flight = 0;  // time-weighted, from the first arrival to the last answer
  std::vector<BucketCounters> buckets;
  // The least time the admitted requests could have taken: max over buckets of
  // (admitted - capacity) / refill rate, 0 when every bucket stayed within its burst.
  double floor_seconds() const;
};

class ThrottlingFront {
 public:
  // Listens on 127.0.0.1 and a free port; throws EmulatorError when it cannot.
  explicit ThrottlingFront(ThrottlingOptions options);
  ~ThrottlingFront();
  ThrottlingFront(const ThrottlingFront&) = delete;
  ThrottlingFront& operator=(const ThrottlingFront&) = delete;

  const std::string& endpoint() const;  // "http://127.0.0.1:PORT"
  int port() const;
  FrontCounters counters() const;       // a consistent snapshot, any time
  double floor_seconds() const { return counters().floor_seconds(); }

  // src/emulator/aws_like_throttling.json, embedded.
  static const std::vector<BucketRule>& aws_like_buckets();
  // That file's format; throws EmulatorError naming what is wrong.
  static std::vector<BucketRule> parse_buckets(const std::string& json_text);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace signet::emulator
