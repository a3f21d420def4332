#include "aws/validate/validate.h"
#include "common/strings.h"

#include <algorithm>

#include "aws/protocol/values.h"

namespace signet::aws {

using nlohmann::json;

namespace {


std::string kind_of(const json& v) {
  if (v.is_null()) return "null";
  if (v.is_boolean()) return "a boolean";
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_array()) return "a list";
  return "an object";
}

class Validator {
 public:
  Validator(const ServiceModel& service, std::vector<std::string>& errors) : service_(service), errors_(errors) {}

  void check(const json& value, const json& ref, const std::string& path, int depth = 0) {
    if (depth > 64) return errors_.push_back(path + ": nested too deeply");
    const json& shape = service_.shape(ref["shape"]);
    const std::string type = shape.value("type", "structure");
    if (shape.value("document", false)) return;
    if (type == "structure") return structure(value, shape, path, depth);
    if (type == "list") {
      if (!value.is_array()) return wrong(path, value, "a list");
      for (std::size_t i = 0; i < value.size(); ++i) check(value[i], shape["member"], path + "[" + std::to_string(i) + "]", depth + 1);
      return;
    }
    if (type == "map") {
      if (!value.is_object()) return wrong(path, value, "an object of key: value");
      for (const auto& [k, v] : value.items()) check(v, shape["value"], path + "." + k, depth + 1);
      return;
    }
    if (type == "string") {
      if (!value.is_string()) return wrong(path, value, "a string");
      if (shape.contains("enum") && std::find(shape["enum"].begin(), shape["enum"].end(), value) == shape["enum"].end()) {
        std::string choices;
        for (const auto& e : shape["enum"]) choices += (choices.empty() ? "" : ", ") + e.get<std::string>();
        if (shape["enum"].size() <= 40) errors_.push_back(path + ": \"" + value.get<std::string>() + "\" is not one of " + choices);
      }
      return;
    }
    if (type == "integer" || type == "long" || type == "short" || type == "byte") {
      if (!value.is_number_integer() && !(value.is_number_float() && value.get<double>() == static_cast<double>(static_cast<long long>(value.get<double>()))))
        return wrong(path, value, "a whole number");
      return;
    }
    if (type == "float" || type == "double") {
      if (!value.is_number() && !(value.is_string() && (value == "NaN" || value == "Infinity" || value == "-Infinity")))
        return wrong(path, value, "a number");
      return;
    }
    if (type == "boolean") {
      if (!value.is_boolean()) return wrong(path, value, "true or false");
      return;
    }
    if (type == "timestamp") {
      if (!timestamp_param(value)) errors_.push_back(path + ": expected a timestamp (ISO-8601 text or epoch seconds), got " + value.dump());
      return;
    }
    if (type == "blob") {
      if (!value.is_string()) return wrong(path, value, "a string (the bytes)");
    }
  }

 private:
  void structure(const json& value, const json& shape, const std::string& path, int depth) {
    if (!value.is_object()) return wrong(path, value, "an object");
    const json& members = members_of(shape);
    for (const auto& [key, v] : value.items()) {
      if (members.contains(key)) {
        if (!v.is_null()) check(v, members[key], path.empty() ? key : path + "." + key, depth + 1);
        continue;
      }
      std::string message = (path.empty() ? "" : path + ": ") + "unknown parameter \"" + key + "\"";
      std::string suggestion;
      for (const auto& [name, m] : members.items())
        if (to_lower(name) == to_lower(key)) suggestion = name;
      if (!suggestion.empty()) message += " (did you mean \"" + suggestion + "\"?)";
      else if (members.size() <= 30) {
        std::string names;
        for (const auto& [name, m] : members.items()) names += (names.empty() ? "" : ", ") + name;
        message += members.empty() ? "; this operation takes no parameters" : "; expected one of: " + names;
      }
      errors_.push_back(message);
    }
    for (const auto& required : shape.value("required", json::array())) {
      const std::string name = required;
      if (!value.contains(name) || value[name].is_null())
        errors_.push_back("missing required parameter \"" + (path.empty() ? name : path + "." + name) + "\"");
    }
  }

  void wrong(const std::string& path, const json& value, const char* expected) {
    errors_.push_back((path.empty() ? "params" : path) + ": expected " + expected + ", got " + kind_of(value));
  }

  const ServiceModel& service_;
  std::vector<std::string>& errors_;
};

}  // namespace

std::vector<std::string> validate_params(const ServiceModel& service, const json& operation, const json& params) {
  std::vector<std::string> errors;
  if (!operation.contains("input")) {
    if (params.is_object() && !params.empty())
      errors.push_back("unknown parameter \"" + params.begin().key() + "\"; this operation takes no parameters");
    return errors;
  }
  Validator(service, errors).check(params, operation["input"], "");
  return errors;
}

}  // namespace signet::aws
