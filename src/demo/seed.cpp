#include "demo/seed.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "aws/client/path.h"

extern "C" const char signet_demo_account[];
extern "C" const char signet_demo_organization[];
extern "C" const char signet_demo_moto_unserved[];

namespace signet::demo {

using nlohmann::json;

const json& account_plan() {
  static const json plan = json::parse(signet_demo_account);
  return plan;
}

const std::set<std::string>& moto_unserved_types() {
  static const std::set<std::string> types = [] {
    std::set<std::string> keys;
    const json data = json::parse(signet_demo_moto_unserved);
    for (const auto& t : data.at("types"))
      keys.insert(t.at("service").get<std::string>() + "/" + t.at("type").get<std::string>());
    return keys;
  }();
  return types;
}

namespace {

std::string substitute(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [key, value] : values)
    for (std::size_t pos; (pos = text.find(key)) != std::string::npos;) text.replace(pos, key.size(), value);
  return text;
}

json fill(const json& value, const std::map<std::string, std::string>& values) {
  if (value.is_string()) return substitute(value.get<std::string>(), values);
  if (value.is_array()) {
    json out = json::array();
    for (const auto& v : value) out.push_back(fill(v, values));
    return out;
  }
  if (value.is_object()) {
    json out = json::object();
    for (const auto& [k, v] : value.items()) out[k] = fill(v, values);
    return out;
  }
  return value;
}

}  // namespace

SeedReport seed_account(io::EventLoop& loop, aws::AwsClient& client, const json& plan, int scale,
                        const std::map<std::string, std::string>& extra_values) {
  SeedReport report;
  report.regions = plan.at("regions").get<std::vector<std::string>>();
  std::map<std::string, std::map<std::string, std::string>> saved;  // region -> ${name} -> value
  auto run = [&](const json& step, const std::string& region, int region_number, std::map<std::string, std::string> values) {
    values.insert(extra_values.begin(), extra_values.end());
    values["{region}"] = region;
    values["{r}"] = std::to_string(region_number);
    for (const auto& [name, value] : saved[region]) values["${" + name + "}"] = value;
    for (const auto& [name, value] : saved["*"]) values["${" + name + "}"] = value;
    json params = fill(step.value("params", json::object()), values);
    if (step.contains("omitIn") && step["omitIn"].contains(region))
      for (const auto& key : step["omitIn"][region]) params.erase(key.get<std::string>());
    std::optional<cloud::CallResult> result;
    client.call({step["service"], step["operation"], region, params}, [&](cloud::CallResult r) { result = std::move(r); });
    loop.run_until([&] { return result.has_value(); });
    ++report.calls;
    if (!result->error.is_null())
      throw std::runtime_error("demo seed step " + step["service"].get<std::string>() + ":" + step["operation"].get<std::string>() +
                               " in " + region + " failed: " + result->error.dump());
    const json save = step.value("save", json::object());
    for (const auto& [name, path] : save.items()) {
      json v = aws::json_path_get(result->api_response, path.get<std::string>());
      if (v.is_string()) saved[step.value("global", false) ? "*" : region][name] = v;
    }
  };
  for (const auto& step : plan.at("steps")) {
    std::vector<std::map<std::string, std::string>> variants;
    int repeat = step.contains("repeat") ? step["repeat"].get<int>() * (step.value("fixed", false) ? 1 : std::max(1, scale)) : 1;
    for (int i = 1; i <= repeat; ++i) variants.push_back({{"{i}", std::to_string(i)}});
    if (step.contains("each"))
      for (const auto& [key, list] : step["each"].items()) {
        std::vector<std::map<std::string, std::string>> expanded;
        for (const auto& v : variants)
          for (const auto& item : list) {
            auto copy = v;
            copy["{" + key + "}"] = item.get<std::string>();
            expanded.push_back(copy);
          }
        variants = expanded;
      }
    if (step.value("global", false)) {
      for (const auto& v : variants) run(step, report.regions.front(), 0, v);
    } else {
      for (std::size_t r = 0; r < report.regions.size(); ++r)
        for (const auto& v : variants) run(step, report.regions[r], static_cast<int>(r), v);
    }
  }
  return report;
}

const json& organization_plan() {
  static const json plan = json::parse(signet_demo_organization);
  return plan;
}

SeededOrganization seed_organization(io::EventLoop& loop, aws::AwsClient& writer, int members,
                                     const std::function<std::unique_ptr<aws::AwsClient>(const std::string& role_arn)>& member_writer,
                                     const json& plan) {
  auto call = [&](const std::string& operation, json params) {
    std::optional<cloud::CallResult> result;
    writer.call({"organizations", operation, "us-east-1", std::move(params)}, [&](cloud::CallResult r) { result = std::move(r); });
    loop.run_until([&] { return result.has_value(); });
    if (!result->error.is_null()) throw std::runtime_error("demo organization: Organizations " + operation + " failed: " + result->error.dump());
    return result->api_response;
  };
  SeededOrganization org;
  org.management_account_id = call("CreateOrganization", {{"FeatureSet", "ALL"}})["Organization"].value("MasterAccountId", "");
  org.root_id = call("ListRoots", json::object()).at(0).value("Id", "");
  std::vector<std::pair<std::string, std::string>> ous;  // name, env
  for (const auto& ou : plan.at("organizationalUnits")) {
    std::string parent = ou.value("parent", "");
    std::string parent_id = parent.empty() ? org.root_id : org.ou_ids.at(parent);
    json made = call("CreateOrganizationalUnit", {{"ParentId", parent_id}, {"Name", ou["name"]}});
    org.ou_ids[ou["name"]] = made["OrganizationalUnit"].value("Id", "");
    ous.push_back({ou["name"], ou.value("env", "")});
  }
  for (int n = 1; n <= members; ++n) {
    std::map<std::string, std::string> values = {{"{n}", std::to_string(n)}};
    json made = call("CreateAccount", {{"AccountName", substitute(plan.at("memberName"), values)},
                                       {"Email", substitute(plan.at("memberEmail"), values)}});
    SeededMember m;
    m.id = made["CreateAccountStatus"].value("AccountId", "");
    m.name = made["CreateAccountStatus"].value("AccountName", "");
    const auto& [ou_name, env] = ous[(n - 1) % ous.size()];
    m.ou_name = ou_name;
    m.ou_id = org.ou_ids.at(ou_name);
    m.scale = 1 + n % 3;
    call("MoveAccount", {{"AccountId", m.id}, {"SourceParentId", org.root_id}, {"DestinationParentId", m.ou_id}});
    call("TagResource", {{"ResourceId", m.id}, {"Tags", json::array({{{"Key", "env"}, {"Value", env}}})}});
    auto member_client = member_writer("arn:aws:iam::" + m.id + ":role/OrganizationAccountAccessRole");
    seed_account(loop, *member_client, plan.at("memberPlan"), m.scale, {{"{account}", m.id}});
    org.members.push_back(std::move(m));
  }
  return org;
}

}  // namespace signet::demo
