#pragma once
// Small text helpers every module uses.
#include <algorithm>
#include <cctype>
#include <regex>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace signet {

inline std::string to_lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Without leading and trailing spaces, tabs and line ends.
inline std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  return std::string(s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1));
}

// Bytes as lowercase hex digits.
inline std::string to_hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

// Shaped like an AWS region name (us-east-1, ap-southeast-2, us-gov-west-1).
inline bool is_region_name(const std::string& s) {
  static const std::regex shape("[a-z]{2}(-[a-z]+)+-\\d+");
  return std::regex_match(s, shape);
}

inline std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += items[i];
  }
  return out;
}

// A base URL without its trailing slashes ("https://host/" -> "https://host").
// An environment variable's value, "" when it is not set.
inline std::string env_text(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

inline std::string without_trailing_slashes(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace signet
