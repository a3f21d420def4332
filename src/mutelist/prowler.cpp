// Prowler's mutelist YAML as Signet rules (README.md: "Importing Prowler's mutelist").
//
// Prowler matches an entry's Resources, Regions, Tags and its Exceptions' lists with Python's
// re.search: a regular expression found anywhere in the text. Signet's patterns are globs
// matched against the whole text, so each expression is read into its alternatives and each
// alternative written as the glob that finds the same texts (`prod-.*` -> `*prod-*`,
// `^user-1$` -> `user-1`). An entry with anything that has no such glob is not imported, and
// a note says which value and why: a rule that mutes differently is worse than none.
#include <algorithm>
#include <optional>
#include <set>

#include "common/glob.h"
#include "common/strings.h"
#include "common/utf8.h"
#include "mutelist/internal.h"

namespace signet::mutelist::detail {

namespace {

using Json = nlohmann::ordered_json;

// ---- Python regular expressions as globs ----

// One piece of an expression without alternatives: a character, any character or an
// anchor, repeated min..max times (max -1: no bound).
struct Atom {
  enum class Kind { Character, AnyCharacter, Start, End } kind;
  std::string character;  // one UTF-8 character
  int min = 1, max = 1;
};
using Sequence = std::vector<Atom>;

constexpr std::size_t kMaxAlternatives = 32;
constexpr int kMaxGroupDepth = 16;
constexpr int kMaxRepeat = 64;

// An expression's alternatives, each a sequence: `a|b(c|d)` reads as a, bc, bd. What has no
// glob equivalent (character classes, \d and the like, repeated groups, lookarounds) and what
// Python would refuse (nothing to repeat, unbalanced parentheses) is a problem, named.
class RegexReader {
 public:
  explicit RegexReader(std::string text) : owned_(std::move(text)), text_(owned_) {}

  std::optional<std::vector<Sequence>> read() {
    auto alternatives = alternation(0);
    if (problem_.empty() && pos_ < text_.size()) fail("an unbalanced ')'");
    if (!problem_.empty()) return std::nullopt;
    return alternatives;
  }
  const std::string& problem() const { return problem_; }

 private:
  std::vector<Sequence> alternation(int depth) {
    std::vector<Sequence> done, current{Sequence{}};
    while (problem_.empty() && pos_ < text_.size() && text_[pos_] != ')') {
      if (text_[pos_] == '|') {
        ++pos_;
        add(done, current);
        current = {Sequence{}};
      } else if (text_[pos_] == '(') {
        group(depth, current);
      } else if (auto atom = single(); atom && repeat(*atom)) {
        for (auto& s : current) s.push_back(*atom);
      }
    }
    add(done, current);
    return done;
  }

  // A group, `(...)` or `(?:...)`, joined to every sequence read so far; false on a problem.
  bool group(int depth, std::vector<Sequence>& current) {
    std::size_t start = pos_++;
    if (text_.substr(pos_, 2) == "?:") pos_ += 2;
    else if (pos_ < text_.size() && text_[pos_] == '?') return fail("the group " + shown(text_.substr(start, 4)) + "... (a lookaround, flag or named group)");
    if (depth >= kMaxGroupDepth) return fail("groups nested more than " + std::to_string(kMaxGroupDepth) + " deep");
    auto inner = alternation(depth + 1);
    if (!problem_.empty()) return false;
    if (pos_ >= text_.size()) return fail("an unclosed '('");
    ++pos_;
    if (quantifier_at(pos_)) return fail("the repeated group " + shown(text_.substr(start, pos_ - start + 1)));
    std::vector<Sequence> joined;
    for (const auto& before : current)
      for (const auto& inside : inner) {
        joined.push_back(before);
        joined.back().insert(joined.back().end(), inside.begin(), inside.end());
      }
    if (joined.size() > kMaxAlternatives) return fail("more than " + std::to_string(kMaxAlternatives) + " alternatives");
    current = std::move(joined);
    return true;
  }

  std::optional<Atom> single() {
    char c = text_[pos_];
    auto atom = [&](Atom::Kind kind, std::size_t length) {
      Atom a{kind, std::string(text_.substr(pos_, length))};
      pos_ += length;
      return a;
    };
    switch (c) {
      case '.': return atom(Atom::Kind::AnyCharacter, 1);
      case '^': return atom(Atom::Kind::Start, 1);
      case '$': return atom(Atom::Kind::End, 1);
      case '[': {
        auto close = text_.find(']', pos_ + 2);
        fail("the character class " + shown(text_.substr(pos_, close == std::string_view::npos ? 8 : close - pos_ + 1)));
        return std::nullopt;
      }
      case '*': case '+': case '?':
        fail("nothing to repeat before " + shown(text_.substr(pos_, 1)));
        return std::nullopt;
      case '\\': return escaped();
      default:
        if (c == '{' && quantifier_at(pos_)) {
          fail("nothing to repeat before '{'");
          return std::nullopt;
        }
        return atom(Atom::Kind::Character, std::max<std::size_t>(1, utf8_sequence(text_, pos_)));
    }
  }

  std::optional<Atom> escaped() {
    if (pos_ + 1 >= text_.size()) {
      fail("a trailing backslash");
      return std::nullopt;
    }
    unsigned char e = text_[pos_ + 1];
    pos_ += 2;
    if (e == 'A') return Atom{Atom::Kind::Start, "\\A"};
    if (e == 'Z') return Atom{Atom::Kind::End, "\\Z"};
    if (std::isalnum(e)) {
      fail(std::string("the escape \\") + static_cast<char>(e) + " (a class of characters, a boundary or a back-reference)");
      return std::nullopt;
    }
    std::size_t length = std::max<std::size_t>(1, utf8_sequence(text_, pos_ - 1));
    pos_ += length - 1;
    return Atom{Atom::Kind::Character, std::string(text_.substr(pos_ - length, length))};
  }

  struct Bounds {
    int min, max;
    std::size_t length;
  };
  // `*`, `+`, `?`, `{n}`, `{n,}`, `{,m}` or `{n,m}` at `at`; a `{` that is none of these is a
  // plain character, as in Python.
  std::optional<Bounds> quantifier(std::size_t at) const {
    if (at >= text_.size()) return std::nullopt;
    switch (text_[at]) {
      case '*': return Bounds{0, -1, 1};
      case '+': return Bounds{1, -1, 1};
      case '?': return Bounds{0, 1, 1};
      case '{': break;
      default: return std::nullopt;
    }
    auto close = text_.find('}', at);
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view inside = text_.substr(at + 1, close - at - 1);
    // A count, or `when_empty` for an omitted one; nullopt when it is not digits.
    auto count = [](std::string_view digits, std::optional<int> when_empty) -> std::optional<int> {
      if (digits.empty()) return when_empty;
      if (digits.size() > 6 || digits.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
      return std::stoi(std::string(digits));
    };
    std::size_t length = close - at + 1;
    auto comma = inside.find(',');
    if (comma == std::string_view::npos) {
      auto n = count(inside, std::nullopt);
      return n ? std::optional<Bounds>(Bounds{*n, *n, length}) : std::nullopt;
    }
    auto low = count(inside.substr(0, comma), 0), high = count(inside.substr(comma + 1), -1);
    return low && high ? std::optional<Bounds>(Bounds{*low, *high, length}) : std::nullopt;
  }
  bool quantifier_at(std::size_t at) const { return quantifier(at).has_value(); }

  // Reads the quantifier after `atom`, if any; false on a problem.
  bool repeat(Atom& atom) {
    auto bounds = quantifier(pos_);
    if (!bounds) return true;
    if (atom.kind == Atom::Kind::Start || atom.kind == Atom::Kind::End) return fail("nothing to repeat before " + shown(text_.substr(pos_, 1)));
    pos_ += bounds->length;
    if (pos_ < text_.size() && text_[pos_] == '?') ++pos_;  // lazy: the same texts are found
    if (pos_ < text_.size() && (text_[pos_] == '+' || quantifier_at(pos_))) return fail("a repeated repetition");
    if (bounds->min > kMaxRepeat || bounds->max > kMaxRepeat) return fail("a repetition count above " + std::to_string(kMaxRepeat));
    if (bounds->max != -1 && bounds->max < bounds->min) return fail("a repetition {min,max} with max below min");
    atom.min = bounds->min;
    atom.max = bounds->max;
    return true;
  }

  void add(std::vector<Sequence>& done, std::vector<Sequence>& more) {
    done.insert(done.end(), more.begin(), more.end());
    if (done.size() > kMaxAlternatives) fail("more than " + std::to_string(kMaxAlternatives) + " alternatives");
  }
  bool fail(std::string problem) {  // the first problem is the one told
    if (problem_.empty()) problem_ = std::move(problem);
    return false;
  }

  std::string owned_;
  std::string_view text_;  // owned_
  std::size_t pos_ = 0;
  std::string problem_;
};

std::string written(const Atom& a) {
  std::string base = a.kind == Atom::Kind::AnyCharacter ? "." : a.character;
  if (a.min == a.max) return a.min == 1 ? base : base + "{" + std::to_string(a.min) + "}";
  if (a.min == 0 && a.max == -1) return base + "*";
  if (a.min == 1 && a.max == -1) return base + "+";
  if (a.min == 0 && a.max == 1) return base + "?";
  return base + "{" + std::to_string(a.min) + "," + (a.max == -1 ? "" : std::to_string(a.max)) + "}";
}

// What can repeat more, or be absent, at an end a search leaves open changes nothing it finds:
// re.search("x+y") finds what "xy" finds, "a*b" what "b" finds.
void trim_open_start(Sequence& s) {
  while (!s.empty() && s.front().min == 0) s.erase(s.begin());
  if (!s.empty()) s.front().max = s.front().min;
}
void trim_open_end(Sequence& s) {
  while (!s.empty() && s.back().min == 0) s.pop_back();
  if (!s.empty()) s.back().max = s.back().min;
}

struct GlobOrProblem {
  std::string glob, problem;
};

// The glob that matches the texts in which re.search finds `s`. `after_key`: `s` follows
// "KEY=" in Prowler's tag text, so it starts there and may not end it (the tag text goes on
// with " | next=tag").
GlobOrProblem to_glob(Sequence s, bool after_key = false) {
  bool start = after_key, end = false;
  while (!after_key && !s.empty() && s.front().kind == Atom::Kind::Start) start = true, s.erase(s.begin());
  while (!after_key && !s.empty() && s.back().kind == Atom::Kind::End) end = true, s.pop_back();
  if (!start) trim_open_start(s);
  if (!end) trim_open_end(s);
  std::string body;
  for (const auto& a : s) {
    if (a.kind == Atom::Kind::Start || a.kind == Atom::Kind::End)
      return {"", after_key ? "an anchor in a tag value (Prowler's '^' and '$' mean the start and end of all tags together)"
                            : "an anchor ('^', '$') inside the expression"};
    if (a.kind == Atom::Kind::AnyCharacter) {
      if (a.max != -1 && a.max != a.min) return {"", "the bounded run of characters " + shown(written(a))};
      body += std::string(a.min, '?') + (a.max == -1 ? "*" : "");
      continue;
    }
    if (a.character == "*" || a.character == "?") return {"", "a literal " + shown(a.character) + " (a glob cannot match one)"};
    if (a.max != a.min) return {"", "the repeated character " + shown(written(a))};
    for (int i = 0; i < a.min; ++i) body += a.character;
  }
  std::string glob = (start ? "" : "*") + body + (end ? "" : "*");
  glob.erase(std::unique(glob.begin(), glob.end(), [](char a, char b) { return a == '*' && b == '*'; }), glob.end());
  if (glob.empty()) return {"", "it matches only empty text"};
  return {glob, ""};
}

// Prowler's own rewrite before searching: an item starting with "*" means ".*".
std::string as_prowler_reads(const std::string& item) { return !item.empty() && item[0] == '*' ? ".*" + item.substr(1) : item; }

enum class Field { Accounts, Regions, Resources };

// A region name or a 12-digit account id cannot be part of another one, so finding it
// anywhere in the text means the text is it.
std::string tightened(const std::string& glob, Field field) {
  if (glob.size() < 3 || glob.front() != '*' || glob.back() != '*') return glob;
  std::string inner = glob.substr(1, glob.size() - 2);
  if (inner.find_first_of("*?") != std::string::npos) return glob;
  bool account_id = inner.size() == 12 && inner.find_first_not_of("0123456789") == std::string::npos;
  if ((field == Field::Regions && is_region_name(inner)) || (field == Field::Accounts && account_id)) return inner;
  return glob;
}

// Each alternative of each item of a Prowler list as a glob (a list and an expression's
// alternatives both mean "any of"); `problem` names the first item that has none.
std::vector<std::string> globs_of(const std::vector<std::string>& items, const char* list, Field field, std::string& problem) {
  std::vector<std::string> globs;
  for (std::size_t i = 0; i < items.size() && problem.empty(); ++i) {
    auto why = [&](const std::string& reason) { problem = std::string(list) + "[" + std::to_string(i) + "] " + shown(items[i]) + " has no glob equivalent: " + reason; };
    RegexReader reader(as_prowler_reads(items[i]));
    auto alternatives = reader.read();
    if (!alternatives) {
      why(reader.problem());
      break;
    }
    for (const auto& alternative : *alternatives) {
      auto converted = to_glob(alternative);
      if (!converted.problem.empty()) {
        why(converted.problem);
        break;
      }
      std::string glob = tightened(converted.glob, field);
      if (std::find(globs.begin(), globs.end(), glob) == globs.end()) globs.push_back(glob);
    }
  }
  return globs;
}

using Tags = std::map<std::string, std::string>;

// Prowler searches each Tags item in the text "k1=v1 | k2=v2" of all the resource's tags, and
// every item must be found (the items are ANDed; '|' inside one is an OR). Each alternative
// must read KEY=VALUE: KEY is taken as the tag key, VALUE as the glob its value starts with.
// The result: the sets of tags of which any one mutes (several rules), or a problem.
std::vector<Tags> tag_sets_of(const std::vector<std::string>& items, const char* list, bool alternatives_allowed, std::string& problem) {
  std::vector<Tags> sets{Tags{}};
  for (std::size_t i = 0; i < items.size() && problem.empty(); ++i) {
    auto refuse = [&](const std::string& reason) {
      problem = std::string(list) + "[" + std::to_string(i) + "] " + shown(items[i]) + " " + reason;
      return std::vector<Tags>{};
    };
    RegexReader reader(as_prowler_reads(items[i]));
    auto alternatives = reader.read();
    if (!alternatives) return refuse("has no glob equivalent: " + reader.problem());
    if (alternatives->size() > 1 && !alternatives_allowed) return refuse("says 'or' ('|'), which a Signet exception cannot say between tags");
    std::vector<std::pair<std::string, std::string>> choices;  // KEY, VALUE glob: one per alternative
    for (auto alternative : *alternatives) {
      trim_open_start(alternative);
      auto equals = std::find_if(alternative.begin(), alternative.end(), [](const Atom& a) {
        return a.kind == Atom::Kind::Character && a.character == "=" && a.min == 1 && a.max == 1;
      });
      if (equals == alternative.end()) return refuse("is not KEY=VALUE: Prowler finds it anywhere in the text of all the tags");
      std::string key;
      for (auto a = alternative.begin(); a != equals; ++a) {
        if (a->kind != Atom::Kind::Character || a->min != 1 || a->max != 1 || a->character == "*" || a->character == "?")
          return refuse("has " + shown(written(*a)) + " in the tag key; a key must be plain text (write \\. for a dot)");
        key += a->character;
      }
      if (key.empty()) return refuse("has an empty tag key");
      auto value = to_glob(Sequence(equals + 1, alternative.end()), true);
      if (!value.problem.empty()) return refuse("has no glob equivalent: " + value.problem);
      choices.emplace_back(key, value.glob);
    }
    std::vector<Tags> next;
    for (const auto& set : sets)
      for (const auto& [key, value] : choices) {
        auto found = set.find(key);
        if (found != set.end() && found->second != value)
          return refuse("asks for the tag " + shown(key) + " a second time with another value, which one Signet rule cannot say");
        Tags more = set;
        more[key] = value;
        if (std::find(next.begin(), next.end(), more) == next.end()) next.push_back(std::move(more));
      }
    if (next.size() > kMaxAlternatives) return refuse("makes more than " + std::to_string(kMaxAlternatives) + " combinations of tags");
    sets = std::move(next);
  }
  return sets;
}

// ---- The file ----

std::string where(const std::string& account, const std::string& check) { return "account " + shown(account) + ", check " + shown(check); }

std::string listed(const std::vector<std::string>& names, std::size_t most = 8) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < most; ++i) out += (i ? ", " : "") + names[i];
  if (names.size() > most) out += " and " + std::to_string(names.size() - most) + " more";
  return out;
}

class ProwlerImport {
 public:
  ProwlerImport(const ProwlerChecks& checks, std::string author, Imported& out) : checks_(checks), author_(std::move(author)), out_(out) {
    for (const auto& [check, signatures] : checks_)
      for (const auto& s : signatures) covered_by_[s].push_back(check);
  }

  void run(const Json& mutelist, const std::string& top_key) {
    if (mutelist.is_null()) {
      out_.notes.push_back(top_key + " is empty: there is nothing to import");
      return;
    }
    if (!object(mutelist, top_key, {"Accounts"})) return;
    if (!mutelist.contains("Accounts")) return error(top_key, "has no Accounts");
    if (!object(mutelist["Accounts"], top_key + ".Accounts", {})) return;
    for (const auto& account : mutelist["Accounts"].items()) {
      std::string path = top_key + ".Accounts[" + quoted(account.key()) + "]";
      const Json& body = account.value();
      if (!object(body, path, {"Checks"})) continue;
      if (!body.contains("Checks")) {
        error(path, "has no Checks");
        continue;
      }
      if (!object(body["Checks"], path + ".Checks", {})) continue;
      const Json& checks = body["Checks"];
      std::size_t left = checks.size();
      for (const auto& check : checks.items()) {
        --left;
        std::size_t rules_before = out_.rules.size();
        entry(account.key(), check.key(), check.value(), path + ".Checks[" + quoted(check.key()) + "]");
        // Prowler's is_muted_in_check: once an entry whose check matches has its exceptions
        // match, the account's later entries are not tried.
        bool imported = out_.rules.size() > rules_before;
        if (imported && left > 0 && check.value().contains("Exceptions") && !check.value()["Exceptions"].empty())
          note(account.key(), check.key(), "Prowler stops at this entry when its exceptions match, so later entries under this account do not mute those results; in Signet they do");
      }
    }
  }

 private:
  void entry(const std::string& account, const std::string& check, const Json& body, const std::string& path) {
    if (!object(body, path, {"Regions", "Resources", "Tags", "Exceptions", "Description"})) return;
    auto regions = texts(body, "Regions", path, true), resources = texts(body, "Resources", path, true), tags = texts(body, "Tags", path, false);
    std::vector<std::string> except_accounts, except_regions, except_resources, except_tags;
    if (body.contains("Exceptions") && !body["Exceptions"].is_null()) {
      const Json& exceptions = body["Exceptions"];
      std::string at = path + ".Exceptions";
      if (!object(exceptions, at, {"Accounts", "Regions", "Resources", "Tags"})) return;
      except_accounts = texts(exceptions, "Accounts", at, false).value_or(std::vector<std::string>{});
      except_regions = texts(exceptions, "Regions", at, false).value_or(std::vector<std::string>{});
      except_resources = texts(exceptions, "Resources", at, false).value_or(std::vector<std::string>{});
      except_tags = texts(exceptions, "Tags", at, false).value_or(std::vector<std::string>{});
    }
    std::string description;
    if (body.contains("Description") && !body["Description"].is_null()) {
      if (body["Description"].is_string()) description = body["Description"].get<std::string>();
      else error(path + ".Description", "must be text");
    }
    if (!regions || !resources || !tags || !out_.errors.empty()) return;  // with errors nothing is imported
    if (regions->empty() || resources->empty())
      return note(account, check, std::string(regions->empty() ? "Regions" : "Resources") + " is empty: Prowler mutes nothing with this entry; not imported");

    if (account != "*" && account.find_first_of("*?") != std::string::npos)
      return note(account, check, "the account key holds '*' or '?': Prowler compares it as written, and a glob cannot; not imported");
    std::vector<std::string> matched_checks;
    auto signatures = signatures_for(account, check, matched_checks);
    if (signatures.empty()) return;

    std::string problem;
    Rule base;
    base.reason = trim(description).empty() ? "Muted in Prowler's mutelist (" + where(account, check) + ")" : description;
    base.author = author_;
    if (account != "*") base.match.accounts = {account};
    base.match.signatures = signatures;
    base.match.regions = any_unless_narrowed(globs_of(*regions, "Regions", Field::Regions, problem));
    base.match.resources = any_unless_narrowed(globs_of(*resources, "Resources", Field::Resources, problem));
    auto tag_sets = tag_sets_of(*tags, "Tags", true, problem);
    // In exceptions "*" stays: it matches every value, where an empty list would not take part.
    base.except.accounts = globs_of(except_accounts, "Exceptions.Accounts", Field::Accounts, problem);
    base.except.regions = globs_of(except_regions, "Exceptions.Regions", Field::Regions, problem);
    base.except.resources = globs_of(except_resources, "Exceptions.Resources", Field::Resources, problem);
    auto except_tags_sets = tag_sets_of(except_tags, "Exceptions.Tags", false, problem);
    if (!problem.empty()) return note(account, check, problem + "; not imported");
    base.except.tags = except_tags_sets.front();

    std::vector<Rule> rules;
    for (const auto& set : tag_sets) {
      rules.push_back(base);
      rules.back().match.tags = set;
      if (auto errors = validate(rules.back()); !errors.empty())
        return note(account, check, "the rule it makes is not valid (" + errors.front().field + ": " + errors.front().message + "); not imported");
    }
    if (tag_sets.size() > 1)
      note(account, check, "its Tags say 'or' ('|'): imported as " + std::to_string(tag_sets.size()) + " rules, one per set of tags");
    broader_than_prowler(account, check, signatures, matched_checks);
    out_.rules.insert(out_.rules.end(), rules.begin(), rules.end());
  }

  // The Signet signatures of the Prowler checks the entry's check key finds (Prowler searches
  // it as a regular expression in each check id, after renaming lambda_ to awslambda_).
  std::vector<std::string> signatures_for(const std::string& account, const std::string& check, std::vector<std::string>& matched) {
    if (check == "*") return {"*"};
    std::string renamed = check.rfind("lambda", 0) == 0 ? "aws" + check : check;
    std::string problem;
    auto globs = globs_of({renamed}, "the check", Field::Resources, problem);
    if (!problem.empty()) {
      note(account, check, problem + "; not imported");
      return {};
    }
    if (std::find(globs.begin(), globs.end(), "*") != globs.end()) return {"*"};
    std::set<std::string> signatures;
    for (const auto& entry : checks_) {  // not a structured binding: clang 14 cannot capture one
      const std::string& prowler_check = entry.first;
      if (std::any_of(globs.begin(), globs.end(), [&](const std::string& g) { return glob_match(g, prowler_check); })) {
        matched.push_back(prowler_check);
        signatures.insert(entry.second.begin(), entry.second.end());
      }
    }
    bool plain_id = check.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
    if (signatures.empty()) {
      note(account, check, plain_id ? "no Signet signature checks what this Prowler check checks; not imported"
                                    : "no Prowler check with a Signet equivalent matches this expression; not imported");
      return {};
    }
    std::vector<std::string> ids(signatures.begin(), signatures.end());
    if (!plain_id)
      note(account, check, "a regular expression over Prowler's check ids: imported for those it matches that have Signet equivalents (" +
                               listed(matched) + "), as " + listed(ids) + "; checks Signet gains later are not covered");
    return ids;
  }

  // A Signet signature may check what several Prowler checks check (AWS-EC2-002: ports 22
  // and 3389); muting it mutes all of that.
  void broader_than_prowler(const std::string& account, const std::string& check, const std::vector<std::string>& signatures,
                            const std::vector<std::string>& matched) {
    std::map<std::vector<std::string>, std::vector<std::string>> by_extra;  // the other Prowler checks -> signatures
    for (const auto& s : signatures) {
      std::vector<std::string> extra;
      for (const auto& c : covered_by_[s])
        if (std::find(matched.begin(), matched.end(), c) == matched.end()) extra.push_back(c);
      if (!extra.empty()) by_extra[extra].push_back(s);
    }
    for (const auto& [extra, ids] : by_extra)
      note(account, check, listed(ids) + " also " + (ids.size() == 1 ? "checks" : "check") + " what Prowler's " + listed(extra) +
                               " checks, so the rule mutes those results too");
  }

  // Prowler's schema: a mapping with only the keys it knows (an empty `known`: any key).
  bool object(const Json& value, const std::string& path, std::vector<std::string> known) {
    if (!value.is_object()) {
      error(path, "must be a mapping");
      return false;
    }
    bool ok = true;
    if (!known.empty())
      for (const auto& item : value.items())
        if (std::find(known.begin(), known.end(), item.key()) == known.end()) {
          std::string expected;
          for (const auto& k : known) expected += (expected.empty() ? "" : ", ") + k;
          error(path + "." + printable(item.key()), "unknown field; Prowler's mutelist has " + expected);
          ok = false;
        }
    return ok;
  }

  // A list of text; nullopt (and an error) when it is required and absent or not a list.
  std::optional<std::vector<std::string>> texts(const Json& body, const char* name, const std::string& path, bool required) {
    if (!body.contains(name) || (!required && body[name].is_null())) {
      if (required) error(path, std::string("has no ") + name + " (a list, [\"*\"] for all)");
      return required ? std::nullopt : std::optional<std::vector<std::string>>(std::vector<std::string>{});
    }
    const Json& list = body[name];
    if (!list.is_array() || !std::all_of(list.begin(), list.end(), [](const Json& v) { return v.is_string(); })) {
      error(path + "." + name, "must be a list of text");
      return std::nullopt;
    }
    std::vector<std::string> out;
    for (const auto& v : list) out.push_back(v.get<std::string>());
    return out;
  }

  // In `match`, a list that holds "*" matches anything: the same as no list.
  static std::vector<std::string> any_unless_narrowed(std::vector<std::string> globs) {
    return std::find(globs.begin(), globs.end(), "*") != globs.end() ? std::vector<std::string>{} : globs;
  }
  static std::string quoted(const std::string& key) { return "\"" + printable(key) + "\""; }
  void error(const std::string& path, const std::string& message) { out_.errors.push_back({path, message}); }
  void note(const std::string& account, const std::string& check, const std::string& text) { out_.notes.push_back(where(account, check) + ": " + text); }

  const ProwlerChecks& checks_;
  std::string author_;
  Imported& out_;
  std::map<std::string, std::vector<std::string>> covered_by_;  // Signet signature -> the Prowler checks it covers
};

}  // namespace

void import_prowler(const Json& mutelist, const std::string& top_key, const ProwlerChecks& prowler_checks, const std::string& author,
                    Imported& out) {
  ProwlerImport(prowler_checks, author, out).run(mutelist, top_key);
}

}  // namespace signet::mutelist::detail
