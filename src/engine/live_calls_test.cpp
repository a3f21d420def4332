// apiCaller answered live: a signature in the sandbox calling moto through the AWS client.
#include "aws/scope/aws_scope.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "emulator/moto_server.h"
#include "engine/recorded_calls.h"
#include "engine/recording_calls.h"
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
    std::optional<cloud::CallResult> r;
    writer->call({service, op, region, params}, [&](cloud::CallResult x) { r = std::move(x); });
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
  auto calls = std::make_shared<aws::AwsSession>(*l.client);
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
  auto calls = std::make_shared<aws::AwsSession>(*l.client);
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
  auto calls = std::make_shared<aws::AwsSession>(*l.client);
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

// A live run recorded (every apiCaller answer, the resources it ran on) replays offline to
// the same results: status, message and console of every resource, errors and refusals
// included. The signature uses lib, reads answers and cloud errors, and makes a refused call.
TEST(LiveCalls, ARecordedRunReplaysToTheSameResults) {
  auto& l = live();
  l.moto.reset();
  for (const char* n : {"alice", "bob", "carol"}) l.write("iam", "CreateUser", {{"UserName", n}});
  l.write("iam", "CreateLoginProfile", {{"UserName", "alice"}, {"Password", "a long password 123"}});
  auto device = l.write("iam", "CreateVirtualMFADevice", {{"VirtualMFADeviceName", "bob-mfa"}});
  l.write("iam", "EnableMFADevice", {{"UserName", "bob"}, {"SerialNumber", device["VirtualMFADevice"]["SerialNumber"]},
                                     {"AuthenticationCode1", "123456"}, {"AuthenticationCode2", "654321"}});
  l.write("ec2", "CreateSecurityGroup", {{"GroupName", "web"}, {"Description", "web"}}, "eu-west-1");
  const char* signature = R"JS(module.exports = async function (apiCaller, resource, lib) {
    const [mfa, login] = await Promise.all([
      apiCaller({ service: "IAM", endpoint: "listMFADevices", params: { UserName: resource.name } }),
      apiCaller({ service: "iam", endpoint: "GetLoginProfile", params: { UserName: resource.name } }),
    ]);
    const groups = await apiCaller({ service: "EC2", endpoint: "describeSecurityGroups", serviceParams: { region: ["us-east-1", "eu-west-1"] } });
    console.log(lib.arn.parse(resource.arn).resourceId, "login:", login[0][0].error ? login[0][0].error.code : "set",
                "groups:", groups.map((r) => r[0].apiResponse.length).join("/"));
    if (resource.name === "carol") await apiCaller({ service: "IAM", endpoint: "createUser", params: { UserName: "eve" } });
    return { statusSig: mfa[0][0].apiResponse.length > 0, statusMessage: mfa[0][0].apiResponse.length + " device(s)" };
  };)JS";
  signature::Metadata meta;
  meta.service = "IAM";
  meta.resource_type = "user";
  meta.pass_message = "ok";
  meta.fail_message = "no";
  aws::AwsScope scope(*l.client);
  auto resources = live_resources(scope, *scope.open_session(), meta, {"us-east-1"}).resources;
  ASSERT_EQ(resources.size(), 3u);
  sandbox::Sandbox box(l.loop, sandbox::testing::test_limits());
  auto recording = std::make_shared<RecordingCalls>(std::make_shared<aws::AwsSession>(*l.client));
  auto live_report = run_test(l.loop, box, signature, "sig.js", &meta, resources, recording, {});

  // What a user would keep: the two files' JSON, read back as `signet test` reads them.
  json calls_file = json::parse(recording->document().dump()), resources_file = json::parse(resources_document(resources).dump());
  std::vector<Resource> replayed_resources;
  for (const auto& r : resources_file["resources"]) replayed_resources.push_back(normalize_resource(r, "recorded"));
  auto recorded = RecordedCalls::from_json(calls_file, "recorded");
  auto replay = run_test(l.loop, box, signature, "sig.js", &meta, replayed_resources, recorded, {});

  EXPECT_TRUE(recorded->missing().empty()) << json(recorded->missing()).dump();
  ASSERT_EQ(replay.results.size(), live_report.results.size());
  std::map<std::string, std::string> statuses;
  for (std::size_t i = 0; i < replay.results.size(); ++i) {
    const auto &a = live_report.results[i], &b = replay.results[i];
    statuses[a.resource.name()] = sandbox::to_string(a.outcome.status);
    EXPECT_EQ(a.resource.document, b.resource.document);
    EXPECT_EQ(a.outcome.status, b.outcome.status) << a.resource.name();
    EXPECT_EQ(a.message, b.message) << a.resource.name();
    ASSERT_EQ(a.outcome.console.size(), b.outcome.console.size()) << a.resource.name();
    for (std::size_t k = 0; k < a.outcome.console.size(); ++k) EXPECT_EQ(a.outcome.console[k].text, b.outcome.console[k].text);
  }
  // The run was worth replaying: a Pass, a Fail and the refused write's Error, all recorded.
  EXPECT_EQ(statuses["bob"], "Pass");
  EXPECT_EQ(statuses["alice"], "Fail");
  EXPECT_EQ(statuses["carol"], "Error");
  bool refusal = false, cloud_error = false, both_regions = true;
  std::set<std::string> group_regions;
  for (const auto& c : calls_file["calls"]) {
    refusal |= c.contains("refused");
    cloud_error |= c.contains("error") && c["error"]["code"] == "NoSuchEntity";
    if (c["endpoint"] == "DescribeSecurityGroups") group_regions.insert(c["region"].get<std::string>());
  }
  both_regions = group_regions == std::set<std::string>{"us-east-1", "eu-west-1"};
  EXPECT_TRUE(refusal && cloud_error && both_regions) << calls_file.dump(1);
}
