#pragma once
// The AWS API models (botocore's data), embedded at build time: every service, operation
// and shape the client knows comes from here, none from code.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace signet::aws {

struct ModelError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class ServiceModel {
 public:
  ServiceModel(std::string name, std::vector<std::string> versions, nlohmann::json model, nlohmann::json paginators);

  const std::string& name() const { return name_; }  // botocore's folder name: "elbv2"
  const nlohmann::json& metadata() const { return model_["metadata"]; }
  const std::string& protocol() const { return protocol_; }  // the one the client speaks
  std::string api_version() const { return metadata().value("apiVersion", ""); }
  const std::vector<std::string>& versions() const { return versions_; }
  std::string signing_name() const;
  std::string endpoint_prefix() const { return metadata().value("endpointPrefix", name_); }

  // By exact name, or case-insensitively ("listUsers" finds ListUsers); nullptr if absent.
  const nlohmann::json* operation(std::string_view name) const;
  std::vector<std::string> operation_names() const;
  const nlohmann::json& shape(const std::string& name) const;  // throws ModelError
  const nlohmann::json* paginator(const std::string& operation) const;

 private:
  std::string name_;
  std::vector<std::string> versions_;
  nlohmann::json model_;
  nlohmann::json paginators_;
  std::string protocol_;
  std::map<std::string, std::string> operations_by_lower_name_;
};

class Models {
 public:
  static std::shared_ptr<const Models> embedded();
  // A botocore data folder (`--models-dir`): newest version of each service.
  static std::shared_ptr<const Models> from_botocore_dir(const std::string& data_dir);

  const std::string& botocore_version() const { return version_; }
  std::size_t service_count() const { return services_.size(); }
  std::vector<std::string> service_names() const;

  // By any name a user may give: folder ("elbv2"), SDK name ("ELBv2"), serviceId
  // ("Elastic Load Balancing v2"), abbreviation, endpoint prefix; case-insensitive.
  std::shared_ptr<const ServiceModel> find(std::string_view name) const;
  // The protocol the client speaks for the service (ServiceModel::protocol), without loading
  // its model; "" for a name find() does not know.
  std::string protocol_of(std::string_view name) const;
  const nlohmann::json& endpoints() const;

  // One source of a service's model: decompresses or reads on first use.
  struct Source {
    virtual ~Source() = default;
    virtual nlohmann::json load(const std::string& service) const = 0;
  };
  // names: service -> its other names; protocols: service -> its metadata's protocol fields.
  Models(std::string version, std::vector<std::string> services, const nlohmann::json& names, const nlohmann::json& protocols,
         const nlohmann::json& aliases, nlohmann::json endpoints, std::unique_ptr<Source> source);

 private:
  std::string version_;
  std::vector<std::string> services_;
  std::map<std::string, std::string> lookup_;  // normalized name -> folder
  std::map<std::string, std::string> protocols_;  // folder -> the protocol the client speaks
  nlohmann::json endpoints_;
  std::unique_ptr<Source> source_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::shared_ptr<const ServiceModel>> loaded_;
};

// A structure shape's members ({} when it has none), by reference: safe to iterate.
const nlohmann::json& members_of(const nlohmann::json& shape);

// Lowercase letters and digits only: how service names are compared.
std::string normalize_service_name(std::string_view name);

}  // namespace signet::aws
