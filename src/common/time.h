#pragma once
// Timestamps as the store, the API and messages show them: ISO-8601 in UTC, to the second.
#include <chrono>
#include <ctime>
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

}  // namespace signet
