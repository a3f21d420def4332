#pragma once
// What a call to any cloud gives back, as apiCaller hands it to a signature (SPEC 1.3 and
// 1.6), and what a client counts: the same types for every provider's client.
#include <chrono>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace signet::cloud {

struct CallResult {
  // The whole output, or for paginated operations the concatenated result list (an object
  // of lists when the paginator has several result keys). Timestamps ISO-8601, blobs base64.
  nlohmann::json api_response;
  nlohmann::json error;      // null, or {code, message, statusCode}
  bool truncated = false;    // stopped at the client's item cap
  std::size_t pages = 0;
  int attempts = 0;
  int throttled = 0;         // answers that said to slow down
  // Time spent waiting for the rate control and in back-off before retries: the cloud's
  // rate limits, not the caller's doing (a signature's time limit does not count it).
  std::chrono::milliseconds waited{0};
};

// A call's error as people read it: "code: message" (either alone when the other is empty).
inline std::string error_text(const nlohmann::json& error) {
  std::string code = error.value("code", ""), message = error.value("message", "");
  return code.empty() ? message : message.empty() ? code : code + ": " + message;
}

// A request that can never be valid: unknown service or operation, bad parameters, or an
// operation the read-only policy refuses. Thrown before anything is sent.
struct CallRefused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct ClientStats {
  std::uint64_t calls = 0;
  std::uint64_t requests = 0;   // HTTP requests, pages and retries included
  std::uint64_t retries = 0;
  std::uint64_t throttled = 0;
  std::map<std::string, std::uint64_t> requests_by_service;   // what the cloud received
  std::map<std::string, std::uint64_t> requests_by_operation; // the same by "service:Operation"
  std::map<std::string, std::uint64_t> throttled_by_service;
};

}  // namespace signet::cloud
