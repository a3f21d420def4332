#pragma once
// The input of the AWS response fuzz targets, written like an HTTP answer so that seeds
// read as one (scripts/fuzz_seeds.py writes them):
//
//   SERVICE OPERATION        which model operation answers (any other text picks one by hash)
//   STATUS                   the HTTP status (200 when not a number)
//   Header-Name: value       headers, up to an empty line
//
//   body...                  the rest, byte for byte
#include <cstdint>
#include <string>
#include <string_view>

#include "cloud/http/request.h"

namespace signet::aws::fuzz {

struct FuzzResponse {
  std::string selector;  // the first line
  cloud::HttpResponse response;
};

inline std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

inline FuzzResponse decode_response(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto next_line = [&in]() {
    auto nl = in.find('\n');
    std::string_view line = in.substr(0, nl);
    in = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  };
  FuzzResponse out;
  out.selector = std::string(next_line());
  std::string_view status = next_line();
  int code = 0;
  for (char c : status.substr(0, 3)) code = c >= '0' && c <= '9' ? code * 10 + (c - '0') : -1000;
  out.response.status = status.size() == 3 && code >= 100 ? code : 200;
  while (!in.empty()) {
    std::string_view line = next_line();
    if (line.empty()) break;
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    out.response.headers.push_back({std::string(line.substr(0, colon)), std::string(value)});
  }
  out.response.body = std::string(in);
  return out;
}

}  // namespace signet::aws::fuzz
