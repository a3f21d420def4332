#pragma once
// The worker side of the sandbox: one SpiderMonkey context on the worker's thread, running
// many evaluations interleaved (each in its own fresh global) on its own job queue.
// Internal to the sandbox module; this is the only code that includes mozjs headers.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sandbox/sandbox.h"

namespace signet::sandbox {

struct EngineConfig {
  std::size_t memory_bytes;   // the worker's RLIMIT_DATA; the GC heap is capped below it
  std::size_t stack_bytes;
  std::size_t console_bytes;
};

class JsEngine {
 public:
  using Clock = std::chrono::steady_clock;
  // Where the engine's messages to the parent go (header, payload).
  using Send = std::function<void(const nlohmann::json&, std::string_view)>;

  JsEngine(const EngineConfig& config, Send send);
  ~JsEngine();

  // Starts the thread that interrupts JavaScript running past its deadline. Must run before
  // the seccomp filter is installed (it creates a thread).
  void start_watchdog();

  void compile(std::uint64_t script, const std::string& filename, const std::string& source, bool reply);
  // `budget_deadline` moves later by each answer's excused wait; `hard_deadline` never does.
  void start(std::uint64_t job, std::uint64_t script, const std::string& resource_json, Clock::time_point budget_deadline,
             Clock::time_point hard_deadline);
  // Ends a started evaluation now as an Error with `message` (it is reported as done).
  void cancel(std::uint64_t job, const std::string& message);
  void api_reply(std::uint64_t job, std::uint64_t call, bool thrown, const std::string& body, std::chrono::milliseconds excused);
  void measure_realm(int count, RealmSetup setup);

  // Ends evaluations whose deadline has passed; returns the next deadline, if any.
  std::optional<Clock::time_point> expire();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace signet::sandbox
