#pragma once
// The signature sandbox: runs untrusted JavaScript signatures in locked-down worker
// processes. This header is the whole public surface; it has no SpiderMonkey types.
//
//   io::EventLoop loop;
//   sandbox::Sandbox box(loop);
//   auto script = sandbox::Script::make(source, "signature.js");
//   box.evaluate({script, resource_json, deadline, api_handler, on_done});
//   loop.run_until(...);
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/event_loop.h"

namespace signet::sandbox {

struct Limits {
  unsigned workers = 0;                           // worker processes; 0 = one per core
  std::size_t memory_bytes = 512u << 20;          // RLIMIT_DATA of each worker
  std::size_t stack_bytes = 1u << 20;             // JavaScript native stack quota
  std::size_t console_bytes = 1u << 20;           // console output kept per evaluation
  unsigned max_in_flight_per_worker = 64;         // evaluations interleaved in one worker
  std::chrono::milliseconds kill_grace{5000};     // past a deadline, a worker that does not
                                                  // yield is killed and replaced
};

enum class Status { Pass, Fail, Error };
const char* to_string(Status status);

// The sandbox limit that ended an evaluation, if one did.
enum class Limit { None, Time, Memory };

struct ConsoleLine {
  std::string level;  // log, info, warn, error, debug
  std::string text;
};

// What one evaluation (one signature on one resource) gave.
struct Outcome {
  Status status = Status::Error;
  // For Pass/Fail: the signature's statusMessage, if it gave one. For Error: the cause.
  std::optional<std::string> message;
  std::vector<ConsoleLine> console;
  bool console_truncated = false;
  double duration_ms = 0;
  Limit limit = Limit::None;  // set when the evaluation ended by its time or memory limit
  std::size_t worker_peak_rss_bytes = 0;  // the worker's peak resident memory so far
};

// A signature's source, compiled at most once per worker however many resources it runs on.
struct Script {
  std::uint64_t id;
  std::string source;
  std::string filename;  // shown in error locations, e.g. "signature.js"
  static std::shared_ptr<const Script> make(std::string source, std::string filename);
};

// A compile error located in the user's own source (1-based line and column).
struct ScriptError {
  std::string message;  // e.g. "SyntaxError: missing } after function body"
  int line = 0;
  int column = 0;
  std::string filename;
  std::string to_string() const;  // "SyntaxError: ... (signature.js:9:3)"
};

// The answer to one apiCaller request. `body` is the JSON the promise resolves with, or,
// when `thrown`, the message of the Error the promise rejects with.
struct ApiReply {
  bool thrown = false;
  std::string body;
  // Time the answer spent waiting on the backend's rate limits: added to the evaluation's
  // budget (not to a fixed deadline), since the cloud's throttling is not the signature's fault.
  std::chrono::milliseconds excused{0};
};
// Answers one apiCaller request (the JSON text of its argument). Must call `reply` exactly
// once, on the loop thread (post() to the loop from other threads).
using ApiHandler = std::function<void(const std::string& request_json, std::function<void(ApiReply)> reply)>;

struct Evaluation {
  std::shared_ptr<const Script> script;
  std::string resource_json;                  // the `resource` argument, a JSON object
  io::Clock::time_point deadline;             // Error "time limit exceeded" past this
  ApiHandler api;
  std::function<void(Outcome)> on_done;       // called once, on the loop thread
  // When set, the evaluation's own time limit counted from when a worker starts it (scans:
  // waiting in a queue is not the signature's fault); `deadline` still caps it.
  std::chrono::milliseconds budget{0};
  // Evaluations that cancel() can end together before they start (a scan: the signature).
  std::string group;
};

struct Stats {
  std::uint64_t workers_started = 0;
  std::uint64_t workers_died = 0;
  std::uint64_t evaluations = 0;
};

// How a realm is set up, for measuring: as an evaluation's before its signature runs
// (globals, a parsed resource), with lib as every evaluation gets it too (its core), or with
// every part of lib loaded as well (a signature using all of lib).
enum class RealmSetup { Bare = 0, WithLib = 1, WithEveryLibPart = 2 };

class Sandbox {
 public:
  explicit Sandbox(io::EventLoop& loop, Limits limits = {});
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  // Compiles `script` in a worker without running it; `done` gets the error, if any.
  void check(std::shared_ptr<const Script> script, std::function<void(std::optional<ScriptError>)> done);
  void evaluate(Evaluation evaluation);
  // Ends every evaluation of `group` that has not started yet as an Error with `reason`
  // (on_done is called for each before this returns); started ones run to their end.
  // Returns how many it ended.
  std::size_t cancel(const std::string& group, const std::string& reason);

  // Creates `count` fresh realms in a worker, set up as `setup` says; `done` gets the mean
  // cost in microseconds.
  void measure_realm(int count, RealmSetup setup, std::function<void(double)> done);

  std::size_t unfinished() const;  // evaluations queued or running
  const Stats& stats() const;
  const Limits& limits() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// lib, the helper library every signature gets as its third argument: its documentation as
// JSON text, [{name, kind ("function"|"value"), signature, returns, doc, example}], extracted
// at build time from the library's own sources (lib/*.js).
const char* lib_documentation();

// Every binary that creates a Sandbox must call this first thing in main(): workers are
// this same executable re-executed in worker mode. Returns only if not in worker mode.
void run_worker_if_requested(int argc, char** argv);

}  // namespace signet::sandbox
