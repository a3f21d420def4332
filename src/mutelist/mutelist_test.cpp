#include "mutelist/mutelist.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "common/invalid_fields.h"

using namespace signet::mutelist;
using nlohmann::json;

namespace {

// Whether `text` holds `part`, showing the text when it does not.
::testing::AssertionResult has(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess() << "found " << part;
  return ::testing::AssertionFailure() << "no '" << part << "' in:\n" << text;
}

::testing::AssertionResult has_all(const std::string& text, const std::vector<std::string>& parts) {
  for (const auto& part : parts)
    if (auto found = has(text, part); !found) return found;
  return ::testing::AssertionSuccess();
}

// "2026-03-31T23:59:59Z" as a time point (UTC).
TimePoint at(const std::string& iso) {
  int y, mo, d, h, mi, s;
  EXPECT_EQ(std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &s), 6) << iso;
  std::chrono::year_month_day date{std::chrono::year(y), std::chrono::month(mo), std::chrono::day(d)};
  return TimePoint(std::chrono::sys_days(date)) + std::chrono::hours(h) + std::chrono::minutes(mi) + std::chrono::seconds(s);
}

const TimePoint kNow = at("2026-03-15T12:00:00Z");

Rule rule(Criteria match, std::string reason = "accepted risk") {
  Rule r;
  r.match = std::move(match);
  r.reason = std::move(reason);
  return r;
}

Subject subject(std::string signature = "AWS-IAM-005", std::string resource = "alice") {
  Subject s;
  s.account_id = "123456789012";
  s.account_name = "production";
  s.region = "us-east-1";
  s.signature_id = std::move(signature);
  s.resource_id = resource;
  s.resource_name = resource;
  s.resource_arn = "arn:aws:iam::123456789012:user/" + resource;
  return s;
}

std::vector<std::string> fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

std::string messages(const std::vector<FieldError>& errors) { return format_errors(errors); }

std::string all_notes(const Imported& imported) {
  std::string out;
  for (const auto& n : imported.notes) out += n + "\n";
  return out;
}

struct TempStore {
  std::string path = (std::filesystem::temp_directory_path() / ("signet-mutelist-" + std::to_string(getpid()) + ".db")).string();
  std::unique_ptr<signet::store::Store> store = signet::store::open_sqlite(path);
  ~TempStore() {
    store.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
};

// A small check map, as prowler_map_from makes from field_checks.json.
const ProwlerChecks kChecks = prowler_map_from(json::parse(R"({
  "AWS-IAM-005": ["iam_user_mfa_enabled_console_access"],
  "AWS-S3-001": ["s3_bucket_level_public_access_block"],
  "AWS-EC2-001": ["ec2_ebs_volume_encryption"],
  "AWS-EC2-002": ["ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22", "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389"],
  "AWS-EC2-003": ["ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22", "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389"],
  "CUSTOM-0001": ["awslambda_function_url_public"]
})"));

Imported prowler(const std::string& checks_yaml, const std::string& account = "123456789012") {
  return from_yaml("Mutelist:\n  Accounts:\n    \"" + account + "\":\n      Checks:\n" + checks_yaml, kChecks, "ada");
}

// The one rule an import gave (failing the test otherwise).
Rule only_rule(const Imported& imported) {
  EXPECT_TRUE(imported.errors.empty()) << messages(imported.errors);
  EXPECT_EQ(imported.rules.size(), 1u) << all_notes(imported);
  return imported.rules.empty() ? Rule{} : imported.rules.front();
}

Subject resource_named(const std::string& name, const std::string& signature = "AWS-S3-001") {
  Subject s = subject(signature, name);
  s.resource_arn = "arn:aws:s3:::" + name;
  return s;
}

}  // namespace

// ---- Matching ----

TEST(mutelist_matching, PatternsAreWholeTextCaseSensitiveGlobs) {
  struct Case {
    std::string pattern, text;
    bool matches;
  } cases[] = {
      {"alice", "alice", true},       {"alice", "alice2", false},     {"alice", "Alice", false},
      {"ali*", "alice", true},        {"ali*", "ali", true},          {"ali*", "xalice", false},
      {"*ice", "alice", true},        {"*ice", "ice", true},          {"*ice", "alicex", false},
      {"*lic*", "alice", true},       {"*lic*", "lic", true},         {"*lic*", "alce", false},
      {"a?ice", "alice", true},       {"a?ice", "aice", false},       {"a?ice", "allice", false},
      {"?", "é", true},               {"??", "é", false},             {"a*b?d*", "axxbcdyy", true},
      {"a*b?d", "axxbcdyy", false},   {"*", "", true},                {"*a*a*a*b", "aaaaaaaaaaaaaaaaaaaa", false},
      {"*-prod-*", "web-prod-01", true}, {"*-prod-*", "prod-01", false},
  };
  for (const auto& c : cases) {
    Subject s = subject("AWS-IAM-005", c.text);
    s.resource_arn = "arn";
    EXPECT_EQ(matches(rule({.resources = {c.pattern}}), s), c.matches) << c.pattern << " vs " << c.text;
  }
}

TEST(mutelist_matching, EachFieldMatchesWhatItNames) {
  Subject s = subject();
  s.tags = {{"env", "dev-1"}, {"team", "security"}};
  struct Case {
    const char* name;
    Criteria criteria;
    bool matches;
  } cases[] = {
      {"account id", {.accounts = {"123456789012"}}, true},
      {"account name", {.accounts = {"prod*"}}, true},
      {"other account", {.accounts = {"999999999999", "staging"}}, false},
      {"region", {.regions = {"us-*"}}, true},
      {"other region", {.regions = {"eu-west-1"}}, false},
      {"signature", {.signatures = {"AWS-IAM-*"}}, true},
      {"other signature", {.signatures = {"AWS-S3-001"}}, false},
      {"resource id", {.resources = {"alice"}}, true},
      {"resource ARN", {.resources = {"arn:aws:iam::*:user/alice"}}, true},
      {"other resource", {.resources = {"bob", "arn:aws:iam::*:user/bob"}}, false},
      {"tag", {.tags = {{"env", "dev*"}}}, true},
      {"every tag", {.tags = {{"env", "dev*"}, {"team", "sec*"}}}, true},
      {"one tag of two", {.tags = {{"env", "dev*"}, {"team", "ops"}}}, false},
      {"absent tag", {.tags = {{"owner", "*"}}}, false},
      {"all fields", {.accounts = {"production"}, .regions = {"us-east-1"}, .signatures = {"AWS-IAM-005"}, .resources = {"al*"}}, true},
      {"all but one", {.accounts = {"production"}, .regions = {"us-east-1"}, .signatures = {"AWS-IAM-005"}, .resources = {"bob"}}, false},
  };
  for (const auto& c : cases) EXPECT_EQ(matches(rule(c.criteria), s), c.matches) << c.name;
}

TEST(mutelist_matching, ARuleWithNothingToMatchMutesNothing) {
  EXPECT_FALSE(matches(rule({}), subject()));
  EXPECT_TRUE(matches(rule({.signatures = {"*"}}), subject())) << "muting everything is said with *";
}

TEST(mutelist_matching, ExceptionsUnmuteWhatMatchesEveryFieldTheyGive) {
  Rule r = rule({.signatures = {"AWS-IAM-*"}});
  r.except = {.regions = {"eu-*"}, .resources = {"admin-*"}};
  Subject admin_in_eu = subject("AWS-IAM-005", "admin-1");
  admin_in_eu.region = "eu-west-1";
  Subject admin_in_us = subject("AWS-IAM-005", "admin-1");
  Subject alice_in_eu = subject();
  alice_in_eu.region = "eu-west-1";
  EXPECT_FALSE(matches(r, admin_in_eu)) << "both exception fields match: not muted";
  EXPECT_TRUE(matches(r, admin_in_us)) << "region does not match the exception: muted";
  EXPECT_TRUE(matches(r, alice_in_eu)) << "resource does not match the exception: muted";
  Rule tagged = rule({.signatures = {"*"}});
  tagged.except = {.tags = {{"env", "prod"}}};
  Subject prod = subject();
  prod.tags = {{"env", "prod"}};
  EXPECT_FALSE(matches(tagged, prod));
  EXPECT_TRUE(matches(tagged, subject())) << "without the tag the exception does not apply";
}

TEST(mutelist_expiry, ARuleMutesThroughItsWholeLastDayInUtc) {
  Rule r = rule({.signatures = {"*"}});
  r.expires = "2026-03-31";
  EXPECT_FALSE(expired(r, at("2026-03-31T00:00:00Z")));
  EXPECT_FALSE(expired(r, at("2026-03-31T23:59:59Z")));
  EXPECT_TRUE(expired(r, at("2026-04-01T00:00:00Z")));
  EXPECT_EQ(state(r, at("2026-04-01T00:00:00Z")), "expired");
  r.expires = "9999-12-31";
  EXPECT_FALSE(expired(r, kNow)) << "a far date is far, not an overflow";
  r.expires = "";
  EXPECT_FALSE(expired(r, at("2200-12-31T23:59:59Z"))) << "no date: never";
  r.expires = "2026-02-30";
  EXPECT_TRUE(expired(r, kNow)) << "an unreadable date mutes nothing";
}

TEST(mutelist_expiry, AMutelistSkipsExpiredRules) {
  Rule old_rule = rule({.signatures = {"AWS-IAM-005"}}, "expired");
  old_rule.id = 1;
  old_rule.expires = "2026-03-14";
  Rule current = rule({.signatures = {"AWS-IAM-*"}}, "current");
  current.id = 2;
  Mutelist list({old_rule, current}, kNow);
  ASSERT_NE(list.match(subject()), nullptr);
  EXPECT_EQ(list.match(subject())->id, 2);
  EXPECT_EQ(list.rules().size(), 2u) << "rules() keeps them all";
}

TEST(mutelist_stale, NothingMatchedForNinetyDays) {
  Rule r = rule({.signatures = {"*"}});
  r.created_at = "2025-12-14T12:00:00Z";  // 91 days before kNow
  EXPECT_TRUE(stale(r, kNow)) << "never matched, created 91 days ago";
  r.created_at = "2025-12-16T12:00:00Z";  // 89 days
  EXPECT_FALSE(stale(r, kNow));
  r.created_at = "2025-01-01T00:00:00Z";
  r.last_matched_at = "2026-03-01T00:00:00Z";
  EXPECT_FALSE(stale(r, kNow)) << "matched two weeks ago";
  r.last_matched_at = "2025-12-14T11:59:59Z";
  EXPECT_TRUE(stale(r, kNow)) << "last matched more than 90 days ago";
  EXPECT_EQ(state(r, kNow), "stale");
  r.expires = "2026-01-01";
  EXPECT_FALSE(stale(r, kNow)) << "an expired rule is expired, not stale";
  Rule fresh = rule({.signatures = {"*"}});
  fresh.created_at = "2026-03-15T11:00:00Z";
  EXPECT_EQ(state(fresh, kNow), "active");
}

TEST(mutelist_index, TheLowestIdThatMatchesWins) {
  Rule by_name = rule({.signatures = {"AWS-IAM-005"}, .resources = {"alice"}}, "exact");
  by_name.id = 7;
  Rule any_iam = rule({.signatures = {"AWS-IAM-*"}}, "wildcard");
  any_iam.id = 3;
  Rule by_region = rule({.regions = {"us-east-1"}}, "region");
  by_region.id = 9;
  Mutelist list({by_name, by_region, any_iam}, kNow);
  ASSERT_NE(list.match(subject()), nullptr);
  EXPECT_EQ(list.match(subject())->id, 3);
  EXPECT_EQ(list.rules().front().id, 3) << "rules() is by id";
  EXPECT_EQ(list.match(subject("AWS-S3-001"))->id, 9);
  Subject elsewhere = subject("AWS-S3-001");
  elsewhere.region = "eu-west-1";
  EXPECT_EQ(list.match(elsewhere), nullptr);
}

// The index by signature id must choose exactly what trying every rule in id order chooses.
TEST(mutelist_index, AnswersAsTryingEveryRuleInOrderWould) {
  std::mt19937 random(42);
  auto pick = [&](std::vector<std::string> choices) { return choices[random() % choices.size()]; };
  std::vector<std::string> signatures = {"AWS-IAM-005", "AWS-IAM-006", "AWS-S3-001", "AWS-EC2-002", "CUSTOM-0001"};
  std::vector<Rule> rules;
  for (int i = 0; i < 300; ++i) {
    Rule r = rule({});
    r.id = 1000 - i * 3;  // out of order
    if (random() % 3) r.match.signatures = {pick(signatures)};
    if (random() % 4 == 0) r.match.signatures.push_back(pick({"AWS-IAM-*", "*-0001", "AWS-S3-001"}));
    if (random() % 2) r.match.resources = {pick({"alice", "bob", "b*", "*-prod", "?ob"})};
    if (random() % 3 == 0) r.match.regions = {pick({"us-east-1", "eu-*"})};
    if (r.match.empty()) r.match.accounts = {pick({"123456789012", "staging"})};
    if (random() % 5 == 0) r.except.resources = {"bob"};
    if (random() % 7 == 0) r.expires = pick({"2026-03-14", "2026-03-15", "2027-01-01"});
    rules.push_back(r);
  }
  Mutelist list(rules, kNow);
  std::vector<Rule> by_id = rules;
  std::sort(by_id.begin(), by_id.end(), [](const Rule& a, const Rule& b) { return a.id < b.id; });
  int muted = 0;
  for (const auto& signature : signatures)
    for (const auto& resource : {"alice", "bob", "rob", "web-prod", "carol"})
      for (const auto& region : {"us-east-1", "eu-west-1", "ap-south-1"}) {
        Subject s = subject(signature, resource);
        s.region = region;
        const Rule* expected = nullptr;
        for (const auto& r : by_id)
          if (!expired(r, kNow) && matches(r, s)) {
            expected = &r;
            break;
          }
        const Rule* got = list.match(s);
        ASSERT_EQ(got == nullptr, expected == nullptr) << signature << " " << resource << " " << region;
        if (got) {
          EXPECT_EQ(got->id, expected->id) << signature << " " << resource << " " << region;
          ++muted;
        }
      }
  EXPECT_GT(muted, 20) << "the table exercises matches, not only misses";
}

// ---- Validation and JSON ----

TEST(mutelist_validation, SaysWhatIsWrongFieldByField) {
  Rule nothing;
  EXPECT_EQ(fields(validate(nothing)), (std::vector<std::string>{"reason", "match"}));
  EXPECT_TRUE(has(messages(validate(nothing)), "signatures: [\"*\"]")) << "how to say 'everything'";
  Rule r = rule({.accounts = {""}, .regions = {std::string(513, 'a')}, .signatures = {"AWS\x01"}, .resources = {"\xff\xfe"},
                 .tags = {{"", "x"}}});
  r.except.tags = {{"env", ""}};
  r.expires = "2026-02-30";
  r.created_at = "yesterday";
  r.author = "ada\nlovelace";
  auto errors = validate(r);
  EXPECT_EQ(fields(errors), (std::vector<std::string>{"author", "match.accounts[0]", "match.regions[0]", "match.signatures[0]", "match.resources[0]",
                                          "match.tags", "except.tags", "expires", "createdAt"}));
  std::string text = messages(errors);
  EXPECT_TRUE(has(text, "match.accounts[0]: pattern is empty; give a glob such as prod-*"));
  EXPECT_TRUE(has(text, "longer than 512 bytes"));
  EXPECT_TRUE(has(text, "contains a control character"));
  EXPECT_TRUE(has(text, "is not UTF-8 text"));
  EXPECT_TRUE(has(text, "a tag key is empty"));
  EXPECT_TRUE(has(text, "except.tags: tag 'env': the value pattern is empty; \"*\" matches any value"));
  EXPECT_TRUE(has(text, "expires: '2026-02-30' is not a date; expected YYYY-MM-DD such as 2026-12-31"));
  EXPECT_TRUE(has(text, "createdAt: 'yesterday' is not an ISO-8601 UTC time"));
  Rule fine = rule({.signatures = {"*"}}, "line one\nline two\twith a tab");
  fine.expires = "2028-02-29";
  EXPECT_TRUE(validate(fine).empty()) << messages(validate(fine));
}

TEST(mutelist_json, IsTheApisShape) {
  Rule r = rule({.accounts = {"123456789012"}, .tags = {{"env", "dev*"}}}, "sandbox");
  r.id = 4;
  r.except.resources = {"keep-*"};
  r.author = "ada";
  r.created_at = "2026-03-01T10:00:00Z";
  r.expires = "2026-12-31";
  json j = to_json(r);
  EXPECT_EQ(j, json::parse(R"({"id": 4,
    "match": {"accounts": ["123456789012"], "regions": [], "signatures": [], "resources": [], "tags": {"env": "dev*"}},
    "except": {"accounts": [], "regions": [], "signatures": [], "resources": ["keep-*"], "tags": {}},
    "reason": "sandbox", "author": "ada", "createdAt": "2026-03-01T10:00:00Z", "expires": "2026-12-31", "lastMatchedAt": ""})"));
  ParsedRule back = parse_rule(j);
  ASSERT_TRUE(back.ok()) << messages(back.errors);
  EXPECT_EQ(to_json(back.rule), j);
}

TEST(mutelist_json, WrongTypesAndUnknownFieldsAreFieldErrorsNeverExceptions) {
  auto parsed = parse_rule(json::parse(R"({"id": "seven", "match": {"accounts": "123", "regions": [1], "tags": {"env": 3}, "owner": []},
                                          "except": [], "reason": 42, "expires": true, "colour": "red"})"));
  EXPECT_EQ(fields(parsed.errors), (std::vector<std::string>{"colour", "id", "match.owner", "match.accounts", "match.regions", "match.tags", "except",
                                                 "reason", "expires"}));
  EXPECT_TRUE(has(messages(parsed.errors), "colour: unknown field; expected one of id, match, except"));
  EXPECT_TRUE(has(messages(parsed.errors), "match.accounts: must be a list of glob patterns"));
  EXPECT_FALSE(has(messages(parsed.errors), "reason: is required")) << "a field refused for its type is not judged twice";
  for (const char* body : {"null", "[]", "\"text\"", "12", R"({"match": null, "reason": null})", R"({"match": {"tags": [["a"]]}})",
                           R"({"id": -1, "reason": "x", "match": {"signatures": ["*"]}})", R"({"id": 1e300})"}) {
    ParsedRule p;
    EXPECT_NO_THROW(p = parse_rule(json::parse(body))) << body;
    EXPECT_FALSE(p.ok()) << body;
  }
}

// ---- Storage ----

TEST(mutelist_storage, AddListUpdateRemoveAndRecordMatches) {
  TempStore temp;
  MuteRules rules(*temp.store);
  EXPECT_THROW(rules.add(rule({}, "")), signet::InvalidFields);
  try {
    rules.add(rule({}, ""));
  } catch (const signet::InvalidFields& e) {
    EXPECT_EQ(e.fields.value("reason", ""), "is required: say why these results are accepted");
    EXPECT_TRUE(e.fields.contains("match"));
  }
  std::int64_t first = rules.add(rule({.signatures = {"AWS-IAM-005"}}, "break-glass user"), kNow);
  Rule dated = rule({.resources = {"legacy-*"}}, "migrating");
  dated.created_at = "2025-01-01T00:00:00Z";
  std::int64_t second = rules.add(dated, kNow);
  ASSERT_EQ(rules.all().size(), 2u);
  EXPECT_EQ(rules.find(first)->created_at, "2026-03-15T12:00:00Z") << "set when empty";
  EXPECT_EQ(rules.find(second)->created_at, "2025-01-01T00:00:00Z") << "kept when given";
  EXPECT_EQ(rules.find(first)->match.signatures, std::vector<std::string>{"AWS-IAM-005"});

  rules.record_matches({second, second, 999}, at("2026-03-16T08:00:00Z"));
  EXPECT_EQ(rules.find(second)->last_matched_at, "2026-03-16T08:00:00Z");
  EXPECT_EQ(rules.find(first)->last_matched_at, "");

  Rule changed = *rules.find(first);
  changed.expires = "2026-06-30";
  rules.update(changed);
  EXPECT_EQ(rules.find(first)->expires, "2026-06-30");
  changed.reason = " ";
  EXPECT_THROW(rules.update(changed), signet::InvalidFields);
  Rule missing = changed;
  missing.id = 999;
  missing.reason = "x";
  EXPECT_THROW(rules.update(missing), signet::store::StoreError);
  EXPECT_TRUE(rules.remove(first));
  EXPECT_FALSE(rules.remove(first));
  EXPECT_FALSE(rules.find(first));
  EXPECT_EQ(rules.all().size(), 1u);
}

// ---- Signet's YAML ----

TEST(mutelist_yaml, ReadsBackIdenticallyWhateverTheText) {
  std::vector<std::string> reasons = {
      "plain",
      "colon: and # hash, 'single' and \"double\" quotes",
      "  leading and trailing spaces  ",
      "line one\nline two\n",
      "tab\there and a backslash \\ and \\n written out",
      "null", "true", "123", "- dash", "&anchor *alias !tag %percent @at `tick` {} [] |",
      "Ünïcödé, 日本語, emoji 🚫",
      "ends with a colon:",
      "'",
      "\"",
  };
  std::vector<Rule> rules;
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    Rule r = rule({.accounts = {"123456789012", "prod-*"}, .signatures = {"*"}, .resources = {"*ice", "a?c", "arn:aws:s3:::x"}},
                  reasons[i]);
    r.author = i % 2 ? "ada lovelace" : "o'brien: \"ops\"";
    if (i % 3 == 0) r.match.tags = {{"aws:cloudformation:stack-name", "*"}, {"key with spaces", "value: #1"}, {"e", "null"}};
    if (i % 4 == 0) r.except = {.regions = {"eu-*"}, .tags = {{"env", "prod"}}};
    if (i % 2 == 0) r.expires = "2026-12-31";
    rules.push_back(r);
  }
  std::string yaml = to_yaml(rules);
  Imported back = from_yaml(yaml, {}, "someone else");
  ASSERT_TRUE(back.errors.empty()) << messages(back.errors) << yaml;
  EXPECT_TRUE(back.notes.empty());
  ASSERT_EQ(back.rules.size(), rules.size()) << yaml;
  for (std::size_t i = 0; i < rules.size(); ++i) EXPECT_EQ(to_json(back.rules[i]), to_json(rules[i])) << reasons[i] << "\n" << yaml;
  EXPECT_EQ(to_yaml(back.rules), yaml) << "and writes the same text again";
}

TEST(mutelist_yaml, LooksLikeWhatAPersonWouldWrite) {
  Rule r = rule({.signatures = {"AWS-S3-001"}, .resources = {"www.example.com"}}, "public website");
  r.author = "ada";
  r.expires = "2026-12-31";
  EXPECT_EQ(to_yaml({r}),
            "mutelist:\n"
            "  - match:\n"
            "      signatures: [\"AWS-S3-001\"]\n"
            "      resources: [\"www.example.com\"]\n"
            "    reason: \"public website\"\n"
            "    author: \"ada\"\n"
            "    expires: \"2026-12-31\"\n");
  EXPECT_EQ(to_yaml({}), "mutelist: []\n");
  EXPECT_TRUE(from_yaml("mutelist: []\n", {}, "x").rules.empty());
}

TEST(mutelist_yaml, BadRulesAreRefusedByFieldWithTheirLine) {
  Imported imported = from_yaml(
      "mutelist:\n"
      "  - match: {signatures: [\"*\"]}\n"
      "    reason: fine\n"
      "  - match: {regions: eu-west-1, colour: red}\n"
      "    reason: bad types\n"
      "  - reason: nothing to match\n"
      "    expires: 2026-13-01\n"
      "    id: 4\n",
      {}, "ada");
  EXPECT_TRUE(imported.rules.empty()) << "with errors nothing is imported";
  std::string text = messages(imported.errors);
  EXPECT_TRUE(has(text, "mutelist[1].match.colour: unknown field; expected one of accounts, regions, signatures, resources, tags (line 4)"));
  EXPECT_TRUE(has(text, "mutelist[1].match.regions: must be a list of glob patterns (text) (line 4)"));
  EXPECT_TRUE(has(text, "mutelist[2].id: unknown field; expected one of match, except, reason, author, expires (line 6)"));
  EXPECT_TRUE(has(text, "mutelist[2].match: names nothing to match"));
  EXPECT_TRUE(has(text, "mutelist[2].expires: '2026-13-01' is not a date"));
  EXPECT_FALSE(has(messages(imported.errors), "mutelist[0]"));

  Imported twice = from_yaml("mutelist:\n  - match: {signatures: [\"*\"]}\n    reason: a\n    reason: b\n", {}, "ada");
  EXPECT_TRUE(has(messages(twice.errors), "mutelist[0]: 'reason' is given more than once"));
  Imported unauthored = from_yaml("mutelist:\n  - match: {signatures: [\"*\"]}\n    reason: a\n", {}, "ada");
  ASSERT_EQ(unauthored.rules.size(), 1u);
  EXPECT_EQ(unauthored.rules[0].author, "ada") << "the importer signs rules that name no author";
}

TEST(mutelist_yaml, HostileInputIsAClearErrorNeverACrash) {
  struct Case {
    std::string name, text, error;
  } cases[] = {
      {"huge", "mutelist:\n" + std::string(5 << 20, ' '), "yaml: is larger than 4 MiB"},
      {"deeply nested", "mutelist: " + std::string(100000, '['), "yaml: not valid YAML"},
      {"nested past the limit", "mutelist: " + std::string(40, '[') + std::string(40, ']'), "nests deeper than 32 levels"},
      {"alias bomb",
       "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
       "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e]\nmutelist: []\n",
       "holds more than 200000 values (aliases included)"},
      {"binary", std::string("\x7f" "ELF\x02\x01\x01\x00\x00\x00", 10), "yaml: contains the control character 0x7F (line 1, column 1); is it a binary file?"},
      {"not UTF-8", "mutelist:\n  - reason: caf\xe9\n", "yaml: is not UTF-8 text (line 2, column 16)"},
      {"NUL", std::string("mutelist: []\0", 13), "control character 0x00"},
      {"empty", "", "yaml: is empty"},
      {"two documents", "mutelist: []\n---\nmutelist: []\n", "holds more than one YAML document"},
      {"a stray comma (endless in yaml-cpp 0.7's LoadAll)", ",mutelist: []\n", "expected mutelist: [...]"},
      {"a list", "- a\n- b\n", "expected mutelist: [...] (Signet's form) or Mutelist: (Prowler's) at the top"},
      {"a scalar", "hello", "expected mutelist: [...]"},
      {"both forms", "mutelist: []\nMutelist: {}\n", "holds both"},
      {"not a list", "mutelist: {a: b}\n", "mutelist: must be a list of rules"},
      {"bad YAML", "mutelist:\n  - reason: \"unterminated\n", "(line"},
      {"an alias inside itself", "mutelist: &a [*a]\n", "nests deeper than 32 levels"},
      {"complex key", "mutelist: []\n? [a, b]\n: c\n", "has a key that is not text"},
      {"escaped NUL in a reason", "mutelist:\n  - match: {signatures: [\"*\"]}\n    reason: \"a\\0b\"\n", "reason: contains a control character"},
  };
  for (const auto& c : cases) {
    Imported imported;
    ASSERT_NO_THROW(imported = from_yaml(c.text, kChecks, "ada")) << c.name;
    EXPECT_TRUE(has(messages(imported.errors), c.error)) << c.name;
    EXPECT_TRUE(imported.rules.empty()) << c.name;
  }
}

// Mutations of valid documents of both forms: every answer is rules or errors, never a throw.
TEST(mutelist_yaml, MutatedDocumentsNeverThrow) {
  std::vector<std::string> seeds = {
      to_yaml({rule({.accounts = {"1"}, .signatures = {"A*"}, .tags = {{"k", "v"}}}, "r: \"x\"")}),
      "Mutelist:\n  Accounts:\n    \"*\":\n      Checks:\n        \"ec2_*\":\n          Regions: [\"eu-.*\"]\n          Resources: [\"^a(b|c)+$\", \"x{2,3}\"]\n"
      "          Tags: [\"a=b|c=(d|e)\"]\n          Exceptions: {Accounts: [\"1\"], Tags: [\"x=y\"]}\n",
  };
  std::mt19937 random(7);
  const std::string alphabet = "{}[]:,-*&!|>'\"\\ \n\t#?.^$()+=aZ9\xc3\xa9";
  int valid = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text = seeds[round % seeds.size()];
    for (int edits = 1 + random() % 4; edits > 0; --edits) {
      std::size_t at = random() % (text.size() + 1);
      switch (random() % 3) {
        case 0: text.insert(at, 1, alphabet[random() % alphabet.size()]); break;
        case 1: if (at < text.size()) text.erase(at, 1); break;
        default: if (at < text.size()) text[at] = alphabet[random() % alphabet.size()];
      }
    }
    Imported imported;
    ASSERT_NO_THROW(imported = from_yaml(text, kChecks, "ada")) << text;
    if (imported.errors.empty()) {
      ++valid;
      for (const auto& r : imported.rules) EXPECT_TRUE(validate(r).empty()) << text;
      for (const auto& n : imported.notes) EXPECT_NO_THROW(json(n).dump()) << "notes are valid UTF-8";
    }
    for (const auto& e : imported.errors) EXPECT_NO_THROW(json(e.field + e.message).dump()) << text;
  }
  EXPECT_GT(valid, 100) << "the mutations keep enough documents readable to exercise the importers";
}

// ---- Prowler's mutelist ----

TEST(mutelist_prowler, AnEntryBecomesARuleThatMutesWhatProwlerMuted) {
  Rule r = only_rule(prowler(
      "        \"s3_bucket_level_public_access_block\":\n"
      "          Regions: [\"us-east-1\", \"eu-west-1\"]\n"
      "          Resources: [\"ci-logs\", \".+-website$\"]\n"
      "          Description: \"Public websites and their logs\"\n"));
  EXPECT_EQ(r.match.accounts, std::vector<std::string>{"123456789012"});
  EXPECT_EQ(r.match.signatures, std::vector<std::string>{"AWS-S3-001"});
  EXPECT_EQ(r.match.regions, (std::vector<std::string>{"us-east-1", "eu-west-1"})) << "a region name found anywhere is the region";
  EXPECT_EQ(r.match.resources, (std::vector<std::string>{"*ci-logs*", "*?-website"}));
  EXPECT_EQ(r.reason, "Public websites and their logs");
  EXPECT_EQ(r.author, "ada");
  // As Prowler's own documentation says: "ci-logs" also mutes "ci-logs-replica".
  for (const char* muted : {"ci-logs", "ci-logs-replica", "old-ci-logs", "shop-website", "a-website"})
    EXPECT_TRUE(matches(r, resource_named(muted))) << muted;
  for (const char* kept : {"ci-log", "shop-website-2", "website"}) EXPECT_FALSE(matches(r, resource_named(kept))) << kept;
  // Signet also matches resource patterns against the ARN, which Prowler does not look at
  // (README.md): "-website" is muted through "arn:aws:s3:::-website".
  EXPECT_TRUE(matches(r, resource_named("-website")));
  Subject elsewhere = resource_named("ci-logs");
  elsewhere.region = "ap-south-1";
  EXPECT_FALSE(matches(r, elsewhere));
  Subject other_account = resource_named("ci-logs");
  other_account.account_id = "999999999999";
  other_account.account_name = "staging";
  EXPECT_FALSE(matches(r, other_account));
}

TEST(mutelist_prowler, RegularExpressionsBecomeTheGlobsThatFindTheSameTexts) {
  struct Case {
    std::string regex;
    std::vector<std::string> globs;  // empty: any resource
  } cases[] = {
      {"*", {}}, {".*", {}}, {"", {}}, {"*-prod", {"*-prod*"}},
      {"^user-1$", {"user-1"}}, {"user-1", {"*user-1*"}}, {"^prod-.*", {"prod-*"}}, {"prod-.*", {"*prod-*"}},
      {"logs$", {"*logs"}}, {"\\Alogs\\Z", {"logs"}}, {"^a.b$", {"a?b"}}, {"^a.{3}b$", {"a???b"}}, {"^a.+$", {"a?*"}},
      {"x+y", {"*xy*"}}, {"a*b", {"*b*"}}, {"^ab?", {"a*"}}, {"^a{2}b$", {"aab"}}, {"^a{2,}", {"aa*"}},
      {"bucket\\.example\\.com", {"*bucket.example.com*"}}, {"^(dev|test)-.*$", {"dev-*", "test-*"}},
      {"^(?:a|b)(c|d)$", {"ac", "ad", "bc", "bd"}}, {"a|^b$", {"*a*", "b"}}, {"^web-.*?-01$", {"web-*-01"}},
      {"x{", {"*x{*"}}, {"a{,}b", {"*b*"}},
  };
  for (const auto& c : cases) {
    Imported imported = prowler("        \"ec2_ebs_volume_encryption\":\n          Regions: [\"*\"]\n          Resources: [" + json(c.regex).dump() + "]\n");
    Rule r = only_rule(imported);
    EXPECT_EQ(r.match.resources, c.globs) << c.regex;
    EXPECT_TRUE(r.match.regions.empty()) << "\"*\": every region";
  }
}

TEST(mutelist_prowler, WhatNoGlobCanSayIsANoteNamingTheEntryAndNotImported) {
  struct Case {
    std::string regex, why;
  } cases[] = {
      {"[0-9]+-website", "the character class '[0-9]'"},
      {"^db-\\d+$", "the escape \\d"},
      {"^(ab)+$", "the repeated group '(ab)+'"},
      {"^a+b$", "the repeated character 'a+'"},
      {"^a.?b$", "the bounded run of characters '.?'"},
      {"^a.{1,3}$", "the bounded run of characters '.{1,3}'"},
      {"(?i)prod", "a lookaround, flag or named group"},
      {"a\\*b", "a literal '*'"},
      {"a^b", "an anchor ('^', '$') inside the expression"},
      {"(unclosed", "an unclosed '('"},
      {"closed)", "an unbalanced ')'"},
      {"+x", "nothing to repeat"},
      {"{1}", "nothing to repeat before '{'"},
      {"a**", "a repeated repetition"},
      {"trailing\\", "a trailing backslash"},
      {"^$", "it matches only empty text"},
      {"(a|b)(c|d)(e|f)(g|h)(i|j)(k|l)", "more than 32 alternatives"},
      {std::string(20, '(') + "a" + std::string(20, ')'), "groups nested more than 16 deep"},
  };
  for (const auto& c : cases) {
    Imported imported = prowler(
        "        \"ec2_ebs_volume_encryption\":\n          Regions: [\"*\"]\n          Resources: [\"fine\", " + json(c.regex).dump() + "]\n"
        "        \"iam_user_mfa_enabled_console_access\":\n          Regions: [\"*\"]\n          Resources: [\"breakglass\"]\n");
    EXPECT_TRUE(imported.errors.empty()) << c.regex;
    ASSERT_EQ(imported.rules.size(), 1u) << c.regex << "\n" << all_notes(imported);
    EXPECT_EQ(imported.rules[0].match.signatures, std::vector<std::string>{"AWS-IAM-005"}) << "the other entry is imported";
    ASSERT_EQ(imported.notes.size(), 1u) << all_notes(imported);
    EXPECT_TRUE(has_all(imported.notes[0], {"account '123456789012', check 'ec2_ebs_volume_encryption': Resources[1] " +
                                                   ("'" + c.regex.substr(0, 80) + (c.regex.size() > 80 ? "...'" : "'")), c.why, "not imported"}))
        << c.regex;
  }
}

TEST(mutelist_prowler, ChecksMapThroughTheCheckMap) {
  Imported imported = prowler(
      "        \"*\":\n          Regions: [\"eu-west-1\"]\n          Resources: [\"*\"]\n"
      "        \"macie_is_enabled\":\n          Regions: [\"*\"]\n          Resources: [\"*\"]\n"
      "        \"lambda_function_url_public\":\n          Regions: [\"*\"]\n          Resources: [\"*\"]\n"
      "        \"ec2_*\":\n          Regions: [\"*\"]\n          Resources: [\"sg-1\"]\n"
      "        \"no_such_.*_check\":\n          Regions: [\"*\"]\n          Resources: [\"*\"]\n");
  ASSERT_TRUE(imported.errors.empty()) << messages(imported.errors);
  ASSERT_EQ(imported.rules.size(), 3u) << all_notes(imported);
  EXPECT_EQ(imported.rules[0].match.signatures, std::vector<std::string>{"*"}) << "\"*\" is every signature";
  EXPECT_EQ(imported.rules[0].match.regions, std::vector<std::string>{"eu-west-1"});
  EXPECT_EQ(imported.rules[1].match.signatures, std::vector<std::string>{"CUSTOM-0001"}) << "Prowler renames lambda_ to awslambda_";
  EXPECT_EQ(imported.rules[2].match.signatures, (std::vector<std::string>{"AWS-EC2-001", "AWS-EC2-002", "AWS-EC2-003"}))
      << "ec2_* is searched in Prowler's check ids";
  std::string notes = all_notes(imported);
  EXPECT_TRUE(has(notes, "check 'macie_is_enabled': no Signet signature checks what this Prowler check checks; not imported"));
  EXPECT_TRUE(has(notes, "check 'no_such_.*_check': no Prowler check with a Signet equivalent matches this expression; not imported"));
  EXPECT_TRUE(has(notes, "check 'ec2_*': a regular expression over Prowler's check ids: imported for those it matches"));
}

TEST(mutelist_prowler, ASignatureThatChecksMoreThanTheProwlerCheckIsSaid) {
  Imported imported = prowler("        \"ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22\":\n"
                              "          Regions: [\"*\"]\n          Resources: [\"^sg-0123$\"]\n");
  Rule r = only_rule(imported);
  EXPECT_EQ(r.match.signatures, (std::vector<std::string>{"AWS-EC2-002", "AWS-EC2-003"}));
  EXPECT_TRUE(has(all_notes(imported), "AWS-EC2-002, AWS-EC2-003 also check what Prowler's "
                                             "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389 checks, so the rule mutes those results too"));
  Imported both = prowler("        \"ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_(22|3389)\":\n"
                          "          Regions: [\"*\"]\n          Resources: [\"^sg-0123$\"]\n");
  EXPECT_FALSE(has(all_notes(both), "also check")) << "both Prowler checks muted: nothing more is muted";
}

// Prowler's docs (docs/tutorials/mutelist.md): Tags "are ANDed together; use an alternation
// regex to match one of multiple tags with ORed logic".
TEST(mutelist_prowler, TagsAreAndedAndAlternativesBecomeSeveralRules) {
  Rule both = only_rule(prowler("        \"*\":\n          Regions: [\"*\"]\n          Resources: [\"*\"]\n"
                                "          Tags: [\"environment=dev\", \"team=sec\"]\n"));
  EXPECT_EQ(both.match.tags, (std::map<std::string, std::string>{{"environment", "dev*"}, {"team", "sec*"}}));
  Subject s = subject();
  s.tags = {{"environment", "dev"}, {"team", "security"}};
  EXPECT_TRUE(matches(both, s));
  s.tags = {{"environment", "dev"}};
  EXPECT_FALSE(matches(both, s)) << "both tags are needed";

  Imported either = prowler("        \"*\":\n          Regions: [\"*\"]\n          Resources: [\"test\"]\n"
                            "          Tags: [\"test=test\", \"project=test|project=(stage|dev)\"]\n");
  ASSERT_TRUE(either.errors.empty());
  ASSERT_EQ(either.rules.size(), 3u) << all_notes(either);
  EXPECT_EQ(either.rules[0].match.tags, (std::map<std::string, std::string>{{"project", "test*"}, {"test", "test*"}}));
  EXPECT_EQ(either.rules[1].match.tags, (std::map<std::string, std::string>{{"project", "stage*"}, {"test", "test*"}}));
  EXPECT_EQ(either.rules[2].match.tags, (std::map<std::string, std::string>{{"project", "dev*"}, {"test", "test*"}}));
  EXPECT_TRUE(has(all_notes(either), "imported as 3 rules, one per set of tags"));

  struct Case {
    std::string tag, why;
  } refused[] = {
      {"dev", "is not KEY=VALUE"},
      {"^env=dev", "in the tag key"},
      {"app.name=x", "'.' in the tag key; a key must be plain text (write \\. for a dot)"},
      {"env=dev$", "an anchor in a tag value"},
      {"env=[a-z]+", "the character class"},
  };
  for (const auto& c : refused) {
    Imported imported = prowler("        \"*\":\n          Regions: [\"*\"]\n          Resources: [\"*\"]\n          Tags: [" + json(c.tag).dump() + "]\n");
    EXPECT_TRUE(imported.rules.empty()) << c.tag;
    EXPECT_TRUE(has_all(all_notes(imported), {"Tags[0]", c.why, "not imported"})) << c.tag;
  }
  Rule dotted = only_rule(prowler("        \"*\":\n          Regions: [\"*\"]\n          Resources: [\"*\"]\n          Tags: [\"app\\\\.name=web\"]\n"));
  EXPECT_EQ(dotted.match.tags, (std::map<std::string, std::string>{{"app.name", "web*"}}));
}

TEST(mutelist_prowler, ExceptionsMapToExcept) {
  Imported imported = prowler(
      "        \"iam_user_mfa_enabled_console_access\":\n"
      "          Regions: [\"*\"]\n          Resources: [\"*\"]\n"
      "          Exceptions:\n"
      "            Accounts: [\"111111111111\"]\n"
      "            Regions: [\"eu-west-1\", \"eu-south-2\"]\n"
      "            Resources: [\"*\"]\n"
      "            Tags: [\"environment=prod\"]\n",
      "*");
  Rule r = only_rule(imported);
  EXPECT_TRUE(r.match.accounts.empty()) << "account \"*\": every account";
  EXPECT_EQ(r.except.accounts, std::vector<std::string>{"111111111111"});
  EXPECT_EQ(r.except.regions, (std::vector<std::string>{"eu-west-1", "eu-south-2"}));
  EXPECT_EQ(r.except.resources, std::vector<std::string>{"*"}) << "\"*\" stays: it still takes part in the exception";
  EXPECT_EQ(r.except.tags, (std::map<std::string, std::string>{{"environment", "prod*"}}));
  Subject excepted = subject();
  excepted.account_id = "111111111111";
  excepted.region = "eu-west-1";
  excepted.tags = {{"environment", "prod"}};
  EXPECT_FALSE(matches(r, excepted));
  excepted.region = "us-east-1";
  EXPECT_TRUE(matches(r, excepted)) << "not in an excepted region";

  Imported ored = prowler("        \"*\":\n          Regions: [\"*\"]\n          Resources: [\"*\"]\n"
                          "          Exceptions: {Tags: [\"env=prod|env=stage\"]}\n");
  EXPECT_TRUE(ored.rules.empty());
  EXPECT_TRUE(has(all_notes(ored), "Exceptions.Tags[0] 'env=prod|env=stage' says 'or' ('|'), which a Signet exception cannot say"));
}

TEST(mutelist_prowler, SaysWhereProwlerBehavesDifferently) {
  Imported imported = from_yaml(
      "Mutelist:\n  Accounts:\n    \"123456789012\":\n      Checks:\n"
      "        \"*\":\n          Regions: [\"*\"]\n          Resources: [\"*\"]\n          Exceptions: {Resources: [\"test\"]}\n"
      "        \"ec2_ebs_volume_encryption\":\n          Regions: []\n          Resources: [\"*\"]\n"
      "        \"ec2_ebs_volume_encryption\":\n          Regions: [\"*\"]\n          Resources: [\"vol-1\"]\n"
      "    \"12345*\":\n      Checks:\n        \"*\":\n          Regions: [\"*\"]\n          Resources: [\"*\"]\n",
      kChecks, "ada");
  ASSERT_TRUE(imported.errors.empty()) << messages(imported.errors);
  std::string notes = all_notes(imported);
  EXPECT_TRUE(has(notes, "'ec2_ebs_volume_encryption' is given more than once: Prowler (PyYAML) keeps only the last one"));
  EXPECT_TRUE(has(notes, "check '*': Prowler stops at this entry when its exceptions match, so later entries under this account do not mute those results"));
  EXPECT_TRUE(has(notes, "account '12345*', check '*': the account key holds '*' or '?'"));
  ASSERT_EQ(imported.rules.size(), 2u) << notes;
  EXPECT_EQ(imported.rules[1].match.resources, std::vector<std::string>{"*vol-1*"}) << "the last duplicate wins";
  EXPECT_EQ(imported.rules[0].reason, "Muted in Prowler's mutelist (account '123456789012', check '*')");

  Imported empty_regions = prowler("        \"ec2_ebs_volume_encryption\":\n          Regions: []\n          Resources: [\"*\"]\n");
  EXPECT_TRUE(has(all_notes(empty_regions), "Regions is empty: Prowler mutes nothing with this entry; not imported"));
}

TEST(mutelist_prowler, AFileProwlerWouldRefuseIsRefusedByField) {
  struct Case {
    std::string checks, error;
  } cases[] = {
      {"        \"ec2_ebs_volume_encryption\":\n          Regions: [\"*\"]\n", "Checks[\"ec2_ebs_volume_encryption\"]: has no Resources"},
      {"        \"ec2_ebs_volume_encryption\":\n          Regions: \"*\"\n          Resources: [\"*\"]\n", ".Regions: must be a list of text"},
      {"        \"ec2_ebs_volume_encryption\":\n          Regions: [\"*\"]\n          Resources: [\"*\"]\n          Colour: red\n",
       ".Colour: unknown field; Prowler's mutelist has Regions, Resources, Tags, Exceptions, Description"},
      {"        \"x\":\n          Regions: [\"*\"]\n          Resources: [\"*\"]\n          Exceptions: [\"a\"]\n", ".Exceptions: must be a mapping"},
      {"        \"x\":\n          Regions: [[\"a\"]]\n          Resources: [\"*\"]\n", ".Regions: must be a list of text"},
      {"        \"x\": 3\n", "Checks[\"x\"]: must be a mapping"},
  };
  for (const auto& c : cases) {
    Imported imported = prowler(c.checks);
    EXPECT_TRUE(has(messages(imported.errors), "Mutelist.Accounts[\"123456789012\"].Checks[")) << c.checks;
    EXPECT_TRUE(has(messages(imported.errors), c.error)) << c.checks;
    EXPECT_TRUE(imported.rules.empty());
  }
  EXPECT_TRUE(has(messages(from_yaml("Mutelist:\n  Accounts: []\n", kChecks, "a").errors), "Mutelist.Accounts: must be a mapping"));
  EXPECT_TRUE(has(messages(from_yaml("Mutelist:\n  Checks: {}\n", kChecks, "a").errors), "Mutelist.Checks: unknown field"));
  EXPECT_EQ(from_yaml("Mutelist:\n", kChecks, "a").notes, (std::vector<std::string>{"Mutelist is empty: there is nothing to import"}));
  Imported old_name = from_yaml("Mute List:\n  Accounts:\n    \"*\":\n      Checks:\n        \"*\":\n          Regions: [\"*\"]\n          Resources: [\"*\"]\n",
                                kChecks, "a");
  EXPECT_EQ(old_name.rules.size(), 1u) << "Prowler 3's top-level key";
}

TEST(mutelist_prowler, TheShippedCheckMapNamesBuiltInsAndInverts) {
  std::ifstream file(std::string(SIGNET_SOURCE_DIR) + "/signatures/aws/field_checks.json");
  ASSERT_TRUE(file) << "signatures/aws/field_checks.json";
  json field_checks = json::parse(file);
  for (const auto& [signature, checks] : field_checks.items()) {
    EXPECT_TRUE(std::filesystem::exists(std::string(SIGNET_SOURCE_DIR) + "/signatures/aws/" + signature + ".yaml")) << signature;
    EXPECT_FALSE(checks.empty()) << signature;
  }
  ProwlerChecks map = prowler_map_from(field_checks);
  EXPECT_EQ(map.at("iam_user_mfa_enabled_console_access"), std::vector<std::string>{"AWS-IAM-005"});
  EXPECT_EQ(map.at("ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22"), (std::vector<std::string>{"AWS-EC2-002", "AWS-EC2-003"}));
  EXPECT_EQ(map.at("macie_is_enabled"), std::vector<std::string>{"AWS-MAC-001"});
  EXPECT_EQ(map.count("wellarchitected_workload_no_high_or_medium_risks"), 0u) << "no built-in checks what this check does";
  EXPECT_THROW(prowler_map_from(json::array()), std::invalid_argument);
  EXPECT_THROW(prowler_map_from(json{{"AWS-X-001", "not a list"}}), std::invalid_argument);
  EXPECT_THROW(prowler_map_from(json{{"AWS-X-001", {1}}}), std::invalid_argument);
}
