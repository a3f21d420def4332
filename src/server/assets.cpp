#include "server/assets.h"

#include <nlohmann/json.hpp>

extern "C" const char signet_web_assets[];  // pack_assets.py's JSON: {path: {type, base64}}

namespace signet::server {

namespace {

std::string base64_decode(const std::string& in) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned value = 0;
  int bits = -8;
  for (char c : in) {
    auto pos = alphabet.find(c);
    if (pos == std::string::npos) break;  // '=' padding ends the data
    value = (value << 6) | static_cast<unsigned>(pos);
    bits += 6;
    if (bits >= 0) {
      out += static_cast<char>((value >> bits) & 0xFF);
      bits -= 8;
    }
  }
  return out;
}

}  // namespace

const std::map<std::string, Asset>& web_assets() {
  static const std::map<std::string, Asset> assets = [] {
    std::map<std::string, Asset> out;
    auto packed = nlohmann::json::parse(signet_web_assets);
    for (const auto& [path, file] : packed.items()) out[path] = {file["type"], base64_decode(file["base64"])};
    return out;
  }();
  return assets;
}

}  // namespace signet::server
