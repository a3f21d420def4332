#pragma once
// Timestamps as the store, the API and messages show them: ISO-8601 in UTC, to the second.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <optional>
#include <string>

namespace signet {

inline std::string iso_utc(std::chrono::system_clock::time_point t) {
  std::time_t at = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&at, &tm);  // not std::gmtime: the server calls this from many threads
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

inline std::string now_iso() { return iso_utc(std::chrono::system_clock::now()); }

// The time an iso_utc text names ("2026-12-03T10:00:00Z"); nothing for other text.
inline std::optional<std::chrono::system_clock::time_point> parse_iso_utc(const std::string& text) {
  std::tm tm{};
  char z = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &z) != 7 ||
      z != 'Z')
    return std::nullopt;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

}  // namespace signet
