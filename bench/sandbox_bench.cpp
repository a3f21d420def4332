// Sandbox throughput: evaluations per second, each in a fresh global.
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "engine/api_request.h"
#include "engine/recorded_calls.h"
#include "io/event_loop.h"
#include "sandbox/sandbox.h"

using namespace signet;
using nlohmann::json;

namespace {

constexpr const char* kTrivial = "module.exports = (apiCaller, resource) => ({ statusSig: resource.name.length > 3 });";
constexpr const char* kAwaiting = R"(module.exports = async (apiCaller, resource) => {
  const res = await apiCaller({ service: "IAM", endpoint: "listMFADevices", params: { UserName: "alice" } });
  return { statusSig: res[0][0].apiResponse.length > 0, statusMessage: "MFA" };
};)";

struct Figures {
  double per_second;
  std::size_t errors;
};

Figures measure(const char* source, unsigned workers, int evaluations, std::shared_ptr<engine::CallSource> calls) {
  io::EventLoop loop;
  sandbox::Limits limits;
  limits.workers = workers;
  sandbox::Sandbox box(loop, limits);
  auto script = sandbox::Script::make(source, "bench.js");
  std::string resource = R"({"id":"AIDA1","name":"alice","region":"us-east-1","service":"IAM","tags":{},"data":{}})";

  auto run = [&](int count) {
    int done = 0;
    std::size_t errors = 0;
    auto deadline = io::Clock::now() + std::chrono::minutes(5);
    for (int i = 0; i < count; ++i)
      box.evaluate({script, resource, deadline, engine::make_api_handler(calls, "us-east-1"), [&](sandbox::Outcome o) {
                      ++done;
                      errors += o.status == sandbox::Status::Error;
                      if (o.status == sandbox::Status::Error && errors == 1)
                        std::fprintf(stderr, "error: %s\n", o.message.value_or("").c_str());
                    }});
    loop.run_until([&] { return done == count; });
    return errors;
  };
  run(static_cast<int>(workers) * 200);  // start the workers and warm their JITs
  auto start = io::Clock::now();
  std::size_t errors = run(evaluations);
  double seconds = std::chrono::duration<double>(io::Clock::now() - start).count();
  return {evaluations / seconds, errors};
}

// One evaluation that settles `count` microtasks, in a fresh worker: per second, and the
// worker's peak resident memory (it reports its own).
void microtasks(const char* name, const std::string& source, double count) {
  io::EventLoop loop;
  sandbox::Sandbox box(loop, sandbox::Limits{1});
  auto script = sandbox::Script::make(source, "bench.js");
  std::optional<sandbox::Outcome> outcome;
  auto start = io::Clock::now();
  box.evaluate({script, "{}", start + std::chrono::minutes(5), nullptr, [&](sandbox::Outcome o) { outcome = std::move(o); }});
  loop.run_until([&] { return outcome.has_value(); });
  double seconds = std::chrono::duration<double>(io::Clock::now() - start).count();
  std::printf("  %-36s %.0e in one evaluation: %10.0f /s, worker peak RSS %6.1f MiB%s\n", name, count, count / seconds,
              outcome->worker_peak_rss_bytes / 1048576.0,
              outcome->status == sandbox::Status::Pass ? "" : ("  (" + outcome->message.value_or("error") + ")").c_str());
}

// Mean CPU cost of a fresh realm in one worker, set up as an evaluation's is, without or with
// lib (its core, or every part).
double realm_us(sandbox::RealmSetup setup) {
  io::EventLoop loop;
  sandbox::Sandbox box(loop, sandbox::Limits{1});
  double us = -1;
  box.measure_realm(200, setup, [&](double) {});  // warm up
  box.measure_realm(2000, setup, [&](double v) { us = v; });
  loop.run_until([&] { return us != -1; });
  return us;
}

}  // namespace

int main(int argc, char** argv) {
  sandbox::run_worker_if_requested(argc, argv);
  int evaluations = argc > 1 ? std::atoi(argv[1]) : 20000;
  auto calls = engine::RecordedCalls::from_json(json::parse(R"([{"service":"IAM","endpoint":"ListMFADevices",
      "params":{"UserName":"alice"},"apiResponse":[{"UserName":"alice","SerialNumber":"arn:aws:iam::123456789012:mfa/alice"}]}])"),
                                                "bench");
  double realm = realm_us(sandbox::RealmSetup::Bare), with_lib = realm_us(sandbox::RealmSetup::WithLib),
         every_part = realm_us(sandbox::RealmSetup::WithEveryLibPart);
  std::printf("sandbox benchmark: %d evaluations per figure, a fresh global each\n", evaluations);
  std::printf("  fresh global set up for an evaluation:       %8.1f us CPU  (%.0f /s on one core)\n", realm, 1e6 / realm);
  std::printf("  ... with lib (every evaluation gets it):     %8.1f us CPU  (lib costs %.1f us per evaluation)\n", with_lib,
              with_lib - realm);
  std::printf("  ... with every part of lib loaded:           %8.1f us CPU  (a signature using all of lib: +%.1f us)\n", every_part,
              every_part - realm);
  for (auto [name, source] : {std::pair{"trivial signature", kTrivial}, std::pair{"awaits a recorded apiCaller answer", kAwaiting}}) {
    for (unsigned workers : {1u, 2u}) {
      Figures f = measure(source, workers, evaluations, calls);
      std::printf("  %-36s %u worker%s: %8.0f evaluations/s%s\n", name, workers, workers == 1 ? " " : "s", f.per_second,
                  f.errors ? "  (SOME ERRORED)" : "");
    }
  }
  const double n = 1e7;  // as written in the sources below
  microtasks("await null in a loop", "module.exports = async () => { for (let i = 0; i < " + std::string("1e7") +
                                         "; i++) await null; return { statusSig: true }; };", n);
  microtasks("chain of .then() callbacks", "module.exports = () => new Promise((resolve) => { let n = 0; const step = () => { if (++n === " +
                                               std::string("1e7") + ") resolve({ statusSig: true }); else Promise.resolve().then(step); }; step(); });", n);
  return 0;
}
