#include "engine/recorded_calls.h"

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
