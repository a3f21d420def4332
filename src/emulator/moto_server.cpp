#include "emulator/moto_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

extern char** environ;

namespace signet::emulator {

namespace {

// A minimal HTTP exchange with the local server (no dependency on the AWS client).
int http_status(int port, const std::string& method, const std::string& path, const std::string& body = "") {
  std::string request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + std::to_string(body.size()) +
                        "\r\nConnection: close\r\n\r\n" + body;
  std::string reply = ask_loopback(port, request, 64);
  int status = -1;
  if (reply.size() > 12) std::sscanf(reply.c_str(), "HTTP/%*s %d", &status);
  return status;
}

bool on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  std::string dir;
  while (std::getline(dirs, dir, ':'))
    if (!dir.empty() && access((dir + "/" + program).c_str(), X_OK) == 0) return true;
  return false;
}

}  // namespace

std::string ask_loopback(int port, const std::string& request, std::size_t max_reply) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return "";
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string reply;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 && send(fd, request.data(), request.size(), MSG_NOSIGNAL) > 0) {
    reply.resize(max_reply);
    ssize_t n = recv(fd, reply.data(), max_reply, 0);
    reply.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  }
  close(fd);
  return reply;
}

int free_loopback_port() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    if (fd >= 0) close(fd);
    throw EmulatorError(std::string("cannot find a free loopback port: ") + std::strerror(errno));
  }
  int port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

MotoServer& MotoServer::shared() {
  static MotoServer server;
  return server;
}

MotoServer::MotoServer() {
  if (!on_path("moto_server"))
    throw EmulatorError("moto_server is not installed; install the AWS emulator with: pip install 'moto[server]'");
  port_ = free_loopback_port();
  endpoint_ = "http://127.0.0.1:" + std::to_string(port_);
  log_path_ = "/tmp/signet-moto-" + std::to_string(port_) + ".log";

  std::vector<std::string> env_strings;
  for (char** e = environ; e && *e; ++e) {
    std::string entry = *e;
    if (entry.rfind("MOTO_", 0) != 0) env_strings.push_back(entry);
  }
  env_strings.push_back("MOTO_EC2_LOAD_DEFAULT_AMIS=false");   // else ~1,170 fake public snapshots
  env_strings.push_back("MOTO_IAM_LOAD_MANAGED_POLICIES=true"); // else AWS managed policies are missing
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::string port_text = std::to_string(port_);
  std::vector<std::string> args = {"moto_server", "-H", "127.0.0.1", "-p", port_text};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  int rc = posix_spawnp(&pid_, "moto_server", &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw EmulatorError(std::string("cannot start moto_server: ") + std::strerror(rc));

  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (http_status(port_, "GET", "/moto-api/") == 200) return;
    int status;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw EmulatorError("moto_server exited at start-up; see " + log_path_);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
  throw EmulatorError("moto_server did not answer within 30 s; see " + log_path_);
}

MotoServer::~MotoServer() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  for (int i = 0; i < 50; ++i) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
      unlink(log_path_.c_str());
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  unlink(log_path_.c_str());
}

void MotoServer::reset() const {
  if (http_status(port_, "POST", "/moto-api/reset") != 200) throw EmulatorError("moto reset failed");
}

void MotoServer::require_signatures(bool required) const {
  // The body is how many requests may pass unchecked: none, or all of them.
  if (http_status(port_, "POST", "/moto-api/reset-auth", required ? "0" : "inf") != 200) throw EmulatorError("moto reset-auth failed");
}

}  // namespace signet::emulator
