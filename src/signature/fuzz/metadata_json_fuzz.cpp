// Fuzz target: signature metadata in its JSON form, as the API receives it (a JSON body,
// read by the YAML reader: server.cpp metadata_from) and as the store keeps it
// (from_json_text). Text fields given as JSON strings must read back exactly, or be refused
// by field (control characters); valid
// metadata must survive Signet's own YAML and JSON forms.
#include <string>

#include "signature/fuzz/metadata_fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace signet::signature;
  using nlohmann::json;
  json body = json::parse(std::string(reinterpret_cast<const char*>(data), size), nullptr, false);
  if (body.is_discarded() || !body.is_object()) return 0;  // the API refuses those before reading metadata
  auto parsed = parse_metadata_yaml(body.dump());
  Metadata& m = parsed.metadata;
  const std::pair<const char*, const std::string*> text_fields[] = {
      {"id", &m.id}, {"description", &m.description}, {"pageDetail", &m.page_detail}, {"service", &m.service},
      {"resourceType", &m.resource_type}, {"riskLevel", &m.risk_level}, {"category", &m.category}, {"function", &m.function},
      {"group", &m.group}, {"passMessage", &m.pass_message}, {"failMessage", &m.fail_message},
      {"remediationSteps", &m.remediation_steps}};
  for (const auto& [name, value] : text_fields) {
    if (!body.contains(name) || !body[name].is_string()) continue;
    // A text the reader refuses (control characters) has its own field error; a document YAML
    // cannot read at all (a key longer than YAML's 1024 characters) is refused as "yaml".
    bool refused = false;
    for (const auto& e : parsed.errors) refused |= e.field == name || e.field == "yaml";
    SIGNET_FUZZ_CHECK(refused || *value == body[name].get<std::string>(), "a JSON text field reads as the same text");
  }
  if (parsed.ok()) fuzz::check_round_trips(m);
  // The store's reader, on its own form of whatever came in.
  (void)from_json_text(to_json_text(m));
  return 0;
}
