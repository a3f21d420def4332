#pragma once
// Work units on a Redis stream read by a consumer group: any number of `signet worker`
// processes claim units (XREADGROUP), acknowledge what they finished (XACK), and take over
// the units of a worker that stopped giving signs of life (XAUTOCLAIM after the visibility
// time-out). A worker busy with a long unit keeps it by touching it (XCLAIM JUSTID).
// Delivery is at least once: a unit may run twice (a slow worker, a Redis restart), so
// finishing one must be idempotent (the store's complete_unit is).
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "queue/redis.h"

namespace signet::queue {

struct Message {
  std::string id;          // the stream entry id
  nlohmann::json unit;     // what to do
  std::size_t deliveries = 1;  // how many times it was handed out (from XAUTOCLAIM)
};

struct QueueOptions {
  std::string stream = "signet:units";
  std::string group = "signet-workers";
  std::chrono::milliseconds visibility{60000};  // a claimed unit untouched this long is taken over
};

class WorkQueue {
 public:
  WorkQueue(Redis& redis, QueueOptions options = {});

  // Creates the stream and group when missing (after a Redis restart without data too).
  void ensure_group();
  std::string publish(const nlohmann::json& unit);
  // A new unit for `consumer`, waiting up to `block`; nothing when none came.
  std::optional<Message> claim(const std::string& consumer, std::chrono::milliseconds block);
  // Units claimed by others and untouched for the visibility time-out, now `consumer`'s.
  std::vector<Message> take_over(const std::string& consumer, std::size_t count = 10);
  // `consumer` is still working on `id`: resets its idle time.
  void touch(const std::string& consumer, const std::string& id);
  void ack(const std::string& id);
  // Entries not yet acknowledged, over all consumers.
  std::size_t pending();
  // Entries still to be delivered or acknowledged (the group's lag plus its pending): 0 when
  // the queue holds no work, as after a Redis restart that lost it.
  std::size_t waiting();
  const QueueOptions& options() const { return options_; }

 private:
  std::vector<Message> messages_of(const Reply& entries);
  Redis& redis_;
  QueueOptions options_;
};

}  // namespace signet::queue
