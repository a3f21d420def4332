// The parent side of the sandbox: spawns worker processes, hands them evaluations, answers
// their apiCaller requests through each evaluation's handler, and replaces workers that die.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <deque>
#include <map>
#include <set>
#include <stdexcept>
#include <thread>

#include "sandbox/protocol.h"
#include "sandbox/sandbox.h"

namespace signet::sandbox {

const char* to_string(Status status) {
  switch (status) {
    case Status::Pass: return "Pass";
    case Status::Fail: return "Fail";
    case Status::Error: return "Error";
  }
  return "Error";
}

std::shared_ptr<const Script> Script::make(std::string source, std::string filename) {
  static std::atomic<std::uint64_t> next_id{1};
  return std::make_shared<const Script>(Script{next_id++, std::move(source), std::move(filename)});
}

std::string ScriptError::to_string() const {
  return message + " (" + filename + ":" + std::to_string(line) + ":" + std::to_string(column) + ")";
}

namespace {

Outcome error_outcome(std::string message, Limit limit = Limit::None) {
  Outcome o;
  o.status = Status::Error;
  o.message = std::move(message);
  o.limit = limit;
  return o;
}

std::string describe_exit(int status) {
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    switch (sig) {
      case SIGSYS: return "it made a forbidden system call and was stopped by the sandbox filter";
      case SIGSEGV:
      case SIGBUS: return std::string("it crashed (") + strsignal(sig) + "), most often from exhausting its memory limit";
      case SIGKILL: return "it was killed (SIGKILL)";
      default: return std::string("it died from signal ") + std::to_string(sig) + " (" + strsignal(sig) + ")";
    }
  }
  if (WIFEXITED(status)) return "it exited with status " + std::to_string(WEXITSTATUS(status));
  return "it stopped unexpectedly";
}

constexpr unsigned kMaxStartFailures = 3;

}  // namespace

struct Sandbox::Impl {
  struct Job {
    std::uint64_t id;
    Evaluation evaluation;
    unsigned retries = 0;
    bool started = false;  // the worker said it began running it
    io::Clock::time_point started_at{};
    unsigned calls_pending = 0;         // apiCaller requests handed to its handler, unanswered
    std::chrono::milliseconds excused{0};  // waits on the backend's rate limits, added to its budget
    io::EventLoop::TimerId backstop = 0;
  };
  struct Worker {
    std::uint64_t id;
    pid_t pid = -1;
    int fd = -1;
    std::string in, out;
    bool ready = false;
    bool retiring = false;         // takes no new work; closed once idle
    std::string fatal;             // what a worker that could not start said
    std::string kill_reason;       // why we killed it, if we did
    std::uint64_t culprit = 0;     // the job we killed it for
    std::set<std::uint64_t> scripts;          // what the worker holds compiled
    std::deque<std::uint64_t> script_order;   // in the order it compiled them (it drops the oldest)
    std::map<std::uint64_t, std::unique_ptr<Job>> in_flight;
    std::multimap<std::uint64_t, std::function<void(std::optional<ScriptError>)>> checks;
    std::map<std::uint64_t, std::shared_ptr<const Script>> checked_scripts;
    std::deque<std::function<void(double)>> measures;
  };

  io::EventLoop& loop;
  Limits limits;
  Stats stats;
  std::map<std::uint64_t, std::unique_ptr<Worker>> workers;
  std::deque<std::unique_ptr<Job>> queue;
  std::uint64_t next_job = 1, next_worker = 1;
  unsigned start_failures = 0;
  std::string last_start_failure;

  Impl(io::EventLoop& l, Limits lim) : loop(l), limits(lim) {
    if (limits.workers == 0) limits.workers = std::max(1u, std::thread::hardware_concurrency());
    if (limits.max_in_flight_per_worker == 0) limits.max_in_flight_per_worker = 1;
  }

  ~Impl() {
    for (auto& [id, w] : workers) {
      loop.unwatch(w->fd);
      close(w->fd);
      kill(w->pid, SIGKILL);
      waitpid(w->pid, nullptr, 0);
    }
    for (auto& [id, w] : workers)
      for (auto& [job_id, job] : w->in_flight)
        if (job->backstop) loop.cancel_timer(job->backstop);
  }

  // Spawning ---------------------------------------------------------------------------

  Worker* spawn() {
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
      throw std::runtime_error(std::string("sandbox: socketpair: ") + std::strerror(errno));
    int child_end = sv[1];
    if (child_end == 3) {  // dup2(3, 3) would keep close-on-exec set
      child_end = fcntl(sv[1], F_DUPFD_CLOEXEC, 4);
      close(sv[1]);
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, child_end, 3);
    char arg0[] = "signet-sandbox-worker", arg1[] = "--signet-sandbox-worker";
    char* argv[] = {arg0, arg1, nullptr};
    char env_tz[] = "TZ=UTC";
    char* envp[] = {env_tz, nullptr};  // workers get no environment: no credentials leak in
    pid_t pid;
    int rc = posix_spawn(&pid, "/proc/self/exe", &actions, nullptr, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    close(child_end);
    if (rc != 0) {
      close(sv[0]);
      throw std::runtime_error(std::string("sandbox: cannot start a worker: ") + std::strerror(rc));
    }
    fcntl(sv[0], F_SETFL, fcntl(sv[0], F_GETFL) | O_NONBLOCK);

    auto w = std::make_unique<Worker>();
    w->id = next_worker++;
    w->pid = pid;
    w->fd = sv[0];
    Worker* raw = w.get();
    workers.emplace(w->id, std::move(w));
    ++stats.workers_started;
    send(*raw, {{"type", "config"},
                {"memoryBytes", limits.memory_bytes},
                {"stackBytes", limits.stack_bytes},
                {"consoleBytes", limits.console_bytes}});
    return raw;
  }

  std::size_t active_workers() const {
    std::size_t n = 0;
    for (auto& [id, w] : workers) n += !w->retiring;
    return n;
  }

  bool can_spawn() const { return start_failures < kMaxStartFailures; }

  // The least busy worker with room, starting another while under the worker count.
  Worker* pick_worker() {
    Worker* best = nullptr;
    for (auto& [id, w] : workers)
      if (!w->retiring && w->in_flight.size() < limits.max_in_flight_per_worker && (!best || w->in_flight.size() < best->in_flight.size()))
        best = w.get();
    if ((!best || !best->in_flight.empty()) && active_workers() < limits.workers && can_spawn()) return spawn();
    return best;
  }

  // Messaging ----------------------------------------------------------------------------

  void send(Worker& w, const nlohmann::json& header, std::string_view payload = {}) {
    protocol::append_frame(w.out, header, payload);
    flush(w);
  }

  void flush(Worker& w) {
    while (!w.out.empty()) {
      ssize_t n = ::send(w.fd, w.out.data(), w.out.size(), MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // full (POLLOUT below) or dead (POLLIN/HUP will tell)
      w.out.erase(0, static_cast<std::size_t>(n));
    }
    std::uint64_t id = w.id;
    loop.watch(w.fd, POLLIN | (w.out.empty() ? 0 : POLLOUT), [this, id](short revents) { on_io(id, revents); });
  }

  void on_io(std::uint64_t worker_id, short revents) {
    auto it = workers.find(worker_id);
    if (it == workers.end()) return;
    Worker& w = *it->second;
    if (revents & POLLOUT) flush(w);
    if (!(revents & (POLLIN | POLLHUP | POLLERR))) return;
    bool eof = false;
    char buf[1 << 16];
    for (;;) {
      ssize_t n = recv(w.fd, buf, sizeof buf, 0);
      if (n > 0) {
        w.in.append(buf, static_cast<std::size_t>(n));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      eof = true;
      break;
    }
    try {
      std::size_t consumed = 0;
      while (auto frame = protocol::take_frame(w.in, consumed)) {
        handle(w, *frame);
        if (!workers.count(worker_id)) return;
      }
      w.in.erase(0, consumed);
    } catch (const std::exception& e) {
      w.kill_reason = std::string("it sent a malformed message (") + e.what() + ")";
      eof = true;
    }
    if (eof) died(worker_id);
    else if (w.retiring && w.in_flight.empty() && w.checks.empty() && w.measures.empty()) retire(worker_id);
    dispatch();
  }

  void handle(Worker& w, const protocol::Frame& frame) {
    using Type = protocol::FromWorker::Type;
    protocol::FromWorker m = protocol::parse_from_worker(frame);
    switch (m.type) {
      case Type::Call: {
        auto job = w.in_flight.find(m.job);
        if (job == w.in_flight.end() || !job->second->started) return;
        std::uint64_t worker_id = w.id, job_id = m.job, call = m.call;
        ++job->second->calls_pending;
        job->second->evaluation.api(frame.payload, [this, worker_id, job_id, call](ApiReply reply) {
          auto wit = workers.find(worker_id);
          if (wit == workers.end()) return;
          auto jit = wit->second->in_flight.find(job_id);
          if (jit == wit->second->in_flight.end()) return;  // ended meanwhile
          Job& job = *jit->second;
          --job.calls_pending;
          job.excused += reply.excused;
          arm_backstop(*wit->second, job);
          send(*wit->second, {{"type", "api"}, {"job", job_id}, {"call", call}, {"thrown", reply.thrown}, {"excusedMs", reply.excused.count()}},
               reply.body);
        });
        return;
      }
      case Type::Started: {
        auto job = w.in_flight.find(m.job);
        if (job == w.in_flight.end() || job->second->started) return;
        job->second->started = true;
        job->second->started_at = io::Clock::time_point(std::chrono::nanoseconds(m.at_ns));
        arm_backstop(w, *job->second);
        return;
      }
      case Type::Done: {
        // After a broken limit the worker starts nothing else until it hears "resume", so
        // what the completion decides (cancelling the rest of a runaway signature) reaches
        // it first. Said even for a job already given up here (cancelled as it started).
        bool broke_limit = m.outcome.limit != Limit::None;
        std::uint64_t worker_id = w.id;
        if (auto job = w.in_flight.find(m.job); job != w.in_flight.end()) {
          auto owned = std::move(job->second);
          w.in_flight.erase(job);
          complete(*owned, std::move(m.outcome));
        }
        if (broke_limit)
          if (auto it = workers.find(worker_id); it != workers.end()) send(*it->second, {{"type", "resume"}});
        return;
      }
      case Type::Compiled: {
        auto range = w.checks.equal_range(m.script);
        if (range.first == range.second) return;  // nothing asked for it
        std::optional<ScriptError> error = m.error;
        if (error) {
          auto checked = w.checked_scripts.find(m.script);
          if (checked != w.checked_scripts.end()) error->filename = checked->second->filename;
        }
        std::vector<std::function<void(std::optional<ScriptError>)>> callbacks;
        for (auto it = range.first; it != range.second; ++it) callbacks.push_back(std::move(it->second));
        w.checks.erase(range.first, range.second);
        for (auto& cb : callbacks) cb(error);
        return;
      }
      case Type::Measured:
        if (!w.measures.empty()) {
          auto cb = std::move(w.measures.front());
          w.measures.pop_front();
          cb(m.us_per_realm);
        }
        return;
      case Type::Retire: w.retiring = true; return;
      case Type::Ready:
        w.ready = true;
        start_failures = 0;
        return;
      case Type::Fatal: w.fatal = m.message; return;
    }
  }

  void complete(Job& job, Outcome outcome) {
    if (job.backstop) loop.cancel_timer(job.backstop);
    job.backstop = 0;
    ++stats.evaluations;
    if (job.evaluation.on_done) job.evaluation.on_done(std::move(outcome));
  }

  // Death and replacement ---------------------------------------------------------------

  // Closing the socket ends a worker; a retired one has nothing in flight to lose.
  void retire(std::uint64_t worker_id) {
    auto it = workers.find(worker_id);
    std::unique_ptr<Worker> w = std::move(it->second);
    workers.erase(it);
    loop.unwatch(w->fd);
    close(w->fd);
    reap(w->pid);
  }

  int reap(pid_t pid, rusage* usage = nullptr) {
    int status = 0;
    // The process is exiting (its socket closed): give it a moment, then insist.
    for (int i = 0; i < 100; ++i) {
      if (wait4(pid, &status, WNOHANG, usage) != 0) return status;
      usleep(1000);
    }
    kill(pid, SIGKILL);
    wait4(pid, &status, 0, usage);
    return status;
  }

  std::string out_of_memory_message() const {
    return "out of memory (the sandbox allows " + std::to_string(limits.memory_bytes >> 20) +
           " MiB per worker; its worker crashed reaching the limit)";
  }

  void died(std::uint64_t worker_id) {
    auto it = workers.find(worker_id);
    if (it == workers.end()) return;
    std::unique_ptr<Worker> w = std::move(it->second);
    workers.erase(it);
    loop.unwatch(w->fd);
    close(w->fd);
    rusage usage{};
    int status = reap(w->pid, &usage);
    ++stats.workers_died;
    // SpiderMonkey crashes on purpose where an allocation may not fail; a worker that did so
    // after filling more than half its data limit ran out of memory there. With one
    // evaluation started, that one did it.
    bool memory_crash = WIFSIGNALED(status) && (WTERMSIG(status) == SIGSEGV || WTERMSIG(status) == SIGBUS) &&
                        std::size_t(usage.ru_maxrss) * 1024 >= limits.memory_bytes / 2;
    if (memory_crash && !w->culprit) {
      std::size_t started = 0;
      for (auto& [job_id, job] : w->in_flight)
        if (job->started) {
          ++started;
          w->culprit = job_id;
        }
      if (started != 1) w->culprit = 0;
    }
    std::string cause = !w->kill_reason.empty() ? w->kill_reason
                        : !w->fatal.empty()     ? "it could not start: " + w->fatal
                                                : describe_exit(status);
    if (!w->ready) {
      ++start_failures;
      last_start_failure = cause;
    }
    // Evaluations that merely shared the worker get one more try on a fresh one; the one
    // that broke it (when known), or any on its second death, ends as Error.
    std::deque<std::unique_ptr<Job>> retry;
    for (auto& [job_id, job] : w->in_flight) {
      bool culprit = job_id == w->culprit;
      if (!culprit && job->retries == 0 && w->ready && can_spawn()) {
        ++job->retries;
        job->started = false;
        job->calls_pending = 0;
        job->excused = {};
        if (job->backstop) loop.cancel_timer(job->backstop);
        job->backstop = 0;
        retry.push_back(std::move(job));
      } else if (culprit && memory_crash) {
        complete(*job, error_outcome(out_of_memory_message(), Limit::Memory));
      } else if (culprit) {
        complete(*job, error_outcome("time limit exceeded (the signature did not respond to the interrupt; its sandbox worker was restarted)",
                                     Limit::Time));
      } else {
        complete(*job, error_outcome("the sandbox worker running this evaluation died: " + cause));
      }
    }
    while (!retry.empty()) {
      queue.push_front(std::move(retry.back()));
      retry.pop_back();
    }
    for (auto& [script, cb] : w->checks) cb(ScriptError{"the sandbox worker died while compiling: " + cause, 0, 0, ""});
    for (auto& cb : w->measures) cb(-1);
    if (!can_spawn()) fail_queued("the sandbox workers cannot start: " + last_start_failure);
  }

  void fail_queued(const std::string& why) {
    auto jobs = std::move(queue);
    queue.clear();
    for (auto& job : jobs) complete(*job, error_outcome(why));
  }

  // Dispatching --------------------------------------------------------------------------

  void ensure_script(Worker& w, const Script& script) {
    if (remember_script(w, script.id)) send(w, {{"type", "compile"}, {"script", script.id}, {"filename", script.filename}}, script.source);
  }

  // Whether the worker must be sent `id`; if so, it is noted as the worker will hold it,
  // dropping what the worker drops (kMaxCachedScripts), so an evicted script is sent again.
  static bool remember_script(Worker& w, std::uint64_t id) {
    if (!w.scripts.insert(id).second) return false;
    w.script_order.push_back(id);
    while (w.script_order.size() > protocol::kMaxCachedScripts) {
      w.scripts.erase(w.script_order.front());
      w.script_order.pop_front();
    }
    return true;
  }

  void dispatch() {
    while (!queue.empty()) {
      auto now = io::Clock::now();
      if (now >= queue.front()->evaluation.deadline) {  // its time ran out while it waited
        auto job = std::move(queue.front());
        queue.pop_front();
        complete(*job, error_outcome("time limit exceeded", Limit::Time));
        continue;
      }
      if (!can_spawn() && workers.empty()) {
        fail_queued("the sandbox workers cannot start: " + last_start_failure);
        return;
      }
      Worker* w = pick_worker();
      if (!w) return;
      auto job = std::move(queue.front());
      queue.pop_front();
      const Evaluation& ev = job->evaluation;
      ensure_script(*w, *ev.script);
      nlohmann::json header = {{"type", "eval"}, {"job", job->id}, {"script", ev.script->id}};
      // The worker counts the budget from when it starts the evaluation; a fixed deadline
      // is sent as a point on the steady clock, which parent and worker share.
      if (ev.budget.count() > 0) header["budgetMs"] = ev.budget.count();
      if (ev.deadline != io::Clock::time_point::max())
        header["deadlineNs"] = std::chrono::duration_cast<std::chrono::nanoseconds>(ev.deadline.time_since_epoch()).count();
      send(*w, header, ev.resource_json);
      arm_backstop(*w, *job);
      w->in_flight.emplace(job->id, std::move(job));
    }
  }

  // A worker still busy past an evaluation's deadline plus grace is stuck in native code
  // that does not check interrupts: kill it. Armed when the worker starts the evaluation
  // (its budget counts from then), and at dispatch for a fixed deadline.
  void arm_backstop(Worker& w, Job& job) {
    const Evaluation& ev = job.evaluation;
    auto deadline = ev.deadline;
    if (job.started && ev.budget.count() > 0 && job.started_at + ev.budget + job.excused < deadline)
      deadline = job.started_at + ev.budget + job.excused;
    if (deadline == io::Clock::time_point::max()) return;
    if (job.backstop) loop.cancel_timer(job.backstop);
    std::uint64_t worker_id = w.id, job_id = job.id;
    job.backstop = loop.add_timer(deadline + limits.kill_grace, [this, worker_id, job_id] { backstop(worker_id, job_id); });
  }

  void backstop(std::uint64_t worker_id, std::uint64_t job_id) {
    auto it = workers.find(worker_id);
    if (it == workers.end()) return;
    Worker& w = *it->second;
    auto job = w.in_flight.find(job_id);
    if (job == w.in_flight.end()) return;
    job->second->backstop = 0;
    // Waiting for its own apiCaller answers is not being stuck (the worker's clock for it
    // stops too, see the worker's expire()); the answer re-arms the timer.
    if (job->second->calls_pending > 0 && job->second->evaluation.deadline == io::Clock::time_point::max()) return;
    w.kill_reason = "another evaluation in the same worker did not respond to its time limit";
    w.culprit = job_id;
    kill(w.pid, SIGKILL);
  }

  void evaluate(Evaluation ev) {
    auto job = std::make_unique<Job>();
    job->id = next_job++;
    job->evaluation = std::move(ev);
    queue.push_back(std::move(job));
    dispatch();
  }

  std::size_t cancel(const std::string& group, const std::string& reason) {
    std::vector<std::unique_ptr<Job>> cancelled;
    for (auto it = queue.begin(); it != queue.end();) {
      if ((*it)->evaluation.group == group) {
        cancelled.push_back(std::move(*it));
        it = queue.erase(it);
      } else {
        ++it;
      }
    }
    for (auto& [worker_id, w] : workers) {
      for (auto it = w->in_flight.begin(); it != w->in_flight.end();) {
        if (it->second->evaluation.group == group && !it->second->started) {
          send(*w, {{"type", "cancel"}, {"job", it->first}});  // the worker drops it unstarted
          cancelled.push_back(std::move(it->second));
          it = w->in_flight.erase(it);
        } else {
          ++it;
        }
      }
    }
    for (auto& job : cancelled) complete(*job, error_outcome(reason));
    return cancelled.size();
  }

  Worker* any_worker() {
    if (!workers.empty()) return workers.begin()->second.get();
    return can_spawn() ? spawn() : nullptr;
  }

  void check(std::shared_ptr<const Script> script, std::function<void(std::optional<ScriptError>)> done) {
    Worker* w = any_worker();
    if (!w) return done(ScriptError{"the sandbox workers cannot start: " + last_start_failure, 0, 0, script->filename});
    w->checked_scripts[script->id] = script;
    w->checks.emplace(script->id, std::move(done));
    remember_script(*w, script->id);  // compiled again even if held: the reply is wanted
    send(*w, {{"type", "compile"}, {"script", script->id}, {"filename", script->filename}, {"reply", true}}, script->source);
  }

  void measure(int count, RealmSetup setup, std::function<void(double)> done) {
    Worker* w = any_worker();
    if (!w) return done(-1);
    w->measures.push_back(std::move(done));
    send(*w, {{"type", "measure"}, {"count", count}, {"setup", static_cast<int>(setup)}});
  }

  std::size_t unfinished() const {
    std::size_t n = queue.size();
    for (auto& [id, w] : workers) n += w->in_flight.size();
    return n;
  }
};

Sandbox::Sandbox(io::EventLoop& loop, Limits limits) : impl_(std::make_unique<Impl>(loop, limits)) {}
Sandbox::~Sandbox() = default;
void Sandbox::check(std::shared_ptr<const Script> script, std::function<void(std::optional<ScriptError>)> done) {
  impl_->check(std::move(script), std::move(done));
}
void Sandbox::evaluate(Evaluation evaluation) { impl_->evaluate(std::move(evaluation)); }
std::size_t Sandbox::cancel(const std::string& group, const std::string& reason) { return impl_->cancel(group, reason); }
void Sandbox::measure_realm(int count, RealmSetup setup, std::function<void(double)> done) {
  impl_->measure(count, setup, std::move(done));
}
std::size_t Sandbox::unfinished() const { return impl_->unfinished(); }
const Stats& Sandbox::stats() const { return impl_->stats; }
const Limits& Sandbox::limits() const { return impl_->limits; }

}  // namespace signet::sandbox
