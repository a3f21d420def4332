#include "aws/policy/policy.h"

#include <regex>

extern "C" const char signet_read_only_policy[];
extern "C" const char signet_iam_actions[];

namespace signet::aws {

using nlohmann::json;

namespace {

bool name_matches(const std::string& pattern, const std::string& name) {
  if (!pattern.empty() && pattern.back() == '*') return name.rfind(pattern.substr(0, pattern.size() - 1), 0) == 0;
  return pattern == name;
}

// The reason under `table[service or "*"]` for `operation`, if a pattern there matches.
const json* find_rule(const json& table, const std::string& service, const std::string& operation) {
  for (const std::string& key : {service, std::string("*")}) {
    auto it = table.find(key);
    if (it == table.end()) continue;
    for (const auto& [pattern, rule] : it->items())
      if (name_matches(pattern, operation)) return &rule;
  }
  return nullptr;
}

void erase_path(json& node, const std::string& path) {
  auto dot = path.find('.');
  std::string head = path.substr(0, dot);
  if (node.is_array()) {
    for (auto& item : node) erase_path(item, path);
    return;
  }
  if (!node.is_object() || !node.contains(head)) return;
  if (dot == std::string::npos) node.erase(head);
  else erase_path(node[head], path.substr(dot + 1));
}

}  // namespace

ReadOnlyPolicy::ReadOnlyPolicy(json rules) : rules_(std::move(rules)) {}

const ReadOnlyPolicy& ReadOnlyPolicy::builtin() {
  static const ReadOnlyPolicy policy(json::parse(signet_read_only_policy));
  return policy;
}

PolicyDecision ReadOnlyPolicy::check(const ServiceModel& service, const std::string& operation, const json& params) const {
  const std::string& name = service.name();
  const std::string where = name + ":" + operation;
  if (const json* reason = find_rule(rules_["refused"], name, operation))
    return {false, where + " is refused: it " + reason->get<std::string>()};
  if (const json* condition = find_rule(rules_["refusedWhen"], name, operation)) {
    const std::string param = (*condition)["param"];
    if (params.is_object() && params.contains(param) && params[param] == (*condition)["equals"])
      return {false, where + " with " + param + "=" + (*condition)["equals"].dump() + " is refused: it " +
                         (*condition)["why"].get<std::string>()};
  }
  if (find_rule(rules_["allowed"], name, operation)) return {true, ""};
  for (const auto& prefix : rules_["readPrefixes"])
    if (operation.rfind(prefix.get<std::string>(), 0) == 0) return {true, ""};
  return {false, where + " is refused: signatures may only call operations that read (Describe*, List*, Get*, ...)"};
}

void ReadOnlyPolicy::redact(const ServiceModel& service, const std::string& operation, json& response) const {
  const json* paths = find_rule(rules_["redacted"], service.name(), operation);
  if (!paths) return;
  for (const auto& path : *paths) erase_path(response, path.get<std::string>());
}

std::string iam_action(const ServiceModel& service, const std::string& operation) {
  static const json data = json::parse(signet_iam_actions);
  const json* op = service.operation(operation);
  std::string name = op ? (*op)["name"].get<std::string>() : operation;
  // CloudFront's operations carry their API version ("GetDistributionConfig2020_05_31"); IAM's
  // actions do not.
  static const std::regex versioned("(.*[A-Za-z])\\d{4}_\\d{2}_\\d{2}");
  std::smatch m;
  if (std::regex_match(name, m, versioned)) name = m[1];
  std::string prefix = data["prefixes"].value(service.name(), service.signing_name());
  for (const auto& by_method : data["byMethod"])
    if (by_method == service.name()) return prefix + ":" + (op ? (*op)["http"].value("method", "GET") : std::string("GET"));
  std::string action = prefix + ":" + name;
  for (const auto& free : data["noPermissionNeeded"])
    if (free == action) return "";
  // A service sharing its prefix with another (s3control with s3) names its own exceptions.
  const std::string own = service.name() + ":" + name;
  if (data["actions"].contains(own)) return data["actions"][own];
  return data["actions"].value(action, action);
}

}  // namespace signet::aws
