#include "aws/inventory/inventory.h"

#include "common/base64.h"

#include <algorithm>
#include <map>
#include <memory>

#include "aws/client/path.h"
#include "aws/protocol/values.h"
#include "common/csv.h"
#include "common/strings.h"

extern "C" const char signet_aws_catalog[];

namespace signet::aws {

using inventory::Catalog;
using inventory::Inventory;
using inventory::InventoryOptions;
using inventory::ResourceType;
using inventory::fill;
using inventory::fill_params;

using nlohmann::json;

namespace {

json at(const json& item, const std::string& path) { return path == "@" ? item : json_path_get(item, path); }

json at(const json& item, const std::string& path, const std::string& account, const std::string& region) {
  if (path == "@account") return account;
  if (path == "@region") return region;
  return at(item, path);
}

std::string text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump();
}

// [{Key, Value}], [{key, value}] or {k: v} as {k: v}.
json tags_of(const json& value) {
  json tags = json::object();
  if (value.is_object()) {
    for (const auto& [k, v] : value.items()) tags[k] = text(v);
  } else if (value.is_array()) {
    for (const auto& t : value) {
      if (!t.is_object()) continue;
      json k = t.contains("Key") ? t["Key"] : t.value("key", json());
      json v = t.contains("Value") ? t["Value"] : t.value("value", json());
      if (k.is_string()) tags[k.get<std::string>()] = text(v);
    }
  }
  return tags;
}

// Whether a failed listing of a `single` type means the service is off in that region
// (catalog "offWhen": [{"code", "messageContains"?}]), which is an answer, not a problem.
bool means_off(const json& spec, const json& error) {
  if (!spec.value("single", false) || !spec.contains("offWhen")) return false;
  const std::string code = error.value("code", ""), message = error.value("message", "");
  for (const auto& off : spec["offWhen"])
    if (off.value("code", "") == code && message.find(off.value("messageContains", "")) != std::string::npos) return true;
  return false;
}

// What templates may name of a parent resource.
void add_parent_values(std::map<std::string, std::string>& values, const json& parent) {
  if (!parent.is_object()) return;
  for (const char* field : {"id", "name", "arn"}) values[std::string("parent.") + field] = text(parent.value(field, json()));
}

}  // namespace

std::map<std::string, std::string> account_values(const AwsClient& client, const std::string& service, const std::string& region,
                                                  const std::string& account_id) {
  auto model = client.models().find(service);
  std::string partition = model ? client.endpoints().resolve(*model, region).partition : "aws";
  return {{"account", account_id}, {"region", region}, {"partition", partition}};
}

const Catalog& catalog() {
  static const Catalog catalog(json::parse(signet_aws_catalog), "cloudFormation");
  return catalog;
}

std::vector<CallRequest> listing_calls(const Catalog& catalog) {
  std::vector<CallRequest> calls;
  for (const auto& type : catalog.types()) {
    if (type.spec.contains("parent")) continue;  // needs its parent's id: probed through the parent's listing
    CallRequest call{type.spec["list"]["service"], type.spec["list"]["operation"], "", type.spec["list"].value("params", json::object())};
    auto same = [&](const CallRequest& c) { return c.service == call.service && c.operation == call.operation; };
    if (std::none_of(calls.begin(), calls.end(), same)) calls.push_back(std::move(call));
  }
  return calls;
}

NameCheck check_services(const std::vector<std::string>& services, const Models& models, bool catalog_only, const Catalog& catalog) {
  if (catalog_only) return inventory::check_services(services, catalog);
  return inventory::check_services(
      services, catalog, [&](const std::string& s) { return models.find(s) != nullptr; }, models.service_names(), "(or any service of the AWS models)");
}

json make_resource(const ResourceType& type, const json& item, const std::string& region, const std::string& account,
                   const std::string& partition, const json& parent) {
  const json& spec = type.spec;
  std::string id = text(at(item, spec["id"], account, region));
  if (spec.contains("idAfterLast")) {  // "/hostedzone/Z123" -> "Z123"
    auto cut = id.find_last_of(spec["idAfterLast"].get<std::string>());
    if (cut != std::string::npos && cut + 1 < id.size()) id = id.substr(cut + 1);
  }
  json tags = spec.contains("tags") ? tags_of(at(item, spec["tags"])) : json::object();
  std::string name = text(at(item, spec["name"], account, region));
  if ((name.empty() || name == id) && tags.contains("Name")) name = tags["Name"];  // EC2's naming convention
  if (name.empty()) name = id;
  if (spec.contains("nameAfterLast")) {
    auto cut = name.find_last_of(spec["nameAfterLast"].get<std::string>());
    if (cut != std::string::npos && cut + 1 < name.size()) name = name.substr(cut + 1);
  }
  std::string resource_region = region;
  if (spec.contains("region")) {
    std::string own = text(at(item, spec["region"]));
    if (!own.empty()) resource_region = own;
  }
  std::map<std::string, std::string> values{{"partition", partition}, {"region", resource_region}, {"account", account}, {"id", id}, {"name", name}};
  add_parent_values(values, parent);
  // A child's own id and name are often unique only within its parent (a stage "prod").
  if (spec.contains("idTemplate")) id = fill(spec["idTemplate"], values);
  if (spec.contains("nameTemplate")) name = fill(spec["nameTemplate"], values);
  values["itemId"] = values["id"];  // what the listing itself says, for the ARN
  values["itemName"] = values["name"];
  values["id"] = id;
  values["name"] = name;
  std::string arn = spec.contains("arn") ? text(at(item, spec["arn"])) : "";
  if (arn.empty() && spec.contains("arnTemplate")) arn = fill(spec["arnTemplate"], values);
  json vpc = spec.contains("vpc") ? at(item, spec["vpc"]) : json();
  json data = item;
  // The parent's id in the child's data (a stage's restApiId), where the listing leaves it out.
  if (spec.contains("parent") && spec["parent"].contains("into") && data.is_object() && parent.is_object() &&
      !data.contains(spec["parent"]["into"].get<std::string>()))
    data[spec["parent"]["into"].get<std::string>()] = parent.value("id", json());
  return {{"id", id},
          {"name", name},
          {"arn", arn.empty() ? json() : json(arn)},
          {"accountId", account.empty() ? json() : json(account)},
          {"provider", "aws"},
          {"service", type.service()},
          {"type", type.type()},
          {"region", resource_region},
          {"vpc", vpc.is_string() && !vpc.get<std::string>().empty() ? vpc : json()},
          {"tags", tags},
          {"data", std::move(data)}};
}

json listed_items(const ResourceType& type, const json& answer) {
  json items = answer;
  if (type.spec.value("single", false)) items = json::array({items});
  if (!items.is_array()) items = type.spec.contains("items") ? json_path_get(items, type.spec["items"].get<std::string>()) : json::array();
  if (type.spec.contains("flatten")) {
    json flat = json::array();
    for (const auto& outer : items)
      if (outer.is_object())
        for (const auto& inner : outer.value(type.spec["flatten"].get<std::string>(), json::array())) flat.push_back(inner);
    items = std::move(flat);
  }
  return items.is_array() ? items : json::array();
}

namespace {

// One discovery: counts outstanding calls and finishes when none are left.
struct Discovery : std::enable_shared_from_this<Discovery> {
  std::unique_ptr<CallCache> owned_cache;  // when the caller gave none
  CallCache& calls;
  AwsClient& client;
  const Catalog& catalog;
  InventoryOptions options;
  std::function<void(Inventory)> done;
  Inventory result;
  int pending = 0;

  Discovery(std::unique_ptr<CallCache> owned, CallCache& cache, const Catalog& cat, InventoryOptions o,
            std::function<void(Inventory)> d)
      : owned_cache(std::move(owned)), calls(cache), client(cache.client()), catalog(cat), options(std::move(o)), done(std::move(d)) {}

  std::string first_region() const { return options.regions.empty() ? "us-east-1" : options.regions.front(); }

  void call(CallRequest request, std::function<void(const cloud::CallResult&)> then) {
    ++pending;
    auto self = shared_from_this();
    calls.call(request, [self, then](const cloud::CallResult& r) {
      then(r);
      if (--self->pending == 0) self->finish();
    });
  }

  void start() {
    auto self = shared_from_this();
    ++pending;  // held until the listings are all started
    call({"sts", "GetCallerIdentity", first_region()}, [self](const cloud::CallResult& r) {
      if (r.error.is_null()) self->result.account_id = r.api_response.value("Account", "");
      if (self->options.regions.empty()) {
        self->call({"ec2", "DescribeRegions", self->first_region()}, [self](const cloud::CallResult& regions) {
          if (!regions.error.is_null()) {
            self->result.problems.push_back({"EC2", "region", self->first_region(),
                                             "cannot list the account's regions: " + regions.error.value("message", "")});
            self->options.regions = {self->first_region()};
          } else {
            for (const auto& region : regions.api_response.value("Regions", json::array())) self->options.regions.push_back(region["RegionName"]);
            std::sort(self->options.regions.begin(), self->options.regions.end());
          }
          self->list_all();
        });
      } else {
        self->list_all();
      }
    });
    if (--pending == 0) finish();
  }

  bool wanted(const ResourceType& type) const {
    if (!options.types.empty()) return std::find(options.types.begin(), options.types.end(), &type) != options.types.end();
    if (options.services.empty()) return true;
    for (const auto& s : options.services)
      if (to_lower(s) == to_lower(type.service())) return true;
    return false;
  }

  // Types listed once per resource of another (catalog "parent"), by parent; and every type
  // to list: those wanted and the parents they need, even when the parents are not wanted.
  std::map<const ResourceType*, std::vector<const ResourceType*>> children;
  std::set<const ResourceType*> needed;

  const ResourceType* parent_of(const ResourceType& type) const {
    return type.spec.contains("parent") ? catalog.find(type.service(), type.spec["parent"]["type"].get<std::string>()) : nullptr;
  }

  void list_all() {
    result.regions = options.regions;
    for (const auto& type : catalog.types()) {
      if (const ResourceType* parent = parent_of(type)) children[parent].push_back(&type);
      if (!wanted(type)) continue;
      for (const ResourceType* t = &type; t && needed.insert(t).second;) t = parent_of(*t);
    }
    for (const auto& type : catalog.types()) {
      if (!needed.count(&type) || type.spec.contains("parent")) continue;
      if (type.global()) {
        list(type, client.endpoints().global_region(first_region()));
      } else {
        for (const auto& region : options.regions) list(type, region);
      }
    }
  }

  // One listing of `type` in `region`; for a child type, the one of `parent`'s resource.
  void list(const ResourceType& type, const std::string& region, const json& parent = json()) {
    const json& spec = type.spec;
    auto values = account_values(client, spec["list"]["service"], region, result.account_id);
    const std::string partition = values["partition"];
    json params = fill_params(spec["list"].value("params", json::object()), values);
    if (parent.is_object()) {
      add_parent_values(values, parent);
      params.update(fill_params(spec["parent"].value("params", json::object()), values));
    }
    CallRequest request{spec["list"]["service"], spec["list"]["operation"], region, params};
    auto self = shared_from_this();
    call(request, [self, &type, region, partition, parent](const cloud::CallResult& r) {
      if (!r.error.is_null() && means_off(type.spec, r.error)) {
        // The service is off here: the region's one resource still stands, with no data,
        // so a signature can fail it (it asks again and reads the same cached answer).
        self->add(type, make_resource(type, json::object(), region, self->result.account_id, partition), parent, partition);
        return;
      }
      if (!r.error.is_null()) {
        std::string of = parent.is_object() ? " (of " + text(parent.value("name", json())) + ")" : "";
        self->result.problems.push_back({type.service(), type.type(), region,
                                         r.error.value("code", "") + ": " + r.error.value("message", "") + of});
        return;
      }
      json items = listed_items(type, r.api_response);
      std::vector<std::size_t> added;
      const bool keep = self->wanted(type);  // else listed only for its children
      for (const auto& item : items) {
        json resource = make_resource(type, item, region, self->result.account_id, partition, parent);
        auto kids = self->children.find(&type);
        if (kids != self->children.end()) {
          json identity = {{"id", resource["id"]}, {"name", resource["name"]}, {"arn", resource["arn"]}};
          for (const ResourceType* child : kids->second)
            if (self->needed.count(child)) self->list(*child, resource["region"], identity);
        }
        if (!keep) continue;
        added.push_back(self->result.resources.size());
        self->add(type, std::move(resource), parent, partition);
      }
      if (type.spec.contains("enrich") && !added.empty()) {
        const json& enrich = type.spec["enrich"];
        for (const auto& spec : enrich.is_array() ? enrich : json::array({enrich})) self->enrich(type, spec, region, partition, added);
      }
    });
  }

  // {account}, {region}, {partition} where the partition is known already.
  std::map<std::string, std::string> account_placeholders(const std::string& region, const std::string& partition) const {
    return {{"account", result.account_id}, {"region", region}, {"partition", partition}};
  }

  // What a detail or region-lookup call's params may name besides: the resource's {id},
  // {name} and {arn}, and its parent's ({parent.id}, ...) for a child type.
  std::map<std::string, std::string> values_of(const json& resource, const json& parent, const std::string& partition) const {
    auto values = account_placeholders(text(resource["region"]), partition);
    values["id"] = text(resource["id"]);
    values["name"] = text(resource["name"]);
    values["arn"] = text(resource["arn"]);
    add_parent_values(values, parent);
    return values;
  }

  void add(const ResourceType& type, json resource, const json& parent, const std::string& partition) {
    std::size_t index = result.resources.size();
    bool region_unknown = type.spec.contains("regionLookup") && type.spec.contains("region") &&
                          text(at(resource["data"], type.spec["region"])).empty();
    result.resources.push_back(std::move(resource));
    if (region_unknown) look_up_region(type, index, parent, partition);
    if (!type.spec.contains("detail")) return;
    const json& detail = type.spec["detail"];
    json params = fill_params(detail.value("params", json::object()), values_of(result.resources[index], parent, partition));
    auto self = shared_from_this();
    call({type.spec["list"]["service"], detail["operation"], result.resources[index]["region"], params},
         [self, index, merge = detail.value("merge", "")](const cloud::CallResult& r) {
           if (!r.error.is_null()) return;  // keep the listing's data
           json extra = merge.empty() ? r.api_response : json_path_get(r.api_response, std::string(merge));
           json& data = self->result.resources[index]["data"];
           if (!data.is_object()) data = json::object();
           if (extra.is_object()) data.update(extra);
         });
  }

  // Bulk enrichment (catalog data "enrich"): one account-level answer describes every
  // resource of the type, made once and put into each resource's data under `into`. The
  // IAM credential report: GenerateCredentialReport until COMPLETE, then GetCredentialReport,
  // whose Content is a base64 CSV with a row per user, matched by ARN. With `whole`, the
  // answer (its `content` part) is the same for every resource: S3's account-level public
  // access block. Error codes named in `absentOn` mean "not configured" and give null; any
  // other error leaves `into` out of data (a signature then asks itself) and is a problem.
  void enrich(const ResourceType& type, const json& spec, const std::string& region, const std::string& partition,
              std::vector<std::size_t> resources) {
    ++pending;  // held through the polling, which does not go through call()
    auto self = shared_from_this();
    prepare_enrichment(spec, region, 1, [self, &type, spec, region, partition, resources](std::optional<std::string> problem) {
      if (problem) {
        self->result.problems.push_back({type.service(), type.type(), region, spec.value("into", "") + ": " + *problem});
        if (--self->pending == 0) self->finish();
        return;
      }
      json params = fill_params(spec.value("params", json::object()), self->account_placeholders(region, partition));
      self->call({spec["service"], spec["operation"], region, params}, [self, &type, spec, region, resources](const cloud::CallResult& r) {
        const std::string into = spec["into"];
        auto put = [&](std::size_t index, json value) {
          json& data = self->result.resources[index]["data"];
          if (!data.is_object()) data = json::object();
          data[into] = std::move(value);
        };
        if (!r.error.is_null()) {
          const json absent = spec.value("absentOn", json::array());
          if (std::find(absent.begin(), absent.end(), r.error.value("code", "")) != absent.end()) {
            for (std::size_t index : resources) put(index, nullptr);
            return;
          }
          self->result.problems.push_back({type.service(), type.type(), region,
                                           into + ": " + r.error.value("code", "") + ": " + r.error.value("message", "")});
          return;
        }
        if (spec.value("whole", false)) {
          json content = spec.value("content", "").empty() ? r.api_response : json_path_get(r.api_response, spec["content"].get<std::string>());
          for (std::size_t index : resources) put(index, content);
          return;
        }
        auto rows = rows_of(spec, r.api_response);
        for (std::size_t index : resources) {
          auto row = rows.find(text(self->result.resources[index][spec.value("resourceField", "arn")]));
          put(index, row == rows.end() ? json(nullptr) : row->second);
        }
      });
      if (--self->pending == 0) self->finish();
    });
  }

  // Runs the enrichment's "prepare" step (if any) until its answer says ready: such calls
  // are not cached (each poll must reach the cloud).
  void prepare_enrichment(const json& spec, const std::string& region, int attempt, std::function<void(std::optional<std::string>)> then) {
    if (!spec.contains("prepare")) return then(std::nullopt);
    const json& prepare = spec["prepare"];
    auto self = shared_from_this();
    try {
      client.call({spec["service"], prepare["operation"], region, json::object()}, [self, spec, region, attempt, then](cloud::CallResult r) {
        const json& prepare = spec["prepare"];
        if (!r.error.is_null()) return then(r.error.value("code", "") + ": " + r.error.value("message", ""));
        if (text(json_path_get(r.api_response, prepare["readyPath"].get<std::string>())) == prepare["readyValue"].get<std::string>())
          return then(std::nullopt);
        if (attempt >= prepare.value("tries", 30)) return then("not ready after " + std::to_string(attempt) + " tries");
        self->client.loop().add_timer(io::Clock::now() + std::chrono::milliseconds(prepare.value("waitMs", 1000)),
                                      [self, spec, region, attempt, then] { self->prepare_enrichment(spec, region, attempt + 1, then); });
      });
    } catch (const cloud::CallRefused& e) {
      then(e.what());
    }
  }

  // The enrichment's answer as rows by key: a base64 CSV (header row first) or a list.
  static std::map<std::string, json> rows_of(const json& spec, const json& answer) {
    std::map<std::string, json> rows;
    json content = json_path_get(answer, spec.value("content", ""));
    const std::string key = spec.value("key", "arn");
    if (spec.value("format", "") == "base64-csv" && content.is_string()) {
      auto csv = base64_decode(content.get<std::string>());
      if (!csv) return rows;
      std::vector<std::vector<std::string>> table = parse_csv(*csv);
      if (table.empty()) return rows;
      const auto& header = table[0];
      for (std::size_t r = 1; r < table.size(); ++r) {
        json row = json::object();
        for (std::size_t c = 0; c < header.size() && c < table[r].size(); ++c) row[header[c]] = table[r][c];
        if (!row.contains(key)) continue;
        std::string id = row[key];
        rows[id] = std::move(row);
      }
    } else if (content.is_array()) {
      for (const auto& item : content)
        if (item.is_object() && item.contains(key)) rows[text(item[key])] = item;
    }
    return rows;
  }

  // A global listing that does not say where each resource lives (ListBuckets without
  // BucketRegion, as some endpoints answer): one call per resource asks (catalog data says
  // which call, where the answer is, and what an empty or legacy answer means).
  void look_up_region(const ResourceType& type, std::size_t index, const json& parent, const std::string& partition) {
    const json& lookup = type.spec["regionLookup"];
    json params = fill_params(lookup.value("params", json::object()), values_of(result.resources[index], parent, partition));
    auto self = shared_from_this();
    call({type.spec["list"]["service"], lookup["operation"], result.resources[index]["region"], params},
         [self, index, lookup](const cloud::CallResult& r) {
           if (!r.error.is_null()) return;  // keep the listing's region
           std::string region = text(json_path_get(r.api_response, lookup["path"].get<std::string>()));
           const json aliases = lookup.value("aliases", json::object());
           if (aliases.contains(region)) region = aliases[region];
           if (region.empty()) region = lookup.value("default", "");
           if (!region.empty()) self->result.resources[index]["region"] = region;
         });
  }

  void finish() {
    auto callback = std::move(done);
    if (callback) callback(std::move(result));
  }
};

}  // namespace

static void start_discovery(std::unique_ptr<CallCache> owned, CallCache& calls, const Catalog& catalog,
                            const InventoryOptions& options, std::function<void(Inventory)> done) {
  AwsClient& client = calls.client();
  for (const auto& region : options.regions) {
    try {
      client.endpoints().resolve(*client.models().find("ec2"), region);
    } catch (const std::invalid_argument& e) {
      throw cloud::CallRefused(e.what());
    }
  }
  std::make_shared<Discovery>(std::move(owned), calls, catalog, options, std::move(done))->start();
}

void discover(AwsClient& client, const Catalog& catalog, const InventoryOptions& options, std::function<void(Inventory)> done) {
  auto cache = std::make_unique<CallCache>(client);
  CallCache& calls = *cache;
  start_discovery(std::move(cache), calls, catalog, options, std::move(done));
}

void discover(CallCache& calls, const Catalog& catalog, const InventoryOptions& options, std::function<void(Inventory)> done) {
  start_discovery(nullptr, calls, catalog, options, std::move(done));
}

}  // namespace signet::aws
