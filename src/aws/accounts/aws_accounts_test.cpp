// Against moto server: an organization's members listed with their OUs and tags, member
// roles assumed from the management credentials, and what `accounts test` reports.
#include "aws/accounts/aws_accounts.h"
#include "aws/inventory/inventory.h"

#include <gtest/gtest.h>

#include "demo/seed.h"
#include "emulator/moto_server.h"

using namespace signet;
using namespace signet::accounts;
using aws::AwsConnector;
using aws::test_access;
using nlohmann::json;

namespace {

struct Estate {
  emulator::MotoServer moto;
  io::EventLoop loop;
  demo::SeededOrganization org;

  explicit Estate(int members) {
    setenv("AWS_ACCESS_KEY_ID", "testing", 1);
    setenv("AWS_SECRET_ACCESS_KEY", "testing", 1);
    aws::ClientOptions writes;
    writes.endpoints.all = moto.endpoint();
    writes.read_only = false;
    auto keys = aws::CredentialChain::fixed({"testing", "testing", "", std::nullopt});
    aws::AwsClient writer(loop, aws::Models::embedded(), keys, writes);
    AwsConnector connector(aws::Models::embedded(), writes, "us-east-1");
    org = demo::seed_organization(loop, writer, members, [&](const std::string& role_arn) {
      Target member;
      member.key = role_arn;
      member.access.role_arn = role_arn;
      return connector.client(loop, member);
    });
  }

  AwsConnector connector() {
    aws::ClientOptions options;
    options.endpoints.all = moto.endpoint();
    return AwsConnector(aws::Models::embedded(), options, "us-east-1");
  }
};

}  // namespace

TEST(AwsAccounts, ListsMembersWithTheirOusAndTagsAndReachesEachThroughItsRole) {
  Estate estate(4);
  ASSERT_EQ(estate.org.members.size(), 4u);
  // A suspended member is listed as such (and left out by select_members).
  {
    aws::ClientOptions writes;
    writes.endpoints.all = estate.moto.endpoint();
    writes.read_only = false;
    aws::AwsClient writer(estate.loop, aws::Models::embedded(), aws::CredentialChain::fixed({"testing", "testing", "", std::nullopt}), writes);
    std::optional<cloud::CallResult> closed;
    writer.call({"organizations", "CloseAccount", "us-east-1", {{"AccountId", estate.org.members[3].id}}},
                [&](cloud::CallResult r) { closed = std::move(r); });
    estate.loop.run_until([&] { return closed.has_value(); });
    ASSERT_TRUE(closed->error.is_null()) << closed->error.dump();
  }
  AwsConnector connector = estate.connector();
  Organization acme;
  acme.name = "acme";
  std::vector<Member> members = connector.list_members(acme, true, true);
  ASSERT_EQ(members.size(), 5u);  // the management account is a member too
  std::map<std::string, Member> by_id;
  for (const auto& m : members) by_id[m.id] = m;
  ASSERT_TRUE(by_id.count(estate.org.management_account_id));
  for (const auto& seeded : estate.org.members) {
    const Member& m = by_id.at(seeded.id);
    EXPECT_EQ(m.name, seeded.name);
    ASSERT_FALSE(m.parents.empty());
    EXPECT_EQ(m.parents.front(), estate.org.root_id);
    EXPECT_EQ(m.parents.back(), seeded.ou_id) << m.name;
    ASSERT_EQ(m.tags.size(), 1u);
    EXPECT_EQ(m.tags[0].first, "env");
  }
  // Web is under Production: its member's path holds both.
  const Member& web = by_id.at(estate.org.members[1].id);
  EXPECT_EQ(web.parents, (std::vector<std::string>{estate.org.root_id, estate.org.ou_ids.at("Production"), estate.org.ou_ids.at("Web")}));
  EXPECT_EQ(by_id.at(estate.org.members[3].id).status, "SUSPENDED");

  // Production (nested Web included), active only.
  acme.include_ous = {estate.org.ou_ids.at("Production")};
  std::vector<std::string> skipped;
  auto chosen = select_members(acme, members, &skipped);
  std::set<std::string> chosen_ids;
  for (const auto& m : chosen) chosen_ids.insert(m.id);
  EXPECT_EQ(chosen_ids, (std::set<std::string>{estate.org.members[0].id, estate.org.members[1].id}));

  // Each member is reached through its role, assumed from the management credentials.
  Resolved resolved = resolve(Selection::parse("acme"), {}, {acme}, connector.member_lister());
  ASSERT_EQ(resolved.targets.size(), 2u);
  for (const auto& target : resolved.targets) {
    io::EventLoop loop;
    auto client = connector.client(loop, target);
    AccessReport report = test_access(loop, *client, target, "us-east-1", {{"iam", "ListUsers"}, {"s3", "ListBuckets"}});
    ASSERT_TRUE(report.reached) << report.error;
    EXPECT_EQ(report.scope_id, target.account_id);
    EXPECT_NE(report.identity.find("assumed-role/OrganizationAccountAccessRole"), std::string::npos) << report.identity;
    std::string from = connector.credentials(target.access, target.through)->source();
    EXPECT_NE(from.find("role arn:aws:iam::" + target.account_id), std::string::npos) << from;
    EXPECT_TRUE(report.refused.empty()) << report.refused.front();
    EXPECT_EQ(report.probed, 2u);
  }
  // What `accounts test` and the console ask: every listing call of the catalog, once.
  AccessReport full = connector.test_access(resolved.targets[0]);
  ASSERT_TRUE(full.reached) << full.error;
  EXPECT_EQ(full.identity.rfind("account " + resolved.targets[0].account_id + " as arn:aws:sts::", 0), 0u) << full.identity;
  EXPECT_NE(full.credentials.find("role arn:aws:iam::" + resolved.targets[0].account_id), std::string::npos) << full.credentials;
  EXPECT_EQ(full.probed, aws::listing_calls().size());
  EXPECT_TRUE(full.refused.empty()) << full.refused.front();
}

TEST(AwsAccounts, SaysWhyAnAccountCannotBeReached) {
  emulator::MotoServer moto;
  aws::ClientOptions options;
  options.endpoints.all = moto.endpoint();
  AwsConnector connector(aws::Models::embedded(), options, "us-east-1");
  Target nowhere;
  nowhere.key = "nowhere";
  nowhere.access.profile = "no-such-profile-anywhere";
  io::EventLoop loop;
  auto client = connector.client(loop, nowhere);
  AccessReport report = test_access(loop, *client, nowhere, "us-east-1", {});
  EXPECT_FALSE(report.reached);
  EXPECT_NE(report.error.find("no-such-profile-anywhere"), std::string::npos) << report.error;

  Organization broken;
  broken.name = "broken";
  broken.management.profile = "no-such-profile-anywhere";
  try {
    connector.list_members(broken, false, false);
    FAIL() << "listing with no credentials succeeded";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("organization broken: Organizations DescribeOrganization failed: NoCredentials"), std::string::npos) << e.what();
  }
}
