#pragma once
// The segments of a URL path: "/subscriptions/s//x/" -> {"subscriptions", "s", "x"}.
#include <string>
#include <string_view>
#include <vector>

namespace signet {

inline std::vector<std::string> path_segments(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) out.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

}  // namespace signet
