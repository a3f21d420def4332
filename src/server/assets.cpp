#include "server/assets.h"

#include <nlohmann/json.hpp>

#include "common/base64.h"

extern "C" const char signet_web_assets[];  // pack_assets.py's JSON: {path: {type, base64}}

namespace signet::server {

const std::map<std::string, Asset>& web_assets() {
  static const std::map<std::string, Asset> assets = [] {
    std::map<std::string, Asset> out;
    auto packed = nlohmann::json::parse(signet_web_assets);
    for (const auto& [path, file] : packed.items()) out[path] = {file["type"], base64_decode(file["base64"].get<std::string>()).value()};
    return out;
  }();
  return assets;
}

}  // namespace signet::server
