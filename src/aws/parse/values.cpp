// Scalars, JSON values and XML elements read against their shapes; rest locations.
#include <cmath>
#include <limits>

#include "aws/parse/parse_common.h"
#include "aws/protocol/values.h"
#include "common/utf8.h"

namespace signet::aws {

using nlohmann::json;

namespace {
// JSON has no NaN or infinities: they stay the strings AWS sends.
json special_double(const std::string& text) {
  if (text == "NaN" || text == "Infinity" || text == "-Infinity") return text;
  return nullptr;
}

json timestamp_value(double epoch, const ValueStyle& style) {
  return style.iso_timestamps ? json(format_cli_timestamp(epoch)) : epoch_number(epoch);
}
}  // namespace

json scalar_from_text(const std::string& text, const json& shape, const ValueStyle& style) {
  const std::string type = shape.value("type", "string");
  try {
    if (type == "integer" || type == "long" || type == "short" || type == "byte") return std::stoll(text);
    if (type == "float" || type == "double") {
      json special = special_double(text);
      return special.is_null() ? json(std::stod(text)) : special;
    }
  } catch (const std::exception&) {
    throw ParseError("'" + valid_utf8(text) + "' is not a number");
  }
  if (type == "boolean") return text == "true";
  if (type == "timestamp") {
    auto epoch = parse_timestamp(text);
    if (!epoch) throw ParseError("'" + valid_utf8(text) + "' is not a timestamp");
    return timestamp_value(*epoch, style);
  }
  if (type == "blob") {
    if (style.base64_blobs) return valid_utf8(text);
    auto raw = base64_decode(text);
    if (!raw) throw ParseError("a blob is not valid base64");
    return *raw;
  }
  return valid_utf8(text);
}

json value_from_json(const ServiceModel& service, const json& value, const json& ref, const ValueStyle& style) {
  if (value.is_null()) return nullptr;
  const json& shape = service.shape(ref["shape"]);
  const std::string type = shape.value("type", "structure");
  if (shape.value("document", false)) return value;
  if (type == "structure") {
    if (!value.is_object()) throw ParseError("expected an object for " + ref["shape"].get<std::string>());
    json out = json::object();
    for (const auto& [name, member] : members_of(shape).items()) {
      std::string wire = member.value("locationName", name);
      if (value.contains(wire) && !value[wire].is_null()) out[name] = value_from_json(service, value[wire], member, style);
    }
    return out;
  }
  if (type == "list") {
    if (!value.is_array()) throw ParseError("expected a list for " + ref["shape"].get<std::string>());
    json out = json::array();
    for (const auto& item : value)
      if (!item.is_null() || !shape.value("sparse", false)) out.push_back(value_from_json(service, item, shape["member"], style));
    return out;
  }
  if (type == "map") {
    if (!value.is_object()) throw ParseError("expected a map for " + ref["shape"].get<std::string>());
    json out = json::object();
    for (const auto& [k, v] : value.items())
      if (!v.is_null() || shape.value("sparse", false)) out[k] = value_from_json(service, v, shape["value"], style);
    return out;
  }
  if (type == "timestamp") {
    auto epoch = timestamp_param(value);
    if (!epoch) throw ParseError("'" + value.dump() + "' is not a timestamp");
    return timestamp_value(*epoch, style);
  }
  if (type == "blob") {
    if (!value.is_string()) throw ParseError("a blob is not a string");
    return scalar_from_text(value.get<std::string>(), shape, style);
  }
  if ((type == "float" || type == "double") && value.is_string()) return special_double(value.get<std::string>());
  return value;
}

std::string local_name(pugi::xml_node node) {
  std::string name = node.name();
  auto colon = name.find(':');
  return colon == std::string::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child_named(pugi::xml_node node, const std::string& name) {
  for (pugi::xml_node child : node.children())
    if (child.type() == pugi::node_element && local_name(child) == name) return child;
  return {};
}

std::string child_text(pugi::xml_node node, const std::string& name) { return child_named(node, name).text().get(); }

void load_xml(pugi::xml_document& doc, const std::string& body) {
  auto result = doc.load_buffer(body.data(), body.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!result) throw ParseError(std::string("the answer is not valid XML: ") + result.description());
}

namespace {

// The element names a flattened list's items may carry, most specific first: the member's
// rename, the item's name (SQS's <QueueUrl>), the member's own name.
std::vector<std::string> flattened_names(const json& member, const json& shape, const std::string& name) {
  std::vector<std::string> names;
  if (member.contains("locationName")) names.push_back(member["locationName"]);
  if (shape.contains("member") && shape["member"].contains("locationName")) names.push_back(shape["member"]["locationName"]);
  names.push_back(name);
  return names;
}

json list_items(const ServiceModel& service, const std::vector<pugi::xml_node>& items, const json& item_ref, const ValueStyle& style) {
  json out = json::array();
  for (auto item : items) out.push_back(value_from_xml(service, item, item_ref, style));
  return out;
}

json map_entries(const ServiceModel& service, const std::vector<pugi::xml_node>& entries, const json& shape, const ValueStyle& style) {
  json out = json::object();
  std::string key_name = shape["key"].value("locationName", "key"), value_name = shape["value"].value("locationName", "value");
  for (auto entry : entries) {
    pugi::xml_node value = child_named(entry, value_name);
    out[valid_utf8(child_text(entry, key_name))] = value ? value_from_xml(service, value, shape["value"], style) : json(nullptr);
  }
  return out;
}

std::vector<pugi::xml_node> children_named(pugi::xml_node node, const std::string& name) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node child : node.children())
    if (child.type() == pugi::node_element && local_name(child) == name) out.push_back(child);
  return out;
}

}  // namespace

json structure_from_xml(const ServiceModel& service, pugi::xml_node node, const json& shape, const ValueStyle& style) {
  json out = json::object();
  for (const auto& [name, member] : members_of(shape).items()) {
    const std::string location = member.value("location", "");
    if (location == "header" || location == "headers" || location == "statusCode") continue;  // read elsewhere
    if (member.value("xmlAttribute", false)) {
      std::string attr = member.value("locationName", name);
      if (pugi::xml_attribute a = node.attribute(attr.c_str()))
        out[name] = scalar_from_text(a.value(), service.shape(member["shape"]), style);
      continue;
    }
    const json& member_shape = service.shape(member["shape"]);
    const std::string type = member_shape.value("type", "");
    std::string wire = member.value("locationName", name);
    bool flattened = member_shape.value("flattened", false) || member.value("flattened", false);
    if (flattened && type == "list") {
      for (const auto& candidate : flattened_names(member, member_shape, name)) {
        auto items = children_named(node, candidate);
        if (items.empty()) continue;
        out[name] = list_items(service, items, member_shape["member"], style);
        break;
      }
    } else if (flattened && type == "map") {
      auto entries = children_named(node, wire);
      if (!entries.empty()) out[name] = map_entries(service, entries, member_shape, style);
    } else if (pugi::xml_node child = child_named(node, wire)) {
      out[name] = value_from_xml(service, child, member, style);
    }
  }
  return out;
}

json value_from_xml(const ServiceModel& service, pugi::xml_node node, const json& ref, const ValueStyle& style) {
  const json& shape = service.shape(ref["shape"]);
  const std::string type = shape.value("type", "structure");
  if (type == "structure") return structure_from_xml(service, node, shape, style);
  if (type == "list") return list_items(service, children_named(node, shape["member"].value("locationName", "member")), shape["member"], style);
  if (type == "map") return map_entries(service, children_named(node, "entry"), shape, style);
  return scalar_from_text(node.text().get(), shape, style);
}

json raw_payload(const std::string& body, const std::string& type, const ValueStyle& style) {
  if (type == "blob") return style.base64_blobs ? json(base64_encode(body)) : json(body);
  return valid_utf8(body);
}

void read_rest_locations(const ServiceModel& service, const json& shape, const cloud::HttpResponse& response, const ValueStyle& style,
                         json& out) {
  for (const auto& [name, member] : members_of(shape).items()) {
    const std::string location = member.value("location", "");
    const json& member_shape = service.shape(member["shape"]);
    if (location == "statusCode") {
      out[name] = response.status;
    } else if (location == "header") {
      const std::string* value = response.header(member.value("locationName", name));
      if (!value) continue;
      const std::string type = member_shape.value("type", "string");
      if (member_shape.value("jsonvalue", false) || member.value("jsonvalue", false)) {
        auto decoded = base64_decode(*value);
        json parsed = decoded ? json::parse(*decoded, nullptr, false) : json(nullptr);
        if (parsed.is_discarded()) throw ParseError("the " + member.value("locationName", name) + " header is not base64-encoded JSON");
        out[name] = std::move(parsed);
      } else if (type == "list") {
        json items = json::array();
        const json& item_shape = service.shape(member_shape["member"]["shape"]);
        std::string current;
        bool quoted = false;
        auto flush = [&] {
          auto b = current.find_first_not_of(' '), e = current.find_last_not_of(' ');
          std::string trimmed = b == std::string::npos ? "" : current.substr(b, e - b + 1);
          if (trimmed.size() >= 2 && trimmed.front() == '"' && trimmed.back() == '"') trimmed = trimmed.substr(1, trimmed.size() - 2);
          items.push_back(scalar_from_text(trimmed, item_shape, style));
          current.clear();
        };
        for (std::size_t i = 0; i < value->size(); ++i) {
          char c = (*value)[i];
          if (c == '"') quoted = !quoted;
          if (c == '\\' && quoted && i + 1 < value->size()) {
            current += (*value)[++i];
            continue;
          }
          // An RFC 822 date has a comma of its own: "Mon, 16 Dec 2019 23:48:18 GMT".
          bool date_comma = item_shape.value("type", "") == "timestamp" && current.find_first_not_of(' ') != std::string::npos &&
                            current.substr(current.find_first_not_of(' ')).size() == 3;
          if (c == ',' && !quoted && !date_comma) flush();
          else current += c;
        }
        flush();
        out[name] = items;
      } else {
        out[name] = scalar_from_text(*value, member_shape, style);
      }
    } else if (location == "headers") {
      std::string prefix = member.value("locationName", "");
      json map = json::object();
      for (const auto& h : response.headers)
        if (h.name.size() >= prefix.size() && cloud::iequals(h.name.substr(0, prefix.size()), prefix))
          map[valid_utf8(h.name.substr(prefix.size()))] = valid_utf8(h.value);
      out[name] = map;
    }
  }
}

std::string reason_phrase(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "HTTP " + std::to_string(status);
  }
}

}  // namespace signet::aws
