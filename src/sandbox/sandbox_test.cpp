#include "sandbox/sandbox.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>

#include "sandbox/protocol.h"
#include "sandbox/test_harness.h"

using namespace signet::sandbox;
using namespace signet::sandbox::testing;
using namespace std::chrono_literals;

TEST(Sandbox, SyncSignaturePassesWithItsMessage) {
  auto o = shared_harness().run("module.exports = function (api, r) { return { statusSig: r.name === 'alice', statusMessage: 'hi ' + r.name }; };");
  EXPECT_EQ(o.status, Status::Pass) << message(o);
  EXPECT_EQ(message(o), "hi alice");
}

TEST(Sandbox, AsyncSignatureFailsWithoutMessage) {
  auto o = shared_harness().run("module.exports = async (api, r) => ({ statusSig: false });");
  EXPECT_EQ(o.status, Status::Fail) << message(o);
  EXPECT_FALSE(o.message.has_value());
}

TEST(Sandbox, ApiCallerRoundTripsThroughTheParent) {
  std::string seen;
  auto o = shared_harness().run(R"(module.exports = async (apiCaller, r) => {
      const res = await apiCaller({ service: "IAM", endpoint: "listMFADevices", params: { UserName: r.name } });
      return { statusSig: res.params.UserName === "alice", statusMessage: res.endpoint };
    };)",
                         5s, [&](const std::string& request, std::function<void(ApiReply)> reply) {
                           seen = request;
                           reply({false, request});
                         });
  EXPECT_EQ(o.status, Status::Pass) << message(o);
  EXPECT_EQ(message(o), "listMFADevices");
  EXPECT_NE(seen.find("\"UserName\":\"alice\""), std::string::npos) << seen;
}

TEST(Sandbox, ApiCallerThrowsWhatTheBackendRefuses) {
  auto o = shared_harness().run(R"(module.exports = async (apiCaller) => {
      try { await apiCaller({ service: "nope" }); } catch (e) { return { statusSig: false, statusMessage: "caught: " + e.message }; }
      return { statusSig: true };
    };)",
                         5s, [](const std::string&, std::function<void(ApiReply)> reply) { reply({true, "unknown service 'nope'"}); });
  EXPECT_EQ(o.status, Status::Fail);
  EXPECT_EQ(message(o), "caught: unknown service 'nope'");
}

TEST(Sandbox, ConsoleLinesAreCapturedWithLevelsAndObjectsAsJson) {
  auto o = shared_harness().run(R"(module.exports = (api, r) => {
      console.log("user", r.name); console.warn({ a: 1, b: [true, null] }); console.error(new TypeError("bad"));
      console.debug(undefined, 3); console.info(r.tags);
      return { statusSig: true };
    };)");
  ASSERT_EQ(o.status, Status::Pass) << message(o);
  ASSERT_EQ(o.console.size(), 5u);
  EXPECT_EQ(o.console[0].level, "log");
  EXPECT_EQ(o.console[0].text, "user alice");
  EXPECT_EQ(o.console[1].level, "warn");
  EXPECT_EQ(o.console[1].text, R"({"a":1,"b":[true,null]})");
  EXPECT_EQ(o.console[2].level, "error");
  EXPECT_EQ(o.console[2].text.rfind("TypeError: bad (signature.js:2:", 0), 0u) << o.console[2].text;
  EXPECT_NE(o.console[2].text.find("\n"), std::string::npos) << "errors print their stack";
  EXPECT_EQ(o.console[3].text, "undefined 3");
  EXPECT_EQ(o.console[4].text, "{}");
}

TEST(Sandbox, SyntaxErrorsAreReportedWithLineAndColumnBeforeRunning) {
  auto error = shared_harness().check("module.exports = async function (apiCaller, resource) {\n  if (x {\n}\n");
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->line, 2);
  EXPECT_EQ(error->column, 9);
  EXPECT_EQ(error->to_string().rfind("SyntaxError: ", 0), 0u) << error->to_string();
  EXPECT_NE(error->to_string().find("(signature.js:2:9)"), std::string::npos) << error->to_string();
  EXPECT_FALSE(shared_harness().check("module.exports = () => ({ statusSig: true });").has_value());
}

TEST(Sandbox, EvaluatingABrokenScriptIsAnErrorNamingTheSyntaxError) {
  auto o = shared_harness().run("module.exports = function ( {");
  EXPECT_EQ(o.status, Status::Error);
  EXPECT_NE(message(o).find("SyntaxError"), std::string::npos) << message(o);
  EXPECT_NE(message(o).find("signature.js:1:"), std::string::npos) << message(o);
}

TEST(Sandbox, UncaughtExceptionsCarryMessageLineAndColumn) {
  auto o = shared_harness().run("module.exports = async (api, r) => {\n  const x = null;\n  return x.y;\n};");
  EXPECT_EQ(o.status, Status::Error);
  EXPECT_EQ(message(o).rfind("TypeError: ", 0), 0u) << message(o);
  EXPECT_NE(message(o).find("(signature.js:3:"), std::string::npos) << message(o);

  auto thrown = shared_harness().run("module.exports = () => {\n  throw new Error('boom');\n};");
  EXPECT_EQ(message(thrown), "Error: boom (signature.js:2:9)");
}

TEST(Sandbox, WrongReturnValuesSayWhatWasExpected) {
  struct Case { const char* body; const char* says; };
  const Case cases[] = {
      {"module.exports = () => {};", "got undefined"},
      {"module.exports = () => ({ statusSig: 'yes' });", "statusSig is a string (\"yes\"), not a boolean"},
      {"module.exports = () => new Proxy({ statusSig: true }, {});", "got a Proxy"},
      {"module.exports = () => ({ get statusSig() { throw new Error('x'); } });", "statusSig is a getter"},
      {"module.exports = () => ({ statusSig: true, statusMessage: 42 });", "statusMessage is not a string"},
      {"module.exports = () => 'pass';", "got a string"},
      {"module.exports = {};", "module.exports must be a function"},
  };
  for (const auto& c : cases) {
    auto o = shared_harness().run(c.body);
    EXPECT_EQ(o.status, Status::Error) << c.body;
    EXPECT_NE(message(o).find(c.says), std::string::npos) << c.body << " -> " << message(o);
    if (std::string(c.body).find("Proxy") == std::string::npos && std::string(c.body).find("{};") == std::string::npos) {
      EXPECT_NE(message(o).find("statusSig: boolean"), std::string::npos) << message(o);
    }
  }
}

TEST(Sandbox, ManyResourcesInterleaveWhileAwaitingSlowCalls) {
  // 1,000 evaluations whose one call is answered 20 ms later: concurrent, not 20 s in a row.
  signet::io::EventLoop* loop = &shared_harness().loop;
  auto slow = [loop](const std::string& request, std::function<void(ApiReply)> reply) {
    loop->add_timer(signet::io::Clock::now() + 20ms, [reply, request] { reply({false, request}); });
  };
  std::vector<std::string> resources;
  for (int i = 0; i < 1000; ++i) resources.push_back(R"({"name":"u)" + std::to_string(i) + R"("})");
  auto start = signet::io::Clock::now();
  auto outcomes = shared_harness().run_many(
      "module.exports = async (api, r) => ({ statusSig: (await api({ n: r.name })).n === r.name });", resources, 30s, slow);
  auto elapsed = signet::io::Clock::now() - start;
  for (auto& o : outcomes) ASSERT_EQ(o.status, Status::Pass) << message(o);
  EXPECT_LT(elapsed, 4s);
}

namespace {
// The pids of this process's children (the sandbox workers).
std::vector<pid_t> child_pids() {
  std::vector<pid_t> pids;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream children(task.path() / "children");
    pid_t pid;
    while (children >> pid) pids.push_back(pid);
  }
  return pids;
}
}  // namespace

TEST(Sandbox, ADeadWorkerIsReplacedAndOnlyItsEvaluationsSuffer) {
  Harness h;
  // An evaluation parked on an apiCaller answer that never comes, while its worker is killed
  // from outside, twice: retried once on a fresh worker, then an Error naming the cause.
  std::optional<Outcome> parked;
  int calls = 0;
  auto script = Script::make("module.exports = async (api) => { await api({}); return { statusSig: true }; };", "s.js");
  h.box.evaluate({script, "{}", signet::io::Clock::now() + 20s,
                  [&](const std::string&, std::function<void(ApiReply)>) { ++calls; },
                  [&](Outcome o) { parked = std::move(o); }});
  for (int round = 1; round <= 2; ++round) {
    h.loop.run_until([&] { return calls == round; });
    for (pid_t pid : child_pids()) kill(pid, SIGKILL);
  }
  h.loop.run_until([&] { return parked.has_value(); });
  EXPECT_EQ(parked->status, Status::Error);
  EXPECT_NE(message(*parked).find("sandbox worker running this evaluation died: it was killed (SIGKILL)"), std::string::npos)
      << message(*parked);
  EXPECT_GE(h.box.stats().workers_died, 2u);
  auto after = h.run("module.exports = () => ({ statusSig: true, statusMessage: 'still here' });");
  EXPECT_EQ(message(after), "still here");
}

TEST(Sandbox, EachResourceStartsFromACleanGlobal) {
  auto outcomes = shared_harness().run_many(R"(
      globalThis.seen = (globalThis.seen || 0) + 1;
      Object.prototype.polluted = true;
      module.exports = () => ({ statusSig: globalThis.seen === 1 && ({}).polluted === true });)",
                                     {"{}", "{}", "{}", "{}"});
  for (auto& o : outcomes) EXPECT_EQ(o.status, Status::Pass) << message(o);
  auto after = shared_harness().run("module.exports = () => ({ statusSig: ({}).polluted === undefined && typeof seen === 'undefined' });");
  EXPECT_EQ(after.status, Status::Pass) << message(after);
}

// A worker keeps so many compiled scripts, dropping the oldest; a script it dropped is sent
// again when next evaluated (a scan with more signatures than that: the built-ins and more).
TEST(Sandbox, ScriptsAWorkerDroppedAreSentAgain) {
  Limits one = test_limits();
  one.workers = 1;
  Harness h(one);
  auto evaluate = [&](const std::shared_ptr<const Script>& script) {
    std::optional<Outcome> got;
    h.box.evaluate({script, "{}", signet::io::Clock::now() + 5s, echo_api, [&](Outcome o) { got = std::move(o); }});
    h.loop.run_until([&] { return got.has_value(); });
    return *got;
  };
  auto first = Script::make("module.exports = () => ({ statusSig: true, statusMessage: 'first' });", "first.js");
  EXPECT_EQ(evaluate(first).status, Status::Pass);
  for (std::size_t i = 0; i < protocol::kMaxCachedScripts + 3; ++i) {
    auto o = evaluate(Script::make("module.exports = () => ({ statusSig: " + std::to_string(i % 2 == 0) + " === 1 });", "s.js"));
    ASSERT_EQ(o.status, i % 2 == 0 ? Status::Pass : Status::Fail) << i << ": " << message(o);
  }
  auto again = evaluate(first);
  EXPECT_EQ(again.status, Status::Pass) << message(again);
  EXPECT_EQ(message(again), "first");
}

TEST(Sandbox, TimeLimitEndsRunawayCodeAsError) {
  auto o = shared_harness().run("module.exports = () => { for (;;) {} };", 300ms);
  EXPECT_EQ(o.status, Status::Error);
  EXPECT_EQ(message(o), "time limit exceeded");
  auto waiting = shared_harness().run("module.exports = async (api) => { await api({}); return { statusSig: true }; };", 300ms,
                               [](const std::string&, std::function<void(ApiReply)>) { /* never answers */ });
  EXPECT_EQ(message(waiting), "time limit exceeded");
}

TEST(Sandbox, EnvironmentIsEmptyOfHostPowers) {
  auto o = shared_harness().run(R"(module.exports = () => {
      const absent = ["require", "process", "setTimeout", "setInterval", "WebAssembly", "SharedArrayBuffer",
                      "Atomics", "WeakRef", "FinalizationRegistry", "fetch", "XMLHttpRequest", "os", "Deno", "Bun"]
        .filter((n) => typeof globalThis[n] !== "undefined");
      return { statusSig: absent.length === 0, statusMessage: absent.join(",") };
    };)");
  EXPECT_EQ(o.status, Status::Pass) << message(o);
}

TEST(Sandbox, MeasuresRealmCostBareAndWithLib) {
  for (auto setup : {RealmSetup::Bare, RealmSetup::WithLib, RealmSetup::WithEveryLibPart}) {
    double us = -1;
    shared_harness().box.measure_realm(50, setup, [&](double v) { us = v; });
    shared_harness().loop.run_until([&] { return us != -1; });
    EXPECT_GT(us, 0) << static_cast<int>(setup);
  }
}

// Memory follows what an evaluation retains, not how much of it ran: ten million settled
// microtasks keep the worker well under 100 MiB. (The worker reports its own peak RSS.)
TEST(Sandbox, TenMillionAwaitsKeepMemoryFlat) {
  Harness h;  // a fresh worker: its peak is this evaluation's alone
  auto o = h.run("module.exports = async () => { for (let i = 0; i < 1e7; i++) await null; return { statusSig: true }; };", 300s);
  ASSERT_EQ(o.status, Status::Pass) << message(o);
  EXPECT_GT(o.worker_peak_rss_bytes, 0u);
  EXPECT_LT(o.worker_peak_rss_bytes, 100u << 20);
}

TEST(Sandbox, TenMillionThenCallbacksKeepMemoryFlat) {
  Harness h;
  auto o = h.run(R"(module.exports = () => new Promise((resolve) => {
      let n = 0;
      // Block body: a callback that returned the next promise would chain every promise
      // to the next, which the language itself must keep.
      const step = () => { if (++n === 1e7) resolve({ statusSig: true }); else Promise.resolve().then(step); };
      step();
    });)", 300s);
  ASSERT_EQ(o.status, Status::Pass) << message(o);
  EXPECT_LT(o.worker_peak_rss_bytes, 100u << 20);
}

TEST(Sandbox, ABrokenLimitSaysWhichLimit) {
  auto slow = shared_harness().run("module.exports = () => { for (;;) {} };", 300ms);
  EXPECT_EQ(slow.limit, Limit::Time) << message(slow);
  auto big = shared_harness().run("module.exports = () => { const a = []; for (;;) a.push(new Array(1e6).fill(1.5)); };", 15000ms);
  EXPECT_EQ(big.limit, Limit::Memory) << message(big);
  auto thrown = shared_harness().run("module.exports = () => { throw new Error('no'); };");
  EXPECT_EQ(thrown.limit, Limit::None) << message(thrown);
}

// cancel() ends what has not started, on the parent's queue and in a worker's inbox, and
// leaves started evaluations alone. One worker, blocked by a runaway, holds the others.
TEST(Sandbox, CancelEndsUnstartedEvaluationsOfItsGroupOnly) {
  Limits limits = test_limits();
  limits.workers = 1;
  Harness h(limits);
  auto runaway = Script::make("module.exports = () => { for (;;) {} };", "runaway.js");
  auto normal = Script::make("module.exports = () => ({ statusSig: true });", "normal.js");
  std::vector<Outcome> runaway_outcomes, normal_outcomes;
  std::size_t cancelled = 0;
  auto add = [&](std::shared_ptr<const Script> script, std::string group, std::vector<Outcome>& into) {
    Evaluation ev{script, R"({"id":"r"})", signet::io::Clock::time_point::max(), echo_api, nullptr};
    ev.budget = 500ms;
    ev.group = group;
    ev.on_done = [&, group, &into = into](Outcome o) {
      if (group == "runaway" && o.limit == Limit::Time && cancelled == 0) cancelled = h.box.cancel("runaway", "skipped: runaway");
      into.push_back(std::move(o));
    };
    h.box.evaluate(std::move(ev));
  };
  for (int i = 0; i < 10; ++i) {
    add(runaway, "runaway", runaway_outcomes);
    add(normal, "normal", normal_outcomes);
  }
  h.loop.run_until([&] { return runaway_outcomes.size() + normal_outcomes.size() == 20; });
  ASSERT_EQ(normal_outcomes.size(), 10u);
  for (auto& o : normal_outcomes) EXPECT_EQ(o.status, Status::Pass) << message(o);
  // The worker waits for the parent's word after the first time-out, so the cancel reaches
  // it before it starts another runaway: exactly one ran.
  std::size_t timed_out = 0, skipped = 0;
  for (auto& o : runaway_outcomes) {
    timed_out += o.limit == Limit::Time;
    skipped += message(o) == "skipped: runaway";
  }
  EXPECT_EQ(timed_out, 1u);
  EXPECT_EQ(skipped, 9u);
  EXPECT_EQ(cancelled, 9u);
}

// Time an answer spent waiting on the backend's rate limits is added back to the budget,
// and the budget does not run out while the evaluation awaits its answers; real time past
// budget + excused is still a time-out.
TEST(Sandbox, WaitsOnRateLimitsDoNotCountAgainstTheBudget) {
  Harness h;
  auto script = Script::make(R"(module.exports = async (apiCaller) => {
      await apiCaller({ service: "IAM", endpoint: "ListUsers" });
      return { statusSig: true, statusMessage: "answered" };
    };)", "patient.js");
  auto run = [&](std::chrono::milliseconds excused) {
    std::optional<Outcome> outcome;
    Evaluation ev{script, "{}", signet::io::Clock::time_point::max(),
                  [&, excused](const std::string& request, std::function<void(ApiReply)> reply) {
                    h.loop.add_timer(signet::io::Clock::now() + 1500ms, [reply, request, excused] { reply({false, request, excused}); });
                  },
                  [&](Outcome o) { outcome = std::move(o); }};
    ev.budget = 500ms;
    h.box.evaluate(std::move(ev));
    h.loop.run_until([&] { return outcome.has_value(); });
    return *outcome;
  };
  auto excused = run(1400ms);
  EXPECT_EQ(excused.status, Status::Pass) << message(excused);
  auto not_excused = run(0ms);
  EXPECT_EQ(not_excused.status, Status::Error);
  EXPECT_EQ(not_excused.limit, Limit::Time) << message(not_excused);
}
