#include "queue/work_queue.h"

#include <map>

namespace signet::queue {

using nlohmann::json;

WorkQueue::WorkQueue(Redis& redis, QueueOptions options) : redis_(redis), options_(std::move(options)) { ensure_group(); }

void WorkQueue::ensure_group() {
  try {
    redis_.command({"XGROUP", "CREATE", options_.stream, options_.group, "0", "MKSTREAM"});
  } catch (const QueueError& e) {
    if (std::string(e.what()).find("BUSYGROUP") == std::string::npos) throw;  // it exists already: fine
  }
}

std::string WorkQueue::publish(const json& unit) {
  return redis_.command({"XADD", options_.stream, "*", "unit", unit.dump()}).text;
}

std::vector<Message> WorkQueue::messages_of(const Reply& entries) {
  std::vector<Message> out;
  for (const auto& entry : entries.elements) {
    if (entry.elements.size() < 2) continue;  // an entry deleted from the stream since: nothing to do
    Message m;
    m.id = entry.elements[0].text;
    const auto& fields = entry.elements[1].elements;
    for (std::size_t i = 0; i + 1 < fields.size(); i += 2)
      if (fields[i].text == "unit") m.unit = json::parse(fields[i + 1].text, nullptr, false);
    if (m.unit.is_discarded() || !m.unit.is_object()) {
      ack(m.id);  // not a unit anyone can run: said, and not handed out again
      continue;
    }
    out.push_back(std::move(m));
  }
  return out;
}

std::optional<Message> WorkQueue::claim(const std::string& consumer, std::chrono::milliseconds block) {
  Reply r;
  try {
    r = redis_.blocking({"XREADGROUP", "GROUP", options_.group, consumer, "COUNT", "1", "BLOCK", std::to_string(block.count()), "STREAMS",
                         options_.stream, ">"},
                        block);
  } catch (const QueueError& e) {
    // After a Redis restart without its data the group is gone: make it again, then wait.
    if (std::string(e.what()).find("NOGROUP") == std::string::npos) throw;
    ensure_group();
    return std::nullopt;
  }
  if (r.nil() || r.elements.empty()) return std::nullopt;
  auto messages = messages_of(r.elements[0].elements.size() > 1 ? r.elements[0].elements[1] : Reply{});
  if (messages.empty()) return std::nullopt;
  return messages.front();
}

std::vector<Message> WorkQueue::take_over(const std::string& consumer, std::size_t count) {
  Reply r;
  try {
    r = redis_.command({"XAUTOCLAIM", options_.stream, options_.group, consumer, std::to_string(options_.visibility.count()), "0-0",
                        "COUNT", std::to_string(count)});
  } catch (const QueueError& e) {
    if (std::string(e.what()).find("NOGROUP") == std::string::npos) throw;
    ensure_group();
    return {};
  }
  if (r.elements.size() < 2) return {};
  auto messages = messages_of(r.elements[1]);
  for (auto& m : messages) m.deliveries = 2;  // at least the second time out
  return messages;
}

void WorkQueue::touch(const std::string& consumer, const std::string& id) {
  redis_.command({"XCLAIM", options_.stream, options_.group, consumer, "0", id, "JUSTID"});
}

void WorkQueue::ack(const std::string& id) { redis_.command({"XACK", options_.stream, options_.group, id}); }

std::size_t WorkQueue::pending() {
  try {
    Reply r = redis_.command({"XPENDING", options_.stream, options_.group});
    return r.elements.empty() ? 0 : static_cast<std::size_t>(r.elements[0].integer);
  } catch (const QueueError& e) {
    if (std::string(e.what()).find("NOGROUP") == std::string::npos) throw;
    return 0;  // no group yet: nothing pending
  }
}

std::size_t WorkQueue::waiting() {
  Reply groups;
  try {
    groups = redis_.command({"XINFO", "GROUPS", options_.stream});
  } catch (const QueueError& e) {
    if (std::string(e.what()).find("no such key") != std::string::npos) return 0;  // no stream: nothing waits
    throw;
  }
  for (const auto& group : groups.elements) {
    std::map<std::string, const Reply*> fields;
    for (std::size_t i = 0; i + 1 < group.elements.size(); i += 2) fields[group.elements[i].text] = &group.elements[i + 1];
    if (!fields.count("name") || fields["name"]->text != options_.group) continue;
    std::size_t pending = fields.count("pending") ? static_cast<std::size_t>(fields["pending"]->integer) : 0;
    // Redis 7 gives the lag, or nil where it cannot tell: then the whole stream may wait.
    const Reply* lag = fields.count("lag") ? fields["lag"] : nullptr;
    std::size_t undelivered = lag && !lag->nil() ? static_cast<std::size_t>(lag->integer)
                                                  : static_cast<std::size_t>(redis_.command({"XLEN", options_.stream}).integer);
    return pending + undelivered;
  }
  return 0;  // no group: nothing was delivered, and a new group starts at the stream's start
}

}  // namespace signet::queue
