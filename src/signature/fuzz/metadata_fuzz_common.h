#pragma once
// Shared by the metadata fuzz targets: what Signet writes of valid metadata, it reads back
// the same (export then import, store then load).
#include "signature/metadata.h"
#include "testing/fuzz_check.h"

namespace signet::signature::fuzz {

inline bool same(const Metadata& a, const Metadata& b) {
  return a.id == b.id && a.description == b.description && a.page_detail == b.page_detail && a.provider == b.provider &&
         a.service == b.service && a.resource_type == b.resource_type && a.risk_level == b.risk_level && a.category == b.category &&
         a.function == b.function && a.group == b.group && a.pass_message == b.pass_message && a.fail_message == b.fail_message &&
         a.remediation_steps == b.remediation_steps && a.compliance == b.compliance && a.enabled == b.enabled;
}

inline void check_round_trips(const Metadata& m) {
  auto again = parse_metadata_yaml(to_yaml(m));
  SIGNET_FUZZ_CHECK(again.ok(), "to_yaml of valid metadata reads back valid");
  SIGNET_FUZZ_CHECK(same(again.metadata, m), "to_yaml of valid metadata reads back the same");
  SIGNET_FUZZ_CHECK(same(from_json_text(to_json_text(m)), m), "to_json_text of valid metadata reads back the same");
}

}  // namespace signet::signature::fuzz
