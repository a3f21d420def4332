#pragma once
// Requests from an operation's parameters, one class per protocol (query, ec2, json,
// rest-json, rest-xml), picked by the model's protocol name.
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "cloud/http/request.h"
#include "aws/models/models.h"

namespace signet::aws {

struct SerializeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Serializer {
 public:
  virtual ~Serializer() = default;
  // Method, path, query, headers (Content-Length included) and body; the host is the
  // endpoint's, with `host_prefix` (the operation's endpoint trait) to prepend when allowed.
  cloud::HttpRequest serialize(const ServiceModel& service, const nlohmann::json& operation, const nlohmann::json& params) const;

 protected:
  virtual cloud::HttpRequest build(const ServiceModel& service, const nlohmann::json& operation, const nlohmann::json& params) const = 0;
};

std::unique_ptr<Serializer> make_serializer(const std::string& protocol);

}  // namespace signet::aws
