#include "signature/metadata.h"
#include "common/strings.h"
#include "common/utf8.h"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <regex>
#include <set>

namespace signet::signature {

namespace {

// The fields in the spec's order, with their member.
template <typename F>
void each_text_field(Metadata& m, F&& f) {
  f("id", m.id);
  f("description", m.description);
  f("pageDetail", m.page_detail);
  f("provider", m.provider);
  f("service", m.service);
  f("resourceType", m.resource_type);
  f("riskLevel", m.risk_level);
  f("category", m.category);
  f("function", m.function);
  f("group", m.group);
  f("passMessage", m.pass_message);
  f("failMessage", m.fail_message);
  f("remediationSteps", m.remediation_steps);
}

// Every field name a NAME.yaml may hold: the text fields, then the two others.
const std::set<std::string> kFields = [] {
  std::set<std::string> names = {"compliance", "enabled"};
  Metadata scratch;
  each_text_field(scratch, [&](const char* name, std::string&) { names.insert(name); });
  return names;
}();

struct Reader {
  const YAML::Node& root;
  std::vector<FieldError>& errors;

  void text(const char* field, std::string& out) {
    const YAML::Node node = root[field];
    if (!node || node.IsNull()) return;
    if (!node.IsScalar()) {
      errors.push_back({field, "must be text"});
      return;
    }
    if (!is_utf8(node.Scalar())) {  // stray bytes, or a "\ud800" escape: JSON could not hold it
      errors.push_back({field, "must be UTF-8 text"});
      return;
    }
    for (unsigned char c : node.Scalar())
      if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7F) {  // NUL and the like: no text holds them
        errors.push_back({field, "must not contain control characters"});
        return;
      }
    out = node.Scalar();
  }
};

bool has_control_characters(const std::string& text, bool but_newlines) {
  for (unsigned char c : text)
    if ((c < 0x20 && !(but_newlines && c == '\n')) || c == 0x7F) return true;
  return false;
}

// Text as NAME.yaml holds it so that it reads back the same: a literal block (|) for text
// that ends in one newline and whose first line sets the indentation; double quotes, which
// escape them, for text with control characters (a plain scalar would keep a \r raw, and
// reading takes it for a line break); else as yaml-cpp chooses.
void write_text(YAML::Emitter& out, const std::string& text) {
  bool literal = text.size() >= 2 && text.back() == '\n' && text[text.size() - 2] != '\n' && text[0] != ' ' && text[0] != '\t' &&
                 text[0] != '\n' && !has_control_characters(text, true);
  if (literal) out << YAML::Literal << text;
  else if (has_control_characters(text, false)) out << YAML::DoubleQuoted << text;
  else out << text;
}


}  // namespace

ParsedMetadata parse_metadata_yaml(const std::string& yaml_text, const ServiceCheck& known_service) {
  ParsedMetadata parsed;
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::Exception& e) {
    parsed.errors.push_back({"yaml", "not valid YAML: " + e.msg + " (line " + std::to_string(e.mark.line + 1) + ", column " +
                                         std::to_string(e.mark.column + 1) + ")"});
    return parsed;
  }
  if (!root.IsMap()) {
    parsed.errors.push_back({"yaml", "expected a mapping of metadata fields (description, provider, service, ...)"});
    return parsed;
  }
  for (const auto& entry : root) {
    std::string name = entry.first.IsScalar() ? entry.first.Scalar() : "?";
    if (name == "code") parsed.errors.push_back({name, "the code lives in the .js file beside the .yaml, not in it"});
    else if (!kFields.count(name)) parsed.errors.push_back({name, "unknown field"});
  }
  Metadata& m = parsed.metadata;
  Reader r{root, parsed.errors};
  m.provider.clear();  // required: no default when reading a file
  each_text_field(m, [&](const char* name, std::string& value) { r.text(name, value); });
  if (const YAML::Node c = root["compliance"]; c && !c.IsNull()) {
    if (c.IsSequence()) {
      for (const auto& item : c) {
        if (item.IsScalar() && is_utf8(item.Scalar())) m.compliance.push_back(item.Scalar());
        else parsed.errors.push_back({"compliance", "must be a list of FRAMEWORK:CONTROL tags"});
      }
    } else if (c.IsScalar() && is_utf8(c.Scalar())) {
      m.compliance.push_back(c.Scalar());
    } else {
      parsed.errors.push_back({"compliance", "must be a list of FRAMEWORK:CONTROL tags"});
    }
  }
  if (const YAML::Node e = root["enabled"]; e && !e.IsNull()) {
    bool value;
    if (e.IsScalar() && YAML::convert<bool>::decode(e, value)) m.enabled = value;
    else parsed.errors.push_back({"enabled", "must be true or false"});
  }
  for (auto& error : validate(m, known_service)) {
    bool already = false;
    for (auto& seen : parsed.errors) already |= seen.field == error.field;
    if (!already) parsed.errors.push_back(error);
  }
  return parsed;
}

std::vector<FieldError> validate(const Metadata& m, const ServiceCheck& known_service) {
  // Compiled once: building a std::regex costs far more than matching, and every built-in's
  // metadata is validated when the built-ins are installed.
  static const std::regex id_pattern("[A-Z][A-Z0-9]*(-[A-Z0-9]+)+");
  static const std::regex resource_type_pattern("[a-z][A-Za-z0-9]*|[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+");
  static const std::regex compliance_tag_pattern("[A-Za-z0-9][A-Za-z0-9._-]*:[A-Za-z0-9][A-Za-z0-9._()-]*");
  std::vector<FieldError> errors;
  auto required = [&](const char* field, const std::string& value) {
    if (trim(value).empty()) errors.push_back({field, "is required"});
  };
  if (!m.id.empty() && !std::regex_match(m.id, id_pattern))
    errors.push_back({"id", "'" + m.id + "' is not a signature id such as CUSTOM-0007 or AWS-IAM-001"});
  required("description", m.description);
  if (m.description.size() > 500) errors.push_back({"description", "is longer than 500 characters; put details in pageDetail"});
  // The clouds SPEC 1.1 names.
  const bool supported = m.provider == "aws" || m.provider == "azure" || m.provider == "gcp";
  if (trim(m.provider).empty()) errors.push_back({"provider", "is required (aws, azure or gcp)"});
  else if (!supported) errors.push_back({"provider", "'" + m.provider + "' is not a provider; use aws, azure or gcp"});
  required("service", m.service);
  if (!trim(m.service).empty() && supported && known_service && !known_service(m.provider, m.service))
    errors.push_back({"service", "'" + m.service + "' is not a service the " + m.provider + " catalog knows"});
  if (!m.resource_type.empty() &&
      !std::regex_match(m.resource_type, resource_type_pattern))
    errors.push_back({"resourceType", "'" + m.resource_type + "' should be lowerCamelCase (user, securityGroup) or a CloudFormation type (AWS::IAM::User)"});
  if (trim(m.risk_level).empty()) errors.push_back({"riskLevel", "is required (High, Medium or Low)"});
  else if (m.risk_level != "High" && m.risk_level != "Medium" && m.risk_level != "Low")
    errors.push_back({"riskLevel", "'" + m.risk_level + "' must be High, Medium or Low"});
  required("passMessage", m.pass_message);
  required("failMessage", m.fail_message);
  for (const auto& tag : m.compliance)
    if (!std::regex_match(tag, compliance_tag_pattern))
      errors.push_back({"compliance", "'" + tag + "' is not a FRAMEWORK:CONTROL tag such as CIS-AWS-3.0:1.10"});
  return errors;
}

std::string format_errors(const std::vector<FieldError>& errors) {
  std::string out;
  for (const auto& e : errors) out += e.field + ": " + e.message + "\n";
  return out;
}

}  // namespace signet::signature

namespace signet::signature {

std::string to_yaml(const Metadata& metadata) {
  Metadata m = metadata;
  YAML::Emitter out;
  out << YAML::BeginMap;
  each_text_field(m, [&](const char* name, std::string& value) {
    if (value.empty()) return;
    out << YAML::Key << name << YAML::Value;
    write_text(out, value);
  });
  if (!m.compliance.empty()) {
    out << YAML::Key << "compliance" << YAML::Value << YAML::BeginSeq;
    for (const auto& tag : m.compliance) write_text(out, tag);
    out << YAML::EndSeq;
  }
  out << YAML::Key << "enabled" << YAML::Value << m.enabled;
  out << YAML::EndMap;
  return std::string(out.c_str(), out.size()) + "\n";
}

nlohmann::json to_json_object(const Metadata& metadata) {
  Metadata m = metadata;
  nlohmann::json j = nlohmann::json::object();
  each_text_field(m, [&](const char* name, std::string& value) { j[name] = value; });
  j["compliance"] = m.compliance;
  j["enabled"] = m.enabled;
  return j;
}

std::string to_json_text(const Metadata& metadata) { return to_json_object(metadata).dump(); }

Metadata from_json_text(const std::string& json_text) {
  nlohmann::json j = nlohmann::json::parse(json_text);
  Metadata m;
  each_text_field(m, [&](const char* name, std::string& value) {
    if (j.contains(name) && j[name].is_string()) value = j[name];
  });
  if (j.contains("compliance") && j["compliance"].is_array()) m.compliance = j["compliance"].get<std::vector<std::string>>();
  if (j.contains("enabled") && j["enabled"].is_boolean()) m.enabled = j["enabled"];
  return m;
}

}  // namespace signet::signature
