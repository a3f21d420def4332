// Accounts and organizations as records, their checks, and what a selection resolves to.
#include "accounts/accounts.h"

#include <gtest/gtest.h>

using namespace signet;
using namespace signet::accounts;
using nlohmann::json;

namespace {

json refused_fields(const std::function<void()>& parse) {
  try {
    parse();
  } catch (const InvalidFields& e) {
    return e.fields;
  }
  return json::object();
}

Member member(const std::string& id, const std::string& name, std::vector<std::string> parents = {"r-ab12"},
              std::vector<std::pair<std::string, std::string>> tags = {}, const std::string& status = "ACTIVE") {
  return {id, name, name + "@example.com", status, std::move(parents), std::move(tags)};
}

std::vector<std::string> keys(const Resolved& r) {  // the targets, by key
  std::vector<std::string> out;
  for (const auto& t : r.targets) out.push_back(t.key);
  return out;
}

}  // namespace

TEST(Accounts, ParsesAnAccountAndReadsItBack) {
  Account a = parse_account(json::parse(R"({"name": "prod", "access": {"profile": "base", "roleArn": "arn:aws:iam::111122223333:role/Scanner",
      "externalId": "ext-123", "durationSeconds": 1800}, "regions": "eu-west-1, us-east-1", "maxRequestsPerSecond": 20})"));
  EXPECT_EQ(a.name, "prod");
  EXPECT_EQ(a.access.role_arn, "arn:aws:iam::111122223333:role/Scanner");
  EXPECT_EQ(a.access.duration_seconds, 1800);
  EXPECT_EQ(a.regions, (std::vector<std::string>{"eu-west-1", "us-east-1"}));
  EXPECT_EQ(a.max_requests_per_second, 20);
  EXPECT_TRUE(a.enabled);
  Account back = parse_account(to_json(a));
  EXPECT_EQ(to_json(back), to_json(a));

  // A change keeps what it does not give; a new access replaces the old one whole.
  Account changed = parse_account(json::parse(R"({"enabled": false, "access": {"profile": "other"}})"), &a);
  EXPECT_FALSE(changed.enabled);
  EXPECT_EQ(changed.name, "prod");
  EXPECT_EQ(changed.access.profile, "other");
  EXPECT_EQ(changed.access.role_arn, "");
}

TEST(Accounts, RefusesBadAccountsFieldByField) {
  json fields = refused_fields([] {
    parse_account(json::parse(R"({"name": "all", "provider": "oracle", "regions": ["moon-1"], "access": {"roleArn": "role/x",
        "durationSeconds": 60, "extra": 1}, "maxRequestsPerSecond": -1, "nickname": "p"})"));
  });
  EXPECT_NE(fields.value("name", "").find("every account"), std::string::npos) << fields.dump();
  EXPECT_NE(fields.value("provider", "").find("'oracle' is not a provider; supported: aws, azure, gcp"), std::string::npos) << fields.dump();
  EXPECT_NE(fields.value("regions", "").find("moon-1"), std::string::npos);
  EXPECT_NE(fields.value("access.roleArn", "").find("role ARN"), std::string::npos);
  EXPECT_NE(fields.value("access.durationSeconds", "").find("900"), std::string::npos);
  EXPECT_EQ(fields.value("access.extra", ""), "unknown field");
  EXPECT_NE(fields.value("maxRequestsPerSecond", "").find("requests per second"), std::string::npos);
  EXPECT_EQ(fields.value("nickname", ""), "unknown field");

  EXPECT_TRUE(refused_fields([] { parse_account(json::parse(R"({"name": "123456789012"})")); }).contains("name"));
  EXPECT_TRUE(refused_fields([] { parse_account(json::parse(R"({"name": ""})")); }).contains("name"));
  EXPECT_TRUE(refused_fields([] { parse_account(json::parse(R"({"name": "x", "access": {"externalId": "abc"}})")); })
                  .contains("access.roleArn"));
  EXPECT_TRUE(refused_fields([] { parse_account(json::parse("[1]")); }).contains("account"));
}

TEST(Accounts, ParsesAnOrganizationWithItsFilters) {
  Organization o = parse_organization(json::parse(R"({"name": "acme", "management": {"profile": "mgmt"},
      "include": {"ous": ["ou-ab12-11111111"], "tags": ["env=prod"]}, "exclude": {"accounts": "111111111111"}})"));
  EXPECT_EQ(o.member_role_name, "OrganizationAccountAccessRole");
  EXPECT_EQ(o.include_ous, std::vector<std::string>{"ou-ab12-11111111"});
  EXPECT_EQ(o.exclude_accounts, std::vector<std::string>{"111111111111"});
  EXPECT_EQ(to_json(parse_organization(to_json(o))), to_json(o));

  json fields = refused_fields([] {
    parse_organization(json::parse(R"({"name": "acme", "include": {"ous": ["sales"], "accounts": ["12"]}, "exclude": {"tags": ["=x"]},
        "memberRoleName": "bad role"})"));
  });
  EXPECT_TRUE(fields.contains("include.ous")) << fields.dump();
  EXPECT_TRUE(fields.contains("include.accounts"));
  EXPECT_TRUE(fields.contains("exclude.tags"));
  EXPECT_TRUE(fields.contains("memberRoleName"));
}

TEST(Accounts, SelectsActiveMembersThroughTheFilters) {
  Organization o;
  o.name = "acme";
  std::vector<Member> members = {
      member("111111111111", "prod-a", {"r-ab12", "ou-ab12-prod0000"}, {{"env", "prod"}}),
      member("222222222222", "prod-b", {"r-ab12", "ou-ab12-prod0000", "ou-ab12-deep0000"}, {{"env", "prod"}, {"team", "x"}}),
      member("333333333333", "dev", {"r-ab12", "ou-ab12-dev00000"}, {{"env", "dev"}}),
      member("444444444444", "gone", {"r-ab12"}, {}, "SUSPENDED"),
  };
  std::vector<std::string> skipped;
  auto ids = [](const std::vector<Member>& chosen) {
    std::vector<std::string> out;
    for (const auto& m : chosen) out.push_back(m.id);
    return out;
  };
  EXPECT_EQ(ids(select_members(o, members, &skipped)), (std::vector<std::string>{"111111111111", "222222222222", "333333333333"}));
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0], "acme: gone (444444444444) is suspended");

  Organization by_ou = o;
  by_ou.include_ous = {"ou-ab12-prod0000"};  // nested OUs count
  by_ou.exclude_ous = {"ou-ab12-deep0000"};
  EXPECT_EQ(ids(select_members(by_ou, members)), std::vector<std::string>{"111111111111"});

  Organization by_tag = o;
  by_tag.include_tags = {"env=prod"};
  by_tag.exclude_tags = {"team"};  // a key alone: any value
  EXPECT_EQ(ids(select_members(by_tag, members)), std::vector<std::string>{"111111111111"});

  Organization by_id = o;
  by_id.exclude_accounts = {"111111111111"};
  by_id.include_accounts = {"111111111111", "333333333333"};
  EXPECT_EQ(ids(select_members(by_id, members)), std::vector<std::string>{"333333333333"});
}

TEST(Accounts, ResolvesSelectionsToTargets) {
  Account prod = parse_account(json::parse(R"({"name": "prod", "access": {"profile": "prod"}})"));
  prod.account_id = "111111111111";
  Account off = parse_account(json::parse(R"({"name": "off", "enabled": false})"));
  Organization acme = parse_organization(json::parse(R"({"name": "acme", "management": {"profile": "mgmt"}, "memberRoleName": "Audit",
      "memberExternalId": "xyz", "maxRequestsPerSecond": 5})"));
  int listings = 0;
  bool asked_parents = false;
  MemberLister lister = [&](const Organization& o, bool parents, bool) {
    ++listings;
    asked_parents = parents;
    EXPECT_EQ(o.name, "acme");
    return std::vector<Member>{member("111111111111", "prod-as-member", {"r-ab12", "ou-ab12-prod0000"}),
                               member("222222222222", "web", {"r-ab12", "ou-ab12-prod0000"}),
                               member("333333333333", "dev", {"r-ab12", "ou-ab12-dev00000"})};
  };
  // Everything enabled: the stored account once (not again as a member), then the members.
  Resolved all = resolve(Selection::parse("all"), {prod, off}, {acme}, lister);
  EXPECT_EQ(keys(all), (std::vector<std::string>{"prod", "222222222222", "333333333333"}));
  EXPECT_EQ(listings, 1);
  EXPECT_FALSE(asked_parents);  // no OU filter, no OU named: no need to walk the tree
  const Target& web = all.targets[1];
  EXPECT_EQ(web.name, "web");
  EXPECT_EQ(web.organization, "acme");
  EXPECT_EQ(web.access.role_arn, "arn:aws:iam::222222222222:role/Audit");
  EXPECT_EQ(web.access.external_id, "xyz");
  ASSERT_TRUE(web.through.has_value());
  EXPECT_EQ(web.through->profile, "mgmt");
  EXPECT_EQ(web.max_requests_per_second, 5);
  ASSERT_EQ(all.skipped.size(), 1u);
  EXPECT_NE(all.skipped[0].find("scanned as a stored account"), std::string::npos);

  // By name (a disabled account is scanned when named), by member id, by OU.
  EXPECT_EQ(keys(resolve(Selection::parse("off"), {prod, off}, {acme}, lister)), std::vector<std::string>{"off"});
  EXPECT_EQ(listings, 1);  // no organization was needed
  EXPECT_EQ(keys(resolve(Selection::parse("333333333333"), {prod, off}, {acme}, lister)), std::vector<std::string>{"333333333333"});
  EXPECT_EQ(keys(resolve(Selection::parse("ou-ab12-prod0000"), {off}, {acme}, lister)),
            (std::vector<std::string>{"111111111111", "222222222222"}));
  EXPECT_TRUE(asked_parents);

  // A source that cannot be listed is reported, the rest resolve.
  Resolved broken = resolve(Selection::parse(""), {prod}, {acme}, [](const Organization&, bool, bool) -> std::vector<Member> {
    throw std::runtime_error("organization acme: Organizations ListAccounts failed: AccessDenied");
  });
  EXPECT_EQ(keys(broken), std::vector<std::string>{"prod"});
  ASSERT_EQ(broken.failed_sources.size(), 1u);
  EXPECT_EQ(broken.failed_sources[0].first, "acme");
}

TEST(Accounts, RefusesSelectionsThatNameNothing) {
  Account prod = parse_account(json::parse(R"({"name": "prod"})"));
  EXPECT_EQ(check_selection(Selection::parse("prod,111111111111,ou-ab12-prod0000"), {prod}, {}), "");
  std::string message = check_selection(Selection::parse("prdo,staging"), {prod}, {});
  EXPECT_NE(message.find("prdo (did you mean prod?)"), std::string::npos) << message;
  EXPECT_NE(message.find("staging"), std::string::npos);
}

TEST(Accounts, AnAzureAccountIsASubscriptionAndATenantListsThem) {
  const std::string sub = "ea42f556-5106-4743-99b0-c129bfa71a47";
  Account a = parse_account({{"name", "azure-prod"}, {"provider", "azure"}, {"accountId", sub}, {"regions", "westeurope, eastus"}});
  EXPECT_EQ(a.provider, "azure");
  EXPECT_EQ(a.account_id, sub);
  EXPECT_EQ(to_json(parse_account(to_json(a))), to_json(a));
  // The subscription is what it reaches: required, a GUID; no AWS access; locations, not regions.
  auto bad = refused_fields([] { parse_account({{"name", "x"}, {"provider", "azure"}, {"accountId", "123456789012"}}); });
  EXPECT_TRUE(bad.contains("accountId")) << bad.dump();
  bad = refused_fields([&] { parse_account({{"name", "x"}, {"provider", "azure"}, {"accountId", sub}, {"access", {{"profile", "p"}}}}); });
  EXPECT_TRUE(bad.contains("access")) << bad.dump();
  bad = refused_fields([&] { parse_account({{"name", "x"}, {"provider", "azure"}, {"accountId", sub}, {"regions", "eu-west-1"}}); });
  EXPECT_TRUE(bad.contains("regions")) << bad.dump();
  // A Google Cloud project: its id, no access of its own, Google Cloud's region names.
  bad = refused_fields([] { parse_account({{"name", "x"}, {"provider", "gcp"}}); });
  EXPECT_TRUE(bad.contains("accountId")) << bad.dump();
  bad = refused_fields([] {
    parse_account({{"name", "x"}, {"provider", "gcp"}, {"accountId", "Bad_Project"}, {"access", {{"profile", "p"}}}, {"regions", {"eu west"}}});
  });
  EXPECT_TRUE(bad.contains("accountId") && bad.contains("access") && bad.contains("regions")) << bad.dump();
  Account project = parse_account({{"name", "prod"}, {"provider", "gcp"}, {"accountId", "signet-prod"}, {"regions", {"us-central1"}}});
  EXPECT_EQ(project.account_id, "signet-prod");
  EXPECT_FALSE(to_json(project).contains("access"));
  // An organization's projects, filtered by folder, project id or label.
  Organization org = parse_organization({{"name", "example"}, {"provider", "gcp"}, {"include", {{"ous", {"folders/123"}}, {"tags", {"env=prod"}}}},
                                         {"exclude", {{"accounts", {"signet-sandbox"}}}}});
  EXPECT_EQ(org.include_ous, std::vector<std::string>{"folders/123"});
  bad = refused_fields([] { parse_organization({{"name", "o"}, {"provider", "gcp"}, {"memberRoleName", "R"}, {"include", {{"ous", {"ou-ab12-cd34ef56"}}}}}); });
  EXPECT_TRUE(bad.contains("memberRoleName") && bad.contains("include.ous")) << bad.dump();

  // A tenant: its subscriptions, filtered by id; OUs, tags and member roles are AWS Organizations'.
  Organization tenant = parse_organization({{"name", "contoso"}, {"provider", "azure"}, {"exclude", {{"accounts", {"0000aaaa-0000-4000-8000-000000000001"}}}}});
  EXPECT_EQ(tenant.exclude_accounts.size(), 1u);
  bad = refused_fields([] { parse_organization({{"name", "t"}, {"provider", "azure"}, {"include", {{"ous", {"ou-ab12-cd34ef56"}}, {"tags", {"env=prod"}}}}}); });
  EXPECT_TRUE(bad.contains("include.ous") && bad.contains("include.tags")) << bad.dump();
  bad = refused_fields([] { parse_organization({{"name", "t"}, {"provider", "azure"}, {"memberRoleName", "Scanner"}}); });
  EXPECT_TRUE(bad.contains("memberRoleName")) << bad.dump();

  // Resolved: each enabled subscription not excluded, as itself (no role), named by id too.
  MemberLister lister = [&](const Organization& o, bool, bool) {
    EXPECT_EQ(o.provider, "azure");
    return std::vector<Member>{member(sub, "Prod", {}), member("0000aaaa-0000-4000-8000-000000000001", "Sandbox", {}),
                               member("0000aaaa-0000-4000-8000-000000000002", "Old", {}, {}, "disabled")};
  };
  auto resolved = resolve(Selection{}, {}, {tenant}, lister);
  ASSERT_EQ(resolved.targets.size(), 1u);
  EXPECT_EQ(resolved.targets[0].provider, "azure");
  EXPECT_EQ(resolved.targets[0].account_id, sub);
  EXPECT_EQ(resolved.targets[0].organization, "contoso");
  EXPECT_TRUE(resolved.targets[0].access.role_arn.empty());
  EXPECT_EQ(resolved.skipped.size(), 2u) << "the excluded one and the disabled one, each with why";
  EXPECT_EQ(check_selection(Selection::parse(sub), {}, {tenant}), "");
  EXPECT_EQ(resolve(Selection::parse(sub), {}, {tenant}, lister).targets.size(), 1u) << "a subscription named by its id";
}

// A selection's ids are read by each source's own provider: an AWS account id reaches no
// Google Cloud project, a folder selects the projects under it, and a record may not take a
// name some provider reads as an id.
TEST(Accounts, EachSourcesProviderReadsTheSelectionsIds) {
  Organization acme = parse_organization({{"name", "acme"}, {"management", {{"roleArn", "arn:aws-cn:iam::111111111111:role/Mgmt"}}}});
  Organization example = parse_organization({{"name", "example"}, {"provider", "gcp"}});
  int gcp_listings = 0;
  MemberLister lister = [&](const Organization& o, bool parents, bool) {
    if (o.provider == "aws") return std::vector<Member>{member("222222222222", "dev", {"r-ab12", "ou-ab12-dev00000"})};
    ++gcp_listings;
    EXPECT_TRUE(parents) << "a folder is named: the projects' folders are needed";
    return std::vector<Member>{member("signet-prod", "Prod", {"organizations/456", "folders/123"}),
                               member("signet-lab", "Lab", {"organizations/456", "folders/789"})};
  };
  auto by_account = resolve(Selection::parse("222222222222"), {}, {acme, example}, lister);
  ASSERT_EQ(keys(by_account), std::vector<std::string>{"222222222222"});
  EXPECT_EQ(gcp_listings, 0) << "an AWS account id names no Google Cloud project: the organization is not listed";
  EXPECT_EQ(by_account.targets[0].access.role_arn, "arn:aws-cn:iam::222222222222:role/OrganizationAccountAccessRole")
      << "the member's role, in the management role's partition";

  auto by_folder = resolve(Selection::parse("folders/123"), {}, {acme, example}, lister);
  EXPECT_EQ(keys(by_folder), std::vector<std::string>{"signet-prod"});
  EXPECT_EQ(check_selection(Selection::parse("folders/123,ou-ab12-dev00000,0000aaaa-0000-4000-8000-000000000001"), {}, {}), "");

  for (const char* id_like : {"333333333333", "ou-ab12-dev00000", "0000aaaa-0000-4000-8000-000000000001"}) {
    auto bad = refused_fields([&] { parse_account({{"name", id_like}}); });
    EXPECT_TRUE(bad.contains("name")) << id_like << ": " << bad.dump();
  }
  EXPECT_EQ(parse_account({{"name", "payments-prod"}, {"provider", "gcp"}, {"accountId", "payments-prod"}}).name, "payments-prod")
      << "a project id reads like a name, so it may be one";
}
