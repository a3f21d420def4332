#pragma once
// Mutelist rules (SPEC.md 2): a rule turns a matching Fail result into Muted, kept and shown
// with its rule, never counted as a risk or notified. Rules are validated field by field,
// kept in the store (records of kind "mute_rule"), matched with globs compiled once, and
// exported and imported as YAML: Signet's own form, and Prowler's mutelist on import.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/records.h"

namespace signet::mutelist {

using TimePoint = std::chrono::system_clock::time_point;

// What a rule matches. Patterns are globs (`*` any text, `?` one character), case-sensitive,
// matched against the whole text. An empty list matches anything; a non-empty one matches
// when any of its patterns does.
struct Criteria {
  std::vector<std::string> accounts;        // the account id or the account name
  std::vector<std::string> regions;
  std::vector<std::string> signatures;      // signature ids
  std::vector<std::string> resources;       // the resource id, name or ARN
  std::map<std::string, std::string> tags;  // every key present, with a value matching its glob
  bool empty() const;
};

struct Rule {
  std::int64_t id = 0;
  Criteria match;
  Criteria except;  // a result matching every non-empty field of `except` (and except non-empty) is not muted
  std::string reason, author;
  std::string created_at;       // ISO-8601 UTC
  std::string expires;          // YYYY-MM-DD, "" = never; the rule mutes through that whole UTC day
  std::string last_matched_at;  // ISO-8601 UTC, "" = never
};

struct FieldError {
  std::string field;  // "reason", "match.accounts[1]", "mutelist[2].expires", ...
  std::string message;
};

// Every problem, one per field: reason required, something to match, patterns and dates well formed.
std::vector<FieldError> validate(const Rule& rule);
std::string format_errors(const std::vector<FieldError>& errors);  // "field: message" lines

// The API's shape: {id, match: {accounts, regions, signatures, resources, tags}, except: {...},
// reason, author, createdAt, expires, lastMatchedAt}. Parsing never throws: wrong types and
// unknown fields are field errors, followed by validate()'s.
nlohmann::json to_json(const Rule& rule);
struct ParsedRule {
  Rule rule;
  std::vector<FieldError> errors;
  bool ok() const { return errors.empty(); }
};
ParsedRule parse_rule(const nlohmann::json& body);

// A Fail result, as rules see it.
struct Subject {
  std::string account_id, account_name, region, signature_id, resource_id, resource_name, resource_arn;
  std::map<std::string, std::string> tags;
};

bool matches(const Rule& rule, const Subject& subject);  // expiry aside; a rule with nothing in `match` matches nothing
bool expired(const Rule& rule, TimePoint now);           // an unreadable date counts as expired: it mutes nothing
// Not expired, and nothing matched for 90 days: never matched and created more than 90 days
// ago, or last matched more than 90 days ago.
bool stale(const Rule& rule, TimePoint now);
std::string state(const Rule& rule, TimePoint now);  // "expired", "stale" or "active"
std::string describe(const Criteria& criteria);      // "signatures=AWS-IAM-005; tags=env=dev", "-" when empty

// The rules of one scan, compiled once: called for every Fail result.
class Mutelist {
 public:
  Mutelist(std::vector<Rule> rules, TimePoint now);
  Mutelist(Mutelist&&) noexcept;
  Mutelist& operator=(Mutelist&&) noexcept;
  ~Mutelist();

  const Rule* match(const Subject& subject) const;  // the first unexpired rule (lowest id) that matches, else nullptr
  const std::vector<Rule>& rules() const { return rules_; }  // all of them, by id

 private:
  struct Compiled;
  std::vector<Rule> rules_;
  std::unique_ptr<const Compiled> compiled_;
};

// The stored rules (store records of kind "mute_rule"). add and update refuse an invalid
// rule with InvalidFields (common/invalid_fields.h), one message per field.
class MuteRules {
 public:
  explicit MuteRules(store::Store& store);
  std::vector<Rule> all() const;
  std::optional<Rule> find(std::int64_t id) const;
  std::int64_t add(Rule rule, TimePoint now = std::chrono::system_clock::now());  // sets created_at when empty
  void update(const Rule& rule);                                                  // throws StoreError if absent
  bool remove(std::int64_t id);
  void record_matches(const std::vector<std::int64_t>& ids, TimePoint at);  // sets last_matched_at

 private:
  store::Records<Rule> records_;
};

// Signet's YAML form, {mutelist: [{match, except, reason, author, expires}, ...]} with the
// JSON's field names; from_yaml reads it back identically.
std::string to_yaml(const std::vector<Rule>& rules);

// Prowler check id -> the Signet signature ids that check what it checks.
using ProwlerChecks = std::map<std::string, std::vector<std::string>>;
// From field_checks.json ({"AWS-IAM-005": ["iam_user_mfa_enabled_console_access"], ...}),
// inverted. Throws std::invalid_argument naming what is not of that shape.
ProwlerChecks prowler_map_from(const nlohmann::json& field_checks);
// The built-in signatures' map (signatures/aws/field_checks.json, embedded).
const ProwlerChecks& builtin_prowler_checks();

struct Imported {
  std::vector<Rule> rules;         // empty when there are errors
  std::vector<std::string> notes;  // what did not map, or maps differently, each naming where
  std::vector<FieldError> errors;  // bad YAML (with line and column), bad fields
};
// Signet's form, or Prowler's mutelist YAML (README.md says what maps and what does not).
// `author` signs the rules that do not name one. Never throws for bad input.
Imported from_yaml(const std::string& text, const ProwlerChecks& prowler_checks, const std::string& author);

}  // namespace signet::mutelist
