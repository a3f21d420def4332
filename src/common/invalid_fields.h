#pragma once
// Input refused with a message per field ({"name": "is required", ...}): what the API
// answers as 422 and the CLI prints field by field. FieldReader reads a JSON body's fields
// into typed values, noting a message for each one of the wrong type.
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace signet {

struct InvalidFields : std::runtime_error {
  nlohmann::json fields;  // field -> message
  InvalidFields(const std::string& message, nlohmann::json fields) : std::runtime_error(message), fields(std::move(fields)) {}
};

struct FieldReader {
  const nlohmann::json& body;
  nlohmann::json fields = nlohmann::json::object();  // what was wrong, by field

  bool given(const char* name) const { return body.contains(name) && !body[name].is_null(); }
  void text(const char* name, std::string& out) {
    if (!given(name)) return;
    if (body[name].is_string()) out = body[name];
    else fields[name] = "must be text";
  }
  void flag(const char* name, bool& out) {
    if (!given(name)) return;
    if (body[name].is_boolean()) out = body[name];
    else fields[name] = "must be true or false";
  }
  // A list of text: a JSON array, or "a, b" as a form or the CLI gives it.
  void list(const char* name, std::vector<std::string>& out) {
    if (!body.contains(name)) return;
    out.clear();
    const nlohmann::json& value = body[name];
    if (value.is_null()) return;
    if (value.is_string()) {
      std::string text = value;
      for (std::size_t start = 0; start <= text.size();) {
        auto comma = text.find(',', start);
        std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        item.erase(0, item.find_first_not_of(" \t"));
        item.erase(item.find_last_not_of(" \t") + 1);
        if (!item.empty()) out.push_back(item);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
      return;
    }
    if (!value.is_array()) {
      fields[name] = "must be a list of text";
      return;
    }
    for (const auto& item : value) {
      if (item.is_string()) out.push_back(item);
      else fields[name] = "must be a list of text";
    }
  }
  void fail_if_any(const std::string& message) const {
    if (!fields.empty()) throw InvalidFields(message, fields);
  }
};

}  // namespace signet
