#include "engine/recorded_calls.h"
#include "engine/recording_calls.h"

#include <gtest/gtest.h>

using namespace signet::engine;
using nlohmann::json;

namespace {
std::string ask(RecordedCalls& calls, const Call& c, json* answer_out = nullptr) {
  std::string refused;
  calls.call(c, [&](CallAnswer a) { if (answer_out) *answer_out = {{"apiResponse", a.api_response}, {"error", a.error}}; },
             [&](std::string m) { refused = m; });
  return refused;
}
}  // namespace

TEST(RecordedCalls, MatchesCaseInsensitivelyAndByParamsValue) {
  auto calls = RecordedCalls::from_json(json::parse(R"({"calls":[
      {"service":"IAM","endpoint":"ListMFADevices","region":"us-east-1","params":{"UserName":"a","MaxItems":5},"apiResponse":[1]},
      {"service":"iam","endpoint":"GetUser","params":{},"error":{"code":"NoSuchEntity","message":"gone","statusCode":404}}]})"),
                                        "test");
  json answer;
  EXPECT_EQ(ask(*calls, {"iam", "listMFADevices", "us-east-1", "", json{{"MaxItems", 5}, {"UserName", "a"}}}, &answer), "");
  EXPECT_EQ(answer["apiResponse"], json::parse("[1]"));
  EXPECT_EQ(ask(*calls, {"IAM", "getUser", "eu-west-3", "", json::object()}, &answer), "") << "no region recorded = any region";
  EXPECT_EQ(answer["error"]["code"], "NoSuchEntity");
  EXPECT_EQ(answer["error"]["statusCode"], 404);
}

TEST(RecordedCalls, MissingCallIsRefusedWithTheEntryToAdd) {
  auto calls = RecordedCalls::from_json(json::array(), "test");
  std::string refused = ask(*calls, {"IAM", "listMFADevices", "us-east-1", "", json{{"UserName", "carol"}}});
  EXPECT_NE(refused.find(R"("endpoint":"ListMFADevices")"), std::string::npos) << refused;
  EXPECT_NE(refused.find(R"("params":{"UserName":"carol"})"), std::string::npos) << refused;
  ASSERT_EQ(calls->missing().size(), 1u);
  EXPECT_EQ(calls->missing()[0]["region"], "us-east-1");
}

TEST(RecordedCalls, BadFilesAreRefusedNamingTheEntry) {
  const char* bad[] = {R"({"calls": 3})", R"([{"endpoint":"X","apiResponse":1}])", R"([{"service":"S","endpoint":"X"}])",
                       R"([{"service":"S","endpoint":"X","apiResponse":1,"error":{"code":"c","message":"m"}}])",
                       R"([{"service":"S","endpoint":"X","apiResponse":1},{"service":"s","endpoint":"x","apiResponse":2}])",
                       R"([{"service":"S","endpoint":"X","apiResponse":1,"extra":true}])"};
  for (const char* doc : bad) {
    EXPECT_THROW(RecordedCalls::from_json(json::parse(doc), "calls.json"), std::runtime_error) << doc;
  }
  try {
    RecordedCalls::from_json(json::parse(R"([{"service":"S","endpoint":"X","apiResponse":1}, {"service":"S"}])"), "calls.json");
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("calls.json: calls[1]"), std::string::npos) << e.what();
  }
  EXPECT_THROW(RecordedCalls::load_file("/nonexistent/calls.json"), std::runtime_error);
}

TEST(RecordedCalls, ReplayRefusalsAndTruncatedAnswersAsRecorded) {
  auto calls = RecordedCalls::from_json(json::parse(R"({"calls":[
      {"service":"IAM","endpoint":"CreateUser","params":{"UserName":"eve"},"refused":"apiCaller: iam:CreateUser is refused: it changes the account"},
      {"service":"EC2","endpoint":"DescribeImages","region":"us-east-1","params":{},"apiResponse":[1,2],"truncated":true}]})"),
                                        "test");
  EXPECT_EQ(ask(*calls, {"iam", "createUser", "us-east-1", "", json{{"UserName", "eve"}}}), "apiCaller: iam:CreateUser is refused: it changes the account");
  bool truncated = false;
  calls->call({"EC2", "describeImages", "us-east-1", "", json::object()}, [&](CallAnswer a) { truncated = a.truncated; }, [](std::string) {});
  EXPECT_TRUE(truncated);
  for (const char* bad : {R"([{"service":"S","endpoint":"X","refused":""}])", R"([{"service":"S","endpoint":"X","refused":"m","apiResponse":1}])",
                          R"([{"service":"S","endpoint":"X","apiResponse":1,"truncated":"yes"}])"})
    EXPECT_THROW(RecordedCalls::from_json(json::parse(bad), "calls.json"), std::runtime_error) << bad;
}

namespace {
// A source that answers from a script: an answer, a cloud error, or a refusal, by operation.
struct ScriptedSource : CallSource {
  int asked = 0;
  void call(const Call& c, std::function<void(CallAnswer)> answer, std::function<void(std::string)> refuse) override {
    ++asked;
    if (c.operation() == "CreateUser") return refuse("apiCaller: refused");
    if (c.operation() == "GetUser") return answer({nullptr, json{{"code", "NoSuchEntity"}, {"message", "gone"}, {"statusCode", 404}}});
    CallAnswer a{json::array({c.params.value("UserName", "")}), nullptr};
    a.truncated = c.operation() == "ListUsers";
    answer(a);
  }
};
}  // namespace

// What RecordingCalls keeps reads back through RecordedCalls to the same answers.
TEST(RecordingCalls, KeepsEachDistinctCallOnceInTheRecordedForm) {
  auto source = std::make_shared<ScriptedSource>();
  RecordingCalls recording(source);
  std::vector<Call> asked = {{"IAM", "listMFADevices", "us-east-1", "", json{{"UserName", "a"}}},
                             {"iam", "ListMFADevices", "us-east-1", "", json{{"UserName", "a"}}},  // the same call again
                             {"IAM", "listMFADevices", "eu-west-1", "", json{{"UserName", "a"}}},  // another region
                             {"IAM", "getUser", "us-east-1", "", json{{"UserName", "b"}}},
                             {"IAM", "createUser", "us-east-1", "", json{{"UserName", "c"}}},
                             {"IAM", "listUsers", "us-east-1", "", json::object()}};
  for (const auto& c : asked) recording.call(c, [](CallAnswer) {}, [](std::string) {});
  EXPECT_EQ(source->asked, 6) << "every call still reaches the source";
  json doc = recording.document();
  ASSERT_EQ(doc["calls"].size(), 5u) << doc.dump(1);
  EXPECT_EQ(doc["calls"][0], json::parse(R"({"service":"IAM","endpoint":"ListMFADevices","region":"us-east-1","params":{"UserName":"a"},"apiResponse":["a"]})"));
  EXPECT_EQ(doc["calls"][2]["error"]["code"], "NoSuchEntity");
  EXPECT_EQ(doc["calls"][3]["refused"], "apiCaller: refused");
  EXPECT_EQ(doc["calls"][4]["truncated"], true);
  auto replay = RecordedCalls::from_json(doc, "recording");
  for (const auto& c : asked) {
    json got, want;
    std::string refused_replay, refused_live;
    replay->call(c, [&](CallAnswer a) { got = {a.api_response, a.error, a.truncated}; }, [&](std::string m) { refused_replay = m; });
    source->call(c, [&](CallAnswer a) { want = {a.api_response, a.error, a.truncated}; }, [&](std::string m) { refused_live = m; });
    EXPECT_EQ(got, want) << c.to_json();
    EXPECT_EQ(refused_replay, refused_live) << c.to_json();
  }
}
