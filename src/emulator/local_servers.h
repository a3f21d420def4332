#pragma once
// Real PostgreSQL and Redis servers for tests and benchmarks: each in a fresh temporary
// folder on a free loopback port, from Debian's packages (scripts/setup.sh installs them),
// stopped and removed with the object. Like MotoServer, they throw EmulatorError saying
// what is missing.
#include <string>
#include <sys/types.h>

#include "emulator/moto_server.h"

namespace signet::emulator {

class PostgresServer {
 public:
  // initdb (as the `postgres` user when run as root: PostgreSQL refuses root), then the
  // server with trust authentication on 127.0.0.1 only, and a database "signet".
  PostgresServer();
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  std::string uri(const std::string& database = "signet") const;  // postgresql://signet@127.0.0.1:PORT/DATABASE
  // A new empty database (tests that must not see each other's rows); its URI.
  std::string fresh_database();
  // Ends every client connection (pg_terminate_backend): what a failover or a restart does to clients.
  void drop_connections();
  int port() const { return port_; }

 private:
  std::string bin_, folder_;
  int port_ = 0;
  int databases_ = 0;
};

class RedisServer {
 public:
  RedisServer();  // redis-server on 127.0.0.1:PORT, no persistence
  ~RedisServer();
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  std::string uri() const { return "redis://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  // Stops the server (SIGKILL) and starts it again on the same port: its data is gone
  // unless `keep_data` (then it saves first and loads on start, as a restart with
  // persistence does).
  void restart(bool keep_data = false);

 private:
  void start();
  void stop(bool save);
  std::string folder_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace signet::emulator
