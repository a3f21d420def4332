#include "inventory/inventory.h"

#include <algorithm>

#include "common/strings.h"

namespace signet::inventory {

using nlohmann::json;

std::string fill(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [key, value] : values)
    for (std::size_t pos; (pos = text.find("{" + key + "}")) != std::string::npos;) text.replace(pos, key.size() + 2, value);
  return text;
}

json fill_params(const json& params, const std::map<std::string, std::string>& values) {
  if (params.is_string()) return fill(params.get<std::string>(), values);
  if (!params.is_structured()) return params;
  json out = params;
  for (auto& [k, v] : out.items()) v = fill_params(v, values);
  return out;
}

Catalog::Catalog(json document, const std::string& cloud_name_field) {
  for (auto& spec : document.at("types")) {
    std::string cloud_name = cloud_name_field.empty() ? "" : spec.value(cloud_name_field, "");
    types_.push_back(ResourceType{spec, std::move(cloud_name)});
  }
}

bool Catalog::knows_service(const std::string& service) const {
  for (const auto& t : types_)
    if (to_lower(t.service()) == to_lower(service)) return true;
  return false;
}

std::vector<std::string> Catalog::services() const {
  std::vector<std::string> out;
  for (const auto& t : types_)
    if (std::find(out.begin(), out.end(), t.service()) == out.end()) out.push_back(t.service());
  return out;
}

const ResourceType* Catalog::find(const std::string& service, const std::string& type) const {
  for (const auto& t : types_) {
    if (to_lower(t.service()) != to_lower(service)) continue;
    if (type.empty() ? t.spec.value("primary", false) : (t.type() == type || (!t.cloud_name.empty() && to_lower(t.cloud_name) == to_lower(type))))
      return &t;
  }
  return nullptr;
}

NameCheck check_services(const std::vector<std::string>& services, const Catalog& catalog,
                         const std::function<bool(const std::string&)>& also_known, const std::vector<std::string>& also,
                         const std::string& also_said) {
  if (services.empty()) return {"services", {}, ""};
  std::vector<std::string> candidates = catalog.services();
  std::string listed;
  for (const auto& s : candidates) listed += (listed.empty() ? "" : ", ") + s;
  candidates.insert(candidates.end(), also.begin(), also.end());
  if (!also_said.empty()) listed += " " + also_said;
  return check_names(
      "services", "service", services,
      [&](const std::string& s) { return catalog.knows_service(s) || (also_known && !trim(s).empty() && also_known(s)); }, candidates,
      listed);
}

}  // namespace signet::inventory
