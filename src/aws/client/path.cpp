#include "aws/client/path.h"

#include <string>

namespace signet::aws {

using nlohmann::json;

namespace {

json lookup(const json& root, std::string_view path) {
  const json* node = &root;
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
      long index = std::stol(std::string(path.substr(end + 1, close - end - 1)));
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

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

json json_path_get(const json& root, std::string_view expression) {
  std::size_t start = 0;
  while (start <= expression.size()) {
    std::size_t bar = expression.find("||", start);
    json value = lookup(root, trim(expression.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start)));
    if (!value.is_null() && !(value.is_string() && value.get<std::string>().empty())) return value;
    if (bar == std::string_view::npos) break;
    start = bar + 2;
  }
  return nullptr;
}

}  // namespace signet::aws
