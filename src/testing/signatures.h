#pragma once
// A stored signature as tests write one: the metadata a scan needs around the code.
#include <string>

#include "store/store.h"

namespace signet::testing {

inline store::StoredSignature make_signature(const std::string& service, const std::string& type, const std::string& level,
                                             const std::string& code, const std::string& provider = "aws") {
  store::StoredSignature s;
  s.metadata.provider = provider;
  s.metadata.description = service + " " + type + " check";
  s.metadata.service = service;
  s.metadata.resource_type = type;
  s.metadata.risk_level = level;
  s.metadata.pass_message = "fine";
  s.metadata.fail_message = "not fine";
  s.code = code;
  return s;
}

}  // namespace signet::testing
