#include "aws/endpoints/endpoints.h"

#include <algorithm>
#include <cstdlib>
#include <regex>
#include <stdexcept>

extern char** environ;

namespace signet::aws {

using nlohmann::json;

EndpointOverrides EndpointOverrides::from_environment() {
  EndpointOverrides o;
  if (const char* all = std::getenv("AWS_ENDPOINT_URL"); all && *all) o.all = all;
  const std::string prefix = "AWS_ENDPOINT_URL_";
  for (char** e = environ; e && *e; ++e) {
    std::string entry = *e;
    if (entry.rfind(prefix, 0) != 0) continue;
    auto eq = entry.find('=');
    if (eq == std::string::npos || eq + 1 == entry.size()) continue;
    o.per_service[entry.substr(prefix.size(), eq - prefix.size())] = entry.substr(eq + 1);
  }
  return o;
}

std::string EndpointOverrides::env_key(const ServiceModel& service) {
  std::string id = service.metadata().value("serviceId", service.name());
  std::string key;
  for (char c : id) key += c == ' ' || c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return key;
}

EndpointResolver::EndpointResolver(const json& document, EndpointOverrides overrides)
    : document_(document), overrides_(std::move(overrides)) {}

const json* EndpointResolver::partition_for(const std::string& region) const {
  for (const auto& p : document_["partitions"])
    if (p.contains("regions") && p["regions"].contains(region)) return &p;
  for (const auto& p : document_["partitions"])
    if (p.contains("regionRegex") && std::regex_match(region, std::regex(p["regionRegex"].get<std::string>()))) return &p;
  return nullptr;
}

bool EndpointResolver::is_global(const ServiceModel& service, const std::string& region) const {
  const json* partition = partition_for(region);
  if (!partition) return false;
  auto services = partition->find("services");
  if (services == partition->end()) return false;
  auto s = services->find(service.endpoint_prefix());
  return s != services->end() && s->contains("partitionEndpoint") && !s->value("isRegionalized", true);
}

std::string EndpointResolver::global_region(const std::string& region) const {
  const json* partition = partition_for(region);
  if (!partition) return region;
  // The region IAM's global endpoint signs for is the partition's home region.
  auto services = partition->find("services");
  if (services != partition->end() && services->contains("iam")) {
    const json& iam = (*services)["iam"];
    std::string global = iam.value("partitionEndpoint", "");
    if (!global.empty() && iam["endpoints"].contains(global)) {
      const json& ep = iam["endpoints"][global];
      if (ep.contains("credentialScope") && ep["credentialScope"].contains("region")) return ep["credentialScope"]["region"];
    }
  }
  return region;
}

Endpoint EndpointResolver::resolve(const ServiceModel& service, const std::string& region) const {
  if (region.empty()) throw std::invalid_argument("no region given for " + service.name());
  const json* partition = partition_for(region);
  if (!partition) throw std::invalid_argument("'" + region + "' is not a region any AWS partition knows");
  Endpoint ep;
  ep.partition = partition->value("partition", "aws");
  ep.signing_region = region;
  ep.signing_name = service.signing_name();
  ep.global = is_global(service, region);

  std::string override_url;
  auto per = overrides_.per_service.find(EndpointOverrides::env_key(service));
  if (per != overrides_.per_service.end()) override_url = per->second;
  else if (!overrides_.all.empty()) override_url = overrides_.all;

  std::string dns_suffix = partition->value("dnsSuffix", "amazonaws.com");
  const json empty = json::object();
  const json& services = partition->contains("services") ? (*partition)["services"] : empty;
  const json& svc = services.contains(service.endpoint_prefix()) ? services[service.endpoint_prefix()] : empty;
  const json& endpoints = svc.contains("endpoints") ? svc["endpoints"] : empty;
  const json* endpoint = nullptr;
  if (ep.global) endpoint = &endpoints[svc["partitionEndpoint"].get<std::string>()];
  else if (endpoints.contains(region)) endpoint = &endpoints[region];

  std::string hostname = (*partition)["defaults"].value("hostname", "{service}.{region}.{dnsSuffix}");
  if (svc.contains("defaults") && svc["defaults"].contains("hostname")) hostname = svc["defaults"]["hostname"];
  if (endpoint && endpoint->contains("hostname")) hostname = (*endpoint)["hostname"];
  if (endpoint && endpoint->contains("credentialScope")) {
    const json& scope = (*endpoint)["credentialScope"];
    if (scope.contains("region")) ep.signing_region = scope["region"];
    if (scope.contains("service")) ep.signing_name = scope["service"];
  }
  if (svc.contains("defaults") && svc["defaults"].contains("credentialScope") && svc["defaults"]["credentialScope"].contains("service"))
    ep.signing_name = svc["defaults"]["credentialScope"]["service"];

  if (!override_url.empty()) {
    ep.url = override_url;
    while (!ep.url.empty() && ep.url.back() == '/') ep.url.pop_back();
    ep.overridden = true;
    return ep;
  }
  auto replace = [](std::string s, const std::string& from, const std::string& to) {
    for (std::size_t pos; (pos = s.find(from)) != std::string::npos;) s.replace(pos, from.size(), to);
    return s;
  };
  hostname = replace(replace(replace(hostname, "{service}", service.endpoint_prefix()), "{region}", region), "{dnsSuffix}", dns_suffix);
  ep.url = "https://" + hostname;
  return ep;
}

std::vector<std::string> known_regions(const json& document) {
  std::vector<std::string> out;
  if (!document.contains("partitions")) return out;
  for (const auto& p : document["partitions"])
    if (p.contains("regions"))
      for (const auto& [name, _] : p["regions"].items()) out.push_back(name);
  return out;
}

NameCheck check_regions(const std::vector<std::string>& regions, const json& document) {
  if (regions.empty()) return {"regions", {}, ""};
  auto known = known_regions(document);
  std::string listed;
  for (const auto& r : known) listed += (listed.empty() ? "" : ", ") + r;
  return check_names(
      "regions", "region", regions, [&](const std::string& r) { return std::find(known.begin(), known.end(), r) != known.end(); }, known,
      listed);
}

}  // namespace signet::aws
