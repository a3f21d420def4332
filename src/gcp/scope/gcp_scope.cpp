#include "gcp/scope/gcp_scope.h"

#include <algorithm>
#include <functional>

#include "common/json_path.h"
#include "common/strings.h"
#include "inventory/walk.h"

extern "C" const char signet_gcp_catalog[];

namespace signet::gcp {

using nlohmann::json;

const inventory::Catalog& catalog() {
  static const inventory::Catalog catalog(json::parse(signet_gcp_catalog), "cloudName");
  return catalog;
}

namespace {

std::string text(const json& v) { return v.is_string() ? v.get<std::string>() : v.is_number() ? v.dump() : ""; }

std::string last_segment(const std::string& value) { return value.substr(value.rfind('/') + 1); }

// A catalog template's {placeholders} filled by `value_of` (every string of params, nested too).
json fill(const json& params, const std::function<std::string(const std::string&)>& value_of) {
  if (params.is_structured()) {
    json out = params;
    for (auto& [k, v] : out.items()) v = fill(v, value_of);
    return out;
  }
  if (!params.is_string()) return params;
  const std::string tpl = params;
  std::string out;
  for (std::size_t i = 0; i < tpl.size();) {
    auto open = tpl.find('{', i), close = open == std::string::npos ? open : tpl.find('}', open);
    if (close == std::string::npos) {
      out += tpl.substr(i);
      break;
    }
    out += tpl.substr(i, open - i) + value_of(tpl.substr(open + 1, close - open - 1));
    i = close + 1;
  }
  return out;
}

// What a template may name: {project}, the resource's own {id} and {name}, its parent's
// {parent.id}, {parent.name} and {parent.data.PATH}.
std::function<std::string(const std::string&)> values(const std::string& project, const json* resource, const json* parent) {
  return [project, resource, parent](const std::string& key) -> std::string {
    if (key == "project") return project;
    const json* of = resource;
    std::string field = key;
    if (key.rfind("parent.", 0) == 0) of = parent, field = key.substr(7);
    if (!of) return "";
    if (field.rfind("data.", 0) == 0) return text(json_path_get((*of)["data"], field.substr(5)));
    return text(of->value(field, json()));
  };
}

bool refused_text(const std::string& text) {
  for (const char* code : {"PERMISSION_DENIED", "UNAUTHENTICATED", "forbidden", "NoCredentials"})
    if (text.find(code) != std::string::npos) return true;
  return false;
}

// An API the project has not enabled has none of its resources: an answer, not a problem.
bool means_none(const json& error) {
  const std::string message = error.value("message", "");
  return error.value("statusCode", 0) == 403 &&
         (message.find("has not been used in project") != std::string::npos || message.find("it is disabled") != std::string::npos);
}

// A catalog type's `noneWhen`: Google's error statuses that mean the project has none of it
// (Access Approval settings of a project never enrolled: NOT_FOUND).
bool none_by_catalog(const inventory::ResourceType& type, const json& error) {
  const json statuses = type.spec.value("noneWhen", json::array());
  const std::string status = text(error.value("code", json()));
  return !status.empty() && std::find(statuses.begin(), statuses.end(), json(status)) != statuses.end();
}

}  // namespace

std::string region_of(const std::string& value) {
  if (value.empty()) return "";
  std::string lower = to_lower(value);
  for (const char* marker : {"/zones/", "/regions/", "/locations/"}) {
    auto at = lower.find(marker);
    if (at == std::string::npos) continue;
    std::string scope = lower.substr(at + std::string(marker).size());
    scope = scope.substr(0, scope.find('/'));
    return region_of(scope);
  }
  if (lower.find('/') != std::string::npos) return "";
  // A zone is its region and a letter: "us-central1-a".
  auto dash = lower.rfind('-');
  if (dash != std::string::npos && dash + 2 == lower.size() && std::isalpha(static_cast<unsigned char>(lower.back())) &&
      std::count(lower.begin(), lower.end(), '-') >= 2)
    return lower.substr(0, dash);
  return lower;
}

json make_resource(const inventory::ResourceType& type, const json& item, const std::string& project, const std::string& parent_region) {
  const json& spec = type.spec;
  std::string id = text(spec.contains("id") ? json_path_get(item, spec["id"].get<std::string>()) : json_path_get(item, "selfLink || name"));
  std::string name = last_segment(text(json_path_get(item, spec.value("name", "name"))));
  if (name.empty()) name = last_segment(id);
  if (id.empty()) id = name;
  std::string region = type.global() ? "global" : spec.contains("region") ? region_of(text(json_path_get(item, spec["region"].get<std::string>()))) : "";
  if (region.empty()) region = parent_region.empty() ? "global" : parent_region;
  const std::string vpc = spec.contains("vpc") ? text(json_path_get(item, spec["vpc"].get<std::string>())) : "";
  json tags = json::object();
  if (spec.contains("labels"))
    if (json labels = json_path_get(item, spec["labels"].get<std::string>()); labels.is_object())
      for (const auto& [k, v] : labels.items()) tags[k] = v.is_string() ? v.get<std::string>() : v.dump();
  return {{"id", id},
          {"name", name},
          {"arn", nullptr},
          {"accountId", project.empty() ? json() : json(project)},
          {"provider", "gcp"},
          {"service", type.service()},
          {"type", type.type()},
          {"region", region},
          {"vpc", vpc.empty() ? json() : json(vpc)},
          {"tags", tags},
          {"data", item}};
}

namespace {

class GcpSession : public provider::Session, public std::enable_shared_from_this<GcpSession> {
 public:
  GcpSession(GcpClient& client, std::string project) : client_(client), project_(std::move(project)) {}

  void call(const cloud::Call& call, std::function<void(cloud::CallAnswer)> answer, std::function<void(std::string)> refuse) override {
    if (!call.method.empty() && call.method != "GET" && call.method != "POST")
      return refuse("apiCaller: Google Cloud calls name a method id; serviceParams.method '" + call.method + "' is not needed");
    CallRequest request{call.service, call.endpoint, project_, call.params.is_object() ? call.params : json::object(), call.api_version, call.body};
    try {
      send(request, [answer](const cloud::CallResult& r) { answer(r); });
    } catch (const cloud::CallRefused& e) {
      refuse(std::string("apiCaller: ") + e.what());
    }
  }
  cloud::EndpointForm endpoint_form() const override { return cloud::EndpointForm::MethodId; }
  bool refused_access(const cloud::CallAnswer& answer) const override {
    if (!answer.error.is_object()) return false;
    if (means_none(answer.error)) return false;  // a disabled API: none of its resources, not a refusal
    const int status = answer.error.value("statusCode", 0);
    return status == 401 || status == 403 || refused_text(cloud::error_text(answer.error));
  }

  void identify(const std::vector<std::string>&, std::function<void(provider::Identity)> done) override {
    // The answer may come after the caller let go of this session: it keeps the session alive.
    CallRequest request{"cloudresourcemanager", "projects.get", project_, {{"projectId", project_}}, "v1"};
    try {
      send(request, [self = shared_from_this(), done](const cloud::CallResult& r) {
        provider::Identity who;
        if (!r.error.is_null()) {
          const int status = r.error.value("statusCode", 0);
          const std::string text = cloud::error_text(r.error);
          // No answer, no token, or a project these credentials cannot read: nothing would work.
          if (status == 0 || status == 401 || status == 403 || status == 404 || refused_text(text)) who.unreachable = text;
          return done(who);
        }
        who.scope_id = r.api_response.value("projectId", json()).is_string() ? r.api_response["projectId"].get<std::string>() : self->project_;
        who.principal = self->client_.credentials().source();
        done(who);
      });
    } catch (const cloud::CallRefused& e) {  // no Resource Manager document: nothing would work either
      provider::Identity who;
      who.unreachable = e.what();
      done(who);
    }
  }

  void discover(const inventory::InventoryOptions& options, std::function<void(inventory::Inventory)> done) override {
    // The listings go through this session's cache: it lives until the walk is done.
    auto self = shared_from_this();
    auto list_one = [self](const inventory::ResourceType& type, const json* parent, inventory::Listed listed) {
      const json& list = type.spec["list"];
      CallRequest request{type.service(), list["method"], self->project_, fill(list.value("params", json::object()), values(self->project_, nullptr, parent)),
                          list.value("apiVersion", "")};
      const std::string parent_region = parent ? (*parent)["region"].get<std::string>() : "";
      try {
        self->send(request, [self, &type, parent_region, listed](const cloud::CallResult& r) {
          if (!r.error.is_null()) return listed({}, means_none(r.error) || none_by_catalog(type, r.error) ? "" : cloud::error_text(r.error));
          json items = type.spec.value("single", false) ? json::array({r.api_response}) : r.api_response;
          std::vector<json> resources;
          if (items.is_array())
            for (const auto& item : items)
              if (item.is_object()) resources.push_back(make_resource(type, item, self->project_, parent_region));
          if (!type.spec.contains("detail") || resources.empty()) return listed(std::move(resources), "");
          self->add_details(type, std::move(resources), listed);
        });
      } catch (const cloud::CallRefused& e) {  // a catalog entry the client refuses: a catalog bug, said as a problem
        listed({}, std::string("refused: ") + e.what());
      }
    };
    inventory::walk_catalog(gcp::catalog(), options, project_, list_one, std::move(done));
  }

  provider::SessionStats stats() const override { return cache_.stats(); }

 private:
  // The catalog's `detail` call for each resource, into its data (under `into`, or merged);
  // a detail that fails leaves the listing's data as it was and is a problem.
  void add_details(const inventory::ResourceType& type, std::vector<json> resources, inventory::Listed listed) {
    struct Pending {
      std::vector<json> resources;
      std::size_t left;
      std::string problem;
      inventory::Listed listed;
    };
    auto pending = std::make_shared<Pending>(Pending{std::move(resources), 0, "", std::move(listed)});
    pending->left = pending->resources.size();
    const json& detail = type.spec["detail"];
    const std::string into = detail.value("into", "");
    for (std::size_t i = 0; i < pending->resources.size(); ++i) {
      CallRequest request{type.service(), detail["method"], project_,
                          fill(detail.value("params", json::object()), values(project_, &pending->resources[i], nullptr)), detail.value("apiVersion", ""),
                          detail.value("body", json())};
      auto one_done = [pending, i, into](const cloud::CallResult& r) {
        if (!r.error.is_null()) {
          if (pending->problem.empty()) pending->problem = "detail of " + pending->resources[i].value("name", "") + ": " + cloud::error_text(r.error);
        } else if (json& data = pending->resources[i]["data"]; !into.empty()) {
          data[into] = r.api_response;
        } else if (r.api_response.is_object()) {
          data.update(r.api_response);
        }
        if (--pending->left == 0) pending->listed(std::move(pending->resources), pending->problem);
      };
      try {
        send(request, one_done);
      } catch (const cloud::CallRefused& e) {
        cloud::CallResult refused;
        refused.error = {{"code", "Refused"}, {"message", e.what()}, {"statusCode", 0}};
        one_done(refused);
      }
    }
  }

  // Through the cache: the inventory's listings answer signatures' identical calls.
  void send(const CallRequest& request, cloud::CallCache::Done done) {
    std::string key = request.service + "\n" + request.api_version + "\n" + request.endpoint + "\n" + request.params.dump() + "\n" +
                      (request.body.is_null() ? "" : request.body.dump());
    cache_.call(key, [&](cloud::CallCache::Done answered) { client_.call(request, std::move(answered)); }, std::move(done));
  }

  GcpClient& client_;
  std::string project_;
  cloud::CallCache cache_;
};

}  // namespace

std::shared_ptr<provider::Session> GcpScope::open_session() { return std::make_shared<GcpSession>(*client_, project_); }

bool GcpScope::refused_access(const std::string& error_text) const { return refused_text(error_text); }

}  // namespace signet::gcp
