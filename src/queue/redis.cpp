#include "queue/redis.h"

#include <hiredis/hiredis.h>

#include <regex>
#include <thread>

namespace signet::queue {

namespace {

constexpr int kAttempts = 8;  // waits 0.1, 0.2, 0.4, ... 6.4 s between them: a restart's worth

Reply convert(const redisReply* r) {
  Reply out;
  if (!r) return out;
  switch (r->type) {
    case REDIS_REPLY_STATUS: out.type = Reply::Type::Status; out.text.assign(r->str, r->len); break;
    case REDIS_REPLY_ERROR: out.type = Reply::Type::Error; out.text.assign(r->str, r->len); break;
    case REDIS_REPLY_INTEGER: out.type = Reply::Type::Integer; out.integer = r->integer; break;
    case REDIS_REPLY_STRING: out.type = Reply::Type::String; out.text.assign(r->str, r->len); break;
    case REDIS_REPLY_ARRAY:
      out.type = Reply::Type::Array;
      for (std::size_t i = 0; i < r->elements; ++i) out.elements.push_back(convert(r->element[i]));
      break;
    default: break;  // NIL
  }
  return out;
}

timeval to_timeval(std::chrono::milliseconds ms) {
  return {static_cast<time_t>(ms.count() / 1000), static_cast<suseconds_t>((ms.count() % 1000) * 1000)};
}

}  // namespace

Redis::Redis(std::string uri) : uri_(std::move(uri)) {
  static const std::regex shape(R"(redis://([^:/]+)(?::(\d+))?(?:/(\d+))?/?)");
  std::smatch m;
  if (!std::regex_match(uri_, m, shape)) throw QueueError("not a Redis address: '" + uri_ + "' (redis://host[:port][/db])");
  host_ = m[1];
  if (m[2].matched) port_ = std::stoi(m[2]);
  if (m[3].matched) db_ = std::stoi(m[3]);
  connect();
}

Redis::~Redis() {
  if (context_) redisFree(context_);
}

void Redis::connect() {
  if (context_) redisFree(context_);
  context_ = redisConnectWithTimeout(host_.c_str(), port_, to_timeval(std::chrono::seconds(5)));
  if (!context_ || context_->err) {
    std::string why = context_ ? context_->errstr : "out of memory";
    if (context_) redisFree(context_);
    context_ = nullptr;
    throw QueueError("cannot reach Redis at " + uri_ + ": " + why);
  }
  if (db_) {
    auto* r = static_cast<redisReply*>(redisCommand(context_, "SELECT %d", db_));
    freeReplyObject(r);
  }
}

Reply Redis::run(const std::vector<std::string>& args, std::chrono::milliseconds timeout) {
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  for (const auto& a : args) {
    argv.push_back(a.data());
    lengths.push_back(a.size());
  }
  for (int attempt = 1;; ++attempt) {
    try {
      if (!context_) connect();
      redisSetTimeout(context_, to_timeval(timeout));
      auto* raw = static_cast<redisReply*>(redisCommandArgv(context_, static_cast<int>(argv.size()), argv.data(), lengths.data()));
      if (raw) {
        Reply reply = convert(raw);
        freeReplyObject(raw);
        if (reply.type == Reply::Type::Error)
          throw QueueError("Redis at " + uri_ + " refused " + (args.empty() ? std::string("?") : args[0]) + ": " + reply.text);
        return reply;
      }
      std::string why = context_->errstr;
      redisFree(context_);  // the connection is in an unknown state: start again
      context_ = nullptr;
      if (attempt >= kAttempts) throw QueueError("Redis at " + uri_ + ": " + why + " (after " + std::to_string(attempt) + " tries)");
    } catch (const QueueError& e) {
      // Refusals are final; only a connection that cannot be made is tried again.
      if (context_ || attempt >= kAttempts) throw;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100 << std::min(attempt - 1, 6)));
  }
}

Reply Redis::command(const std::vector<std::string>& args) { return run(args, std::chrono::seconds(10)); }

Reply Redis::blocking(const std::vector<std::string>& args, std::chrono::milliseconds block) {
  return run(args, block + std::chrono::seconds(10));
}

}  // namespace signet::queue
