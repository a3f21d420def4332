#pragma once
// A small path language over JSON, botocore's paginators' and the catalogs': "A.B",
// "A[0].B", "A[-1]", and "A || B" (the first that is neither null nor empty text).
#include <charconv>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace signet {

namespace json_path_detail {

inline nlohmann::json lookup(const nlohmann::json& root, std::string_view path) {
  const nlohmann::json* node = &root;
  std::size_t pos = 0;
  while (pos < path.size()) {
    std::size_t end = path.find_first_of(".[", pos);
    std::string_view field = path.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    if (!field.empty()) {
      if (!node->is_object()) return nullptr;
      auto it = node->find(std::string(field));
      if (it == node->end()) return nullptr;
      node = &*it;
    }
    if (end == std::string_view::npos) break;
    if (path[end] == '[') {
      std::size_t close = path.find(']', end);
      if (close == std::string_view::npos || !node->is_array() || node->empty()) return nullptr;
      long index = 0;
      std::string_view digits = path.substr(end + 1, close - end - 1);
      if (std::from_chars(digits.data(), digits.data() + digits.size(), index).ec != std::errc()) return nullptr;
      if (index < 0) index += static_cast<long>(node->size());
      if (index < 0 || index >= static_cast<long>(node->size())) return nullptr;
      node = &(*node)[static_cast<std::size_t>(index)];
      pos = close + 1;
      if (pos < path.size() && path[pos] == '.') ++pos;
    } else {
      pos = end + 1;
    }
  }
  return *node;
}

inline std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace json_path_detail

// An object's field as text: "" when the field is missing or not text (a cloud's odd answer).
inline std::string text_at(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// The value at `expression` in `root`, or null when absent.
inline nlohmann::json json_path_get(const nlohmann::json& root, std::string_view expression) {
  std::size_t start = 0;
  while (start <= expression.size()) {
    std::size_t bar = expression.find("||", start);
    nlohmann::json value = json_path_detail::lookup(
        root, json_path_detail::trim_spaces(expression.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start)));
    if (!value.is_null() && !(value.is_string() && value.get<std::string>().empty())) return value;
    if (bar == std::string_view::npos) break;
    start = bar + 2;
  }
  return nullptr;
}

}  // namespace signet
