#pragma once
// Shared by the protocol parsers (internal to aws/parse).
#include <pugixml.hpp>

#include "aws/parse/parser.h"
#include "common/utf8.h"

// Text from XML and headers goes into values through valid_utf8 (common/utf8.h): stray
// bytes, surrogates from character references become U+FFFD, so every answer serializes.

namespace signet::aws {

// A scalar from its text (XML element, header): integers, floats, booleans, timestamps, blobs.
nlohmann::json scalar_from_text(const std::string& text, const nlohmann::json& shape, const ValueStyle& style);
// A JSON body value checked and converted against its shape.
nlohmann::json value_from_json(const ServiceModel& service, const nlohmann::json& value, const nlohmann::json& ref,
                               const ValueStyle& style);
// An XML element read against its shape (query, ec2, rest-xml).
nlohmann::json value_from_xml(const ServiceModel& service, pugi::xml_node node, const nlohmann::json& ref, const ValueStyle& style);
nlohmann::json structure_from_xml(const ServiceModel& service, pugi::xml_node node, const nlohmann::json& shape,
                                  const ValueStyle& style);
// The local name of an element ("a:Foo" -> "Foo").
std::string local_name(pugi::xml_node node);
pugi::xml_node child_named(pugi::xml_node node, const std::string& name);
std::string child_text(pugi::xml_node node, const std::string& name);
void load_xml(pugi::xml_document& doc, const std::string& body);  // throws ParseError

// A rest payload member that is the whole body: text as it is, a blob as the style says
// (base64 by default, as the AWS CLI prints blobs).
nlohmann::json raw_payload(const std::string& body, const std::string& type, const ValueStyle& style);
// Members read from headers and the status code (rest protocols).
void read_rest_locations(const ServiceModel& service, const nlohmann::json& shape, const cloud::HttpResponse& response,
                         const ValueStyle& style, nlohmann::json& out);
// The error of a json or rest-json answer.
ApiError json_error(const cloud::HttpResponse& response);
// The error of an XML answer (query, ec2, rest-xml): <Error><Code/><Message/></Error>.
ApiError xml_error(const cloud::HttpResponse& response);
std::string reason_phrase(int status);

std::unique_ptr<Parser> make_query_parser();
std::unique_ptr<Parser> make_ec2_parser();
std::unique_ptr<Parser> make_rest_xml_parser();
std::unique_ptr<Parser> make_json_parser();
std::unique_ptr<Parser> make_rest_json_parser();

}  // namespace signet::aws
