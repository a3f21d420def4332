#include "sandbox/protocol.h"

#include <cstring>
#include <stdexcept>

namespace signet::sandbox::protocol {

namespace {
void put_u32(std::string& out, std::uint32_t v) {
  char b[4];
  std::memcpy(b, &v, 4);
  out.append(b, 4);
}
std::uint32_t get_u32(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
}  // namespace

void append_frame(std::string& out, const nlohmann::json& header, std::string_view payload) {
  std::string h = header.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  put_u32(out, static_cast<std::uint32_t>(h.size()));
  put_u32(out, static_cast<std::uint32_t>(payload.size()));
  out += h;
  out.append(payload.data(), payload.size());
}

// `consumed` is an offset into `in` so a reader can take many frames and erase once.
std::optional<Frame> take_frame(std::string& in, std::size_t& consumed) {
  if (in.size() - consumed < 8) return std::nullopt;
  const char* p = in.data() + consumed;
  std::uint32_t hlen = get_u32(p), plen = get_u32(p + 4);
  if (hlen > kMaxFrameBytes || plen > kMaxFrameBytes)
    throw std::runtime_error("sandbox protocol: frame of " + std::to_string(hlen + std::uint64_t(plen)) + " bytes is too large");
  if (in.size() - consumed < 8 + std::size_t(hlen) + plen) return std::nullopt;
  Frame f;
  f.header = nlohmann::json::parse(p + 8, p + 8 + hlen);
  if (!f.header.is_object()) throw std::runtime_error("sandbox protocol: frame header is not an object");
  f.payload.assign(p + 8 + hlen, plen);
  consumed += 8 + hlen + plen;
  return f;
}

}  // namespace signet::sandbox::protocol
