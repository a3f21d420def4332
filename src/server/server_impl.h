#pragma once
// Inside `signet serve`, for the server's own files (not a public header): Server::Impl, and
// the plumbing every route is registered on: route() (sign-in, role, CSRF and cross-site
// checks, the one error shape), record_routes(), Call (what a handler gets), ApiError.
//
// Routes live by topic in routes_<topic>.cpp, each defining one register_<topic>_routes()
// that register_routes() (server.cpp) calls, before the catch-all and the pages. A new topic:
// a routes_<topic>.cpp, its declaration below, one call in register_routes(), a line in CMakeLists.txt.
#include <httplib.h>
#include <spdlog/spdlog.h>

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "accounts/accounts.h"
#include "common/names.h"
#include "engine/scan.h"
#include "notify/channels.h"
#include "notify/notify.h"
#include "schedule/schedule.h"
#include "server/auth.h"
#include "server/jobs.h"
#include "server/server.h"
#include "store/records.h"
#include "store/store.h"

namespace signet::server {

inline constexpr const char* kSessionCookie = "signet_session";

// Every API error has one shape: {"error": {"code", "message", "fields": {name: message}}}.
struct ApiError : std::runtime_error {
  int status;
  std::string code;
  nlohmann::json fields;
  ApiError(int status, std::string code, const std::string& message, nlohmann::json fields = nlohmann::json::object())
      : std::runtime_error(message), status(status), code(std::move(code)), fields(std::move(fields)) {}
};

nlohmann::json error_body(const std::string& code, const std::string& message,
                          const nlohmann::json& fields = nlohmann::json::object());

struct Call {
  const httplib::Request& req;
  httplib::Response& res;
  std::optional<Identity> who;

  nlohmann::json body() const;  // the JSON object sent; a 400 when it is not one
  std::string param(std::size_t i) const { return req.matches[i]; }
  // A numeric id in the path; one too large to be any id is simply not found.
  std::int64_t id_param(std::size_t i, const std::string& what) const {
    try {
      return std::stoll(param(i));
    } catch (const std::out_of_range&) {
      throw ApiError(404, "not_found", "no " + what + " " + param(i));
    }
  }
  std::string query(const std::string& name) const { return req.has_param(name.c_str()) ? req.get_param_value(name.c_str()) : ""; }
  // The page a list request asks for: ?offset= (default 0) and ?limit= (default
  // `default_limit`, at most 1000); a value that is not such a number is a 422 naming it.
  struct Page {
    std::size_t offset = 0, limit = 100;
  };
  Page page(std::size_t default_limit = 100) const;
  void reply(const nlohmann::json& value, int status = 200) {
    res.status = status;
    res.set_content(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
  }
};

// Every list answers one shape: {"items", "total", "offset", "limit"}.
nlohmann::json page_json(nlohmann::json items, std::size_t total, const Call::Page& page);
// The asked page of a list kept whole in memory (the configuration lists: accounts,
// channels, schedules, mute rules, users, tokens; hundreds at most), each item as `view` shows it.
template <typename T, typename View>
nlohmann::json page_of(const std::vector<T>& all, const Call::Page& page, View view) {
  nlohmann::json items = nlohmann::json::array();
  for (std::size_t i = page.offset; i < all.size() && items.size() < page.limit; ++i) items.push_back(view(all[i]));
  return page_json(std::move(items), all.size(), page);
}

// One field of a request body, read with FieldReader's checks; a wrong one is a 422 naming it.
std::string text_field(const nlohmann::json& body, const char* name, bool required = true);
// A list of text (a JSON array, or "a, b"); anything else is a 422 naming the field.
std::vector<std::string> text_list(const nlohmann::json& body, const char* name);

struct Server::Impl {
  using json = nlohmann::json;

  store::Store& store;
  ServerOptions options;
  Jobs jobs;
  httplib::Server http;
  Sessions sessions;
  SignInLimiter sign_in_limiter;
  std::vector<RouteInfo> routes;
  // The same handlers by method and pattern, for handle_for_fuzzing (compiled on first use).
  struct DirectRoute {
    std::string method, pattern;
    httplib::Server::Handler handler;
    std::optional<std::regex> compiled;
  };
  std::vector<DirectRoute> direct_routes;
  bool compile_code = true;  // false once handle_for_fuzzing ran: no sandbox workers start
  mutable std::mutex setup_mutex;
  std::string setup_token;
  notify::Channels channels;
  schedule::Schedules schedules;
  accounts::AccountRecords account_records;
  accounts::OrganizationRecords organization_records;
  std::thread scheduler;
  std::mutex scheduler_mutex;
  std::condition_variable scheduler_wake;
  bool stopping = false;

  Impl(store::Store& s, ServerOptions o);
  static ServerOptions check(ServerOptions o);

  // The role a route names: the weakest allowed; anyone: no sign-in needed.
  static constexpr std::optional<Role> viewer{Role::Viewer}, editor{Role::Editor}, admin{Role::Admin}, anyone{};

  // ---- shared answers (server.cpp) ----

  notify::Notifier notifier();
  // Starts a scan of the accounts `accounts` names ("" or "all": every enabled one); when
  // it ends, tells the channels what is new in each account and the schedule how it went.
  bool start_scan(const std::string& accounts, engine::ScanOptions scan, std::int64_t schedule_id);
  engine::ScanOptions scan_options(const std::vector<std::string>& regions);
  void run_scheduler();
  // Removes the history the retention settings do not keep (the scheduler does, hourly).
  void apply_retention();
  std::optional<store::ScanSummary> latest_complete_scan();
  // What services and regions in requests are checked against (common/names.h).
  NameCheck services_check(const std::vector<std::string>& services) const;
  NameCheck regions_check(const std::vector<std::string>& regions) const;
  std::vector<std::string> default_regions();
  json settings_json();

  // ---- request plumbing (routing.cpp) ----

  using Handler = std::function<void(Call&)>;

  // The session cookie's value, if the request carries one.
  static std::optional<std::string> session_cookie(const httplib::Request& req);
  // Starts a session for `user` (cookie on the response); returns what the page needs.
  json open_session(httplib::Response& res, const store::User& user);
  std::optional<Identity> identify(const httplib::Request& req, bool& by_cookie);
  // A browser says where a request comes from; a change must come from the console's own
  // origin (or from no browser at all).
  static void refuse_cross_site(const httplib::Request& req);
  // One route: `role` null for anyone; `listed` false keeps it out of routes() (the catch-all).
  void route(const char* method, const std::string& pattern, std::optional<Role> role, Handler handler, bool listed = true);

  // List, create, read, change and delete routes (admin) for one kind of stored record.
  template <typename T>
  void record_routes(const std::string& path, const std::string& what, store::Records<T>& records,
                     std::function<T(const json&, const T*)> parse, std::function<json(const T&)> view,
                     std::function<void(T&)> before_save) {
    auto existing = [&records, what](Call& c) {
      auto item = records.find(c.id_param(1, what));
      if (!item) throw ApiError(404, "not_found", "no " + what + " " + c.param(1));
      return *item;
    };
    route("GET", path, admin, [&records, view](Call& c) { c.reply(page_of(records.all(), c.page(100), view)); });
    route("POST", path, admin, [&records, parse, view, before_save, what](Call& c) {
      T item = parse(c.body(), nullptr);
      if (before_save) before_save(item);
      item.id = records.add(item);
      spdlog::info("{} added {} {}", c.who->user, what, item.id);
      c.reply(view(item), 201);
    });
    std::string one = path + R"(/(\d+))";
    route("GET", one, admin, [existing, view](Call& c) { c.reply(view(existing(c))); });
    route("PUT", one, admin, [&records, existing, parse, view, before_save](Call& c) {
      T before = existing(c);
      T item = parse(c.body(), &before);
      if (before_save) before_save(item);
      records.update(item);
      c.reply(view(item));
    });
    route("DELETE", one, admin, [&records, existing, what](Call& c) {
      T item = existing(c);
      records.remove(item.id);
      spdlog::info("{} removed {} {}", c.who->user, what, item.id);
      c.reply({{"removed", item.id}});
    });
  }

  // ---- the routes, by topic ----

  void register_routes();               // server.cpp: every topic in order, then the API's own routes and the pages
  void register_session_routes();       // routes_session.cpp
  void register_signature_routes();     // routes_signatures.cpp
  void register_scan_routes();          // routes_scans.cpp
  void register_notification_routes();  // routes_notifications.cpp
  void register_settings_routes();      // routes_settings.cpp
  void register_account_routes();       // routes_accounts.cpp: accounts and organizations
  void register_mutelist_routes();      // routes_mutelist.cpp
  void register_compliance_routes();    // routes_compliance.cpp

  // ---- answers of one topic, defined beside its routes ----

  // routes_signatures.cpp
  store::StoredSignature existing_signature(const std::string& id);
  // Pass/Fail/Error counts per signature in the latest complete scan.
  std::map<std::string, json> last_results();
  // Each code's syntax error, compiled in one sandbox.
  std::vector<std::optional<sandbox::ScriptError>> check_syntax(const std::vector<std::string>& codes);
  // Checks a signature from a request body: metadata by field and the code's syntax.
  store::StoredSignature signature_from(const json& body);

  // routes_scans.cpp
  json scan_json(const store::ScanSummary& s);
  // The scans a risks or resources request reads: ?scan=ID (a complete scan), else each
  // account's latest complete scan, or only ?account='s (its key, name or id).
  std::vector<store::ScanSummary> shown_scans(const Call& c);

  // routes_accounts.cpp
  // The selection a request or schedule gives ("" = all), refused (422) when it names nothing stored.
  void check_accounts(const std::string& selection);
};

}  // namespace signet::server
