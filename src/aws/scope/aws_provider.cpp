#include <regex>

#include "aws/scope/aws_provider.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "aws/endpoints/endpoints.h"
#include "aws/inventory/inventory.h"
#include "aws/policy/policy.h"

namespace signet::aws {

using nlohmann::json;

AwsProvider::AwsProvider(std::shared_ptr<const Models> models) : models_(models ? std::move(models) : Models::embedded()) {}

const inventory::Catalog& AwsProvider::catalog() const { return aws::catalog(); }

NameCheck AwsProvider::check_services(const std::vector<std::string>& services, bool catalog_only) const {
  return aws::check_services(services, *models_, catalog_only);
}

NameCheck AwsProvider::check_regions(const std::vector<std::string>& regions) const {
  return aws::check_regions(regions, models_->endpoints());
}

std::vector<std::string> AwsProvider::callable_services() const { return models_->service_names(); }

std::optional<json> AwsProvider::endpoints_of(const std::string& name) const {
  auto service = models_->find(name);
  if (!service) return std::nullopt;
  json operations = json::array();
  for (const auto& operation : service->operation_names()) {
    if (!ReadOnlyPolicy::builtin().check(*service, operation, json::object()).allowed) continue;
    const json& op = *service->operation(operation);
    json params = json::array();
    if (op.contains("input")) {
      const json& input = service->shape(op["input"]["shape"]);
      std::set<std::string> required;
      if (input.contains("required")) required = input["required"].get<std::set<std::string>>();
      for (const auto& [member, spec] : members_of(input).items())
        params.push_back({{"name", member}, {"type", service->shape(spec["shape"]).value("type", "")}, {"required", required.count(member) > 0}});
    }
    // Required parameters first: they are the ones to type.
    std::stable_sort(params.begin(), params.end(), [](const json& a, const json& b) { return a["required"] > b["required"]; });
    std::string called = operation;  // apiCaller's endpoint: the operation in lowerCamelCase
    if (!called.empty()) called[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(called[0])));
    operations.push_back({{"name", called}, {"paginated", service->paginator(operation) != nullptr}, {"params", params}});
  }
  return json{{"service", service->name()}, {"apiVersion", service->api_version()}, {"operations", operations}};
}

namespace {

bool is_account_id(const std::string& id) { return std::regex_match(id, std::regex("[0-9]{12}")); }
bool is_ou_or_root_id(const std::string& id) { return std::regex_match(id, std::regex("ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32}")); }

}  // namespace

std::string AwsProvider::check_scope_id(const std::string& id) const {
  // Learned at the first test or scan when not given.
  return id.empty() || is_account_id(id) ? "" : "must be a 12-digit AWS account id";
}

std::string AwsProvider::member_role(const std::string& management_role, const std::string& member_id, const std::string& role_name) const {
  // The member lives in the management role's partition (aws-cn, aws-us-gov), else the commercial one.
  std::smatch partition;
  const bool named = std::regex_search(management_role, partition, std::regex("^arn:(aws[a-z-]*):"));
  return "arn:" + (named ? partition[1].str() : std::string("aws")) + ":iam::" + member_id + ":role/" + role_name;
}

bool AwsProvider::selects_by_id(const std::string& item) const { return is_account_id(item) || is_ou_or_root_id(item); }

provider::Provider::SourceFilters AwsProvider::source_filters() const {
  return {"an OU id (ou-...) or a root id (r-...)", "a 12-digit account id", "a tag filter key=value (or key, for any value)",
          is_ou_or_root_id, is_account_id, provider::is_tag_filter};
}

}  // namespace signet::aws
