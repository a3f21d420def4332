#pragma once
// Runs signatures synchronously in tests: one loop, one sandbox, answers from a lambda.
#include <chrono>
#include <string>
#include <vector>

#include "sandbox/sandbox.h"

namespace signet::sandbox::testing {

inline Limits test_limits() {
  Limits limits;
  limits.workers = 2;
  limits.memory_bytes = 256u << 20;
  limits.kill_grace = std::chrono::milliseconds(3000);
  return limits;
}

// Echoes the request back, so `await apiCaller(x)` resolves to x.
inline void echo_api(const std::string& request, std::function<void(ApiReply)> reply) { reply({false, request}); }

struct Harness {
  io::EventLoop loop;
  Sandbox box;
  explicit Harness(Limits limits = test_limits()) : box(loop, limits) {}

  std::vector<Outcome> run_many(const std::string& source, const std::vector<std::string>& resources,
                                std::chrono::milliseconds budget = std::chrono::milliseconds(5000),
                                ApiHandler api = echo_api) {
    auto script = Script::make(source, "signature.js");
    std::vector<Outcome> outcomes(resources.size());
    std::size_t done = 0;
    auto deadline = io::Clock::now() + budget;
    for (std::size_t i = 0; i < resources.size(); ++i)
      box.evaluate({script, resources[i], deadline, api, [&, i](Outcome o) {
                      outcomes[i] = std::move(o);
                      ++done;
                    }});
    loop.run_until([&] { return done == resources.size(); });
    return outcomes;
  }

  Outcome run(const std::string& source, std::chrono::milliseconds budget = std::chrono::milliseconds(5000),
              ApiHandler api = echo_api,
              std::string resource = R"({"id":"AIDA1","name":"alice","region":"us-east-1","tags":{}})") {
    return run_many(source, {resource}, budget, api)[0];
  }

  std::optional<ScriptError> check(const std::string& source) {
    std::optional<ScriptError> result;
    bool done = false;
    box.check(Script::make(source, "signature.js"), [&](std::optional<ScriptError> e) {
      result = std::move(e);
      done = true;
    });
    loop.run_until([&] { return done; });
    return result;
  }
};

// One harness (loop and workers) for a whole test binary, made on first use.
inline Harness& shared_harness() {
  static Harness h;
  return h;
}

// An outcome's message for a failing assertion.
inline std::string message(const Outcome& o) { return o.message.value_or("<none>"); }

}  // namespace signet::sandbox::testing
