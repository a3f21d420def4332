#include "aws/models/models.h"
#include "common/strings.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>

extern "C" const char signet_models_blob[];
extern "C" const char signet_models_blob_end[];

namespace signet::aws {

using nlohmann::json;

namespace {

const std::set<std::string> kSupportedProtocols = {"query", "ec2", "json", "rest-json", "rest-xml"};

// From a model's metadata: CBOR-only models also list json; take the first protocol the
// client speaks.
std::string spoken_protocol(const json& meta) {
  std::vector<std::string> offered;
  if (meta.contains("protocols")) offered = meta["protocols"].get<std::vector<std::string>>();
  offered.push_back(meta.value("protocol", ""));
  for (const auto& p : offered)
    if (kSupportedProtocols.count(p)) return p;
  return meta.value("protocol", "unknown");
}

}  // namespace

const json& members_of(const json& shape) {
  static const json empty = json::object();
  auto it = shape.find("members");
  return it == shape.end() ? empty : *it;
}

std::string normalize_service_name(std::string_view name) {
  std::string out;
  for (unsigned char c : name)
    if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
  return out;
}

// --- ServiceModel -----------------------------------------------------------------------

ServiceModel::ServiceModel(std::string name, std::vector<std::string> versions, json model, json paginators)
    : name_(std::move(name)), versions_(std::move(versions)), model_(std::move(model)), paginators_(std::move(paginators)) {
  protocol_ = spoken_protocol(metadata());
  for (const auto& [op, def] : model_["operations"].items()) {
    operations_by_lower_name_[to_lower(op)] = op;
    // Some operations' wire names differ from their keys (CloudFront's "GetDistributionConfig"
    // is named "GetDistributionConfig2020_05_31"): either finds it.
    if (def.is_object() && def.contains("name") && def["name"].is_string()) operations_by_lower_name_.emplace(to_lower(def["name"].get<std::string>()), op);
  }
}

std::string ServiceModel::signing_name() const {
  const json& meta = metadata();
  if (meta.contains("signingName")) return meta["signingName"];
  return endpoint_prefix();
}

const json* ServiceModel::operation(std::string_view name) const {
  const json& ops = model_["operations"];
  auto it = ops.find(std::string(name));
  if (it != ops.end()) return &*it;
  auto by_lower = operations_by_lower_name_.find(to_lower(name));
  if (by_lower == operations_by_lower_name_.end()) return nullptr;
  return &ops[by_lower->second];
}

std::vector<std::string> ServiceModel::operation_names() const {
  std::vector<std::string> names;
  for (const auto& [op, def] : model_["operations"].items()) names.push_back(op);
  return names;
}

const json& ServiceModel::shape(const std::string& name) const {
  const json& shapes = model_["shapes"];
  auto it = shapes.find(name);
  if (it == shapes.end()) throw ModelError(name_ + ": the model has no shape '" + name + "'");
  return *it;
}

const json* ServiceModel::paginator(const std::string& operation) const {
  auto it = paginators_.find(operation);
  return it == paginators_.end() ? nullptr : &*it;
}

// --- Models -----------------------------------------------------------------------------

Models::Models(std::string version, std::vector<std::string> services, const json& names, const json& protocols, const json& aliases,
               json endpoints, std::unique_ptr<Source> source)
    : version_(std::move(version)), services_(std::move(services)), endpoints_(std::move(endpoints)), source_(std::move(source)) {
  std::sort(services_.begin(), services_.end());
  for (const auto& s : services_) protocols_[s] = spoken_protocol(protocols.value(s, json::object()));
  auto claim = [&](const std::string& name, const std::string& service) { lookup_.emplace(normalize_service_name(name), service); };
  // Earlier claims win: folder names, then each kind of alias in turn.
  for (const auto& s : services_) claim(s, s);
  for (std::size_t kind = 0; kind < 4; ++kind)
    for (const auto& s : services_)
      if (names.contains(s) && names[s].size() > kind) claim(names[s][kind].get<std::string>(), s);
  for (const auto& [alias, service] : aliases.items())
    if (std::binary_search(services_.begin(), services_.end(), service.get<std::string>())) claim(alias, service);
}

std::vector<std::string> Models::service_names() const { return services_; }

const json& Models::endpoints() const { return endpoints_; }

std::string Models::protocol_of(std::string_view name) const {
  auto it = lookup_.find(normalize_service_name(name));
  return it == lookup_.end() ? "" : protocols_.at(it->second);
}

std::shared_ptr<const ServiceModel> Models::find(std::string_view name) const {
  auto it = lookup_.find(normalize_service_name(name));
  if (it == lookup_.end()) return nullptr;
  std::lock_guard lock(mutex_);
  auto& slot = loaded_[it->second];
  if (!slot) {
    json entry = source_->load(it->second);
    slot = std::make_shared<const ServiceModel>(entry["name"], entry["versions"].get<std::vector<std::string>>(),
                                                std::move(entry["model"]), std::move(entry["paginators"]));
  }
  return slot;
}

// --- the embedded pack ----------------------------------------------------------------------

namespace {

struct Pack {
  json index;
  const char* data;

  static const Pack& get() {
    static const Pack pack = [] {
      const char* p = signet_models_blob;
      if (signet_models_blob_end - p < 12 || std::memcmp(p, "SGNTMDL2", 8) != 0)
        throw ModelError("the embedded AWS models are damaged");
      std::uint32_t length;
      std::memcpy(&length, p + 8, 4);
      return Pack{json::parse(p + 12, p + 12 + length), p + 12 + length};
    }();
    return pack;
  }

  json read(const std::string& name) const {
    if (!index.contains(name)) throw ModelError("no embedded model for '" + name + "'");
    const json& at = index[name];
    std::size_t offset = at[0], packed = at[1], size = at[2];
    std::vector<std::uint8_t> raw(size);
    std::size_t n = ZSTD_decompress(raw.data(), size, data + offset, packed);
    if (ZSTD_isError(n) || n != size) throw ModelError("the embedded model of '" + name + "' is damaged");
    return json::from_msgpack(raw);  // pack_models stores MessagePack
  }
};

struct PackSource : Models::Source {
  json load(const std::string& service) const override { return Pack::get().read(service); }
};

// Reads NAME or NAME.gz (gzread passes plain files through).
std::optional<json> read_maybe_gzipped(const std::filesystem::path& plain) {
  for (const auto& path : {std::filesystem::path(plain.string() + ".gz"), plain}) {
    if (!std::filesystem::exists(path)) continue;
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f) throw ModelError(path.string() + ": cannot be read");
    std::string text;
    char buf[1 << 16];
    int n;
    while ((n = gzread(f, buf, sizeof buf)) > 0) text.append(buf, n);
    gzclose(f);
    if (n < 0) throw ModelError(path.string() + ": cannot be decompressed");
    try {
      return json::parse(text);
    } catch (const json::exception& e) {
      throw ModelError(path.string() + ": not valid JSON: " + e.what());
    }
  }
  return std::nullopt;
}

json strip_documentation(json value) {
  if (value.is_object()) {
    for (const char* key : {"documentation", "documentationUrl", "deprecatedMessage", "examples", "errors", "uid"}) value.erase(key);
    for (auto& [k, v] : value.items()) v = strip_documentation(std::move(v));
  } else if (value.is_array()) {
    for (auto& v : value) v = strip_documentation(std::move(v));
  }
  return value;
}

struct DirectorySource : Models::Source {
  std::map<std::string, json> entries;  // read eagerly: the names index needs every model
  json load(const std::string& service) const override { return entries.at(service); }
};

}  // namespace

std::shared_ptr<const Models> Models::embedded() {
  static const std::shared_ptr<const Models> models = [] {
    const Pack& pack = Pack::get();
    json meta = pack.read("_meta");
    std::vector<std::string> services;
    for (const auto& [name, at] : pack.index.items())
      if (!name.empty() && name[0] != '_') services.push_back(name);
    return std::make_shared<const Models>(meta["botocoreVersion"], services, meta["names"], meta["protocols"], meta["aliases"],
                                          pack.read("_endpoints"), std::make_unique<PackSource>());
  }();
  return models;
}

std::shared_ptr<const Models> Models::from_botocore_dir(const std::string& data_dir) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(data_dir)) throw ModelError(data_dir + ": not a folder (expected botocore's data folder)");
  auto endpoints = read_maybe_gzipped(fs::path(data_dir) / "endpoints.json");
  if (!endpoints) throw ModelError(data_dir + ": has no endpoints.json; is it botocore's data folder?");
  auto source = std::make_unique<DirectorySource>();
  json names = json::object(), protocols = json::object();
  std::vector<std::string> services;
  for (const auto& dir : fs::directory_iterator(data_dir)) {
    if (!dir.is_directory()) continue;
    std::vector<std::string> versions;
    for (const auto& v : fs::directory_iterator(dir.path()))
      if (v.is_directory() && (fs::exists(v.path() / "service-2.json") || fs::exists(v.path() / "service-2.json.gz")))
        versions.push_back(v.path().filename());
    if (versions.empty()) continue;
    std::sort(versions.begin(), versions.end());
    fs::path newest = dir.path() / versions.back();
    json model = strip_documentation(*read_maybe_gzipped(newest / "service-2.json"));
    auto paginators = read_maybe_gzipped(newest / "paginators-1.json");
    std::string name = dir.path().filename();
    json service_names = json::array();
    for (const char* k : {"serviceId", "serviceAbbreviation", "endpointPrefix", "signingName"})
      if (model["metadata"].contains(k)) service_names.push_back(model["metadata"][k]);
    names[name] = service_names;
    protocols[name] = model["metadata"];
    source->entries[name] = {{"name", name}, {"versions", versions}, {"model", std::move(model)},
                             {"paginators", paginators ? (*paginators).value("pagination", json::object()) : json::object()}};
    services.push_back(name);
  }
  if (services.empty()) throw ModelError(data_dir + ": holds no service models");
  std::string version = "custom";
  auto init = fs::path(data_dir).parent_path() / "__init__.py";
  if (fs::exists(init)) {
    std::ifstream in(init);
    std::string line;
    while (std::getline(in, line))
      if (line.rfind("__version__", 0) == 0) {
        auto q1 = line.find_first_of("'\""), q2 = line.find_last_of("'\"");
        if (q1 != std::string::npos && q2 > q1) version = line.substr(q1 + 1, q2 - q1 - 1);
      }
  }
  json aliases = Pack::get().read("_meta")["aliases"];
  return std::make_shared<const Models>(version, services, names, protocols, aliases, std::move(*endpoints), std::move(source));
}

}  // namespace signet::aws
