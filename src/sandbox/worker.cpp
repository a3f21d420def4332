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
#include <deque>
#include <algorithm>
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

// Evaluations the parent sent that have not started: they start in order, one at a time
// between turns of the engine, except while the worker waits for the parent's word after a
// broken limit (see the parent's "resume").
struct Inbox {
  std::deque<protocol::Frame> evals;
  bool waiting_for_parent = false;
};

// {budget deadline, hard deadline} of an evaluation starting now.
std::pair<JsEngine::Clock::time_point, JsEngine::Clock::time_point> deadlines_of(const nlohmann::json& h) {
  using Clock = JsEngine::Clock;
  auto budget = Clock::time_point::max(), hard = Clock::time_point::max();
  if (h.contains("budgetMs")) budget = Clock::now() + std::chrono::milliseconds(h["budgetMs"].get<std::int64_t>());
  if (h.contains("deadlineNs")) hard = Clock::time_point(std::chrono::nanoseconds(h["deadlineNs"].get<std::int64_t>()));
  return {budget, hard};
}

void handle(JsEngine& engine, Inbox& inbox, protocol::Frame frame) {
  const auto& h = frame.header;
  const std::string type = h.at("type");
  if (type == "eval") {
    inbox.evals.push_back(std::move(frame));
  } else if (type == "cancel") {
    std::uint64_t job = h.at("job");
    auto queued = std::find_if(inbox.evals.begin(), inbox.evals.end(), [&](auto& f) { return f.header.at("job") == job; });
    if (queued != inbox.evals.end()) inbox.evals.erase(queued);
    else engine.cancel(job, "cancelled by the parent");  // it had started: its result is no longer wanted
  } else if (type == "resume") {
    inbox.waiting_for_parent = false;
  } else if (type == "api") {
    engine.api_reply(h.at("job"), h.at("call"), h.at("thrown"), frame.payload,
                     std::chrono::milliseconds(std::max<std::int64_t>(0, h.value("excusedMs", std::int64_t(0)))));
  } else if (type == "compile") {
    engine.compile(h.at("script"), h.at("filename"), frame.payload, h.value("reply", false));
  } else if (type == "measure") {
    int setup = h.value("setup", 0);
    engine.measure_realm(h.at("count"), setup == 2 ? RealmSetup::WithEveryLibPart : setup == 1 ? RealmSetup::WithLib : RealmSetup::Bare);
  } else {
    throw std::runtime_error("unknown message type " + type);
  }
}

// Handles every complete frame in `in`, then whatever arrived meanwhile, without blocking.
void handle_available(int fd, std::string& in, JsEngine& engine, Inbox& inbox) {
  for (;;) {
    std::size_t consumed = 0;
    while (auto frame = protocol::take_frame(in, consumed)) handle(engine, inbox, std::move(*frame));
    in.erase(0, consumed);
    pollfd pfd{fd, POLLIN, 0};
    if (poll(&pfd, 1, 0) <= 0) return;
    read_some(fd, in);
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
    Inbox inbox;
    JsEngine engine(config, [&](const nlohmann::json& header, std::string_view payload) {
      protocol::append_frame(out, header, payload);
      if (header.contains("limit")) inbox.waiting_for_parent = true;
      if (out.size() > (1u << 20)) write_all(kParentFd, out);
    });
    engine.start_watchdog();
    lock_down(config.memory_bytes, kParentFd);
    protocol::append_frame(out, {{"type", "ready"}});
    write_all(kParentFd, out);

    std::optional<JsEngine::Clock::time_point> next_deadline;
    for (;;) {
      handle_available(kParentFd, in, engine, inbox);  // frames may have come with the config
      while (!inbox.evals.empty() && !inbox.waiting_for_parent) {
        protocol::Frame frame = std::move(inbox.evals.front());
        inbox.evals.pop_front();
        std::uint64_t job = frame.header.at("job");
        auto [budget_deadline, hard_deadline] = deadlines_of(frame.header);
        // Said before any of its code runs, so the parent's clock for it starts now.
        protocol::append_frame(out, {{"type", "started"}, {"job", job},
                                     {"atNs", std::chrono::duration_cast<std::chrono::nanoseconds>(
                                                  JsEngine::Clock::now().time_since_epoch()).count()}});
        write_all(kParentFd, out);
        engine.start(job, frame.header.at("script"), frame.payload, budget_deadline, hard_deadline);
        if (!out.empty()) write_all(kParentFd, out);
        handle_available(kParentFd, in, engine, inbox);  // a cancel or answers may be waiting
      }
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
