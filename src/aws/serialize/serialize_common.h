#pragma once
// Shared by the protocol serializers (internal to aws/serialize).
#include "aws/serialize/serializer.h"

namespace signet::aws {

// The operation's endpoint trait ("{Bucket}." -> "mybucket."), or "".
std::string expand_host_prefix(const ServiceModel& service, const nlohmann::json& operation, const nlohmann::json& params);

// JSON body values for a shape (json and rest-json protocols).
nlohmann::json json_body_value(const ServiceModel& service, const nlohmann::json& value, const nlohmann::json& ref);

std::unique_ptr<Serializer> make_query_serializer();
std::unique_ptr<Serializer> make_ec2_serializer();
std::unique_ptr<Serializer> make_json_serializer();
std::unique_ptr<Serializer> make_rest_json_serializer();
std::unique_ptr<Serializer> make_rest_xml_serializer();

}  // namespace signet::aws
