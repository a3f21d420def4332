#pragma once
// A minimal SMTP server on 127.0.0.1 and a free port that keeps every message it is given:
// the "mail sink" of the notification tests. Plain SMTP (no STARTTLS, no AUTH).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace signet::testing {

struct SmtpMessage {
  std::string from;
  std::vector<std::string> to;
  std::string data;  // headers and body, dot-unstuffed
};

class LocalSmtpSink {
 public:
  LocalSmtpSink() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t size = sizeof addr;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &size);
    port_ = ntohs(addr.sin_port);
    ::listen(listener_, 16);
    thread_ = std::thread([this] { serve(); });
  }
  ~LocalSmtpSink() {
    stopping_ = true;
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    thread_.join();
  }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
  std::vector<SmtpMessage> messages() {
    std::lock_guard lock(mutex_);
    return messages_;
  }

 private:
  static void say(int fd, const std::string& line) { (void)!::write(fd, (line + "\r\n").data(), line.size() + 2); }

  void serve() {
    while (!stopping_) {
      int fd = ::accept(listener_, nullptr, nullptr);
      if (fd < 0) return;
      session(fd);
      ::close(fd);
    }
  }

  void session(int fd) {
    say(fd, "220 sink ESMTP");
    std::string buffer;
    SmtpMessage message;
    bool in_data = false;
    char chunk[4096];
    for (;;) {
      auto eol = buffer.find("\r\n");
      if (eol == std::string::npos) {
        ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n <= 0) return;
        buffer.append(chunk, static_cast<std::size_t>(n));
        continue;
      }
      std::string line = buffer.substr(0, eol);
      buffer.erase(0, eol + 2);
      if (in_data) {
        if (line == ".") {
          in_data = false;
          {
            std::lock_guard lock(mutex_);
            messages_.push_back(message);
          }
          message = {};
          say(fd, "250 queued");
        } else {
          message.data += (line.rfind("..", 0) == 0 ? line.substr(1) : line) + "\r\n";
        }
        continue;
      }
      std::string verb = line.substr(0, 4);
      for (auto& c : verb) c = static_cast<char>(std::toupper(c));
      if (verb == "EHLO" || verb == "HELO") say(fd, "250 sink");
      else if (verb == "MAIL") message.from = line.substr(line.find(':') + 1), say(fd, "250 ok");
      else if (verb == "RCPT") message.to.push_back(line.substr(line.find(':') + 1)), say(fd, "250 ok");
      else if (verb == "DATA") in_data = true, say(fd, "354 go ahead");
      else if (verb == "QUIT") return say(fd, "221 bye");
      else say(fd, "250 ok");
    }
  }

  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
  std::mutex mutex_;
  std::vector<SmtpMessage> messages_;
};

}  // namespace signet::testing
