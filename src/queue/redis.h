#pragma once
// A small Redis client (hiredis, blocking): commands as argument lists, replies as a tree,
// and a connection that is opened again when it drops (a few tries, backing off), so a
// Redis restart is a pause, not a crash. Not thread-safe: one per thread.
#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

struct redisContext;

namespace signet::queue {

struct QueueError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Reply {
  enum class Type { Nil, Status, Error, Integer, String, Array } type = Type::Nil;
  std::string text;  // Status, Error, String
  long long integer = 0;
  std::vector<Reply> elements;
  bool nil() const { return type == Type::Nil; }
};

class Redis {
 public:
  // redis://host:port[/db]; throws QueueError saying why it cannot connect.
  explicit Redis(std::string uri);
  ~Redis();
  Redis(const Redis&) = delete;
  Redis& operator=(const Redis&) = delete;

  // Runs one command; a dropped connection is opened again and the command sent again.
  // An error reply throws QueueError naming the command.
  Reply command(const std::vector<std::string>& args);
  // The same for a command that may block for up to `block` (XREADGROUP BLOCK).
  Reply blocking(const std::vector<std::string>& args, std::chrono::milliseconds block);
  const std::string& uri() const { return uri_; }

 private:
  void connect();
  Reply run(const std::vector<std::string>& args, std::chrono::milliseconds timeout);

  std::string uri_, host_;
  int port_ = 6379, db_ = 0;
  redisContext* context_ = nullptr;
};

}  // namespace signet::queue
