#pragma once
// A signature's metadata (SPEC.md 1.1) and its field-by-field validation.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace signet::signature {

struct Metadata {
  std::string id;  // generated when saved; empty for a new signature
  std::string description;
  std::string page_detail;
  std::string provider = "aws";
  std::string service;
  std::string resource_type;
  std::string risk_level;  // High | Medium | Low
  std::string category;
  std::string function;
  std::string group;
  std::string pass_message;
  std::string fail_message;
  std::string remediation_steps;
  std::vector<std::string> compliance;  // FRAMEWORK:CONTROL
  bool enabled = true;
};

struct FieldError {
  std::string field;  // the YAML name, e.g. "riskLevel"
  std::string message;
};

struct ParsedMetadata {
  Metadata metadata;
  std::vector<FieldError> errors;  // empty when valid
  bool ok() const { return errors.empty(); }
};

// Answers whether `service` is known for `provider`; empty = accept any service name.
using ServiceCheck = std::function<bool(const std::string& provider, const std::string& service)>;

// Reads NAME.yaml text; every problem is reported, not just the first.
ParsedMetadata parse_metadata_yaml(const std::string& yaml_text, const ServiceCheck& known_service = {});

// The same checks on metadata built elsewhere (the web form).
std::vector<FieldError> validate(const Metadata& metadata, const ServiceCheck& known_service = {});

std::string format_errors(const std::vector<FieldError>& errors);  // "field: message" lines

// The YAML file form (NAME.yaml) and a JSON form for storage and the API; both use the
// spec's field names. from_json/parse do not validate: call validate().
std::string to_yaml(const Metadata& metadata);
std::string to_json_text(const Metadata& metadata);
nlohmann::json to_json_object(const Metadata& metadata);
Metadata from_json_text(const std::string& json_text);

}  // namespace signet::signature
