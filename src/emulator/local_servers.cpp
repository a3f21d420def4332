#include "emulator/local_servers.h"
#include "emulator/moto_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <glob.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

extern char** environ;

namespace signet::emulator {

namespace {

// Runs a shell command line; its output goes to `log`. Throws with the log's tail.
void run(const std::string& command, const std::string& log, const std::string& what) {
  std::string line = command + " >>'" + log + "' 2>&1";
  if (std::system(line.c_str()) != 0) {
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    std::string tail = text.str();
    if (tail.size() > 1500) tail = tail.substr(tail.size() - 1500);
    throw EmulatorError(what + " failed (" + command + "):\n" + tail);
  }
}

std::string temp_folder(const char* prefix) {
  std::string pattern = std::string("/tmp/") + prefix + "-XXXXXX";
  if (!mkdtemp(pattern.data())) throw EmulatorError(std::string("cannot make a temporary folder: ") + std::strerror(errno));
  return pattern;
}

// One request line, one reply line, over TCP to 127.0.0.1:port ("" when nothing answers).
std::string ask(int port, const std::string& line) { return ask_loopback(port, line, 256); }

}  // namespace

// ---- PostgreSQL ----

PostgresServer::PostgresServer() {
  glob_t found{};
  if (glob("/usr/lib/postgresql/*/bin/initdb", 0, nullptr, &found) != 0 || found.gl_pathc == 0) {
    globfree(&found);
    throw EmulatorError("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); install it with scripts/setup.sh "
                        "(Debian packages postgresql and libpq-dev)");
  }
  bin_ = std::filesystem::path(found.gl_pathv[found.gl_pathc - 1]).parent_path().string();  // the newest version
  globfree(&found);
  folder_ = temp_folder("signet-pg");
  std::string as = "";
  if (geteuid() == 0) {  // PostgreSQL refuses to run as root: run it as its own user
    passwd* pg = getpwnam("postgres");
    if (!pg) throw EmulatorError("running as root, PostgreSQL needs its 'postgres' user (Debian's postgresql package makes it)");
    if (chown(folder_.c_str(), pg->pw_uid, pg->pw_gid) != 0) throw EmulatorError("cannot give " + folder_ + " to the postgres user");
    as = "runuser -u postgres -- ";
  }
  port_ = free_loopback_port();
  std::string log = folder_ + "/setup.log";
  run(as + "'" + bin_ + "/initdb' -D '" + folder_ + "/data' -U signet --auth=trust -E UTF8 --no-sync", log, "initdb");
  // Durability is not what these tests are about: no fsync, for speed.
  run(as + "'" + bin_ + "/pg_ctl' -D '" + folder_ + "/data' -l '" + folder_ + "/server.log' -w -t 60 -o \"-p " + std::to_string(port_) +
          " -k '" + folder_ + "' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off "
          "-c max_connections=200\" start",
      log, "starting PostgreSQL");
  run("'" + bin_ + "/createdb' -h 127.0.0.1 -p " + std::to_string(port_) + " -U signet signet", log, "createdb");
}

PostgresServer::~PostgresServer() {
  std::string as = geteuid() == 0 ? "runuser -u postgres -- " : "";
  std::string stop = as + "'" + bin_ + "/pg_ctl' -D '" + folder_ + "/data' -m immediate -w stop >/dev/null 2>&1";
  if (std::system(stop.c_str()) != 0) {
    // Nothing more to do than remove the folder; a server left behind dies with its folder gone.
  }
  std::error_code ignored;
  std::filesystem::remove_all(folder_, ignored);
}

std::string PostgresServer::uri(const std::string& database) const {
  return "postgresql://signet@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

std::string PostgresServer::fresh_database() {
  std::string name = "signet_" + std::to_string(++databases_);
  run("'" + bin_ + "/createdb' -h 127.0.0.1 -p " + std::to_string(port_) + " -U signet " + name, folder_ + "/setup.log", "createdb");
  return uri(name);
}

void PostgresServer::drop_connections() {
  run("'" + bin_ + "/psql' -h 127.0.0.1 -p " + std::to_string(port_) +
          " -U signet -d postgres -qAt -c \"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
          "WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'\"",
      folder_ + "/setup.log", "dropping connections");
}

// ---- Redis ----

RedisServer::RedisServer() {
  if (access("/usr/bin/redis-server", X_OK) != 0)
    throw EmulatorError("redis-server is not installed; install it with scripts/setup.sh (Debian package redis-server)");
  folder_ = temp_folder("signet-redis");
  port_ = free_loopback_port();
  start();
}

RedisServer::~RedisServer() {
  stop(false);
  std::error_code ignored;
  std::filesystem::remove_all(folder_, ignored);
}

void RedisServer::start() {
  std::string port = std::to_string(port_);
  std::vector<std::string> args = {"redis-server", "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                   "--dir", folder_, "--dbfilename", "dump.rdb", "--daemonize", "no", "--logfile", folder_ + "/redis.log"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  int rc = posix_spawn(&pid_, "/usr/bin/redis-server", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw EmulatorError(std::string("cannot start redis-server: ") + std::strerror(rc));
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (ask(port_, "PING\r\n").rfind("+PONG", 0) == 0) return;
    int status;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw EmulatorError("redis-server exited at start-up; see " + folder_ + "/redis.log");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw EmulatorError("redis-server did not answer within 30 s");
}

void RedisServer::stop(bool save) {
  if (pid_ <= 0) return;
  if (save) ask(port_, "SAVE\r\n");
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

void RedisServer::restart(bool keep_data) {
  stop(keep_data);
  if (!keep_data) std::filesystem::remove(folder_ + "/dump.rdb");
  start();
}

}  // namespace signet::emulator
