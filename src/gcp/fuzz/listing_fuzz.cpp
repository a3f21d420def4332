// Fuzz target: a Google Cloud listing's page as the inventory reads it: the method's items
// through the client's item logic (its list field, aggregatedList's scoped lists), each
// object item made into a resource. Whatever a hostile or broken cloud answers, every
// resource has the spec's shape. Input: testing/fuzz_listing.h. The listing methods are the
// recorded Discovery documents' (../shared/testdata), each unpacked when an input first
// needs it, and for the APIs they lack the hand-written ones' (src/gcp/discovery/supplement).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>

#include "common/bzip2.h"
#include "common/files.h"
#include "gcp/client/client.h"
#include "gcp/scope/gcp_scope.h"
#include "testing/fuzz_listing.h"

namespace {

using namespace signet;
using nlohmann::json;

// The recorded (or hand-written) documents of the services inputs pick, in a folder of their own.
class RecordedDocuments {
 public:
  RecordedDocuments() : folder_(std::filesystem::temp_directory_path() / ("signet-fuzz-discovery-" + std::to_string(getpid()))) {
    std::filesystem::create_directories(folder_);
  }
  ~RecordedDocuments() {
    std::error_code ec;
    std::filesystem::remove_all(folder_, ec);
  }
  std::shared_ptr<const gcp::Api> api(const std::string& service, const std::string& version) {
    if (!unpacked_.count(service)) {  // every recorded version of the service's document
      unpacked_.insert(service);
      const std::string prefix = "get-discovery-v1-apis-" + service + "-";
      for (const auto& entry : std::filesystem::directory_iterator(std::string(SIGNET_TESTDATA_DIR) + "/cloud-recordings/gcp-flights/discovery")) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0 || name.size() < 4 || name.substr(name.size() - 4) != ".bz2") continue;
        json body = json::parse(bunzip2(read_file(entry.path().string()))).at("body");
        std::ofstream(folder_ / name.substr(0, name.size() - 4)) << (body.is_string() ? body.get<std::string>() : body.dump());
      }
      for (const auto& entry : std::filesystem::directory_iterator(SIGNET_GCP_SUPPLEMENT_DIR)) {  // "apikeys-v2.json"
        const std::string name = entry.path().filename().string();
        if (name.rfind(service + "-", 0) == 0 && entry.path().extension() == ".json")
          std::filesystem::copy_file(entry.path(), folder_ / ("supplement-" + name), std::filesystem::copy_options::overwrite_existing);
      }
      gcp::DiscoveryOptions options;
      options.models_dir = folder_.string();
      options.fetch = false;
      options.cache = false;
      discovery_ = std::make_unique<gcp::Discovery>(options);  // sees the folder as it is now
    }
    try {
      return discovery_->api(service, version);
    } catch (const std::exception&) {
      return nullptr;  // a service without a recorded document
    }
  }

 private:
  std::filesystem::path folder_;
  std::set<std::string> unpacked_;
  std::unique_ptr<gcp::Discovery> discovery_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static RecordedDocuments documents;
  const auto input = testing::listing_input(gcp::catalog(), data, size);
  if (input.answer.is_discarded()) return 0;
  const auto& spec = input.type->spec;
  std::vector<json> items;
  json page = input.answer;
  if (spec.value("single", false)) {
    items.push_back(page);
  } else {
    auto api = documents.api(input.type->service(), spec["list"].value("apiVersion", ""));
    const gcp::Method* method = api ? api->method(spec["list"]["method"]) : nullptr;
    if (!method) return 0;
    gcp::each_item(*api, *method, page, [&](json& item) {
      items.push_back(item);
      return items.size() < 10000;
    });
  }
  const std::string project = "fuzz-project";
  for (const auto& item : items)
    if (item.is_object()) testing::check_listed_resource(gcp::make_resource(*input.type, item, project, "us-central1"), item, "gcp", project);
  return 0;
}
