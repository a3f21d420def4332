// A whole estate against moto: an organization of 8 member accounts (twice the scan's
// concurrency, so accounts queue), each seeded differently, scanned at once through roles assumed from the management account with
// moto checking signatures and IAM policies. Every account's risks are its own; a member
// whose role cannot be assumed and one that refuses everything give one Error row each;
// OU filters choose members; history is per account.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "aws/accounts/aws_accounts.h"
#include "accounts/estate_scan.h"
#include "demo/seed.h"
#include "emulator/moto_server.h"
#include "engine/scan.h"
#include "mutelist/mutelist.h"
#include "sandbox/test_harness.h"

using namespace signet;
using nlohmann::json;

namespace {

constexpr int kMembers = 8;

json call(io::EventLoop& loop, aws::AwsClient& client, const std::string& service, const std::string& operation, json params) {
  std::optional<cloud::CallResult> r;
  client.call({service, operation, "us-east-1", std::move(params)}, [&](cloud::CallResult x) { r = std::move(x); });
  loop.run_until([&] { return r.has_value(); });
  if (!r->error.is_null()) throw std::runtime_error(service + ":" + operation + " failed: " + r->error.dump());
  return r->api_response;
}

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("signet-estate-" + std::to_string(getpid()) + "-" + name)).string();
}

struct Estate {
  emulator::MotoServer moto;
  io::EventLoop loop;
  demo::SeededOrganization org;
  std::string denied_member, empty_handed_member;  // the two members that cannot be scanned
  std::string credentials_file = temp_path("credentials");

  Estate() {
    setenv("AWS_EC2_METADATA_DISABLED", "true", 1);
    setenv("AWS_ACCESS_KEY_ID", "testing", 1);  // the seed's own keys (moto's default account)
    setenv("AWS_SECRET_ACCESS_KEY", "testing", 1);
    aws::ClientOptions writes;
    writes.endpoints.all = moto.endpoint();
    writes.read_only = false;
    aws::AwsClient writer(loop, aws::Models::embedded(), aws::CredentialChain::fixed({"testing", "testing", "", std::nullopt}), writes);
    aws::AwsConnector seeding(aws::Models::embedded(), writes, "us-east-1");
    std::map<std::string, std::unique_ptr<aws::AwsClient>> member_writers;
    org = demo::seed_organization(loop, writer, kMembers, [&](const std::string& role_arn) {
      accounts::Target member;
      member.key = role_arn;
      member.access.role_arn = role_arn;
      return seeding.client(loop, member);
    });
    denied_member = org.members[4].id;
    empty_handed_member = org.members[7].id;
    // The empty-handed member's role may do nothing at all.
    accounts::Target empty_handed;
    empty_handed.key = "seed:" + empty_handed_member;
    empty_handed.access.role_arn = "arn:aws:iam::" + empty_handed_member + ":role/OrganizationAccountAccessRole";
    auto member = seeding.client(loop, empty_handed);
    call(loop, *member, "iam", "DeleteRolePolicy", {{"RoleName", "OrganizationAccountAccessRole"}, {"PolicyName", "Administrator"}});

    // The scanner: a management user that may read and assume member roles, but not the
    // denied member's; its keys in a profile, as a user would keep them.
    call(loop, writer, "iam", "CreateUser", {{"UserName", "scanner"}});
    json key = call(loop, writer, "iam", "CreateAccessKey", {{"UserName", "scanner"}})["AccessKey"];
    json policy = {{"Version", "2012-10-17"},
                   {"Statement", json::array({{{"Effect", "Allow"}, {"Action", json::array({"sts:AssumeRole", "organizations:*", "iam:*", "s3:*", "ec2:Describe*"})},
                                               {"Resource", "*"}},
                                              {{"Effect", "Deny"}, {"Action", "sts:AssumeRole"},
                                               {"Resource", "arn:aws:iam::" + denied_member + ":role/OrganizationAccountAccessRole"}}})}};
    call(loop, writer, "iam", "PutUserPolicy", {{"UserName", "scanner"}, {"PolicyName", "scan"}, {"PolicyDocument", policy.dump()}});
    std::ofstream(credentials_file) << "[mgmt]\naws_access_key_id = " << key["AccessKeyId"].get<std::string>()
                                    << "\naws_secret_access_key = " << key["SecretAccessKey"].get<std::string>() << "\n";
    setenv("AWS_SHARED_CREDENTIALS_FILE", credentials_file.c_str(), 1);
    setenv("AWS_CONFIG_FILE", "/nonexistent", 1);
    unsetenv("AWS_ACCESS_KEY_ID");  // from here on, only the scanner's profile
    unsetenv("AWS_SECRET_ACCESS_KEY");
    moto.require_signatures();
  }
  ~Estate() { std::filesystem::remove(credentials_file); }

  aws::AwsConnector connector() {
    aws::ClientOptions options;
    options.endpoints.all = moto.endpoint();
    return aws::AwsConnector(aws::Models::embedded(), options, "us-east-1");
  }
};

store::StoredSignature keys_signature() {
  store::StoredSignature s;
  s.metadata.description = "IAM users have no access keys";
  s.metadata.service = "IAM";
  s.metadata.resource_type = "user";
  s.metadata.risk_level = "High";
  s.metadata.pass_message = "no access keys";
  s.metadata.fail_message = "has access keys";
  s.code = R"js(module.exports = async (apiCaller, r) => {
      const res = await apiCaller({ service: "IAM", endpoint: "listAccessKeys", params: { UserName: r.name } });
      if (res[0][0].error) throw new Error(res[0][0].error.message);
      return { statusSig: res[0][0].apiResponse.length === 0 };
    };)js";
  return s;
}

// Every target's scan through the connector's clients, four accounts at a time.
std::vector<engine::ScanReport> scan(Estate& estate, aws::AwsConnector& connector, const std::vector<accounts::Target>& targets,
                                     store::Store& store, std::vector<engine::ScanProgress>* finished = nullptr) {
  sandbox::Sandbox box(estate.loop, sandbox::testing::test_limits());
  engine::ScanOptions run;
  run.regions = {"us-east-1"};
  auto work = accounts::plan_scans(targets, run, {}, [&](const accounts::Target& t) { return connector.scope(estate.loop, t); });
  return engine::run_scans(estate.loop, box, work.accounts, store, 4, [&](const engine::ScanProgress& p) {
    if (p.finished && finished) finished->push_back(p);
  });
}

}  // namespace

TEST(EstateScan, EveryMemberIsScannedAsItselfAndBrokenOnesSayWhy) {
  Estate estate;
  aws::AwsConnector connector = estate.connector();
  accounts::Organization acme = accounts::parse_organization({{"name", "acme"}, {"management", {{"profile", "mgmt"}}}});
  accounts::Resolved resolved = accounts::resolve(accounts::Selection::parse("all"), {}, {acme}, connector.member_lister());
  ASSERT_TRUE(resolved.failed_sources.empty()) << resolved.failed_sources.front().second;
  ASSERT_EQ(resolved.targets.size(), static_cast<std::size_t>(kMembers + 1));  // and the management account

  std::string db = temp_path("scan.db");
  auto store = store::open_sqlite(db);
  store->add_signature(keys_signature());
  std::vector<engine::ScanProgress> finished;
  auto reports = scan(estate, connector, resolved.targets, *store, &finished);
  ASSERT_EQ(reports.size(), resolved.targets.size());
  EXPECT_EQ(finished.size(), resolved.targets.size());  // progress says when each account is done

  std::map<std::string, int> scale;
  for (const auto& m : estate.org.members) scale[m.id] = m.scale;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const auto& target = resolved.targets[i];
    const auto& report = reports[i];
    const std::string id = target.account_id;
    SCOPED_TRACE(target.name + " " + id);
    EXPECT_EQ(report.stats.value("accountName", ""), target.name);
    auto results = store->results(report.scan_id);
    if (id == estate.denied_member || id == estate.empty_handed_member) {
      ASSERT_EQ(results.size(), 1u);
      const json& row = results[0];
      EXPECT_EQ(row["status"], "Error");
      EXPECT_EQ(row.value("accountId", ""), id);
      std::string message = row.value("message", "");
      EXPECT_NE(message.find("account " + target.name + " (" + id + ")"), std::string::npos) << message;
      if (id == estate.denied_member) EXPECT_NE(message.find("cannot assume role"), std::string::npos) << message;
      else EXPECT_NE(message.find("every listing was refused"), std::string::npos) << message;
      EXPECT_EQ(store->scans().size(), reports.size());
      continue;
    }
    for (const auto& row : results) {
      EXPECT_EQ(row.value("accountId", ""), id) << row.dump();
      EXPECT_EQ(row.value("accountName", ""), target.name);
      EXPECT_NE(row.value("resourceArn", "").find(":" + id + ":"), std::string::npos) << row.dump();
      EXPECT_NE(row["status"], "Error") << row.dump();
    }
    if (scale.count(id)) {
      // Its own users: dev-1..dev-scale with keys (Fail), ops-<id> without (Pass).
      EXPECT_EQ(report.count("Fail"), static_cast<std::size_t>(scale[id]));
      EXPECT_EQ(report.count("Pass"), 1u);
      EXPECT_TRUE(report.stats.value("complete", false)) << report.stats.dump();
    } else {
      EXPECT_TRUE(target.organization == "acme" && id == estate.org.management_account_id);
      EXPECT_EQ(report.count("Fail"), 1u);  // the scanner itself has a key
    }
  }
  std::map<std::string, std::string> status_by_account;
  for (const auto& s : store->scans()) status_by_account[s.stats.value("accountId", "")] = s.status;
  EXPECT_EQ(status_by_account[estate.denied_member], "failed");
  EXPECT_EQ(status_by_account[estate.empty_handed_member], "failed");
  EXPECT_EQ(status_by_account[estate.org.members[0].id], "complete");

  // Scanned again: history is per account, so nothing is new and nothing fixed.
  auto again = scan(estate, connector, resolved.targets, *store);
  for (const auto& report : again)
    for (const auto& row : store->results(report.scan_id))
      if (row["status"] == "Fail") {
        EXPECT_EQ(row.value("risk", ""), "open") << row.dump();
      }
  for (const auto& report : again) EXPECT_EQ(report.stats.value("fixed", 0), 0);

  // Mutelist rules mute exactly what they match: member 0's dev users, by account id and
  // resource pattern; an expired rule for member 1 mutes nothing and is reported.
  const auto& quiet = estate.org.members[0];
  const auto& loud = estate.org.members[1];
  mutelist::MuteRules rules(*store);
  mutelist::Rule accepted;
  accepted.match.accounts = {quiet.id};
  accepted.match.resources = {"dev-*"};
  accepted.reason = "sandbox users, keys rotated by the platform team";
  accepted.author = "ada";
  std::int64_t accepted_id = rules.add(accepted);
  mutelist::Rule lapsed;
  lapsed.match.accounts = {loud.name};  // by name works too
  lapsed.reason = "was accepted until 2020";
  lapsed.author = "ada";
  lapsed.expires = "2020-01-01";
  rules.add(lapsed);
  auto muted = scan(estate, connector, resolved.targets, *store);
  for (std::size_t i = 0; i < muted.size(); ++i) {
    const auto& report = muted[i];
    const std::string id = resolved.targets[i].account_id;
    if (id == quiet.id) {
      EXPECT_EQ(report.count("Fail"), 0u);
      EXPECT_EQ(report.count("Muted"), static_cast<std::size_t>(quiet.scale));
      EXPECT_EQ(report.stats.value("fixed", 0), 0) << "muted is accepted, not fixed";
      for (const auto& row : store->results(report.scan_id))
        if (row["status"] == "Muted") {
          EXPECT_EQ(row["mutedBy"].value("ruleId", 0), accepted_id) << row.dump();
        }
      EXPECT_EQ(report.stats["mutedByRule"].value(std::to_string(accepted_id), 0), quiet.scale);
    } else if (scale.count(id) && id != estate.denied_member && id != estate.empty_handed_member) {
      EXPECT_EQ(report.count("Muted"), 0u) << id;
      EXPECT_EQ(report.count("Fail"), static_cast<std::size_t>(scale[id])) << id;
      EXPECT_EQ(report.stats["expiredMuteRules"].size(), 1u);
    }
  }
  EXPECT_FALSE(rules.find(accepted_id)->last_matched_at.empty()) << "a rule that muted something says when";

  // An OU filter: Production and the Web OU under it, nothing from Development.
  accounts::Organization production = acme;
  production.include_ous = {estate.org.ou_ids.at("Production")};
  auto chosen = accounts::resolve(accounts::Selection::parse("acme"), {}, {production}, connector.member_lister());
  std::set<std::string> expected, got;
  for (const auto& m : estate.org.members)
    if (m.ou_name != "Development") expected.insert(m.id);
  for (const auto& t : chosen.targets) got.insert(t.account_id);
  EXPECT_EQ(got, expected);
  production.include_ous.clear();
  production.exclude_ous = {estate.org.ou_ids.at("Web")};
  got.clear();
  for (const auto& t : accounts::resolve(accounts::Selection::parse("acme"), {}, {production}, connector.member_lister()).targets)
    got.insert(t.account_id);
  for (const auto& m : estate.org.members) EXPECT_EQ(got.count(m.id), m.ou_name == "Web" ? 0u : 1u) << m.name;
  std::filesystem::remove(db);
}
