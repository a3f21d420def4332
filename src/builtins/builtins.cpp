#include "builtins/builtins.h"

#include <nlohmann/json.hpp>

extern "C" const char signet_builtin_signatures[];

namespace signet::builtins {

std::vector<signature::SignatureFile> signatures() {
  std::vector<signature::SignatureFile> out;
  for (const auto& entry : nlohmann::json::parse(signet_builtin_signatures)) {
    signature::SignatureFile file;
    file.name = entry["name"];
    auto parsed = signature::parse_metadata_yaml(entry["yaml"]);
    file.metadata = parsed.metadata;
    file.errors = parsed.errors;
    file.code = entry["js"];
    out.push_back(std::move(file));
  }
  return out;
}

void install(store::Store& store) {
  std::vector<store::StoredSignature> batch;
  for (auto& file : signatures()) {
    if (!file.errors.empty()) throw store::StoreError("built-in signature " + file.name + " is invalid: " + signature::format_errors(file.errors));
    file.metadata.id = file.name;
    if (auto stored = store.signature(file.name)) file.metadata.enabled = stored->metadata.enabled;
    batch.push_back({file.metadata, file.code, true, ""});
  }
  store.import_signatures(std::move(batch));
}

}  // namespace signet::builtins
