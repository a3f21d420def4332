#include "mutelist/mutelist.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <sstream>
#include <unordered_map>
#include <utility>

#include "common/invalid_fields.h"
#include "common/strings.h"
#include "common/time.h"
#include "common/glob.h"
#include "common/utf8.h"
#include "mutelist/internal.h"

extern "C" const char signet_field_checks[];  // signatures/aws/field_checks.json, embedded

namespace signet::mutelist {

namespace detail {

std::string printable(std::string_view value) {
  std::string text = valid_utf8(value.substr(0, 80));
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
  return value.size() > 80 ? text + "..." : text;
}

std::string shown(std::string_view value) { return "'" + printable(value) + "'"; }

}  // namespace detail

namespace {

using detail::printable;
using detail::shown;

using std::chrono::days;
using std::chrono::sys_days;

constexpr std::size_t kMaxPatternBytes = 512;
constexpr std::size_t kMaxPatterns = 1000;  // per list
constexpr std::size_t kMaxReasonBytes = 2000;
constexpr std::size_t kMaxAuthorBytes = 200;
constexpr auto kStaleAfter = days(90);

// ---- Text and time ----

bool has_control_characters(std::string_view text, bool but_line_breaks) {
  for (unsigned char c : text)
    if ((c < 0x20 && !(but_line_breaks && (c == '\n' || c == '\t'))) || c == 0x7F) return true;
  return false;
}

// The first thing wrong with a pattern, or "".
std::string pattern_problem(const std::string& pattern) {
  if (pattern.empty()) return "is empty; give a glob such as prod-* (* any text, ? one character)";
  if (pattern.size() > kMaxPatternBytes) return "is longer than " + std::to_string(kMaxPatternBytes) + " bytes";
  if (!is_utf8(pattern)) return "is not UTF-8 text";
  if (has_control_characters(pattern, false)) return shown(pattern) + " contains a control character";
  return "";
}

// A short run of digits (a date's or a time's part) as a number.
std::optional<int> digits(std::string_view text) {
  if (text.empty() || text.size() > 4) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// YYYY-MM-DD, a real calendar day from 1970 on.
std::optional<sys_days> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = digits(text.substr(0, 4)), m = digits(text.substr(5, 2)), d = digits(text.substr(8, 2));
  if (!y || !m || !d || *y < 1970) return std::nullopt;
  std::chrono::year_month_day date{std::chrono::year(*y), std::chrono::month(*m), std::chrono::day(*d)};
  if (!date.ok()) return std::nullopt;
  return sys_days(date);
}

// YYYY-MM-DDTHH:MM:SS[.fraction]Z, as common/time.h writes it (a fraction is accepted and dropped).
std::optional<TimePoint> parse_utc(std::string_view text) {
  if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text.back() != 'Z') return std::nullopt;
  auto date = parse_date(text.substr(0, 10));
  auto h = digits(text.substr(11, 2)), m = digits(text.substr(14, 2)), s = digits(text.substr(17, 2));
  if (!date || !h || !m || !s || *h > 23 || *m > 59 || *s > 59) return std::nullopt;
  std::string_view fraction = text.substr(19, text.size() - 20);
  bool fraction_ok = fraction.empty() || (fraction.size() > 1 && fraction[0] == '.' &&
                                          fraction.find_first_not_of("0123456789", 1) == std::string_view::npos);
  if (!fraction_ok) return std::nullopt;
  return TimePoint(*date) + std::chrono::hours(*h) + std::chrono::minutes(*m) + std::chrono::seconds(*s);
}

// ---- Criteria field by field ----

// The pattern lists of a criteria with their JSON names, for code that treats them alike.
template <typename C>
auto pattern_lists(C& c) {
  using List = std::conditional_t<std::is_const_v<C>, const std::vector<std::string>, std::vector<std::string>>;
  return std::array<std::pair<const char*, List*>, 4>{
      {{"accounts", &c.accounts}, {"regions", &c.regions}, {"signatures", &c.signatures}, {"resources", &c.resources}}};
}

void validate_criteria(const Criteria& c, const std::string& name, std::vector<FieldError>& errors) {
  for (auto [field, list] : pattern_lists(c)) {
    std::string where = name + "." + field;
    if (list->size() > kMaxPatterns) errors.push_back({where, "has more than " + std::to_string(kMaxPatterns) + " patterns"});
    for (std::size_t i = 0; i < list->size() && i < kMaxPatterns; ++i)
      if (auto problem = pattern_problem((*list)[i]); !problem.empty())
        errors.push_back({where + "[" + std::to_string(i) + "]", "pattern " + problem});
  }
  if (c.tags.size() > kMaxPatterns) errors.push_back({name + ".tags", "has more than " + std::to_string(kMaxPatterns) + " tags"});
  for (const auto& [key, value] : c.tags) {
    if (key.empty()) {
      errors.push_back({name + ".tags", "a tag key is empty; give KEY: VALUE-PATTERN (\"*\" for any value)"});
    } else if (auto problem = pattern_problem(key); !problem.empty()) {
      errors.push_back({name + ".tags", "the tag key " + problem});
    } else if (auto value_problem = pattern_problem(value); !value_problem.empty()) {
      errors.push_back({name + ".tags", "tag " + shown(key) + ": the value pattern " +
                                            (value.empty() ? "is empty; \"*\" matches any value" : value_problem)});
    }
  }
}

void validate_text(const std::string& value, const char* field, std::size_t max_bytes, bool line_breaks, std::vector<FieldError>& errors) {
  if (value.size() > max_bytes) errors.push_back({field, "is longer than " + std::to_string(max_bytes) + " bytes"});
  else if (!is_utf8(value)) errors.push_back({field, "is not UTF-8 text"});
  else if (has_control_characters(value, line_breaks))
    errors.push_back({field, line_breaks ? "contains a control character (only line breaks and tabs may appear)" : "contains a control character"});
}

void validate_time(const std::string& value, const char* field, std::vector<FieldError>& errors) {
  if (!value.empty() && !parse_utc(value))
    errors.push_back({field, shown(value) + " is not an ISO-8601 UTC time such as 2026-01-31T09:30:00Z"});
}

// ---- Reading the JSON (the API's) and YAML (as JSON) shapes ----

const std::vector<std::string> kApiFields = {"id", "match", "except", "reason", "author", "createdAt", "expires", "lastMatchedAt"};
const std::vector<std::string> kDocumentFields = {"match", "except", "reason", "author", "expires"};
const std::vector<std::string> kCriteriaFields = {"accounts", "regions", "signatures", "resources", "tags"};

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// Reads a rule from JSON or ordered JSON (the YAML form, converted), noting a field error for
// each value of the wrong type and each unknown name (read_rule then adds validate()'s).
template <typename Json>
class RuleReader {
 public:
  RuleReader(std::string prefix, std::vector<FieldError>& errors) : prefix_(std::move(prefix)), errors_(errors) {}

  Rule read(const Json& body, const std::vector<std::string>& allowed) {
    Rule rule;
    if (!body.is_object()) {
      error("", "must be an object with " + joined(allowed));
      return rule;
    }
    for (const auto& item : body.items())
      if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end())
        error(printable(item.key()), "unknown field; expected one of " + joined(allowed));
    auto allows = [&](const char* name) { return std::find(allowed.begin(), allowed.end(), name) != allowed.end(); };
    if (allows("id")) id(body, rule.id);
    criteria(body, "match", rule.match);
    criteria(body, "except", rule.except);
    text(body, "reason", rule.reason);
    text(body, "author", rule.author);
    text(body, "expires", rule.expires);
    if (allows("createdAt")) text(body, "createdAt", rule.created_at);
    if (allows("lastMatchedAt")) text(body, "lastMatchedAt", rule.last_matched_at);
    return rule;
  }

 private:
  std::string field(const std::string& name) const { return prefix_.empty() ? name : name.empty() ? prefix_ : prefix_ + "." + name; }
  void error(const std::string& name, std::string message) { errors_.push_back({field(name), std::move(message)}); }
  static bool given(const Json& body, const char* name) { return body.contains(name) && !body[name].is_null(); }

  void id(const Json& body, std::int64_t& out) {
    if (!given(body, "id")) return;
    const Json& value = body["id"];
    if (value.is_number_integer() && value.template get<std::int64_t>() >= 0) out = value.template get<std::int64_t>();
    else error("id", "must be a whole number");
  }

  void text(const Json& body, const char* name, std::string& out) {
    if (!given(body, name)) return;
    if (body[name].is_string()) out = body[name].template get<std::string>();
    else error(name, "must be text");
  }

  void criteria(const Json& body, const char* name, Criteria& out) {
    if (!given(body, name)) return;
    const Json& value = body[name];
    if (!value.is_object()) {
      error(name, "must be an object with " + joined(kCriteriaFields));
      return;
    }
    for (const auto& item : value.items())
      if (std::find(kCriteriaFields.begin(), kCriteriaFields.end(), item.key()) == kCriteriaFields.end())
        error(std::string(name) + "." + printable(item.key()), "unknown field; expected one of " + joined(kCriteriaFields));
    for (auto [list_name, list] : pattern_lists(out)) patterns(value, std::string(name) + "." + list_name, list_name, *list);
    tags(value, std::string(name) + ".tags", out.tags);
  }

  void patterns(const Json& criteria, const std::string& where, const char* name, std::vector<std::string>& out) {
    if (!given(criteria, name)) return;
    const Json& value = criteria[name];
    bool texts = value.is_array() && std::all_of(value.begin(), value.end(), [](const Json& v) { return v.is_string(); });
    if (!texts) {
      error(where, "must be a list of glob patterns (text)");
      return;
    }
    for (const auto& v : value) out.push_back(v.template get<std::string>());
  }

  void tags(const Json& criteria, const std::string& where, std::map<std::string, std::string>& out) {
    if (!given(criteria, "tags")) return;
    const Json& value = criteria["tags"];
    bool texts = value.is_object() && std::all_of(value.begin(), value.end(), [](const Json& v) { return v.is_string(); });
    if (!texts) {
      error(where, "must be an object of tag keys and value patterns ({\"env\": \"dev*\"})");
      return;
    }
    for (const auto& item : value.items()) out[item.key()] = item.value().template get<std::string>();
  }

  std::string prefix_;
  std::vector<FieldError>& errors_;
};

// Whether `field` is `other` or inside it ("match.accounts[0]" is inside "match").
bool within(const std::string& field, const std::string& other) {
  return field == other || (field.size() > other.size() && field.compare(0, other.size(), other) == 0 &&
                            (field[other.size()] == '.' || field[other.size()] == '['));
}

template <typename Json>
ParsedRule read_rule(const Json& body, const std::string& prefix, const std::vector<std::string>& allowed) {
  ParsedRule parsed;
  parsed.rule = RuleReader<Json>(prefix, parsed.errors).read(body, allowed);
  // A field already refused for its type is not judged again (nor what holds it, nor what it holds).
  std::size_t read_errors = parsed.errors.size();
  for (auto& e : validate(parsed.rule)) {
    std::string where = prefix.empty() ? e.field : prefix + "." + e.field;
    bool said = std::any_of(parsed.errors.begin(), parsed.errors.begin() + read_errors,
                            [&](const FieldError& seen) { return within(seen.field, where) || within(where, seen.field); });
    if (!said) parsed.errors.push_back({where, e.message});
  }
  return parsed;
}

nlohmann::json criteria_json(const Criteria& c) {
  nlohmann::json tags = nlohmann::json::object();
  for (const auto& [key, value] : c.tags) tags[key] = value;
  return {{"accounts", c.accounts}, {"regions", c.regions}, {"signatures", c.signatures}, {"resources", c.resources}, {"tags", tags}};
}

// ---- Globs ----

// A pattern compiled once: the common shapes (exact, prefix*, *suffix, *part*) are plain
// string comparisons; the rest runs glob_match.
class Glob {
 public:
  explicit Glob(std::string pattern) : text_(std::move(pattern)) {
    bool has_question = text_.find('?') != std::string::npos;
    std::size_t first_star = text_.find('*'), last_star = text_.rfind('*');
    if (!has_question && first_star == std::string::npos) {
      kind_ = Kind::Exact;
    } else if (!has_question && text_.find_first_not_of('*') == std::string::npos) {
      kind_ = Kind::Anything;
    } else if (!has_question && first_star == last_star && last_star == text_.size() - 1) {
      kind_ = Kind::Prefix, text_.pop_back();
    } else if (!has_question && first_star == last_star && first_star == 0) {
      kind_ = Kind::Suffix, text_.erase(0, 1);
    } else if (!has_question && text_.size() >= 2 && first_star == 0 && last_star == text_.size() - 1 &&
               text_.find('*', 1) == last_star) {
      kind_ = Kind::Contains, text_ = text_.substr(1, text_.size() - 2);
    } else {
      kind_ = Kind::General;
    }
  }
  bool exact() const { return kind_ == Kind::Exact; }
  const std::string& literal() const { return text_; }  // for an exact pattern

  bool matches(std::string_view value) const {
    switch (kind_) {
      case Kind::Anything: return true;
      case Kind::Exact: return value == text_;
      case Kind::Prefix: return value.substr(0, text_.size()) == text_;
      case Kind::Suffix: return value.size() >= text_.size() && value.substr(value.size() - text_.size()) == text_;
      case Kind::Contains: return value.find(text_) != std::string_view::npos;
      case Kind::General: return glob_match(text_, value);
    }
    return false;
  }

 private:
  enum class Kind { Anything, Exact, Prefix, Suffix, Contains, General };
  Kind kind_ = Kind::General;
  std::string text_;
};

std::vector<Glob> compiled(const std::vector<std::string>& patterns) {
  std::vector<Glob> out;
  out.reserve(patterns.size());
  for (const auto& p : patterns) out.emplace_back(p);
  return out;
}

// Any glob matches any of the values; no globs: anything matches.
bool any_matches(const std::vector<Glob>& globs, std::initializer_list<std::string_view> values) {
  if (globs.empty()) return true;
  for (const auto& g : globs)
    for (auto v : values)
      if (g.matches(v)) return true;
  return false;
}

struct CompiledCriteria {
  std::vector<Glob> accounts, regions, signatures, resources;
  std::vector<std::pair<std::string, Glob>> tags;

  explicit CompiledCriteria(const Criteria& c)
      : accounts(compiled(c.accounts)), regions(compiled(c.regions)), signatures(compiled(c.signatures)), resources(compiled(c.resources)) {
    for (const auto& [key, value] : c.tags) tags.emplace_back(key, Glob(value));
  }
  bool empty() const { return accounts.empty() && regions.empty() && signatures.empty() && resources.empty() && tags.empty(); }

  // Every non-empty field matches.
  bool matches(const Subject& s) const {
    if (!any_matches(signatures, {s.signature_id}) || !any_matches(regions, {s.region}) ||
        !any_matches(accounts, {s.account_id, s.account_name}) ||
        !any_matches(resources, {s.resource_id, s.resource_name, s.resource_arn}))
      return false;
    for (const auto& [key, glob] : tags) {
      auto found = s.tags.find(key);
      if (found == s.tags.end() || !glob.matches(found->second)) return false;
    }
    return true;
  }
};

struct CompiledRule {
  std::size_t index;  // in Mutelist::rules_
  CompiledCriteria match, except;

  CompiledRule(std::size_t index, const Rule& rule) : index(index), match(rule.match), except(rule.except) {}
  // A rule with nothing to match mutes nothing: muting everything has to be said ("*").
  bool mutes(const Subject& s) const { return !match.empty() && match.matches(s) && (except.empty() || !except.matches(s)); }
};

// ---- Storage ----

constexpr const char* kKind = "mute_rule";

Rule from_record(std::int64_t id, const nlohmann::json& body) {
  Rule rule = parse_rule(body).rule;  // what was stored was valid when stored
  rule.id = id;
  return rule;
}

nlohmann::json to_record(const Rule& rule) {
  nlohmann::json body = to_json(rule);
  body.erase("id");  // the store gives it
  return body;
}

void refuse_if_invalid(const Rule& rule) {
  auto errors = validate(rule);
  if (errors.empty()) return;
  nlohmann::json fields = nlohmann::json::object();
  for (const auto& e : errors)
    if (!fields.contains(e.field)) fields[e.field] = e.message;
  throw InvalidFields("the mute rule is not valid", fields);
}

// ---- YAML ----

constexpr std::size_t kMaxYamlBytes = 4 << 20;
constexpr int kMaxYamlDepth = 32;            // Signet's form nests 5 deep, Prowler's 8
constexpr std::size_t kMaxYamlValues = 200000;  // aliases count each time they are used

std::string at(int line, int column) { return "(line " + std::to_string(line + 1) + ", column " + std::to_string(column + 1) + ")"; }

std::string at(const std::string& text, std::size_t offset) {
  int line = 0, column = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') ++line, column = 0;
    else ++column;
  }
  return at(line, column);
}

// Refuses what is not YAML text before yaml-cpp sees it: too large, not UTF-8, control characters.
std::optional<FieldError> unreadable(const std::string& text) {
  if (text.size() > kMaxYamlBytes) return FieldError{"yaml", "is larger than " + std::to_string(kMaxYamlBytes >> 20) + " MiB"};
  for (std::size_t i = 0, n; i < text.size(); i += n) {
    n = utf8_sequence(text, i);
    if (n == 0) return FieldError{"yaml", "is not UTF-8 text " + at(text, i) + "; is it a binary file?"};
    unsigned char c = text[i];
    if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", c);
      return FieldError{"yaml", std::string("contains the control character ") + hex + " " + at(text, i) + "; is it a binary file?"};
    }
  }
  return std::nullopt;
}

// Counts the documents in `text`, up to `most`. Not YAML::LoadAll: in yaml-cpp 0.7 it never
// ends on some malformed text (a stray ',' gives empty documents forever, and memory runs out:
// jbeder/yaml-cpp#1040, fixed upstream by #1319).
int documents_in(const std::string& text, int most) {
  struct Ignore : YAML::EventHandler {
    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
  } ignore;
  std::istringstream in(text);
  YAML::Parser parser(in);
  int documents = 0;
  while (documents < most && parser.HandleNextDocument(ignore)) ++documents;
  return documents;
}

// YAML as ordered JSON (key order kept, as Prowler's reader keeps it), every scalar as text,
// bounded in depth and in values so that a nested or alias-bomb document is an error.
class YamlToJson {
 public:
  explicit YamlToJson(std::vector<FieldError>& errors) : errors_(errors) {}
  std::vector<std::string> duplicate_keys;  // "PATH: KEY"

  bool convert(const YAML::Node& node, const std::string& path, int depth, nlohmann::ordered_json& out) {
    if (depth > kMaxYamlDepth) return fail(node, path, "nests deeper than " + std::to_string(kMaxYamlDepth) + " levels");
    if (++values_ > kMaxYamlValues) return fail(node, path, "holds more than " + std::to_string(kMaxYamlValues) + " values (aliases included)");
    if (node.IsNull()) {
      out = nullptr;
    } else if (node.IsScalar()) {
      out = node.Scalar();
    } else if (node.IsSequence()) {
      out = nlohmann::ordered_json::array();
      std::size_t i = 0;
      for (const auto& item : node) {
        nlohmann::ordered_json value;
        if (!convert(item, path + "[" + std::to_string(i++) + "]", depth + 1, value)) return false;
        out.push_back(std::move(value));
      }
    } else if (node.IsMap()) {
      out = nlohmann::ordered_json::object();
      for (const auto& entry : node) {
        if (!entry.first.IsScalar()) return fail(entry.first, path, "has a key that is not text");
        const std::string& key = entry.first.Scalar();
        std::string where = path.empty() ? key : path + "." + key;
        nlohmann::ordered_json value;
        if (!convert(entry.second, where, depth + 1, value)) return false;
        if (out.contains(key)) duplicate_keys.push_back((path.empty() ? "the top level" : path) + ": " + shown(key));
        out[key] = std::move(value);  // the last one wins, as in PyYAML
      }
    }
    return true;
  }

 private:
  bool fail(const YAML::Node& node, const std::string& path, const std::string& message) {
    errors_.push_back({"yaml", (path.empty() ? "the document" : shown(path)) + " " + message + " " + at(node.Mark().line, node.Mark().column)});
    return false;
  }
  std::vector<FieldError>& errors_;
  std::size_t values_ = 0;
};

void write_patterns(YAML::Emitter& out, const char* key, const std::vector<std::string>& patterns) {
  if (patterns.empty()) return;
  out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (const auto& p : patterns) out << YAML::DoubleQuoted << p;
  out << YAML::EndSeq;
}

void write_criteria(YAML::Emitter& out, const char* key, const Criteria& c) {
  if (c.empty()) return;
  out << YAML::Key << key << YAML::Value << YAML::BeginMap;
  for (auto [name, list] : pattern_lists(c)) write_patterns(out, name, *list);
  if (!c.tags.empty()) {
    out << YAML::Key << "tags" << YAML::Value << YAML::BeginMap;
    for (const auto& [k, v] : c.tags) out << YAML::Key << YAML::DoubleQuoted << k << YAML::Value << YAML::DoubleQuoted << v;
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
}

// Text is always double-quoted: YAML then keeps it as written (quotes, colons, line breaks,
// leading spaces, "null", "*") and escapes what needs it.
void write_text(YAML::Emitter& out, const char* key, const std::string& value) {
  if (!value.empty()) out << YAML::Key << key << YAML::Value << YAML::DoubleQuoted << value;
}

// Signet's form: {mutelist: [rule, ...]}, each rule read as in the API but without the fields
// the store keeps (id, createdAt, lastMatchedAt).
void read_signet_form(const nlohmann::ordered_json& doc, const YAML::Node& yaml, const std::string& author, Imported& out) {
  for (const auto& item : doc.items())
    if (item.key() != "mutelist") out.errors.push_back({printable(item.key()), "unknown field; a Signet mutelist holds only mutelist: [...]"});
  const auto& list = doc["mutelist"];
  if (list.is_null()) return;  // "mutelist:" with nothing under it
  if (!list.is_array()) {
    out.errors.push_back({"mutelist", "must be a list of rules (- match: ..., reason: ...) " + at(yaml["mutelist"].Mark().line, yaml["mutelist"].Mark().column)});
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    ParsedRule parsed = read_rule(list[i], "mutelist[" + std::to_string(i) + "]", kDocumentFields);
    if (parsed.rule.author.empty()) parsed.rule.author = author;
    auto mark = yaml["mutelist"][i].Mark();
    for (auto& e : parsed.errors) out.errors.push_back({e.field, e.message + " (line " + std::to_string(mark.line + 1) + ")"});
    out.rules.push_back(std::move(parsed.rule));
  }
}

void read_document(const std::string& text, const ProwlerChecks& prowler_checks, const std::string& author, Imported& out) {
  if (auto problem = unreadable(text)) {
    out.errors.push_back(*problem);
    return;
  }
  int documents = 0;
  YAML::Node root;
  try {
    documents = documents_in(text, 2);
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    out.errors.push_back({"yaml", "not valid YAML: " + e.msg + " " + at(e.mark.line, e.mark.column)});
    return;
  }
  if (documents == 0) {
    out.errors.push_back({"yaml", "is empty; expected mutelist: [...] (Signet's form) or Mutelist: (Prowler's)"});
    return;
  }
  bool signet = root.IsMap() && root["mutelist"];
  const char* prowler_key = root.IsMap() && root["Mutelist"] ? "Mutelist" : root.IsMap() && root["Mute List"] ? "Mute List" : nullptr;
  if (signet == (prowler_key != nullptr)) {
    out.errors.push_back({"yaml", signet ? "holds both mutelist: (Signet) and Mutelist: (Prowler); give one"
                                         : "expected mutelist: [...] (Signet's form) or Mutelist: (Prowler's) at the top"});
    return;
  }
  if (documents > 1) {
    out.errors.push_back({"yaml", "holds more than one YAML document (---); expected one"});
    return;
  }
  YamlToJson converter(out.errors);
  nlohmann::ordered_json doc;
  if (!converter.convert(root, "", 0, doc)) return;
  if (signet) {
    for (const auto& key : converter.duplicate_keys) out.errors.push_back({"yaml", key + " is given more than once"});
    read_signet_form(doc, root, author, out);
    return;
  }
  for (const auto& key : converter.duplicate_keys)
    out.notes.push_back(key + " is given more than once: Prowler (PyYAML) keeps only the last one, and so does this import");
  for (const auto& item : doc.items())
    if (item.key() != prowler_key) out.notes.push_back("the top-level " + shown(item.key()) + " is ignored: Prowler reads only " + prowler_key);
  detail::import_prowler(doc[prowler_key], prowler_key, prowler_checks, author, out);
}

}  // namespace

// ---- Rules ----

bool Criteria::empty() const { return accounts.empty() && regions.empty() && signatures.empty() && resources.empty() && tags.empty(); }

std::vector<FieldError> validate(const Rule& rule) {
  std::vector<FieldError> errors;
  if (trim(rule.reason).empty()) errors.push_back({"reason", "is required: say why these results are accepted"});
  else validate_text(rule.reason, "reason", kMaxReasonBytes, true, errors);
  validate_text(rule.author, "author", kMaxAuthorBytes, false, errors);
  if (rule.match.empty())
    errors.push_back({"match", "names nothing to match: give accounts, regions, signatures, resources or tags "
                               "(a rule for every result says so with signatures: [\"*\"])"});
  validate_criteria(rule.match, "match", errors);
  validate_criteria(rule.except, "except", errors);
  if (!rule.expires.empty() && !parse_date(rule.expires))
    errors.push_back({"expires", shown(rule.expires) + " is not a date; expected YYYY-MM-DD such as 2026-12-31 (the rule mutes through that day, UTC)"});
  validate_time(rule.created_at, "createdAt", errors);
  validate_time(rule.last_matched_at, "lastMatchedAt", errors);
  return errors;
}

std::string format_errors(const std::vector<FieldError>& errors) {
  std::string out;
  for (const auto& e : errors) out += e.field + ": " + e.message + "\n";
  return out;
}

nlohmann::json to_json(const Rule& rule) {
  return {{"id", rule.id},
          {"match", criteria_json(rule.match)},
          {"except", criteria_json(rule.except)},
          {"reason", rule.reason},
          {"author", rule.author},
          {"createdAt", rule.created_at},
          {"expires", rule.expires},
          {"lastMatchedAt", rule.last_matched_at}};
}

ParsedRule parse_rule(const nlohmann::json& body) { return read_rule(body, "", kApiFields); }

bool matches(const Rule& rule, const Subject& subject) { return CompiledRule(0, rule).mutes(subject); }

bool expired(const Rule& rule, TimePoint now) {
  if (rule.expires.empty()) return false;
  auto last_day = parse_date(rule.expires);
  // Compared in days: a far date (9999-12-31) does not fit the clock's nanoseconds.
  return !last_day || std::chrono::floor<days>(now) > *last_day;
}

bool stale(const Rule& rule, TimePoint now) {
  if (expired(rule, now)) return false;
  auto since = parse_utc(rule.last_matched_at.empty() ? rule.created_at : rule.last_matched_at);
  return since && now - *since > kStaleAfter;
}

std::string state(const Rule& rule, TimePoint now) { return expired(rule, now) ? "expired" : stale(rule, now) ? "stale" : "active"; }

std::string describe(const Criteria& c) {
  std::string out;
  auto add = [&](const char* name, const std::string& values) { out += (out.empty() ? "" : "; ") + std::string(name) + "=" + values; };
  for (auto [name, list] : pattern_lists(c))
    if (!list->empty()) add(name, joined(*list));
  if (!c.tags.empty()) {
    std::vector<std::string> pairs;
    for (const auto& [k, v] : c.tags) pairs.push_back(k + "=" + v);
    add("tags", joined(pairs));
  }
  return out.empty() ? "-" : out;
}

// ---- Mutelist ----

// The unexpired rules by id, with an index by signature id: a rule naming exact signature ids
// is only tried on their results; the others (wildcards, no signature criterion) on every result.
struct Mutelist::Compiled {
  std::vector<CompiledRule> rules;
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_signature;
  std::vector<std::uint32_t> any_signature;
};

Mutelist::Mutelist(std::vector<Rule> rules, TimePoint now) : rules_(std::move(rules)) {
  std::stable_sort(rules_.begin(), rules_.end(), [](const Rule& a, const Rule& b) { return a.id < b.id; });
  auto c = std::make_unique<Compiled>();
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    if (expired(rules_[i], now)) continue;
    c->rules.emplace_back(i, rules_[i]);
    auto position = static_cast<std::uint32_t>(c->rules.size() - 1);
    const auto& signatures = c->rules.back().match.signatures;
    bool exact = !signatures.empty() && std::all_of(signatures.begin(), signatures.end(), [](const Glob& g) { return g.exact(); });
    if (!exact) {
      c->any_signature.push_back(position);
      continue;
    }
    for (const auto& g : signatures) {
      auto& list = c->by_signature[g.literal()];
      if (list.empty() || list.back() != position) list.push_back(position);
    }
  }
  compiled_ = std::move(c);
}

Mutelist::Mutelist(Mutelist&&) noexcept = default;
Mutelist& Mutelist::operator=(Mutelist&&) noexcept = default;
Mutelist::~Mutelist() = default;

const Rule* Mutelist::match(const Subject& subject) const {
  static const std::vector<std::uint32_t> none;
  auto found = compiled_->by_signature.find(subject.signature_id);
  const auto& named = found == compiled_->by_signature.end() ? none : found->second;
  const auto& any = compiled_->any_signature;
  // Both lists are in id order: walk them together so that the lowest id wins.
  for (std::size_t i = 0, j = 0; i < named.size() || j < any.size();) {
    bool from_named = j == any.size() || (i < named.size() && named[i] < any[j]);
    const CompiledRule& rule = compiled_->rules[from_named ? named[i++] : any[j++]];
    if (rule.mutes(subject)) return &rules_[rule.index];
  }
  return nullptr;
}

// ---- MuteRules ----

MuteRules::MuteRules(store::Store& store) : records_(store, kKind, from_record, to_record) {}

std::vector<Rule> MuteRules::all() const { return records_.all(); }

std::optional<Rule> MuteRules::find(std::int64_t id) const { return records_.find(id); }

std::int64_t MuteRules::add(Rule rule, TimePoint now) {
  if (rule.created_at.empty()) rule.created_at = iso_utc(now);
  refuse_if_invalid(rule);
  return records_.add(rule);
}

void MuteRules::update(const Rule& rule) {
  refuse_if_invalid(rule);
  records_.update(rule);
}

bool MuteRules::remove(std::int64_t id) { return records_.remove(id); }

void MuteRules::record_matches(const std::vector<std::int64_t>& ids, TimePoint at) {
  std::vector<std::int64_t> unique = ids;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  for (auto id : unique) {
    auto rule = records_.find(id);
    if (!rule) continue;  // removed while the scan ran
    rule->last_matched_at = iso_utc(at);
    records_.update(*rule);
  }
}

// ---- YAML ----

std::string to_yaml(const std::vector<Rule>& rules) {
  YAML::Emitter out;
  out << YAML::BeginMap << YAML::Key << "mutelist" << YAML::Value;
  if (rules.empty()) out << YAML::Flow;  // "mutelist: []"
  out << YAML::BeginSeq;
  for (const auto& rule : rules) {
    out << YAML::BeginMap;
    write_criteria(out, "match", rule.match);
    write_criteria(out, "except", rule.except);
    write_text(out, "reason", rule.reason);
    write_text(out, "author", rule.author);
    write_text(out, "expires", rule.expires);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
  return std::string(out.c_str(), out.size()) + "\n";
}

ProwlerChecks prowler_map_from(const nlohmann::json& field_checks) {
  if (!field_checks.is_object()) throw std::invalid_argument("field checks: expected {\"SIGNATURE-ID\": [\"prowler_check\", ...], ...}");
  ProwlerChecks map;
  for (const auto& [signature, checks] : field_checks.items()) {
    if (!checks.is_array()) throw std::invalid_argument("field checks: " + signature + " must list Prowler check ids");
    for (const auto& check : checks) {
      if (!check.is_string()) throw std::invalid_argument("field checks: " + signature + " lists something that is not a check id");
      auto& ids = map[check.get<std::string>()];
      if (std::find(ids.begin(), ids.end(), signature) == ids.end()) ids.push_back(signature);
    }
  }
  for (auto& [check, ids] : map) std::sort(ids.begin(), ids.end());
  return map;
}

const ProwlerChecks& builtin_prowler_checks() {
  static const ProwlerChecks checks = prowler_map_from(nlohmann::json::parse(signet_field_checks));
  return checks;
}

Imported from_yaml(const std::string& text, const ProwlerChecks& prowler_checks, const std::string& author) {
  Imported imported;
  try {
    read_document(text, prowler_checks, author, imported);
  } catch (const std::exception& e) {  // yaml-cpp's or the allocator's, from deep inside: still an answer
    imported.errors.push_back({"yaml", std::string("could not be read: ") + e.what()});
  }
  if (!imported.errors.empty()) imported.rules.clear();
  return imported;
}

}  // namespace signet::mutelist
