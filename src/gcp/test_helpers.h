#pragma once
// For the Google Cloud tests: the recorded Discovery documents
// (../shared/testdata/cloud-recordings/gcp-flights/discovery/*.json.bz2, each a recording
// {"body": DOCUMENT}) unpacked into a temporary folder, as a --models-dir holds them, beside
// the hand-written documents of the APIs the recordings lack (src/gcp/discovery/supplement);
// and the Google Cloud fake with a principal's credentials, Discovery fetched from it.
// Users link BZip2::BZip2 and signet_gcp_fake, and define SIGNET_TESTDATA_DIR.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "common/bzip2.h"
#include "common/files.h"
#include "emulator/gcp_fake.h"
#include "gcp/client/client.h"
#include "gcp/discovery/discovery.h"

namespace signet::gcp::testing {

inline std::string recorded_discovery_dir() { return SIGNET_TESTDATA_DIR "/cloud-recordings/gcp-flights/discovery"; }

// The recorded document of one file: its body (a JSON object, or JSON text).
inline nlohmann::json recorded_document(const std::string& path) {
  nlohmann::json recording = nlohmann::json::parse(bunzip2(read_file(path)));
  nlohmann::json body = recording.at("body");
  return body.is_string() ? nlohmann::json::parse(body.get<std::string>()) : body;
}

struct DiscoveryFolder {
  std::string path;
  // By recorded file name; the hand-written ones as "supplement/FILE".
  std::map<std::string, nlohmann::json> documents;

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
    for (const auto& entry : std::filesystem::directory_iterator(emulator::supplement_discovery_dir())) {
      if (entry.path().extension() != ".json") continue;
      const std::string name = entry.path().filename().string();
      documents["supplement/" + name] = nlohmann::json::parse(read_file(entry.path().string()));
      std::filesystem::copy_file(entry.path(), path + "/supplement-" + name, std::filesystem::copy_options::overwrite_existing);
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
    o.cache = false;
    return o;
  }
};

inline constexpr const char* kScanner = "signet-scanner@signet-prod.iam.gserviceaccount.com";
inline constexpr const char* kNoAccess = "signet-noaccess@signet-dev.iam.gserviceaccount.com";

// A temporary folder, removed with what it holds.
struct TempFolder {
  std::filesystem::path path;
  explicit TempFolder(const std::string& name)
      : path(std::filesystem::temp_directory_path() / ("signet-" + name + "-" + std::to_string(getpid()))) {
    std::filesystem::create_directories(path);
  }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

// The fake, and what a client needs to reach it as a service account of the fixture: its
// key file, Discovery from the fake (nothing cached on disk), the endpoint override.
struct FakeGoogle {
  emulator::GcpFake fake;
  TempFolder folder{"gcp-fake"};
  std::shared_ptr<Discovery> discovery;

  explicit FakeGoogle(emulator::GcpFakeOptions options = {}, nlohmann::json org = emulator::gcp_test_org()) : fake(std::move(org), options) {
    DiscoveryOptions d;
    d.discovery_root = fake.url() + "/www.googleapis.com";
    d.cache = false;
    discovery = std::make_shared<Discovery>(d);
  }
  std::string key_file(const std::string& email = kScanner) const {
    const auto file = folder.path / (email.substr(0, email.find('@')) + ".json");
    fake.write_service_account_key(email, file);
    return file.string();
  }
  CredentialOptions credential_options(const std::string& email = kScanner) const {
    CredentialOptions o;
    o.key_file = key_file(email);
    o.metadata_server = false;
    o.adc_file = (folder.path / "no-adc.json").string();
    o.token_uri = fake.token_uri();
    o.iam_credentials_root = fake.url() + "/iamcredentials.googleapis.com";
    return o;
  }
  std::shared_ptr<CredentialChain> credentials(const std::string& email = kScanner) const {
    return std::make_shared<CredentialChain>(credential_options(email));
  }
  ClientOptions client_options() const {
    ClientOptions o;
    o.endpoint = fake.url();
    o.retry.base_delay = std::chrono::milliseconds(50);  // a throttled test waits on the fake's window, not on back-off
    return o;
  }
  std::unique_ptr<GcpClient> client(io::EventLoop& loop, const std::string& email = kScanner) const {
    return std::make_unique<GcpClient>(loop, credentials(email), discovery, client_options());
  }
};

// One call, waited for.
inline cloud::CallResult call_now(io::EventLoop& loop, GcpClient& client, const CallRequest& request) {
  std::optional<cloud::CallResult> out;
  client.call(request, [&](cloud::CallResult r) { out = std::move(r); });
  loop.run_until([&] { return out.has_value(); });
  return std::move(*out);
}

}  // namespace signet::gcp::testing
