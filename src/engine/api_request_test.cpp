#include "engine/api_request.h"

#include <gtest/gtest.h>

using namespace signet::engine;
using nlohmann::json;

TEST(ApiRequest, DefaultsToTheResourceRegionAndOneCall) {
  auto r = ApiRequest::parse(json{{"service", "IAM"}, {"endpoint", "listMFADevices"}, {"params", {{"UserName", "a"}}}}, "us-east-1");
  ASSERT_EQ(r.calls().size(), 1u);
  EXPECT_EQ(r.calls()[0].region, "us-east-1");
  EXPECT_EQ(r.calls()[0].operation(), "ListMFADevices");
}

TEST(ApiRequest, ExpandsRegionsTimesParamsRegionMajor) {
  auto r = ApiRequest::parse(json::parse(R"({"service":"ec2","endpoint":"DescribeVolumes",
      "serviceParams":{"region":["eu-west-1","us-west-2"],"apiVersion":"2016-11-15"},
      "params":[{"VolumeIds":["v-1"]},{"VolumeIds":["v-2"]},{}]})"),
                             "us-east-1");
  auto calls = r.calls();
  ASSERT_EQ(calls.size(), 6u);
  EXPECT_EQ(calls[0].region, "eu-west-1");
  EXPECT_EQ(calls[2].region, "eu-west-1");
  EXPECT_EQ(calls[3].region, "us-west-2");
  EXPECT_EQ(calls[4].params, json::parse(R"({"VolumeIds":["v-2"]})"));
  EXPECT_EQ(calls[0].api_version, "2016-11-15");
}

TEST(ApiRequest, RefusesMalformedRequestsNamingTheField) {
  struct Case { const char* request; const char* says; };
  const Case cases[] = {
      {R"("IAM")", "must be an object"},
      {R"({"endpoint":"listUsers"})", "'service' is required"},
      {R"({"service":"IAM"})", "'endpoint' is required"},
      {R"({"service":"IAM","endpoint":"list users"})", "not an operation name"},
      {R"({"service":"IAM","endpoint":"listUsers","param":{}})", "unknown request field 'param'"},
      {R"({"service":"IAM","endpoint":"listUsers","params":5})", "'params' must be"},
      {R"({"service":"IAM","endpoint":"listUsers","params":[1]})", "params[0]"},
      {R"({"service":"IAM","endpoint":"listUsers","serviceParams":{"region":7}})", "serviceParams.region"},
      {R"({"service":"IAM","endpoint":"listUsers","serviceParams":{"regoin":"x"}})", "serviceParams.regoin"},
  };
  for (const auto& c : cases) {
    try {
      ApiRequest::parse(json::parse(c.request), "us-east-1");
      ADD_FAILURE() << c.request << " was accepted";
    } catch (const RequestError& e) {
      EXPECT_NE(std::string(e.what()).find(c.says), std::string::npos) << c.request << " -> " << e.what();
    }
  }
}

namespace {
struct CountingSource : CallSource {
  std::vector<Call> seen;
  void call(const Call& c, std::function<void(CallAnswer)> answer, std::function<void(std::string)>) override {
    seen.push_back(c);
    answer({json{{"echo", c.params}, {"region", c.region}}, nullptr});
  }
};
}  // namespace

TEST(ApiHandler, AssemblesOneEntryPerRegionWithOneResultPerParams) {
  auto source = std::make_shared<CountingSource>();
  auto handler = make_api_handler(source, "us-east-1");
  signet::sandbox::ApiReply reply;
  handler(R"({"service":"S3","endpoint":"getBucketPolicy","serviceParams":{"region":["a-1","b-2"]},"params":[{"Bucket":"x"},{"Bucket":"y"}]})",
          [&](signet::sandbox::ApiReply r) { reply = r; });
  ASSERT_FALSE(reply.thrown) << reply.body;
  json result = json::parse(reply.body);
  ASSERT_EQ(result.size(), 2u);
  ASSERT_EQ(result[1].size(), 2u);
  EXPECT_EQ(result[1][1]["region"], "b-2");
  EXPECT_EQ(result[1][1]["params"]["Bucket"], "y");
  EXPECT_EQ(result[1][1]["apiResponse"]["echo"]["Bucket"], "y");
  EXPECT_TRUE(result[1][1]["error"].is_null());
  EXPECT_EQ(result[0][0]["endpoint"], "getBucketPolicy");
  EXPECT_EQ(source->seen.size(), 4u);
}

TEST(ApiHandler, EmptyParamsArrayGivesEmptyEntriesAndNoCalls) {
  auto source = std::make_shared<CountingSource>();
  signet::sandbox::ApiReply reply;
  make_api_handler(source, "us-east-1")(R"({"service":"S3","endpoint":"listBuckets","params":[]})",
                                        [&](signet::sandbox::ApiReply r) { reply = r; });
  EXPECT_EQ(json::parse(reply.body), json::parse("[[]]"));
  EXPECT_TRUE(source->seen.empty());
}
