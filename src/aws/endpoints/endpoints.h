#pragma once
// Where a call goes: botocore's endpoints.json (partitions, global services, credential
// scopes), and the standard overrides (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>,
// --endpoint-url).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "aws/models/models.h"
#include "common/names.h"

namespace signet::aws {

struct Endpoint {
  std::string url;            // "https://iam.amazonaws.com"
  std::string signing_region; // the credential scope's region ("us-east-1" for IAM)
  std::string signing_name;   // the service name in the credential scope
  bool global = false;        // one endpoint for the whole partition (IAM, Route 53, ...)
  bool overridden = false;    // a user-given URL: no host prefixes, S3 path-style
  std::string partition;      // "aws", "aws-cn", ...
};

struct EndpointOverrides {
  std::string all;                                  // --endpoint-url or AWS_ENDPOINT_URL
  std::map<std::string, std::string> per_service;   // key: serviceId as in AWS_ENDPOINT_URL_<KEY>

  // Reads AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> from the environment.
  static EndpointOverrides from_environment();
  // The env var suffix for a service: serviceId uppercased, spaces to underscores.
  static std::string env_key(const ServiceModel& service);
};

class EndpointResolver {
 public:
  EndpointResolver(const nlohmann::json& endpoints_document, EndpointOverrides overrides = {});
  // Throws std::invalid_argument for a region no partition knows.
  Endpoint resolve(const ServiceModel& service, const std::string& region) const;
  // Whether the service answers the same everywhere in the region's partition.
  bool is_global(const ServiceModel& service, const std::string& region) const;
  // The partition's region for global services ("us-east-1" in aws).
  std::string global_region(const std::string& region) const;

 private:
  const nlohmann::json* partition_for(const std::string& region) const;
  const nlohmann::json& document_;
  EndpointOverrides overrides_;
};

// Every region a partition of the endpoints document lists (us-east-1, cn-north-1, ...),
// in the document's order: the regions Signet knows. A name of the right shape that no
// partition lists (us-nowhere-1) is not one.
std::vector<std::string> known_regions(const nlohmann::json& endpoints_document);
// The given regions no partition lists (field "regions"), with the known ones in the message.
NameCheck check_regions(const std::vector<std::string>& regions, const nlohmann::json& endpoints_document);

}  // namespace signet::aws
