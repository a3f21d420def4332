// The worker process: this binary re-executed with --signet-sandbox-worker, talking to its
// parent over fd 3. It holds no credentials, and once locked down it can only compute and
// talk to its parent.
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string_view>

#include "sandbox/js_engine.h"
#include "sandbox/lockdown.h"
#include "sandbox/protocol.h"
#include "sandbox/sandbox.h"

namespace signet::sandbox {

namespace {

constexpr int kParentFd = 3;

void write_all(int fd, std::string& out) {
  std::size_t done = 0;
  while (done < out.size()) {
    ssize_t n = send(fd, out.data() + done, out.size() - done, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) std::_Exit(0);  // the parent is gone
    done += static_cast<std::size_t>(n);
  }
  out.clear();
}

// Reads more bytes into `in`; exits when the parent closes the socket.
void read_some(int fd, std::string& in) {
  char buf[1 << 16];
  ssize_t n;
  do n = recv(fd, buf, sizeof buf, 0);
  while (n < 0 && errno == EINTR);
  if (n <= 0) std::_Exit(0);
  in.append(buf, static_cast<std::size_t>(n));
}

protocol::Frame read_frame_blocking(int fd, std::string& in) {
  for (;;) {
    std::size_t consumed = 0;
    if (auto frame = protocol::take_frame(in, consumed)) {
      in.erase(0, consumed);
      return *frame;
    }
    read_some(fd, in);
  }
}

void handle(JsEngine& engine, const protocol::Frame& frame) {
  const auto& h = frame.header;
  const std::string type = h.at("type");
  if (type == "eval") {
    engine.start(h.at("job"), h.at("script"), frame.payload, std::chrono::milliseconds(h.at("budgetMs").get<std::int64_t>()));
  } else if (type == "api") {
    engine.api_reply(h.at("job"), h.at("call"), h.at("thrown"), frame.payload);
  } else if (type == "compile") {
    engine.compile(h.at("script"), h.at("filename"), frame.payload, h.value("reply", false));
  } else if (type == "measure") {
    engine.measure_bare_realm(h.at("count"));
  } else {
    throw std::runtime_error("unknown message type " + type);
  }
}

int worker_main() {
  // glibc would stat /etc/localtime on every Date use without TZ; the filter forbids that.
  setenv("TZ", "UTC", 1);
  tzset();
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() == 1) return 1;
  signal(SIGPIPE, SIG_IGN);

  std::string in, out;
  auto config_frame = read_frame_blocking(kParentFd, in);
  EngineConfig config{config_frame.header.at("memoryBytes"), config_frame.header.at("stackBytes"),
                      config_frame.header.at("consoleBytes")};
  try {
    JsEngine engine(config, [&](const nlohmann::json& header, std::string_view payload) {
      protocol::append_frame(out, header, payload);
      if (out.size() > (1u << 20)) write_all(kParentFd, out);
    });
    engine.start_watchdog();
    lock_down(config.memory_bytes, kParentFd);
    protocol::append_frame(out, {{"type", "ready"}});
    write_all(kParentFd, out);

    std::optional<JsEngine::Clock::time_point> next_deadline;
    for (;;) {
      std::size_t consumed = 0;  // frames may have arrived together with the config
      while (auto frame = protocol::take_frame(in, consumed)) handle(engine, *frame);
      in.erase(0, consumed);
      next_deadline = engine.expire();
      if (!out.empty()) write_all(kParentFd, out);

      int timeout = -1;
      if (next_deadline) {
        auto wait = std::chrono::ceil<std::chrono::milliseconds>(*next_deadline - JsEngine::Clock::now());
        timeout = static_cast<int>(std::max<std::int64_t>(0, wait.count()));
      }
      pollfd pfd{kParentFd, POLLIN, 0};
      int ready = poll(&pfd, 1, timeout);
      if (ready > 0) read_some(kParentFd, in);
    }
  } catch (const std::exception& e) {
    out.clear();
    protocol::append_frame(out, {{"type", "fatal"}, {"message", e.what()}});
    write_all(kParentFd, out);
    return 2;
  }
}

}  // namespace

void run_worker_if_requested(int argc, char** argv) {
  if (argc >= 2 && std::string_view(argv[1]) == "--signet-sandbox-worker") std::_Exit(worker_main());
}

}  // namespace signet::sandbox
