#pragma once
// Framing between the parent and a sandbox worker over a SOCK_STREAM socketpair.
// A frame is: u32 header length, u32 payload length, header (JSON object), payload (raw
// bytes: a source text, a resource or an API answer, passed through without re-escaping).
// Internal to the sandbox module.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "sandbox/sandbox.h"

namespace signet::sandbox::protocol {

struct Frame {
  nlohmann::json header;
  std::string payload;
};

// Largest frame either side accepts; bigger ones mean a broken or hostile peer.
inline constexpr std::uint32_t kMaxFrameBytes = 256u << 20;
// Compiled scripts a worker keeps, first compiled first dropped. The parent keeps the same
// list per worker, so it knows when to send a script again (more than the built-ins).
inline constexpr std::size_t kMaxCachedScripts = 1024;

void append_frame(std::string& out, const nlohmann::json& header, std::string_view payload = {});

// Takes one complete frame off the front of `in`, if there is one. Throws on a frame that
// is too large or whose header is not a JSON object.
std::optional<Frame> take_frame(std::string& in, std::size_t& consumed);

// A message from a worker, checked field by field. The worker is the untrusted side (a
// signature that broke out of SpiderMonkey would own it), so the parent reads nothing
// from a frame except through this.
struct FromWorker {
  enum class Type { Call, Started, Done, Compiled, Measured, Retire, Ready, Fatal };
  Type type;
  std::uint64_t job = 0;     // Call, Started, Done
  std::uint64_t call = 0;    // Call
  std::uint64_t script = 0;  // Compiled
  std::int64_t at_ns = 0;    // Started: the worker's steady clock (shared with the parent)
  Outcome outcome;           // Done
  std::optional<ScriptError> error;  // Compiled (without a filename)
  double us_per_realm = 0;   // Measured
  std::string message;       // Fatal
};

// Throws std::runtime_error naming what is wrong with a frame that is not a valid message.
FromWorker parse_from_worker(const Frame& frame);

}  // namespace signet::sandbox::protocol
