// Runs every signature in hostile/ (escape attempts, pollution, runaway code, memory bombs,
// floods, hostile values). The first line of each says what it must end as:
//   // expect: <Pass|Fail|Error>[: <regex the message must contain>]
// and optionally a time limit other than 1.5 s:  // budget-ms: <milliseconds>
// After each one, a normal signature must still run correctly on the same sandbox.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <fstream>
#include <regex>
#include <sstream>

#include "sandbox/test_harness.h"

using namespace signet::sandbox;
using namespace signet::sandbox::testing;
using namespace std::chrono_literals;

namespace {

struct HostileCase {
  std::string name;
  std::string source;
  std::string status;
  std::string pattern;
  std::chrono::milliseconds budget{1500};
};

std::vector<HostileCase> load_cases() {
  std::vector<HostileCase> cases;
  for (const auto& entry : std::filesystem::directory_iterator(SIGNET_HOSTILE_DIR)) {
    if (entry.path().extension() != ".js") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    HostileCase c{entry.path().stem().string(), text.str(), "", ""};
    std::smatch m;
    static const std::regex header(R"(^// expect: (Pass|Fail|Error)(?:: (.*))?\n)");
    if (std::regex_search(c.source, m, header)) {
      c.status = m[1];
      c.pattern = m[2];
    }
    static const std::regex budget(R"(// budget-ms: (\d+))");
    if (std::regex_search(c.source, m, budget)) c.budget = std::chrono::milliseconds(std::stoi(m[1]));
    cases.push_back(std::move(c));
  }
  std::sort(cases.begin(), cases.end(), [](auto& a, auto& b) { return a.name < b.name; });
  return cases;
}

void PrintTo(const HostileCase& c, std::ostream* os) { *os << c.name << ".js"; }

// A well-behaved signature that also checks nothing leaked into its fresh global.
const char* kNormalSignature = R"(module.exports = async (apiCaller, resource) => {
  const answer = await apiCaller({ service: "IAM", endpoint: "ListUsers", params: { N: resource.name } });
  const clean = ({}).polluted === undefined && ({}).statusSig === undefined && typeof globalThis.leak === "undefined" &&
    JSON.stringify({ a: [1] }) === '{"a":[1]}' && [1].map((x) => x + 1)[0] === 2 && !Object.isFrozen(Object.prototype);
  return { statusSig: clean && answer.params.N === resource.name, statusMessage: "normal" };
};)";

// Keeps every core busy while it lives, so the corpus also runs on a machine slower than
// this one: no probe may end by a different cause when its worker gets less of the CPU.
class CpuLoad {
 public:
  CpuLoad() {
    for (unsigned i = 0; i < std::max(1u, std::thread::hardware_concurrency()); ++i)
      spinners_.emplace_back([this] {
        volatile std::uint64_t x = 0;
        while (!stop_.load(std::memory_order_relaxed)) x = x + 1;
      });
  }
  ~CpuLoad() {
    stop_ = true;
    for (auto& t : spinners_) t.join();
  }

 private:
  std::atomic<bool> stop_{false};
  std::vector<std::thread> spinners_;
};

void expect_ends_as_expected(const HostileCase& c) {
  ASSERT_FALSE(c.status.empty()) << c.name << ".js lacks its '// expect:' first line";
  auto outcome = shared_harness().run(c.source, c.budget);
  std::string message = outcome.message.value_or("");
  EXPECT_EQ(to_string(outcome.status), c.status) << c.name << ": " << message;
  if (!c.pattern.empty()) {
    EXPECT_TRUE(std::regex_search(message, std::regex(c.pattern))) << c.name << ": message was: " << message.substr(0, 300);
  }
  for (const auto& line : outcome.console) EXPECT_LE(line.text.size(), (1u << 20) + 64);

  auto normal = shared_harness().run(kNormalSignature, 5000ms);
  EXPECT_EQ(normal.status, Status::Pass) << "after " << c.name << ": " << normal.message.value_or("");
  EXPECT_EQ(normal.message.value_or(""), "normal");
}

class Hostile : public ::testing::TestWithParam<HostileCase> {};
TEST_P(Hostile, EndsAsExpectedAndTheSandboxStaysUsable) { expect_ends_as_expected(GetParam()); }

class HostileUnderLoad : public ::testing::TestWithParam<HostileCase> {};
TEST_P(HostileUnderLoad, EndsAsExpectedWithEveryCoreBusy) {
  CpuLoad load;
  expect_ends_as_expected(GetParam());
}

std::string case_name(const ::testing::TestParamInfo<HostileCase>& info) {
  std::string n = info.param.name;
  for (auto& ch : n) if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return n;
}
INSTANTIATE_TEST_SUITE_P(Corpus, Hostile, ::testing::ValuesIn(load_cases()), case_name);
INSTANTIATE_TEST_SUITE_P(Corpus, HostileUnderLoad, ::testing::ValuesIn(load_cases()), case_name);

TEST(HostileCorpus, HasAtLeastFortyCases) { EXPECT_GE(load_cases().size(), 40u); }

TEST(HostileCorpus, FloodsAreCappedVisibly) {
  auto flood = shared_harness().run("module.exports = () => { for (let i = 0; i < 2e6; i++) console.log('spam', i); return { statusSig: true }; };");
  ASSERT_EQ(flood.status, Status::Pass);
  EXPECT_TRUE(flood.console_truncated);
  EXPECT_NE(flood.console.back().text.find("console output truncated"), std::string::npos);
  std::size_t total = 0;
  for (auto& l : flood.console) total += l.text.size();
  EXPECT_LE(total, 1u << 20);

  auto huge = shared_harness().run("module.exports = () => ({ statusSig: true, statusMessage: 'x'.repeat(5e7) });");
  ASSERT_EQ(huge.status, Status::Pass);
  EXPECT_LE(huge.message->size(), 70u * 1024);
  EXPECT_NE(huge.message->find("[message truncated]"), std::string::npos);
}

}  // namespace
