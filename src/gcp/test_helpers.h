#pragma once
// For the Google Cloud tests: the recorded Discovery documents
// (../shared/testdata/cloud-recordings/gcp-flights/discovery/*.json.bz2, each a recording
// {"body": DOCUMENT}) unpacked into a temporary folder, as a --models-dir holds them.
// Users link BZip2::BZip2 and define SIGNET_TESTDATA_DIR.
#include <bzlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "common/files.h"
#include "gcp/discovery/discovery.h"

namespace signet::gcp::testing {

inline std::string recorded_discovery_dir() { return SIGNET_TESTDATA_DIR "/cloud-recordings/gcp-flights/discovery"; }

// The bytes a bz2 file holds.
inline std::string bunzip2(const std::string& packed) {
  std::string out(packed.size() * 12 + (1 << 16), '\0');
  for (int tries = 0; tries < 6; ++tries) {
    unsigned int size = static_cast<unsigned int>(out.size());
    int rc = BZ2_bzBuffToBuffDecompress(out.data(), &size, const_cast<char*>(packed.data()), static_cast<unsigned int>(packed.size()), 0, 0);
    if (rc == BZ_OK) {
      out.resize(size);
      return out;
    }
    if (rc != BZ_OUTBUFF_FULL) throw std::runtime_error("not a bz2 stream (" + std::to_string(rc) + ")");
    out.resize(out.size() * 4);
  }
  throw std::runtime_error("a bz2 stream too large to unpack");
}

// The recorded document of one file: its body (a JSON object, or JSON text).
inline nlohmann::json recorded_document(const std::string& path) {
  nlohmann::json recording = nlohmann::json::parse(bunzip2(read_file(path)));
  nlohmann::json body = recording.at("body");
  return body.is_string() ? nlohmann::json::parse(body.get<std::string>()) : body;
}

struct DiscoveryFolder {
  std::string path;
  std::map<std::string, nlohmann::json> documents;  // by recorded file name

  DiscoveryFolder() {
    path = (std::filesystem::temp_directory_path() / ("signet-gcp-discovery-" + std::to_string(getpid()))).string();
    std::filesystem::create_directories(path);
    for (const auto& entry : std::filesystem::directory_iterator(recorded_discovery_dir())) {
      const std::string name = entry.path().filename().string();
      if (name.size() < 9 || name.substr(name.size() - 9) != ".json.bz2") continue;
      nlohmann::json doc = recorded_document(entry.path().string());
      documents[name] = doc;
      std::ofstream(path + "/" + name.substr(0, name.size() - 4)) << doc.dump();
    }
  }
  ~DiscoveryFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  DiscoveryFolder(const DiscoveryFolder&) = delete;
  DiscoveryFolder& operator=(const DiscoveryFolder&) = delete;

  // Documents from this folder only: nothing fetched, nothing cached.
  DiscoveryOptions options() const {
    DiscoveryOptions o;
    o.models_dir = path;
    o.fetch = false;
    o.cache_dir = "/nonexistent-signet-cache";
    return o;
  }
};

}  // namespace signet::gcp::testing
