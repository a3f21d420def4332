// XML answers: the query protocol (a result wrapper inside <OpResponse>), ec2 (members
// directly under the root, lists of <item>), and rest-xml (body plus headers).
#include "aws/parse/parse_common.h"

namespace signet::aws {

using nlohmann::json;

namespace {

const json* output_shape(const ServiceModel& service, const json& operation) {
  return operation.contains("output") ? &service.shape(operation["output"]["shape"]) : nullptr;
}

// Finds the first element named `name` at any depth.
pugi::xml_node find_element(pugi::xml_node node, const std::string& name) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    if (local_name(child) == name) return child;
    if (pugi::xml_node deeper = find_element(child, name)) return deeper;
  }
  return {};
}

}  // namespace

ApiError xml_error(const cloud::HttpResponse& response) {
  ApiError error{"", "", response.status};
  pugi::xml_document doc;
  if (!response.body.empty() && doc.load_buffer(response.body.data(), response.body.size())) {
    if (pugi::xml_node e = find_element(doc, "Error")) {
      error.code = valid_utf8(child_text(e, "Code"));
      error.message = valid_utf8(child_text(e, "Message"));
    }
  }
  if (error.code.empty()) {  // no body (HEAD) or not an AWS error document
    error.code = std::to_string(response.status);
    error.message = reason_phrase(response.status);
  }
  return error;
}

namespace {

class QueryParser : public Parser {
 public:
  json parse(const ServiceModel& service, const json& operation, const cloud::HttpResponse& response, const ValueStyle& style) const override {
    const json* shape = output_shape(service, operation);
    if (!shape) return json::object();
    if (response.body.empty()) return json::object();
    pugi::xml_document doc;
    load_xml(doc, response.body);
    pugi::xml_node root = doc.document_element();
    std::string wrapper = operation["output"].value("resultWrapper", operation["name"].get<std::string>() + "Result");
    if (pugi::xml_node result = child_named(root, wrapper)) root = result;
    return structure_from_xml(service, root, *shape, style);
  }
  ApiError parse_error(const ServiceModel&, const cloud::HttpResponse& response) const override { return xml_error(response); }
};

class Ec2Parser : public Parser {
 public:
  json parse(const ServiceModel& service, const json& operation, const cloud::HttpResponse& response, const ValueStyle& style) const override {
    const json* shape = output_shape(service, operation);
    if (!shape || response.body.empty()) return json::object();
    pugi::xml_document doc;
    load_xml(doc, response.body);
    return structure_from_xml(service, doc.document_element(), *shape, style);
  }
  ApiError parse_error(const ServiceModel&, const cloud::HttpResponse& response) const override { return xml_error(response); }
};

class RestXmlParser : public Parser {
 public:
  json parse(const ServiceModel& service, const json& operation, const cloud::HttpResponse& response, const ValueStyle& style) const override {
    const json* shape = output_shape(service, operation);
    if (!shape) return json::object();
    json out = json::object();
    const std::string payload = shape->value("payload", "");
    if (!payload.empty()) {
      const json& member = (*shape)["members"][payload];
      const json& member_shape = service.shape(member["shape"]);
      const std::string type = member_shape.value("type", "structure");
      if (type == "blob" || type == "string") {
        if (!response.body.empty()) out[payload] = raw_payload(response.body, type, style);
      } else if (!response.body.empty()) {
        pugi::xml_document doc;
        load_xml(doc, response.body);
        out[payload] = value_from_xml(service, doc.document_element(), member, style);
      }
    } else if (!response.body.empty()) {
      pugi::xml_document doc;
      load_xml(doc, response.body);
      pugi::xml_node root = doc.document_element();
      out = structure_from_xml(service, root, *shape, style);
      // A root element named after one member is that member's value (S3 GetBucketLocation
      // answers <LocationConstraint>eu-west-1</LocationConstraint>, empty for us-east-1).
      for (const auto& [name, member] : members_of(*shape).items()) {
        if (member.contains("location") || out.contains(name) || member.value("locationName", name) != local_name(root)) continue;
        const json& member_shape = service.shape(member["shape"]);
        if (member_shape.value("type", "structure") == "structure") continue;
        std::string text = root.text().get();
        out[name] = text.empty() ? json(nullptr) : scalar_from_text(text, member_shape, style);
      }
    }
    read_rest_locations(service, *shape, response, style, out);
    return out;
  }
  ApiError parse_error(const ServiceModel&, const cloud::HttpResponse& response) const override { return xml_error(response); }
};

}  // namespace

std::unique_ptr<Parser> make_query_parser() { return std::make_unique<QueryParser>(); }
std::unique_ptr<Parser> make_ec2_parser() { return std::make_unique<Ec2Parser>(); }
std::unique_ptr<Parser> make_rest_xml_parser() { return std::make_unique<RestXmlParser>(); }

}  // namespace signet::aws
