// Fuzz target: signature metadata as NAME.yaml text (signet signatures add/import, the
// API's import, signet test --meta). Every problem must come back as a field error, never
// as an exception; valid metadata must survive Signet's own YAML and JSON forms.
#include <string>

#include "signature/fuzz/metadata_fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace signet::signature;
  auto parsed = parse_metadata_yaml(std::string(reinterpret_cast<const char*>(data), size));
  if (parsed.ok()) fuzz::check_round_trips(parsed.metadata);
  else SIGNET_FUZZ_CHECK(!format_errors(parsed.errors).empty(), "refused metadata says why");
  return 0;
}
