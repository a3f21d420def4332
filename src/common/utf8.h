#pragma once
// UTF-8 checks for text that comes from outside (XML, headers, YAML) on its way into JSON,
// whose serializer refuses invalid UTF-8.
#include <cstdint>
#include <string>
#include <string_view>

namespace signet {

// The length of the valid UTF-8 sequence at text[i] (shortest form, no surrogates, at most
// U+10FFFF), or 0 when the byte there does not start one.
inline std::size_t utf8_sequence(std::string_view text, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char c = byte(i);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > text.size()) return 0;
  std::uint32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  bool shortest = !(n == 2 && cp < 0x80) && !(n == 3 && cp < 0x800) && !(n == 4 && cp < 0x10000);
  return shortest && !(cp >= 0xD800 && cp <= 0xDFFF) && cp <= 0x10FFFF ? n : 0;
}

inline bool is_utf8(std::string_view text) {
  for (std::size_t i = 0, n; i < text.size(); i += n)
    if ((n = utf8_sequence(text, i)) == 0) return false;
  return true;
}

// The text with each byte that is not part of valid UTF-8 replaced by U+FFFD.
inline std::string valid_utf8(std::string_view text) {
  if (is_utf8(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size();) {
    if (std::size_t n = utf8_sequence(text, i)) {
      out.append(text.substr(i, n));
      i += n;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

// At most `max_bytes` bytes of valid UTF-8 `text`, cut at a character boundary and ending in
// "…" when cut (for fields with a length limit).
inline std::string utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  static constexpr std::string_view kEllipsis = "\xE2\x80\xA6";
  if (max_bytes < kEllipsis.size()) return std::string();
  std::size_t end = 0;
  for (std::size_t n; end < text.size() && (n = utf8_sequence(text, end)) != 0 && end + n <= max_bytes - kEllipsis.size();) end += n;
  return std::string(text.substr(0, end)) + std::string(kEllipsis);
}

}  // namespace signet
