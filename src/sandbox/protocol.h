#pragma once
// Framing between the parent and a sandbox worker over a SOCK_STREAM socketpair.
// A frame is: u32 header length, u32 payload length, header (JSON object), payload (raw
// bytes: a source text, a resource or an API answer, passed through without re-escaping).
// Internal to the sandbox module.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace signet::sandbox::protocol {

struct Frame {
  nlohmann::json header;
  std::string payload;
};

// Largest frame either side accepts; bigger ones mean a broken or hostile peer.
inline constexpr std::uint32_t kMaxFrameBytes = 256u << 20;

void append_frame(std::string& out, const nlohmann::json& header, std::string_view payload = {});

// Takes one complete frame off the front of `in`, if there is one. Throws on a frame that
// is too large or whose header is not a JSON object.
std::optional<Frame> take_frame(std::string& in, std::size_t& consumed);

}  // namespace signet::sandbox::protocol
