// The apiCaller requests a signature's JavaScript writes, read from its tokens (no engine):
// comments, strings, template literals and regular expressions are skipped as such, so a
// request in a comment or a string is not one, and brackets nest as the code does.
#include <cctype>
#include <set>

#include "aws/permissions/permissions.h"

#include <map>

#include "sandbox/sandbox.h"

namespace signet::permissions {

namespace {

struct Token {
  enum Kind { Ident, String, Number, Punct, Regex } kind;
  std::string text;      // the identifier, the string's value, the punctuation character
  bool literal = true;   // a String without substitutions
  int line = 0;
};

bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }
bool ident_part(char c) { return ident_start(c) || std::isdigit(static_cast<unsigned char>(c)); }

class Lexer {
 public:
  explicit Lexer(const std::string& code) : s_(code) {}

  std::vector<Token> tokens() {
    while (skip_space(), i_ < s_.size()) {
      char c = s_[i_];
      if (c == '"' || c == '\'') string(c);
      else if (c == '`') template_part(true);
      else if (c == '}' && !braces_.empty() && braces_.back() == '$') {  // a template substitution ends
        braces_.pop_back();
        push(Token::Punct, ")");
        ++i_;
        template_part(false);
      } else if (c == '/' && regex_allowed()) regex();
      else if (ident_start(c)) word(Token::Ident);
      else if (std::isdigit(static_cast<unsigned char>(c))) word(Token::Number);
      else punct(c);
    }
    return std::move(out_);
  }

 private:
  void push(Token::Kind kind, std::string text, bool literal = true, int line = 0) {
    out_.push_back({kind, std::move(text), literal, line ? line : line_});
  }

  void skip_space() {
    while (i_ < s_.size()) {
      if (s_[i_] == '\n') ++line_, ++i_;
      else if (std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
      else if (s_.compare(i_, 2, "//") == 0) while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      else if (s_.compare(i_, 2, "/*") == 0) {
        std::size_t end = s_.find("*/", i_ + 2);
        end = end == std::string::npos ? s_.size() : end + 2;
        for (; i_ < end; ++i_) line_ += s_[i_] == '\n';
      } else break;
    }
  }

  // One escaped character after a backslash (only its plain form matters for names).
  void escape(std::string& value) {
    if (++i_ >= s_.size()) return;
    char e = s_[i_++];
    if (e == '\n') ++line_;  // a line continuation
    else value += e == 'n' ? '\n' : e == 't' ? '\t' : e;
  }

  void string(char quote) {
    int line = line_;
    std::string value;
    for (++i_; i_ < s_.size() && s_[i_] != quote && s_[i_] != '\n';) {
      if (s_[i_] == '\\') escape(value);
      else value += s_[i_++];
    }
    ++i_;
    push(Token::String, std::move(value), true, line);
  }

  // From after the opening backquote (or a substitution's closing brace) to the closing
  // backquote or the next "${", which opens a substitution read as code, like "(".
  void template_part(bool opening) {
    int line = line_;
    std::string value;
    if (opening) ++i_;
    while (i_ < s_.size() && s_[i_] != '`') {
      if (s_[i_] == '\\') {
        escape(value);
      } else if (s_.compare(i_, 2, "${") == 0) {
        i_ += 2;
        if (opening) push(Token::String, std::move(value), false, line);
        braces_.push_back('$');
        push(Token::Punct, "(");
        return;
      } else {
        line_ += s_[i_] == '\n';
        value += s_[i_++];
      }
    }
    ++i_;
    if (opening) push(Token::String, std::move(value), true, line);
  }

  // Whether a "/" here starts a regular expression rather than dividing.
  bool regex_allowed() const {
    if (out_.empty()) return true;
    const Token& prev = out_.back();
    if (prev.kind == Token::Punct) return prev.text != ")" && prev.text != "]" && prev.text != "}";
    static const std::set<std::string> keywords = {"return", "typeof", "instanceof", "in", "of", "new", "delete",
                                                   "void", "throw", "case", "do", "else", "yield", "await"};
    return prev.kind == Token::Ident && keywords.count(prev.text);
  }

  void regex() {
    bool in_class = false;
    for (++i_; i_ < s_.size() && s_[i_] != '\n'; ++i_) {
      char c = s_[i_];
      if (c == '\\') ++i_;
      else if (c == '[') in_class = true;
      else if (c == ']') in_class = false;
      else if (c == '/' && !in_class) break;
    }
    for (++i_; i_ < s_.size() && ident_part(s_[i_]);) ++i_;  // flags
    push(Token::Regex, "");
  }

  void word(Token::Kind kind) {
    std::size_t start = i_;
    while (i_ < s_.size() && (ident_part(s_[i_]) || (kind == Token::Number && s_[i_] == '.'))) ++i_;
    push(kind, s_.substr(start, i_ - start));
  }

  void punct(char c) {
    if (c == '{') braces_.push_back('{');
    if (c == '}' && !braces_.empty()) braces_.pop_back();
    push(Token::Punct, std::string(1, c));
    ++i_;
  }

  const std::string& s_;
  std::size_t i_ = 0;
  int line_ = 1;
  std::string braces_;  // '{' for a brace, '$' for a template substitution
  std::vector<Token> out_;
};

bool is(const Token& t, const char* punct) { return t.kind == Token::Punct && t.text == punct; }

// One open bracket; for an object literal, what its `service` and `endpoint` keys hold.
struct Frame {
  char open = '(';
  int line = 0;
  struct Key {
    bool present = false, literal = false;
    std::string value;
  } service, endpoint;
};

// Names given an object literal somewhere (`const request = { ... }`): a call with such a
// name is read from that literal.
std::set<std::string> names_of_object_literals(const std::vector<Token>& t) {
  std::set<std::string> names;
  for (std::size_t i = 0; i + 2 < t.size(); ++i)
    if (t[i].kind == Token::Ident && is(t[i + 1], "=") && is(t[i + 2], "{")) names.insert(t[i].text);
  return names;
}

// What each lib function that calls apiCaller requests, from lib's documentation (its
// `//: calls:` lines): "lib.s3.publicAccess" -> [S3 getBucketAcl, ...].
const std::map<std::string, std::vector<CodeCall>>& lib_calls() {
  static const std::map<std::string, std::vector<CodeCall>> calls = [] {
    std::map<std::string, std::vector<CodeCall>> out;
    for (const auto& member : nlohmann::json::parse(sandbox::lib_documentation()))
      for (const auto& call : member.value("calls", nlohmann::json::array()))
        out[member["name"]].push_back({call["service"], call["endpoint"], 0});
    return out;
  }();
  return calls;
}

}  // namespace

CodeCalls calls_in_code(const std::string& code) {
  const std::vector<Token> t = Lexer(code).tokens();
  const std::set<std::string> objects = names_of_object_literals(t);
  CodeCalls calls;
  std::vector<Frame> open;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const Token& tok = t[i];
    if (is(tok, "{") || is(tok, "(") || is(tok, "[")) {
      open.push_back({tok.text[0], tok.line});
      continue;
    }
    if (is(tok, "}") || is(tok, ")") || is(tok, "]")) {
      if (open.empty()) continue;
      Frame f = std::move(open.back());
      open.pop_back();
      if (f.open != '{' || !f.endpoint.present || !f.service.present) continue;  // a request names both
      if (f.service.literal && f.endpoint.literal) calls.literal.push_back({f.service.value, f.endpoint.value, f.line});
      else calls.dynamic.push_back({f.service.literal ? f.service.value : "", "", f.line});
      continue;
    }
    // lib.PART.MEMBER: a lib function that makes requests of its own.
    if (tok.kind == Token::Ident && tok.text == "lib" && i + 4 < t.size() && is(t[i + 1], ".") && is(t[i + 3], ".") &&
        t[i + 2].kind == Token::Ident && t[i + 4].kind == Token::Ident) {
      auto it = lib_calls().find("lib." + t[i + 2].text + "." + t[i + 4].text);
      if (it != lib_calls().end())
        for (CodeCall call : it->second) {
          call.line = tok.line;
          calls.literal.push_back(call);
        }
    }
    // apiCaller(x) with a request that is neither written here nor a named object literal.
    if (tok.kind == Token::Ident && tok.text == "apiCaller" && i + 2 < t.size() && is(t[i + 1], "(") && !is(t[i + 2], "{") &&
        !(t[i + 2].kind == Token::Ident && objects.count(t[i + 2].text))) {
      calls.dynamic.push_back({"", "", tok.line});
      continue;
    }
    // A key of the innermost object literal: right after its "{" or a ",".
    if ((tok.kind != Token::Ident && tok.kind != Token::String) || (tok.text != "service" && tok.text != "endpoint")) continue;
    if (open.empty() || open.back().open != '{' || i == 0 || !(is(t[i - 1], "{") || is(t[i - 1], ","))) continue;
    Frame::Key& key = tok.text == "service" ? open.back().service : open.back().endpoint;
    key.present = true;
    // A literal value: one string, then the next key or the end of the object.
    key.literal = i + 3 < t.size() && is(t[i + 1], ":") && t[i + 2].kind == Token::String && t[i + 2].literal &&
                  (is(t[i + 3], ",") || is(t[i + 3], "}"));
    if (key.literal) key.value = t[i + 2].text;
  }
  return calls;
}

}  // namespace signet::permissions
