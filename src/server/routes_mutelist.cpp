// Routes: the mutelist — rules that accept a Fail as Muted (editors add and remove them;
// everyone sees them with their state), and its YAML import (Signet's form or Prowler's)
// and export.
#include "server/server_impl.h"

#include <chrono>

#include "mutelist/mutelist.h"

namespace signet::server {

using nlohmann::json;

namespace {

json rule_view(const mutelist::Rule& rule) {
  json j = mutelist::to_json(rule);
  j["state"] = mutelist::state(rule, std::chrono::system_clock::now());  // active, expired, stale
  return j;
}

InvalidFields invalid_rule(const std::vector<mutelist::FieldError>& errors) {
  json fields = json::object();
  for (const auto& e : errors)
    if (!fields.contains(e.field)) fields[e.field] = e.message;
  return InvalidFields("the mutelist rule is not valid", fields);
}

}  // namespace

void Server::Impl::register_mutelist_routes() {
  route("GET", "/api/mutelist", viewer, [this](Call& c) {
    c.reply(page_of(mutelist::MuteRules(store).all(), c.page(100), rule_view));
  });
  route("POST", "/api/mutelist", editor, [this](Call& c) {
    json body = c.body();
    body.erase("id"), body.erase("createdAt"), body.erase("lastMatchedAt"), body.erase("state");
    if (!body.contains("author")) body["author"] = c.who->user;
    auto parsed = mutelist::parse_rule(body);
    if (!parsed.ok()) throw invalid_rule(parsed.errors);
    mutelist::MuteRules rules(store);
    std::int64_t id = rules.add(parsed.rule);
    spdlog::info("{} added mutelist rule {} ({})", c.who->user, id, parsed.rule.reason);
    c.reply(rule_view(*rules.find(id)), 201);
  });
  route("PUT", R"(/api/mutelist/(\d+))", editor, [this](Call& c) {
    mutelist::MuteRules rules(store);
    auto before = rules.find(c.id_param(1, "mutelist rule"));
    if (!before) throw ApiError(404, "not_found", "no mutelist rule " + c.param(1));
    json body = mutelist::to_json(*before);
    body.merge_patch(c.body());  // fields left out keep their values
    body["id"] = before->id, body["createdAt"] = before->created_at, body["lastMatchedAt"] = before->last_matched_at;
    body.erase("state");
    auto parsed = mutelist::parse_rule(body);
    if (!parsed.ok()) throw invalid_rule(parsed.errors);
    rules.update(parsed.rule);
    c.reply(rule_view(parsed.rule));
  });
  route("DELETE", R"(/api/mutelist/(\d+))", editor, [this](Call& c) {
    std::int64_t id = c.id_param(1, "mutelist rule");
    if (!mutelist::MuteRules(store).remove(id)) throw ApiError(404, "not_found", "no mutelist rule " + c.param(1));
    spdlog::info("{} removed mutelist rule {}", c.who->user, id);
    c.reply({{"removed", id}});
  });
  route("GET", "/api/mutelist/export", viewer, [this](Call& c) {
    c.res.status = 200;
    c.res.set_content(mutelist::to_yaml(mutelist::MuteRules(store).all()), "application/yaml");
  });
  // {yaml, replace?, dryRun?}: every rule or none; notes say what did not map.
  route("POST", "/api/mutelist/import", editor, [this](Call& c) {
    json body = c.body();
    std::string text = text_field(body, "yaml");
    bool replace = body.value("replace", false), dry_run = body.value("dryRun", false);
    auto imported = mutelist::from_yaml(text, mutelist::builtin_prowler_checks(), c.who->user);
    if (!imported.errors.empty()) {
      json fields = json::object();
      for (const auto& e : imported.errors)
        if (!fields.contains(e.field)) fields[e.field] = e.message;
      throw InvalidFields("the mutelist file is not valid; nothing was imported", fields);
    }
    mutelist::MuteRules rules(store);
    if (!dry_run) {
      if (replace)
        for (const auto& old : rules.all()) rules.remove(old.id);
      for (const auto& rule : imported.rules) rules.add(rule);
    }
    json preview = json::array();
    for (const auto& rule : imported.rules) preview.push_back(mutelist::to_json(rule));
    c.reply({{"imported", dry_run ? 0 : imported.rules.size()}, {"rules", preview}, {"notes", imported.notes}, {"dryRun", dry_run}});
  });
}

}  // namespace signet::server
