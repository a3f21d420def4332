// apiCaller answered live: a signature in the sandbox calling moto through the AWS client.
#include "engine/live_calls.h"

#include <gtest/gtest.h>

#include "emulator/moto_server.h"
#include "engine/test_run.h"
#include "sandbox/test_harness.h"

using namespace signet;
using namespace signet::engine;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

struct Live {
  emulator::MotoServer moto;
  io::EventLoop loop;
  std::unique_ptr<aws::AwsClient> client, writer;
  Live() {
    aws::ClientOptions options;
    options.endpoints.all = moto.endpoint();
    auto keys = aws::CredentialChain::fixed({"testing", "testing", "", std::nullopt});
    client = std::make_unique<aws::AwsClient>(loop, aws::Models::embedded(), keys, options);
    options.read_only = false;
    writer = std::make_unique<aws::AwsClient>(loop, aws::Models::embedded(), keys, options);
  }
  json write(const char* service, const char* op, json params, const char* region = "us-east-1") {
    std::optional<aws::CallResult> r;
    writer->call({service, op, region, params}, [&](aws::CallResult x) { r = std::move(x); });
    loop.run_until([&] { return r.has_value(); });
    EXPECT_TRUE(r->error.is_null()) << service << ":" << op << " " << r->error.dump();
    return r->api_response;
  }
};

Live& live() {
  static Live l;
  return l;
}

std::vector<Resource> users(std::initializer_list<const char*> names) {
  std::vector<Resource> out;
  for (const char* n : names)
    out.push_back(normalize_resource(json{{"id", std::string("AIDA") + n}, {"name", n}, {"region", "us-east-1"}, {"service", "IAM"}}, "r"));
  return out;
}

}  // namespace

TEST(LiveCalls, TheSpecsMfaSignatureRunsAgainstTheAccount) {
  auto& l = live();
  l.moto.reset();
  for (const char* n : {"alice", "bob"}) l.write("iam", "CreateUser", {{"UserName", n}});
  auto device = l.write("iam", "CreateVirtualMFADevice", {{"VirtualMFADeviceName", "alice-mfa"}});
  l.write("iam", "EnableMFADevice", {{"UserName", "alice"}, {"SerialNumber", device["VirtualMFADevice"]["SerialNumber"]},
                                     {"AuthenticationCode1", "123456"}, {"AuthenticationCode2", "654321"}});
  sandbox::Sandbox box(l.loop, sandbox::testing::test_limits());
  auto calls = std::make_shared<LiveCalls>(*l.client);
  const char* mfa = R"(module.exports = async function (apiCaller, resource) {
    const res = await apiCaller({ service: "IAM", serviceParams: { apiVersion: "2010-05-08", region: [resource.region] },
                                  endpoint: "listMFADevices", params: { UserName: resource.name } });
    const { apiResponse, error } = res[0][0];
    if (error) throw new Error(error.code + ": " + error.message);
    if (apiResponse.length === 0) return { statusSig: false, statusMessage: "MFA is not enabled" };
    return { statusSig: true, statusMessage: "MFA is enabled since " + apiResponse[0].EnableDate.slice(0, 4) };
  };)";
  auto report = run_test(l.loop, box, mfa, "mfa.js", nullptr, users({"alice", "bob", "nobody"}), calls, {});
  ASSERT_EQ(report.results.size(), 3u);
  EXPECT_EQ(report.results[0].outcome.status, sandbox::Status::Pass) << report.results[0].message;
  EXPECT_EQ(report.results[0].message.substr(0, 20), "MFA is enabled since");
  EXPECT_EQ(report.results[1].outcome.status, sandbox::Status::Fail) << report.results[1].message;
  EXPECT_EQ(report.results[2].outcome.status, sandbox::Status::Error);
  EXPECT_NE(report.results[2].message.find("NoSuchEntity"), std::string::npos) << report.results[2].message;
}

TEST(LiveCalls, GlobalServicesAreCalledOnceAndIdenticalCallsShared) {
  auto& l = live();
  l.moto.reset();
  l.write("iam", "CreateUser", {{"UserName", "carol"}});
  l.write("ec2", "CreateVpc", {{"CidrBlock", "10.1.0.0/16"}}, "eu-west-1");
  sandbox::Sandbox box(l.loop, sandbox::testing::test_limits());
  auto calls = std::make_shared<LiveCalls>(*l.client);
  const char* sig = R"(module.exports = async (apiCaller) => {
    const iam = await apiCaller({ service: "iam", endpoint: "ListUsers", serviceParams: { region: ["us-east-1", "eu-west-1", "ap-south-1"] } });
    const ec2 = await apiCaller({ service: "EC2", endpoint: "describeVpcs", serviceParams: { region: ["us-east-1", "eu-west-1"] } });
    const same = JSON.stringify(iam[0][0].apiResponse) === JSON.stringify(iam[2][0].apiResponse);
    const regions = iam.map((r) => r[0].region).join(",");
    const vpcs = ec2.map((r) => r[0].apiResponse.length).join(",");
    return { statusSig: same && iam[1][0].apiResponse[0].UserName === "carol", statusMessage: regions + " " + vpcs };
  };)";
  auto report = run_test(l.loop, box, sig, "s.js", nullptr, users({"a", "b", "c", "d"}), calls, {});
  for (const auto& r : report.results) {
    EXPECT_EQ(r.outcome.status, sandbox::Status::Pass) << r.message;
    EXPECT_NE(r.message.find("us-east-1,eu-west-1,ap-south-1"), std::string::npos) << r.message;
  }
  // Per resource: 3 IAM regions + 2 EC2 regions asked; only 1 IAM + 2 EC2 calls are sent in all.
  EXPECT_EQ(calls->stats().requested, 20u);
  EXPECT_EQ(calls->stats().sent, 3u);
  EXPECT_EQ(calls->stats().shared, 17u);
}

TEST(LiveCalls, RefusedRequestsThrowInTheSignatureWithTheReason) {
  auto& l = live();
  sandbox::Sandbox box(l.loop, sandbox::testing::test_limits());
  auto calls = std::make_shared<LiveCalls>(*l.client);
  const char* sig = R"(module.exports = async (apiCaller, r) => {
    const tries = [
      { service: "iam", endpoint: "CreateUser", params: { UserName: "x" } },
      { service: "secretsmanager", endpoint: "getSecretValue", params: { SecretId: "db" } },
      { service: "iam", endpoint: "listMFADevices", params: { Username: "x" } },
      { service: "nope", endpoint: "listThings" },
      { service: "ec2", endpoint: "describeVpcs", serviceParams: { region: "mars-1" } },
    ];
    const messages = [];
    for (const t of tries) { try { await apiCaller(t); messages.push("sent"); } catch (e) { messages.push(e.message); } }
    return { statusSig: false, statusMessage: messages.join(" | ") };
  };)";
  auto report = run_test(l.loop, box, sig, "s.js", nullptr, users({"a"}), calls, {});
  const std::string& m = report.results[0].message;
  for (const char* says : {"iam:CreateUser is refused", "reveals secret values", "did you mean \"UserName\"", "unknown service 'nope'", "not a region"})
    EXPECT_NE(m.find(says), std::string::npos) << says << " not in: " << m;
  EXPECT_EQ(calls->stats().sent, 0u);
}
