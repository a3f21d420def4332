#include "engine/test_run.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "engine/recorded_calls.h"
#include "sandbox/test_harness.h"

using namespace signet;
using namespace signet::engine;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {
std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
const std::string kExample = SIGNET_EXAMPLES_DIR "/mfa/";
}  // namespace

TEST(TestRun, TheShippedMfaExampleGivesAPassAndAFail) {
  io::EventLoop loop;
  sandbox::Sandbox box(loop, sandbox::testing::test_limits());
  auto meta = signature::parse_metadata_yaml(read(kExample + "mfa.yaml"));
  ASSERT_TRUE(meta.ok()) << signature::format_errors(meta.errors);
  auto resources = load_resources_file(kExample + "resources.json");
  auto calls = RecordedCalls::load_file(kExample + "calls.json");
  std::vector<std::string> streamed;
  auto report = run_test(loop, box, read(kExample + "mfa.js"), "mfa.js", &meta.metadata, resources, calls, {},
                         [&](const ResourceResult& r) { streamed.push_back(r.resource.name()); });
  ASSERT_FALSE(report.syntax_error);
  ASSERT_EQ(report.results.size(), 2u);
  EXPECT_EQ(report.results[0].outcome.status, sandbox::Status::Pass) << report.results[0].message;
  EXPECT_EQ(report.results[0].message, "MFA is enabled");
  EXPECT_EQ(report.results[1].outcome.status, sandbox::Status::Fail) << report.results[1].message;
  EXPECT_EQ(report.results[1].message, "MFA is not enabled");
  ASSERT_EQ(report.results[0].outcome.console.size(), 1u);
  EXPECT_EQ(report.results[0].outcome.console[0].text, "alice has 1 MFA device(s)");
  EXPECT_EQ(streamed.size(), 2u);
  EXPECT_TRUE(calls->missing().empty());
}

TEST(TestRun, MetadataMessagesFillInWhenTheSignatureGivesNone) {
  io::EventLoop loop;
  sandbox::Sandbox box(loop, sandbox::testing::test_limits());
  signature::Metadata meta;
  meta.pass_message = "all good";
  meta.fail_message = "not good";
  auto resources = std::vector<Resource>{normalize_resource(json{{"id", "a"}, {"region", "us-east-1"}}, "r"),
                                         normalize_resource(json{{"id", "b"}, {"region", "us-east-1"}}, "r")};
  auto report = run_test(loop, box, "module.exports = (api, r) => ({ statusSig: r.id === 'a' });", "s.js", &meta, resources,
                         RecordedCalls::from_json(json::array(), "none"), {});
  EXPECT_EQ(report.results[0].message, "all good");
  EXPECT_EQ(report.results[1].message, "not good");
}

TEST(TestRun, SyntaxErrorStopsBeforeAnythingRuns) {
  io::EventLoop loop;
  sandbox::Sandbox box(loop, sandbox::testing::test_limits());
  auto report = run_test(loop, box, "module.exports = async function () {\n  return {;\n};", "broken.js", nullptr,
                         {normalize_resource(json{{"id", "a"}, {"region", "us-east-1"}}, "r")},
                         RecordedCalls::from_json(json::array(), "none"), {});
  ASSERT_TRUE(report.syntax_error);
  EXPECT_TRUE(report.results.empty());
  EXPECT_EQ(report.syntax_error->line, 2);
  EXPECT_NE(report.syntax_error->to_string().find("(broken.js:2:"), std::string::npos) << report.syntax_error->to_string();
}

TEST(TestRun, TheRunHasOneOverallTimeLimit) {
  io::EventLoop loop;
  auto limits = sandbox::testing::test_limits();
  limits.max_in_flight_per_worker = 1;
  limits.workers = 1;
  sandbox::Sandbox box(loop, limits);
  std::vector<Resource> resources;
  for (int i = 0; i < 4; ++i) resources.push_back(normalize_resource(json{{"id", std::to_string(i)}, {"region", "x"}}, "r"));
  // Each resource spins 300 ms; one at a time, only the first three fit in 1 s.
  auto start = io::Clock::now();
  auto report = run_test(loop, box, "module.exports = () => { const t = Date.now(); while (Date.now() - t < 300) {} return { statusSig: true }; };",
                         "s.js", nullptr, resources, RecordedCalls::from_json(json::array(), "none"), {1000ms});
  EXPECT_LT(io::Clock::now() - start, 2500ms);
  EXPECT_GE(report.count(sandbox::Status::Pass), 2u);
  EXPECT_GE(report.count(sandbox::Status::Error), 1u);
  EXPECT_EQ(report.results.back().message, "time limit exceeded");
}

TEST(Resources, NormalizesAndRefusesBadOnes) {
  auto r = normalize_resource(json::parse(R"({"id":"AIDA1","region":"us-east-1","arn":"arn:aws:iam::111122223333:user/x"})"), "r", "IAM");
  EXPECT_EQ(r.document["name"], "AIDA1");
  EXPECT_EQ(r.document["accountId"], "111122223333");
  EXPECT_EQ(r.document["service"], "IAM");
  EXPECT_TRUE(r.document["vpc"].is_null());
  EXPECT_TRUE(r.document["tags"].is_object());
  EXPECT_THROW(normalize_resource(json::parse(R"({"region":"x"})"), "r"), std::runtime_error);
  EXPECT_THROW(normalize_resource(json::parse(R"({"id":"a"})"), "r"), std::runtime_error);
  EXPECT_THROW(normalize_resource(json::parse(R"({"id":"a","region":"x","tags":[1]})"), "r"), std::runtime_error);
  EXPECT_THROW(load_resources_file("/nonexistent.json"), std::runtime_error);
}
