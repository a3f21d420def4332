// Fuzz target: the API's JSON request bodies, through the server's own routes, sign-in and
// checks (Server::handle_for_fuzzing: no socket, no sandbox). The input's first line is
// "METHOD /path" of one of the routes below (any other text picks one by hash); the rest is
// the body, sent with an admin's API token. Each input gets a fresh in-memory store with
// an admin and a viewer, a built-in and a custom signature, a channel and a schedule, so
// changes to existing records are reached too; one server (its routes cost ~100 regular
// expressions to build) serves them all through a store that forwards to the fresh one.
//
// A refusal is a 4xx answer in the one error shape; a 500 (an exception no handler meant
// to throw) or a body that is not that shape is a finding.
#include <spdlog/spdlog.h>

#include "server/auth.h"
#include "server/server.h"
#include "testing/fuzz_check.h"

namespace {

using namespace signet;
using nlohmann::json;

struct Route {
  const char* method;
  const char* path;
};

// Every route that reads a body, but Test runs and scans (they start jobs: threads, a
// sandbox, the cloud) and sign-in (its limiter remembers failures between inputs).
const Route kRoutes[] = {
    {"POST", "/api/signatures/validate"}, {"POST", "/api/signatures"},  {"PUT", "/api/signatures/CUSTOM-0001"},
    {"PUT", "/api/signatures/AWS-FUZZ-001"}, {"POST", "/api/signatures/import"}, {"PUT", "/api/settings"},
    {"POST", "/api/channels"},            {"PUT", "/api/channels/1"},   {"POST", "/api/schedules"},
    {"PUT", "/api/schedules/1"},          {"POST", "/api/tokens"},      {"POST", "/api/users"},
    {"PUT", "/api/users/vic"},
};

signature::Metadata metadata(const std::string& id) {
  signature::Metadata m;
  m.id = id;
  m.description = "Ensure MFA is enabled for IAM users";
  m.service = "IAM";
  m.resource_type = "user";
  m.risk_level = "High";
  m.pass_message = "MFA is enabled";
  m.fail_message = "MFA is not enabled";
  return m;
}

// The server keeps its store; each input swaps the one behind it.
class SwappableStore : public store::Store {
 public:
  std::unique_ptr<store::Store> inner;
  std::string add_signature(store::StoredSignature s) override { return inner->add_signature(std::move(s)); }
  void update_signature(const store::StoredSignature& s) override { inner->update_signature(s); }
  std::vector<std::string> add_signatures(std::vector<store::StoredSignature> s) override { return inner->add_signatures(std::move(s)); }
  std::vector<std::string> import_signatures(std::vector<store::StoredSignature> s) override { return inner->import_signatures(std::move(s)); }
  std::optional<store::StoredSignature> signature(const std::string& id) const override { return inner->signature(id); }
  std::vector<store::StoredSignature> signatures() const override { return inner->signatures(); }
  bool remove_signature(const std::string& id) override { return inner->remove_signature(id); }
  bool set_enabled(const std::string& id, bool enabled) override { return inner->set_enabled(id, enabled); }
  std::int64_t begin_scan(const store::ScanStart& start) override { return inner->begin_scan(start); }
  void add_results(std::int64_t scan, const std::vector<json>& r) override { inner->add_results(scan, r); }
  void touch_scan(std::int64_t scan) override { inner->touch_scan(scan); }
  store::RiskMarks mark_risks(std::int64_t scan, std::int64_t previous) override { return inner->mark_risks(scan, previous); }
  void set_scan_account_id(std::int64_t scan, const std::string& id) override { inner->set_scan_account_id(scan, id); }
  void finish_scan(std::int64_t scan, const std::string& status, const json& stats) override { inner->finish_scan(scan, status, stats); }
  void set_interrupted_after(std::chrono::seconds silence) override { inner->set_interrupted_after(silence); }
  std::vector<store::ScanSummary> scans(const store::ScanFilter& f) const override { return inner->scans(f); }
  std::size_t count_scans(const store::ScanFilter& f) const override { return inner->count_scans(f); }
  std::optional<store::ScanSummary> scan(std::int64_t id) const override { return inner->scan(id); }
  std::vector<store::ScanSummary> latest_complete_scans(const std::optional<std::string>& account) const override {
    return inner->latest_complete_scans(account);
  }
  std::int64_t previous_complete_scan(const std::string& account, std::int64_t before) const override {
    return inner->previous_complete_scan(account, before);
  }
  void for_each_result(std::int64_t scan, const std::function<void(const json&)>& visit) const override { inner->for_each_result(scan, visit); }
  store::ResultPage query_results(const store::ResultQuery& q) const override { return inner->query_results(q); }
  std::vector<json> group_results(const store::ResultQuery& q, const std::string& by) const override { return inner->group_results(q, by); }
  store::ResultPage query_resources(const store::ResultQuery& q) const override { return inner->query_resources(q); }
  void add_units(std::int64_t scan, const std::vector<std::pair<std::string, json>>& units) override { inner->add_units(scan, units); }
  bool complete_unit(std::int64_t scan, const std::string& unit, const std::vector<json>& results, const json& stats) override {
    return inner->complete_unit(scan, unit, results, stats);
  }
  void touch_unit(std::int64_t scan, const std::string& unit, const std::string& worker) override { inner->touch_unit(scan, unit, worker); }
  UnitCounts unit_counts(std::int64_t scan) const override { return inner->unit_counts(scan); }
  std::vector<json> unit_stats(std::int64_t scan) const override { return inner->unit_stats(scan); }
  std::vector<std::pair<std::string, json>> idle_units(std::int64_t scan, std::chrono::seconds silence) const override {
    return inner->idle_units(scan, silence);
  }
  bool claim_finish(std::int64_t scan) override { return inner->claim_finish(scan); }
  store::RetentionReport apply_retention(const store::Retention& r) override { return inner->apply_retention(r); }
  void add_user(const store::User& u) override { inner->add_user(u); }
  void update_user(const store::User& u) override { inner->update_user(u); }
  std::optional<store::User> user(const std::string& name) const override { return inner->user(name); }
  std::vector<store::User> users() const override { return inner->users(); }
  bool remove_user(const std::string& name) override { return inner->remove_user(name); }
  std::int64_t add_api_token(const store::ApiToken& t) override { return inner->add_api_token(t); }
  std::optional<store::ApiToken> api_token_by_hash(const std::string& h) const override { return inner->api_token_by_hash(h); }
  std::vector<store::ApiToken> api_tokens() const override { return inner->api_tokens(); }
  bool remove_api_token(std::int64_t id) override { return inner->remove_api_token(id); }
  std::int64_t add_record(const std::string& kind, const json& body) override { return inner->add_record(kind, body); }
  bool update_record(const std::string& kind, std::int64_t id, const json& body) override { return inner->update_record(kind, id, body); }
  std::optional<json> record(const std::string& kind, std::int64_t id) const override { return inner->record(kind, id); }
  std::vector<std::pair<std::int64_t, json>> records(const std::string& kind, std::size_t limit) const override {
    return inner->records(kind, limit);
  }
  bool remove_record(const std::string& kind, std::int64_t id) override { return inner->remove_record(kind, id); }
  void prune_records(const std::string& kind, std::size_t keep) override { inner->prune_records(kind, keep); }
  json setting(const std::string& key) const override { return inner->setting(key); }
  void set_setting(const std::string& key, const json& value) override { inner->set_setting(key, value); }
};

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::off);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto nl = input.find('\n');
  std::string selector(input.substr(0, nl));
  std::string body(nl == std::string_view::npos ? std::string_view() : input.substr(nl + 1));
  const Route* route = nullptr;
  for (const auto& r : kRoutes)
    if (selector == std::string(r.method) + " " + r.path) route = &r;
  if (!route) route = &kRoutes[fnv1a(selector) % std::size(kRoutes)];

  static SwappableStore store;
  store.inner = store::open_sqlite(":memory:");
  store.add_user({"ada", "admin", "not an argon2 hash", ""});
  store.add_user({"vic", "viewer", "not an argon2 hash", ""});
  const std::string code = "module.exports = () => ({ statusSig: true });";
  store.import_signatures({{metadata("AWS-FUZZ-001"), code, true, ""}});
  store.add_signature({metadata(""), code, false, ""});
  const std::vector<std::pair<std::string, std::string>> headers = {
      {"Authorization", "Bearer " + server::issue_api_token(store, "ada", "fuzz").token}, {"Content-Type", "application/json"}};

  static server::Server& server = *[] {
    server::ServerOptions options;
    options.secrets = std::make_shared<notify::SecretBox>(std::string(32, 's'));
    options.default_regions = {"us-east-1"};
    options.engine.make_scope = [](io::EventLoop&, const accounts::Target&) -> std::unique_ptr<provider::Scope> {
      throw std::runtime_error("no cloud while fuzzing");
    };
    return new server::Server(store, options);  // lives as long as the process
  }();
  auto made = server.handle_for_fuzzing("POST", "/api/channels", R"({"name": "ops", "type": "webhook", "url": "https://hooks.example.com/signet"})", headers);
  SIGNET_FUZZ_CHECK(made.status == 201, "the fixture channel is made");
  made = server.handle_for_fuzzing("POST", "/api/schedules", R"({"name": "nightly", "cron": "0 3 * * *"})", headers);
  SIGNET_FUZZ_CHECK(made.status == 201, "the fixture schedule is made");

  auto answer = server.handle_for_fuzzing(route->method, route->path, body, headers);
  if (answer.status >= 500) std::fprintf(stderr, "%s %s -> %d %s\n", route->method, route->path, answer.status, answer.body.c_str());
  SIGNET_FUZZ_CHECK(answer.status >= 200 && answer.status < 500, "a request body never makes the server fail (5xx)");
  json reply = json::parse(answer.body, nullptr, false);
  SIGNET_FUZZ_CHECK(!reply.is_discarded(), "the answer is JSON");
  if (answer.status >= 400) {
    bool shaped = reply.is_object() && reply.contains("error") && reply["error"].is_object() && reply["error"].contains("code") &&
                  reply["error"]["code"].is_string() && reply["error"].contains("message") && reply["error"]["message"].is_string() &&
                  reply["error"].contains("fields") && reply["error"]["fields"].is_object();
    SIGNET_FUZZ_CHECK(shaped, "errors have the one shape {error: {code, message, fields}}");
    for (const auto& [field, message] : reply["error"]["fields"].items())
      SIGNET_FUZZ_CHECK(message.is_string(), "each field's error is a message");
  }
  return 0;
}
