// The rest-json and rest-xml protocols: members go to the URI, the query string, headers
// or the body by their `location`; the body is JSON or XML.
#include <pugixml.hpp>

#include <sstream>

#include "aws/protocol/values.h"
#include "aws/serialize/serialize_common.h"

namespace signet::aws {

using nlohmann::json;

namespace {

std::string text_of(const json& value, const json& ref, const json& shape, const char* default_time_format) {
  const std::string type = shape.value("type", "string");
  if (type == "timestamp") {
    auto epoch = timestamp_param(value);
    if (!epoch) throw SerializeError("'" + value.dump() + "' is not a timestamp");
    return format_timestamp(*epoch, ref.value("timestampFormat", shape.value("timestampFormat", default_time_format)));
  }
  if (type == "blob") return base64_encode(value.is_string() ? value.get<std::string>() : value.dump());
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number_float()) return format_double(value.get<double>());
  return value.is_string() ? value.get<std::string>() : value.dump();
}

class RestSerializer : public Serializer {
 protected:
  cloud::HttpRequest build(const ServiceModel& service, const json& operation, const json& params) const override {
    cloud::HttpRequest request;
    const json http = operation.value("http", json::object());
    request.method = http.value("method", "POST");
    std::string uri = http.value("requestUri", "/");
    std::string path_template = uri.substr(0, uri.find('?'));
    std::string query = uri.find('?') == std::string::npos ? "" : uri.substr(uri.find('?') + 1);

    json body_params = json::object();
    std::map<std::string, std::string> labels;
    const json* input_ref = operation.contains("input") ? &operation["input"] : nullptr;
    const json empty = json::object();
    const json& input_shape = input_ref ? service.shape((*input_ref)["shape"]) : empty;
    const json members = input_shape.value("members", json::object());

    auto add_query = [&](const std::string& key, const std::string& value) {
      query += (query.empty() ? "" : "&") + cloud::uri_encode(key) + "=" + cloud::uri_encode(value);
    };
    // Two passes: a query-string map only fills in keys no named member took.
    std::vector<std::pair<std::string, const json*>> ordered;
    for (const auto& [name, ref] : members.items())
      if (ref.value("location", "") != "querystring" || service.shape(ref["shape"]).value("type", "") != "map") ordered.emplace_back(name, &ref);
    for (const auto& [name, ref] : members.items())
      if (ref.value("location", "") == "querystring" && service.shape(ref["shape"]).value("type", "") == "map") ordered.emplace_back(name, &ref);
    for (const auto& [name, ref_ptr] : ordered) {
      const json& ref = *ref_ptr;
      if (!params.contains(name) || params[name].is_null()) continue;
      const json& value = params[name];
      const json& shape = service.shape(ref["shape"]);
      const std::string location = ref.value("location", "");
      const std::string wire = ref.value("locationName", name);
      if (location == "uri") {
        labels[wire] = text_of(value, ref, shape, "iso8601");
      } else if (location == "querystring") {
        const std::string type = shape.value("type", "string");
        if (type == "list") {
          for (const auto& item : value) add_query(wire, text_of(item, shape["member"], service.shape(shape["member"]["shape"]), "iso8601"));
        } else if (type == "map") {
          const json& value_shape = service.shape(shape["value"]["shape"]);
          for (const auto& [k, v] : value.items()) {
            if (query_has_key(query, k)) continue;  // named query members and fixed ones win
            if (value_shape.value("type", "") == "list") {
              for (const auto& item : v) add_query(k, text_of(item, value_shape["member"], service.shape(value_shape["member"]["shape"]), "iso8601"));
            } else {
              add_query(k, text_of(v, shape["value"], value_shape, "iso8601"));
            }
          }
        } else {
          add_query(wire, text_of(value, ref, shape, "iso8601"));
        }
      } else if (location == "header") {
        request.set_header(wire, header_text(service, value, ref, shape));
      } else if (location == "headers") {
        for (const auto& [k, v] : value.items()) request.set_header(wire + k, v.is_string() ? v.get<std::string>() : v.dump());
      } else {
        body_params[name] = value;
      }
    }
    request.path = render_path(path_template, labels);
    request.query = query;

    const std::string payload = input_shape.value("payload", "");
    if (!payload.empty()) {
      const json& payload_ref = members[payload];
      const json& payload_shape = service.shape(payload_ref["shape"]);
      const std::string type = payload_shape.value("type", "structure");
      if (type == "blob" || type == "string") {  // raw bytes
        if (params.contains(payload) && params[payload].is_string()) request.body = params[payload].get<std::string>();
      } else if (params.contains(payload) && !params[payload].is_null()) {
        // The root is named by a real member rename, else by the payload shape.
        std::string rename = payload_ref.value("locationName", payload);
        std::string root = rename != payload ? rename : payload_shape.value("locationName", payload_ref["shape"].get<std::string>());
        request.body = write_body(service, params[payload], payload_ref, root);
      } else if (!payload_shape.value("union", false)) {  // an unset union sends nothing
        request.body = empty_body();
      }
    } else if (!body_params.empty()) {
      request.body = write_body(service, body_params, *input_ref,
                                input_shape.value("locationName", input_ref->value("locationName", (*input_ref)["shape"].get<std::string>())));
    } else if (needs_empty_body(members)) {
      request.body = empty_body();
    }
    if (!request.body.empty() && !request.header("Content-Type")) {
      std::string payload_type = payload.empty() ? "" : service.shape(members[payload]["shape"]).value("type", "");
      request.set_header("Content-Type", payload_type == "blob"     ? "application/octet-stream"
                                         : payload_type == "string" ? "text/plain"
                                                                    : body_content_type());
    }
    request.host_prefix = expand_host_prefix(service, operation, params);
    return request;
  }

 protected:
  virtual std::string write_body(const ServiceModel& service, const json& value, const json& ref, const std::string& name) const = 0;
  virtual std::string empty_body() const = 0;
  virtual bool needs_empty_body(const json& members) const = 0;
  virtual std::string body_content_type() const = 0;

 private:
  static bool query_has_key(const std::string& query, const std::string& key) {
    std::string encoded = cloud::uri_encode(key);
    std::size_t pos = 0;
    while (pos <= query.size()) {
      std::size_t end = query.find('&', pos);
      std::string pair = query.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
      if (pair.substr(0, pair.find('=')) == encoded) return true;
      if (end == std::string::npos) break;
      pos = end + 1;
    }
    return false;
  }

  static std::string header_text(const ServiceModel& service, const json& value, const json& ref, const json& shape) {
    const std::string type = shape.value("type", "string");
    if (shape.value("jsonvalue", false) || ref.value("jsonvalue", false))
      return base64_encode(value.is_string() ? value.get<std::string>() : value.dump());
    if (type == "list") {
      std::string out;
      const json& item_shape = service.shape(shape["member"]["shape"]);
      for (const auto& item : value) {
        std::string text = text_of(item, shape["member"], item_shape, "rfc822");
        if (item_shape.value("type", "") != "timestamp" && text.find_first_of(",\"") != std::string::npos) {
          std::string quoted = "\"";
          for (char c : text) quoted += c == '"' ? std::string("\\\"") : std::string(1, c);
          text = quoted + "\"";
        }
        out += (out.empty() ? "" : ", ") + text;
      }
      return out;
    }
    return text_of(value, ref, shape, "rfc822");
  }

  static std::string render_path(const std::string& path_template, const std::map<std::string, std::string>& labels) {
    std::string out;
    for (std::size_t i = 0; i < path_template.size();) {
      if (path_template[i] != '{') {
        out += path_template[i++];
        continue;
      }
      std::size_t close = path_template.find('}', i);
      std::string label = path_template.substr(i + 1, close - i - 1);
      bool greedy = !label.empty() && label.back() == '+';
      if (greedy) label.pop_back();
      auto it = labels.find(label);
      if (it == labels.end()) throw SerializeError("'" + label + "' is required: it is part of the request path");
      out += cloud::uri_encode(it->second, greedy);
      i = close + 1;
    }
    return out;
  }
};

class RestJsonSerializer : public RestSerializer {
 protected:
  std::string write_body(const ServiceModel& service, const json& value, const json& ref, const std::string&) const override {
    return json_body_value(service, value, ref).dump(-1, ' ', false, json::error_handler_t::replace);
  }
  std::string empty_body() const override { return "{}"; }
  bool needs_empty_body(const json& members) const override {
    for (const auto& [name, ref] : members.items())
      if (!ref.contains("location")) return true;
    return false;
  }
  std::string body_content_type() const override { return "application/json"; }
};

class RestXmlSerializer : public RestSerializer {
 protected:
  std::string write_body(const ServiceModel& service, const json& value, const json& ref, const std::string& name) const override {
    pugi::xml_document doc;
    element(service, doc, value, ref, name);
    std::ostringstream out;
    doc.save(out, "", pugi::format_raw | pugi::format_no_declaration);
    return out.str();
  }
  std::string empty_body() const override { return ""; }
  bool needs_empty_body(const json&) const override { return false; }
  std::string body_content_type() const override { return "application/xml"; }

 private:
  static void namespace_attribute(pugi::xml_node node, const json& ref, const json& shape) {
    const json* ns = ref.contains("xmlNamespace") ? &ref["xmlNamespace"] : shape.contains("xmlNamespace") ? &shape["xmlNamespace"] : nullptr;
    if (!ns) return;
    if (ns->is_string()) {
      node.append_attribute("xmlns") = ns->get<std::string>().c_str();
      return;
    }
    std::string attr = ns->contains("prefix") ? "xmlns:" + (*ns)["prefix"].get<std::string>() : "xmlns";
    node.append_attribute(attr.c_str()) = ns->value("uri", "").c_str();
  }

  void element(const ServiceModel& service, pugi::xml_node parent, const json& value, const json& ref, const std::string& name) const {
    const json& shape = service.shape(ref["shape"]);
    const std::string type = shape.value("type", "string");
    if (type == "structure") {
      pugi::xml_node node = parent.append_child(name.c_str());
      namespace_attribute(node, ref, shape);
      for (const auto& [member_name, member] : members_of(shape).items()) {
        if (!value.contains(member_name) || value[member_name].is_null() || member.contains("location")) continue;
        std::string wire = member.value("locationName", member_name);
        if (member.value("xmlAttribute", false)) {
          node.append_attribute(wire.c_str()) =
              text_of(value[member_name], member, service.shape(member["shape"]), "iso8601").c_str();
        } else {
          element(service, node, value[member_name], member, wire);
        }
      }
    } else if (type == "list") {
      const json& item = shape["member"];
      bool flattened = shape.value("flattened", false) || ref.value("flattened", false);
      pugi::xml_node holder = flattened ? parent : parent.append_child(name.c_str());
      if (!flattened) namespace_attribute(holder, ref, shape);
      std::string item_name = flattened ? name : item.value("locationName", "member");
      for (const auto& v : value) element(service, holder, v, item, item_name);
    } else if (type == "map") {
      bool flattened = shape.value("flattened", false) || ref.value("flattened", false);
      pugi::xml_node holder = flattened ? parent : parent.append_child(name.c_str());
      if (!flattened) namespace_attribute(holder, ref, shape);
      for (const auto& [k, v] : value.items()) {
        pugi::xml_node entry = holder.append_child(flattened ? name.c_str() : "entry");
        pugi::xml_node key = entry.append_child(shape["key"].value("locationName", "key").c_str());
        namespace_attribute(key, shape["key"], service.shape(shape["key"]["shape"]));
        key.text() = k.c_str();
        element(service, entry, v, shape["value"], shape["value"].value("locationName", "value"));
      }
    } else {
      pugi::xml_node node = parent.append_child(name.c_str());
      namespace_attribute(node, ref, shape);
      node.text() = text_of(value, ref, shape, "iso8601").c_str();
    }
  }
};

}  // namespace

std::unique_ptr<Serializer> make_rest_json_serializer() { return std::make_unique<RestJsonSerializer>(); }
std::unique_ptr<Serializer> make_rest_xml_serializer() { return std::make_unique<RestXmlSerializer>(); }

}  // namespace signet::aws
