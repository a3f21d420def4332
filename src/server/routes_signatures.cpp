// Routes: what the forms and the editor offer (catalog, AWS services and operations),
// signatures (incl. import and export), and Test runs of unsaved code.
#include "server/server_impl.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "common/invalid_fields.h"
#include "common/names.h"
#include "common/strings.h"
#include "inventory/inventory.h"
#include "provider/providers.h"
#include "sandbox/sandbox.h"
#include "signature/metadata.h"

extern "C" const char signet_signature_template[];  // the editor's starting code

namespace signet::server {

using nlohmann::json;

namespace {

InvalidFields invalid(const std::vector<signature::FieldError>& errors, const std::string& message = "the signature is not valid") {
  json fields = json::object();
  for (const auto& e : errors) {
    std::string& text = fields[e.field].is_string() ? fields[e.field].get_ref<std::string&>() : (fields[e.field] = "").get_ref<std::string&>();
    text += (text.empty() ? "" : "; ") + e.message;
  }
  return InvalidFields(message, fields);
}

// Metadata text (YAML, or its JSON form) with every check a saved signature gets: fields,
// and the catalog's services and resource types.
signature::ParsedMetadata checked_metadata(const std::string& text) {
  auto parsed = signature::parse_metadata_yaml(text, provider::known_service());
  for (auto& e : provider::catalog_errors(parsed.metadata)) parsed.errors.push_back(e);
  return parsed;
}

// Why a signature's code cannot be saved before compiling it ("" when it may be).
std::string code_problem(const std::string& code) {
  if (trim(code).empty()) return "is required";
  if (code.size() > (1u << 20)) return "is longer than 1 MiB";
  return "";
}

// A signature's metadata from an API body (the spec's field names; `code` and the read-only
// fields beside them are set aside). JSON is YAML, so the YAML reader's checks apply as is.
signature::ParsedMetadata metadata_from(const json& body) {
  json fields = json::object();
  for (const auto& [key, value] : body.items())
    if (key != "code" && key != "id" && key != "builtin" && key != "updatedAt" && key != "lastResults") fields[key] = value;
  if (!fields.contains("provider")) fields["provider"] = "aws";
  return checked_metadata(fields.dump());
}

json signature_json(const store::StoredSignature& s, const json& last_results = nullptr) {
  json j = signature::to_json_object(s.metadata);
  j["id"] = s.metadata.id;
  j["code"] = s.code;
  j["builtin"] = s.builtin;
  j["updatedAt"] = s.updated_at;
  j["lastResults"] = last_results;
  return j;
}

}  // namespace

store::StoredSignature Server::Impl::existing_signature(const std::string& id) {
  auto s = store.signature(id);
  if (!s) throw ApiError(404, "not_found", "no signature " + id);
  return *s;
}

std::map<std::string, json> Server::Impl::last_results() {
  std::map<std::string, json> out;
  auto scan = latest_complete_scan();
  if (!scan) return out;
  store::ResultQuery q;
  q.scans = {scan->id};
  for (const char* status : {"Pass", "Fail", "Error"}) {
    q.statuses = {status};
    for (const auto& g : store.group_results(q, "signature")) {
      json& counts = out[g["key"].get<std::string>()];
      if (counts.is_null()) counts = {{"scanId", scan->id}, {"Pass", 0}, {"Fail", 0}, {"Error", 0}};
      counts[status] = g["count"];
    }
  }
  return out;
}

std::vector<std::optional<sandbox::ScriptError>> Server::Impl::check_syntax(const std::vector<std::string>& codes) {
  if (!compile_code) return std::vector<std::optional<sandbox::ScriptError>>(codes.size());
  return jobs.check_syntax(codes);
}

store::StoredSignature Server::Impl::signature_from(const json& body) {
  auto parsed = metadata_from(body);
  std::string code = body.contains("code") && body["code"].is_string() ? body["code"].get<std::string>() : "";
  if (auto problem = code_problem(code); !problem.empty()) parsed.errors.push_back({"code", problem});
  else if (auto error = check_syntax({code}).front()) parsed.errors.push_back({"code", error->to_string()});
  if (!parsed.ok()) throw invalid(parsed.errors);
  return {parsed.metadata, code, false, ""};
}

void Server::Impl::register_signature_routes() {
  // ---- what the forms and the editor offer ----
  route("GET", "/api/catalog", viewer, [](Call& c) {
    // Each provider's services and resource types (the Meta form offers the chosen provider's);
    // `cloudName` is the cloud's own name for a type (CloudFormation's, Resource Manager's).
    json services = json::object();
    json providers = json::array();
    for (const auto& name : provider::names()) {
      json& of = services[name] = json::object();
      for (const auto& type : provider::catalog_of(name)->types()) {
        json& s = of[type.service()];
        if (s.is_null()) s = json::array();
        s.push_back({{"type", type.type()}, {"cloudName", type.cloud_name}, {"global", type.global()}});
      }
      const auto* p = provider::find(name);
      // The accounts forms' words, and whether a record has access settings of its own.
      providers.push_back({{"name", name}, {"title", p->title()}, {"scope", p->scope_noun()}, {"source", p->source_noun()},
                           {"ownAccess", p->records_have_access()}, {"supported", true}});
    }
    c.reply({{"providers", providers},
             {"services", services},
             {"riskLevels", {"High", "Medium", "Low"}},
             {"functions", {"Access Control", "Encryption", "Logging", "Monitoring", "Network Security", "Data Protection",
                            "Configuration", "Vulnerability Management", "Resilience"}},
             {"template", std::string(signet_signature_template)},
             // lib's members, documented in its own source: the editor completes `lib.` from them.
             {"lib", json::parse(sandbox::lib_documentation())}});
  });
  // For the editor's completion of apiCaller requests: the services a provider's signatures
  // may call, and one service's endpoints with their params.
  auto completing = [this](const std::string& name) {
    auto given = options.completion_providers.find(name);
    const provider::Provider* p = given != options.completion_providers.end() ? given->second.get() : provider::find(name);
    if (!p) throw ApiError(404, "not_found", "no provider '" + name + "'");
    return p;
  };
  route("GET", R"(/api/([a-z0-9]+)/services)", viewer, [completing](Call& c) {
    c.reply({{"services", completing(c.param(1))->callable_services()}});
  });
  route("GET", R"(/api/([a-z0-9]+)/services/([^/]+))", viewer, [completing](Call& c) {
    const auto* p = completing(c.param(1));
    auto endpoints = p->endpoints_of(c.param(2));
    if (!endpoints) throw ApiError(404, "not_found", "no " + p->title() + " service '" + c.param(2) + "'");
    c.reply(*endpoints);
  });

  // ---- signatures ----
  // A page of the signatures (by id), with filters: builtin=1|0, service, q (in the id,
  // description or service, any case). Last results only for the page's signatures.
  route("GET", "/api/signatures", viewer, [this](Call& c) {
    auto page = c.page(100);
    const std::string builtin = c.query("builtin"), service = to_lower(c.query("service")), text = to_lower(c.query("q"));
    if (!builtin.empty() && builtin != "1" && builtin != "0")
      throw ApiError(422, "invalid", "builtin must be 1 or 0", {{"builtin", "1 (built-ins) or 0 (custom signatures)"}});
    std::vector<store::StoredSignature> chosen;
    for (auto& s : store.signatures()) {
      if (!builtin.empty() && s.builtin != (builtin == "1")) continue;
      if (!service.empty() && to_lower(s.metadata.service) != service) continue;
      if (!text.empty() && to_lower(s.metadata.id + "\n" + s.metadata.description + "\n" + s.metadata.service).find(text) == std::string::npos)
        continue;
      chosen.push_back(std::move(s));
    }
    json items = json::array();
    auto results = chosen.size() > page.offset ? last_results() : std::map<std::string, json>{};
    for (std::size_t i = page.offset; i < chosen.size() && i < page.offset + page.limit; ++i) {
      auto it = results.find(chosen[i].metadata.id);
      json j = signature_json(chosen[i], it == results.end() ? json() : it->second);
      if (c.query("code") != "1") j.erase("code");
      items.push_back(std::move(j));
    }
    c.reply({{"items", items}, {"total", chosen.size()}, {"offset", page.offset}, {"limit", page.limit}});
  });
  route("POST", "/api/signatures/validate", editor, [this](Call& c) {
    signature_from(c.body());
    c.reply({{"valid", true}});
  });
  route("POST", "/api/signatures", editor, [this](Call& c) {
    auto s = signature_from(c.body());
    auto id = store.add_signature(std::move(s));
    spdlog::info("{} added signature {}", c.who->user, id);
    c.reply(signature_json(*store.signature(id)), 201);
  });
  route("GET", "/api/signatures/export", viewer, [this](Call& c) {
    json files = json::array();
    std::string only = c.query("custom");
    for (const auto& s : store.signatures()) {
      if (only == "1" && s.builtin) continue;
      files.push_back({{"name", s.metadata.id}, {"yaml", signature::to_yaml(s.metadata)}, {"js", s.code}});
    }
    c.res.set_header("Content-Disposition", "attachment; filename=\"signet-signatures.json\"");
    c.reply({{"format", "signet-signatures/1"}, {"signatures", files}});
  });
  route("POST", "/api/signatures/import", editor, [this](Call& c) {
    auto body = c.body();
    if (!body.contains("signatures") || !body["signatures"].is_array())
      throw InvalidFields("expected {\"signatures\": [{\"name\", \"yaml\", \"js\"}, ...]}", {{"signatures", "must be a list"}});
    std::vector<store::StoredSignature> batch;
    std::vector<std::string> names;
    json fields = json::object();
    for (std::size_t i = 0; i < body["signatures"].size(); ++i) {
      const json& file = body["signatures"][i];
      std::string name = file.is_object() && file.contains("name") && file["name"].is_string() ? file["name"].get<std::string>()
                                                                                              : "#" + std::to_string(i + 1);
      if (!file.is_object() || !file.contains("yaml") || !file["yaml"].is_string() || !file.contains("js") || !file["js"].is_string()) {
        fields[name] = "needs yaml and js text";
        continue;
      }
      auto parsed = checked_metadata(file["yaml"]);
      if (!parsed.ok()) {
        fields[name] = signature::format_errors(parsed.errors);
        continue;
      }
      if (auto builtin = store.signature(parsed.metadata.id); builtin && builtin->builtin) {
        fields[name] = parsed.metadata.id + " is a built-in signature; give the copy another id";
        continue;
      }
      if (auto problem = code_problem(file["js"]); !problem.empty()) {
        fields[name] = "js " + problem;
        continue;
      }
      batch.push_back({parsed.metadata, file["js"], false, ""});
      names.push_back(name);
    }
    // One sandbox compiles them all.
    std::vector<std::string> codes;
    for (const auto& s : batch) codes.push_back(s.code);
    auto errors = check_syntax(codes);
    for (std::size_t i = 0; i < errors.size(); ++i)
      if (errors[i]) fields[names[i]] = "js: " + errors[i]->to_string();
    if (!fields.empty()) throw InvalidFields("nothing was imported: some signatures are not valid", fields);
    auto ids = store.import_signatures(std::move(batch));
    c.reply({{"imported", ids}});
  });
  route("GET", R"(/api/signatures/([A-Za-z0-9_-]+))", viewer, [this](Call& c) {
    auto s = existing_signature(c.param(1));
    auto results = last_results();
    auto it = results.find(s.metadata.id);
    c.reply(signature_json(s, it == results.end() ? json() : it->second));
  });
  route("PUT", R"(/api/signatures/([A-Za-z0-9_-]+))", editor, [this](Call& c) {
    auto before = existing_signature(c.param(1));
    if (before.builtin) throw ApiError(409, "builtin", before.metadata.id + " is built in: copy it to a new signature to change it");
    auto s = signature_from(c.body());
    s.metadata.id = before.metadata.id;
    store.update_signature(s);
    spdlog::info("{} changed signature {}", c.who->user, s.metadata.id);
    c.reply(signature_json(*store.signature(s.metadata.id)));
  });
  route("DELETE", R"(/api/signatures/([A-Za-z0-9_-]+))", editor, [this](Call& c) {
    auto s = existing_signature(c.param(1));
    if (s.builtin) throw ApiError(409, "builtin", s.metadata.id + " is built in: disable it instead");
    store.remove_signature(s.metadata.id);
    spdlog::info("{} deleted signature {}", c.who->user, s.metadata.id);
    c.reply({{"removed", s.metadata.id}});
  });
  for (const char* action : {"enable", "disable"})
    route("POST", std::string(R"(/api/signatures/([A-Za-z0-9_-]+)/)") + action, editor, [this, action](Call& c) {
      auto s = existing_signature(c.param(1));
      store.set_enabled(s.metadata.id, std::string(action) == "enable");
      c.reply(signature_json(*store.signature(s.metadata.id)));
    });

  // ---- Test runs: results streamed as server-sent events ----
  route("POST", "/api/tests", editor, [this](Call& c) {
    auto body = c.body();
    TestRequest request;
    request.code = text_field(body, "code");
    json meta = body.value("metadata", json::object());
    if (!meta.is_object()) throw InvalidFields("metadata must be an object", {{"metadata", "must be an object"}});
    auto parsed = metadata_from(meta);
    // A Test may run before the form is complete: only what choosing resources needs must be right.
    std::vector<signature::FieldError> blocking;
    for (const auto& e : parsed.errors)
      if (e.field == "service" || e.field == "resourceType" || e.field == "provider") blocking.push_back(e);
    if (!blocking.empty()) throw invalid(blocking, "pick the service (and resource type) to test on");
    request.metadata = parsed.metadata;
    request.account = text_field(body, "account", false);  // which stored account to test on
    if (!request.account.empty() && !account_records.by_name(request.account))
      throw InvalidFields("unknown account", {{"account", "no stored account named '" + request.account + "'"}});
    if (body.contains("regions")) require_known({regions_check(text_list(body, "regions"))});
    request.regions = body.contains("regions") ? text_list(body, "regions") : default_regions();
    request.time_limit = std::chrono::milliseconds(static_cast<std::int64_t>(settings_json()["testTimeLimitSeconds"].get<double>() * 1000));
    auto stream = jobs.start_test(std::move(request));
    if (!stream) throw ApiError(429, "busy", "other Test runs are running; try again when they finish");
    c.res.set_header("X-Accel-Buffering", "no");
    c.res.set_chunked_content_provider("text/event-stream", [stream](std::size_t, httplib::DataSink& sink) {
      auto event = stream->next(std::chrono::milliseconds(15000));
      if (!event) {
        sink.done();
        return true;
      }
      std::string text = event->empty() ? std::string(": keep-alive\n\n") : *event;
      if (!sink.write(text.data(), text.size())) {
        stream->abandon();
        return false;
      }
      return true;
    });
  });
}

}  // namespace signet::server
