#pragma once
// The web console's built files (web/, built by Vite), embedded in the binary at build time.
#include <map>
#include <string>

namespace signet::server {

struct Asset {
  std::string content_type;
  std::string body;
};

// Path ("/index.html", "/assets/index-abc.js") to file; empty when built without the pages.
const std::map<std::string, Asset>& web_assets();

}  // namespace signet::server
