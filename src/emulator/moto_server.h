#pragma once
// A moto server child process on 127.0.0.1 and a free port; stopped with the object.
#include <stdexcept>
#include <string>
#include <sys/types.h>

namespace signet::emulator {

struct EmulatorError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class MotoServer {
 public:
  // Starts moto_server (found on PATH) and waits until it answers; throws EmulatorError
  // with what to do when it is missing or does not start.
  MotoServer();
  ~MotoServer();
  // One server for a whole test binary, started on first use.
  static MotoServer& shared();
  MotoServer(const MotoServer&) = delete;
  MotoServer& operator=(const MotoServer&) = delete;

  const std::string& endpoint() const { return endpoint_; }  // "http://127.0.0.1:PORT"
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  void reset() const;        // forget every resource (POST /moto-api/reset)
  // Check SigV4 (against IAM access keys in moto) from now on, or stop checking.
  void require_signatures(bool required = true) const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string endpoint_;
  std::string log_path_;
};

int free_loopback_port();
// Sends `request` to 127.0.0.1:port and gives the first answer read (at most `max_reply`
// bytes, 5 s at most), or "" when nothing answers.
std::string ask_loopback(int port, const std::string& request, std::size_t max_reply);

}  // namespace signet::emulator
