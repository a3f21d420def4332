// JSON answers: the json protocol (the whole body is the output) and rest-json (body,
// headers and status code); their shared error form; the parser registry.
#include "aws/parse/parse_common.h"

namespace signet::aws {

using nlohmann::json;

namespace {

json parse_body(const std::string& body) {
  if (body.empty()) return json::object();
  json value = json::parse(body, nullptr, false);
  if (value.is_discarded()) throw ParseError("the answer is not valid JSON");
  return value;
}

// An operation's output structure: a JSON object (null reads as empty, as botocore does).
json parse_output_body(const std::string& body) {
  json value = parse_body(body);
  if (value.is_null()) return json::object();
  if (!value.is_object()) throw ParseError("the answer is JSON but not an object");
  return value;
}

// "aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/..." -> "FooError"
std::string bare_code(std::string code) {
  if (auto colon = code.find(':'); colon != std::string::npos) code = code.substr(0, colon);
  if (auto hash = code.rfind('#'); hash != std::string::npos) code = code.substr(hash + 1);
  return code;
}

class JsonParser : public Parser {
 public:
  json parse(const ServiceModel& service, const json& operation, const cloud::HttpResponse& response, const ValueStyle& style) const override {
    if (!operation.contains("output")) return json::object();
    return value_from_json(service, parse_output_body(response.body), operation["output"], style);
  }
  ApiError parse_error(const ServiceModel&, const cloud::HttpResponse& response) const override { return json_error(response); }
};

class RestJsonParser : public Parser {
 public:
  json parse(const ServiceModel& service, const json& operation, const cloud::HttpResponse& response, const ValueStyle& style) const override {
    if (!operation.contains("output")) return json::object();
    const json& shape = service.shape(operation["output"]["shape"]);
    json out = json::object();
    const std::string payload = shape.value("payload", "");
    if (!payload.empty()) {
      const json& member = shape["members"][payload];
      const json& member_shape = service.shape(member["shape"]);
      const std::string type = member_shape.value("type", "structure");
      if (type == "blob" || type == "string") {
        if (!response.body.empty()) out[payload] = raw_payload(response.body, type, style);
      } else if (!response.body.empty()) out[payload] = value_from_json(service, parse_body(response.body), member, style);
    } else {
      out = value_from_json(service, parse_output_body(response.body), operation["output"], style);
    }
    read_rest_locations(service, shape, response, style, out);
    return out;
  }
  ApiError parse_error(const ServiceModel&, const cloud::HttpResponse& response) const override { return json_error(response); }
};

}  // namespace

ApiError json_error(const cloud::HttpResponse& response) {
  ApiError error{"", "", response.status};
  json body = json::parse(response.body.empty() ? "{}" : response.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) body = json::object();
  // Services in query-compatible mode say the query protocol's code in a header.
  if (const std::string* query_error = response.header("x-amzn-query-error")) {
    error.code = valid_utf8(query_error->substr(0, query_error->find(';')));
  } else if (const std::string* type = response.header("x-amzn-errortype")) {
    error.code = valid_utf8(bare_code(*type));
  } else {
    for (const char* key : {"__type", "code", "Code"})
      if (body.contains(key) && body[key].is_string()) {
        error.code = bare_code(body[key]);
        break;
      }
  }
  for (const char* key : {"message", "Message", "errorMessage"})
    if (body.contains(key) && body[key].is_string()) {
      error.message = body[key];
      break;
    }
  // Some gateways (and moto's auth layer) answer JSON services in XML.
  if (error.code.empty() && !response.body.empty() && response.body.front() == '<') return xml_error(response);
  if (error.code.empty()) {
    error.code = std::to_string(response.status);
    if (error.message.empty()) error.message = reason_phrase(response.status);
  }
  return error;
}

std::unique_ptr<Parser> make_json_parser() { return std::make_unique<JsonParser>(); }
std::unique_ptr<Parser> make_rest_json_parser() { return std::make_unique<RestJsonParser>(); }

std::unique_ptr<Parser> make_parser(const std::string& protocol) {
  if (protocol == "query") return make_query_parser();
  if (protocol == "ec2") return make_ec2_parser();
  if (protocol == "json") return make_json_parser();
  if (protocol == "rest-json") return make_rest_json_parser();
  if (protocol == "rest-xml") return make_rest_xml_parser();
  throw ParseError("the '" + protocol + "' protocol is not supported");
}

}  // namespace signet::aws
