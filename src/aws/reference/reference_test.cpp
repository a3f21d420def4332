// The AWS client checked against the reference SDK: moto server seeded with boto3
// (seed_account.py), then every operation of operations.json called with boto3
// (reference_calls.py) and with our client, and the parsed answers compared.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>

#include "aws/client/client.h"
#include "emulator/moto_server.h"

using namespace signet;
using namespace signet::aws;
using nlohmann::json;

namespace {

const std::string kDir = SIGNET_SOURCE_DIR "/src/aws/reference";

json read_json(const std::string& path) {
  std::ifstream in(path);
  return json::parse(in);
}

// Where two answers differ, as "path: ours != boto3's".
void diff(const json& ours, const json& theirs, const std::string& path, std::vector<std::string>& out) {
  if (ours.is_object() && theirs.is_object()) {
    std::set<std::string> keys;
    for (auto& [k, v] : ours.items()) keys.insert(k);
    for (auto& [k, v] : theirs.items()) keys.insert(k);
    for (const auto& k : keys)
      diff(ours.contains(k) ? ours[k] : json("<absent>"), theirs.contains(k) ? theirs[k] : json("<absent>"), path + "." + k, out);
    return;
  }
  if (ours.is_array() && theirs.is_array() && ours.size() == theirs.size()) {
    for (std::size_t i = 0; i < ours.size(); ++i) diff(ours[i], theirs[i], path + "[" + std::to_string(i) + "]", out);
    return;
  }
  bool same = ours == theirs || (ours.is_number() && theirs.is_number() && ours.get<double>() == theirs.get<double>());
  if (!same) out.push_back(path + ": " + ours.dump().substr(0, 200) + " != " + theirs.dump().substr(0, 200));
}

}  // namespace

TEST(ReferenceComparison, OurClientParsesWhatBoto3ParsesForEveryListedOperation) {
  std::unique_ptr<emulator::MotoServer> moto;
  try {
    moto = std::make_unique<emulator::MotoServer>();
  } catch (const emulator::EmulatorError& e) {
    FAIL() << e.what();
  }
  std::string out = testing::TempDir() + "signet-reference.json";
  ASSERT_EQ(std::system(("python3 " + kDir + "/seed_account.py " + moto->endpoint() + " > /dev/null").c_str()), 0) << "seeding failed";
  ASSERT_EQ(std::system(("python3 " + kDir + "/reference_calls.py " + moto->endpoint() + " " + kDir + "/operations.json " + out).c_str()), 0);
  json operations = read_json(kDir + "/operations.json");
  json reference = read_json(out);
  const json& ops = operations["operations"];
  ASSERT_EQ(ops.size(), reference.size());

  std::set<std::string> services;
  for (const auto& op : ops) services.insert(op["service"]);
  EXPECT_GE(ops.size(), 100u);
  EXPECT_GE(services.size(), 20u);
  for (const auto& excluded : operations["excluded"]) EXPECT_GT(excluded.value("why", "").size(), 10u) << excluded.dump();

  io::EventLoop loop;
  ClientOptions options;
  options.endpoints.all = moto->endpoint();
  options.retry.base_delay = std::chrono::milliseconds(50);
  AwsClient client(loop, Models::embedded(), CredentialChain::fixed({"testing", "testing", "", std::nullopt}), options);
  std::vector<std::optional<cloud::CallResult>> ours(ops.size());
  std::size_t done = 0;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    CallRequest request{ops[i]["service"], ops[i]["operation"], ops[i].value("region", "us-east-1"),
                        ops[i].value("params", json::object()), "", false};
    client.call(request, [&, i](cloud::CallResult r) {
      ours[i] = std::move(r);
      ++done;
    });
  }
  loop.run_until([&] { return done == ops.size(); });

  std::size_t matched = 0;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    std::string name = ops[i]["service"].get<std::string>() + ":" + ops[i]["operation"].get<std::string>() + " (" +
                       ops[i].value("region", "us-east-1") + ")";
    std::vector<std::string> differences;
    const json& theirs = reference[i];
    if (!theirs["error"].is_null()) {
      if (ours[i]->error.is_null()) differences.push_back("boto3 got error " + theirs["error"].dump() + ", we got none");
      else {
        diff(ours[i]->error["code"], theirs["error"]["code"], "error.code", differences);
        diff(ours[i]->error["statusCode"], theirs["error"]["statusCode"], "error.statusCode", differences);
      }
    } else if (!ours[i]->error.is_null()) {
      differences.push_back("we got error " + ours[i]->error.dump());
    } else {
      diff(ours[i]->api_response, theirs["result"], "", differences);
    }
    matched += differences.empty();
    for (const auto& d : differences) ADD_FAILURE() << name << " " << d;
  }
  std::cout << matched << " of " << ops.size() << " operations over " << services.size() << " services match boto3\n";
}
