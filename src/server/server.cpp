#include "server/server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <regex>
#include <set>

#include "aws/endpoints/endpoints.h"
#include "aws/models/models.h"
#include "aws/policy/policy.h"
#include "builtins/builtins.h"
#include "common/invalid_fields.h"
#include "common/json_depth.h"
#include "common/names.h"
#include "common/strings.h"
#include "engine/scan.h"
#include "inventory/inventory.h"
#include "inventory/signature_check.h"
#include "server/assets.h"
#include "schedule/schedule.h"
#include "server/auth.h"
#include "signature/metadata.h"

extern "C" const char signet_openapi_json[];
extern "C" const char signet_signature_template[];  // the editor's starting code

namespace signet::server {

using nlohmann::json;

namespace {

constexpr const char* kSessionCookie = "signet_session";
constexpr int kMaxBodyNesting = 64;

// Every API error has one shape: {"error": {"code", "message", "fields": {name: message}}}.
struct ApiError : std::runtime_error {
  int status;
  std::string code;
  json fields;
  ApiError(int status, std::string code, const std::string& message, json fields = json::object())
      : std::runtime_error(message), status(status), code(std::move(code)), fields(std::move(fields)) {}
};

json error_body(const std::string& code, const std::string& message, const json& fields = json::object()) {
  return {{"error", {{"code", code}, {"message", message}, {"fields", fields}}}};
}

InvalidFields invalid(const std::vector<signature::FieldError>& errors, const std::string& message = "the signature is not valid") {
  json fields = json::object();
  for (const auto& e : errors) {
    std::string& text = fields[e.field].is_string() ? fields[e.field].get_ref<std::string&>() : (fields[e.field] = "").get_ref<std::string&>();
    text += (text.empty() ? "" : "; ") + e.message;
  }
  return InvalidFields(message, fields);
}

struct Call {
  const httplib::Request& req;
  httplib::Response& res;
  std::optional<Identity> who;

  json body() const {
    if (req.body.empty()) return json::object();
    // No body of this API nests more than a few levels; a deep one would overflow the stack.
    if (json_nesting(req.body) > kMaxBodyNesting)
      throw ApiError(400, "bad_request", "the request body nests more than " + std::to_string(kMaxBodyNesting) + " levels deep");
    json parsed = json::parse(req.body, nullptr, false);
    if (parsed.is_discarded()) throw ApiError(400, "bad_request", "the request body is not valid JSON");
    if (!parsed.is_object()) throw ApiError(400, "bad_request", "the request body must be a JSON object");
    return parsed;
  }
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
  void reply(const json& value, int status = 200) {
    res.status = status;
    res.set_content(value.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
  }
};

// One field of a request body, read with FieldReader's checks; a wrong one is a 422 naming it.
std::string text_field(const json& body, const char* name, bool required = true) {
  FieldReader read{body};
  std::string out;
  if (required && !read.given(name)) read.fields[name] = "is required";
  read.text(name, out);
  read.fail_if_any(std::string(name) + " " + (read.fields.empty() ? "" : read.fields[name].get<std::string>()));
  return out;
}

std::vector<std::string> text_list(const json& body, const char* name) {
  FieldReader read{body};
  std::vector<std::string> out;
  read.list(name, out);
  read.fail_if_any(std::string(name) + " must be a list of text");
  return out;
}

// Metadata text (YAML, or its JSON form) with every check a saved signature gets: fields,
// and the catalog's services and resource types.
signature::ParsedMetadata checked_metadata(const std::string& text) {
  auto parsed = signature::parse_metadata_yaml(text, inventory::known_service());
  for (auto& e : inventory::catalog_errors(parsed.metadata)) parsed.errors.push_back(e);
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

std::string lower_first(std::string name) {
  if (!name.empty()) name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
  return name;
}

}  // namespace

struct Server::Impl {
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
  std::thread scheduler;
  std::mutex scheduler_mutex;
  std::condition_variable scheduler_wake;
  bool stopping = false;

  Impl(store::Store& s, ServerOptions o)
      : store(s), options(check(std::move(o))), jobs(s, options.engine), channels(s, *options.secrets), schedules(s) {
    if (store.users().empty()) setup_token = notify::random_hex(16);
    register_routes();
  }

  static ServerOptions check(ServerOptions o) {
    if (!o.secrets) throw std::invalid_argument("the server needs a secret key for channel secrets");
    return o;
  }

  notify::Notifier notifier() {
    notify::DeliveryOptions delivery = options.delivery;
    json url = store.setting("publicUrl");
    if (url.is_string()) delivery.console_url = url;
    return notify::Notifier(store, *options.secrets, delivery);
  }

  // Starts a scan; when it ends, tells the channels what is new and the schedule how it went.
  bool start_scan(engine::ScanOptions scan, std::int64_t schedule_id) {
    std::string account = scan.account;
    return jobs.start_scan(std::move(scan), [this, account, schedule_id](const engine::ScanReport* report, const std::string& error) {
      if (report) notifier().notify_scan(notify::news_of(report->scan_id, account, report->results, report->fixed));
      if (!schedule_id) return;
      if (auto s = schedules.find(schedule_id)) {
        s->last_status = report ? "complete" : "failed: " + error;
        s->last_scan_id = report ? report->scan_id : 0;
        schedules.update(*s);
      }
    });
  }

  engine::ScanOptions scan_options(const std::vector<std::string>& regions, const std::string& account) {
    engine::ScanOptions scan;
    scan.account = account;
    scan.regions = regions.empty() ? default_regions() : regions;
    json settings = settings_json();
    scan.evaluation_time_limit =
        std::chrono::milliseconds(static_cast<std::int64_t>(settings["evaluationTimeLimitSeconds"].get<double>() * 1000));
    scan.limit_strikes = settings["limitStrikes"].get<unsigned>();
    scan.rate_caps = {settings["maxRequestsPerSecond"].get<double>(), settings["maxServiceRequestsPerSecond"].get<double>()};
    return scan;
  }

  void run_scheduler() {
    std::unique_lock lock(scheduler_mutex);
    while (!stopping) {
      lock.unlock();
      try {
        schedule::run_due(schedules, std::chrono::system_clock::now(), [this](const schedule::Schedule& s) {
          spdlog::info("schedule '{}' starts a scan of account '{}'", s.name, s.account);
          return start_scan(scan_options(s.regions, s.account), s.id);
        });
      } catch (const std::exception& e) {
        spdlog::error("scheduler: {}", e.what());
      }
      lock.lock();
      scheduler_wake.wait_for(lock, options.schedule_tick, [this] { return stopping; });
    }
  }

  // ---- request plumbing ----

  using Handler = std::function<void(Call&)>;

  // The session cookie's value, if the request carries one.
  static std::optional<std::string> session_cookie(const httplib::Request& req) {
    auto cookies = req.get_header_value("Cookie");
    std::string prefix = std::string(kSessionCookie) + "=";
    for (std::size_t pos = 0; pos < cookies.size();) {
      auto end = cookies.find(';', pos);
      std::string part = trim(cookies.substr(pos, end == std::string::npos ? std::string::npos : end - pos));
      if (part.rfind(prefix, 0) == 0) return part.substr(prefix.size());
      if (end == std::string::npos) break;
      pos = end + 1;
    }
    return std::nullopt;
  }

  // Starts a session for `user` (cookie on the response); returns what the page needs.
  json open_session(httplib::Response& res, const store::User& user) {
    std::string csrf;
    std::string cookie = sessions.open(user.name, csrf);
    res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + cookie + "; Path=/; HttpOnly; SameSite=Strict" +
                                     (options.secure_cookies ? "; Secure" : ""));
    return {{"user", user.name}, {"role", user.role}, {"csrfToken", csrf}};
  }

  std::optional<Identity> identify(const httplib::Request& req, bool& by_cookie) {
    by_cookie = false;
    auto auth = req.get_header_value("Authorization");
    if (auth.rfind("Bearer ", 0) == 0) return identify_api_token(trim(auth.substr(7)), store);
    auto cookie = session_cookie(req);
    if (!cookie) return std::nullopt;
    by_cookie = true;
    return sessions.find(*cookie, store);
  }

  // A browser says where a request comes from; a change must come from the console's own
  // origin (or from no browser at all).
  static void refuse_cross_site(const httplib::Request& req) {
    if (req.get_header_value("Sec-Fetch-Site") == "cross-site")
      throw ApiError(403, "cross_site", "cross-site requests may not change anything");
    auto origin = req.get_header_value("Origin");
    if (origin.empty()) return;
    auto host = req.get_header_value("Host");
    if (origin != "http://" + host && origin != "https://" + host)
      throw ApiError(403, "cross_site", "a request from " + origin + " may not change anything here");
  }

  void route(const char* method, const std::string& pattern, std::optional<Role> role, Handler handler, bool listed = true) {
    if (listed) routes.push_back({method, pattern, role.has_value(), role ? to_string(*role) : ""});
    auto wrapped = [this, role, method = std::string(method), handler = std::move(handler)](const httplib::Request& req,
                                                                                           httplib::Response& res) {
      Call call{req, res, std::nullopt};
      res.set_header("Cache-Control", "no-store");
      try {
        bool changes = method != "GET";
        if (changes) refuse_cross_site(req);
        if (role) {
          bool by_cookie = false;
          call.who = identify(req, by_cookie);
          if (!call.who) throw ApiError(401, "unauthenticated", "sign in first (or send an API token)");
          if (changes && by_cookie && req.get_header_value("X-CSRF-Token") != call.who->csrf_token)
            throw ApiError(403, "csrf", "the request lacks this session's X-CSRF-Token header");
          if (call.who->role < *role)
            throw ApiError(403, "forbidden", "this needs the " + to_string(*role) + " role; " + call.who->user + " is " + to_string(call.who->role));
        }
        handler(call);
      } catch (const ApiError& e) {
        call.reply(error_body(e.code, e.what(), e.fields), e.status);
      } catch (const InvalidFields& e) {
        call.reply(error_body("invalid", e.what(), e.fields), 422);
      } catch (const store::StoreError& e) {
        spdlog::error("{} {}: {}", req.method, req.path, e.what());
        call.reply(error_body("store", e.what()), 500);
      } catch (const std::exception& e) {
        spdlog::error("{} {}: {}", req.method, req.path, e.what());
        call.reply(error_body("internal", std::string("internal error: ") + e.what()), 500);
      }
    };
    std::string m = method;
    direct_routes.push_back({m, pattern, wrapped, std::nullopt});
    if (m == "GET") http.Get(pattern, wrapped);
    else if (m == "POST") http.Post(pattern, wrapped);
    else if (m == "PUT") http.Put(pattern, wrapped);
    else if (m == "DELETE") http.Delete(pattern, wrapped);
  }

  // ---- shared answers ----

  store::StoredSignature existing_signature(const std::string& id) {
    auto s = store.signature(id);
    if (!s) throw ApiError(404, "not_found", "no signature " + id);
    return *s;
  }

  std::optional<store::ScanSummary> latest_complete_scan() {
    for (auto& scan : store.scans())
      if (scan.status == "complete") return scan;
    return std::nullopt;
  }

  // Pass/Fail/Error counts per signature in the latest complete scan.
  std::map<std::string, json> last_results() {
    std::map<std::string, json> out;
    auto scan = latest_complete_scan();
    if (!scan) return out;
    for (const auto& r : store.results(scan->id)) {
      json& counts = out[r.value("signatureId", "")];
      if (counts.is_null()) counts = {{"scanId", scan->id}, {"Pass", 0}, {"Fail", 0}, {"Error", 0}};
      std::string status = r.value("status", "");
      if (counts.contains(status)) counts[status] = counts[status].get<int>() + 1;
    }
    return out;
  }

  // Each code's syntax error, compiled in one sandbox.
  std::vector<std::optional<sandbox::ScriptError>> check_syntax(const std::vector<std::string>& codes) {
    if (!compile_code) return std::vector<std::optional<sandbox::ScriptError>>(codes.size());
    return jobs.check_syntax(codes);
  }

  // Checks a signature from a request body: metadata by field and the code's syntax.
  store::StoredSignature signature_from(const json& body) {
    auto parsed = metadata_from(body);
    std::string code = body.contains("code") && body["code"].is_string() ? body["code"].get<std::string>() : "";
    if (auto problem = code_problem(code); !problem.empty()) parsed.errors.push_back({"code", problem});
    else if (auto error = check_syntax({code}).front()) parsed.errors.push_back({"code", error->to_string()});
    if (!parsed.ok()) throw invalid(parsed.errors);
    return {parsed.metadata, code, false, ""};
  }

  json scan_json(const store::ScanSummary& s) {
    json j = {{"id", s.id}, {"startedAt", s.started_at}, {"finishedAt", s.finished_at}, {"status", s.status}, {"stats", s.stats}};
    if (s.status == "running")
      for (const auto& progress : jobs.scan_progress())
        if (progress.value("scanId", 0) == s.id) j["progress"] = progress;
    return j;
  }

  // What services and regions in requests are checked against (common/names.h).
  const aws::Models& models() const { return options.models ? *options.models : *aws::Models::embedded(); }
  NameCheck services_check(const std::vector<std::string>& services) const { return inventory::check_services(services, models()); }
  NameCheck regions_check(const std::vector<std::string>& regions) const { return aws::check_regions(regions, models().endpoints()); }

  std::vector<std::string> default_regions() {
    auto configured = store.setting("regions");
    if (configured.is_array() && !configured.empty()) return configured.get<std::vector<std::string>>();
    return options.default_regions;
  }

  json settings_json() {
    json time_limit = store.setting("testTimeLimitSeconds");
    json evaluation = store.setting("evaluationTimeLimitSeconds");
    json strikes = store.setting("limitStrikes");
    json account_cap = store.setting("maxRequestsPerSecond"), service_cap = store.setting("maxServiceRequestsPerSecond");
    json public_url = store.setting("publicUrl");
    return {{"regions", default_regions()},
            {"publicUrl", public_url.is_string() ? public_url : json("")},
            {"testTimeLimitSeconds", time_limit.is_number() ? time_limit : json(60)},
            {"evaluationTimeLimitSeconds", evaluation.is_number() ? evaluation : json(60)},
            {"limitStrikes", strikes.is_number_unsigned() ? strikes : json(3)},
            {"maxRequestsPerSecond", account_cap.is_number() ? account_cap : json(0)},
            {"maxServiceRequestsPerSecond", service_cap.is_number() ? service_cap : json(0)}};
  }

  void register_routes();

  // List, create, read, change and delete routes (admin) for one kind of stored record.
  template <typename T>
  void record_routes(const std::string& path, const std::string& what, store::Records<T>& records,
                     std::function<T(const json&, const T*)> parse, std::function<json(const T&)> view,
                     std::function<void(T&)> before_save) {
    const auto admin = std::optional<Role>(Role::Admin);
    auto existing = [&records, what](Call& c) {
      auto item = records.find(c.id_param(1, what));
      if (!item) throw ApiError(404, "not_found", "no " + what + " " + c.param(1));
      return *item;
    };
    route("GET", path, admin, [&records, view](Call& c) {
      json out = json::array();
      for (const auto& item : records.all()) out.push_back(view(item));
      c.reply(out);
    });
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
};

void Server::Impl::register_routes() {
  const auto viewer = std::optional<Role>(Role::Viewer), editor = std::optional<Role>(Role::Editor),
             admin = std::optional<Role>(Role::Admin);
  const std::optional<Role> anyone;

  // ---- sign-in ----
  route("GET", "/api/setup", anyone, [this](Call& c) {
    std::lock_guard lock(setup_mutex);
    c.reply({{"needed", !setup_token.empty()}});
  });
  route("POST", "/api/setup", anyone, [this](Call& c) {
    auto body = c.body();
    std::lock_guard lock(setup_mutex);
    if (setup_token.empty()) throw ApiError(409, "conflict", "setup is done: sign in, or ask an admin for an account");
    if (text_field(body, "token") != setup_token)
      throw ApiError(403, "forbidden", "that is not the setup token printed in the server's log", {{"token", "does not match"}});
    std::string name = text_field(body, "username"), password = text_field(body, "password");
    json fields = json::object();
    if (auto p = user_name_problem(name); !p.empty()) fields["username"] = p;
    if (auto p = password_problem(password); !p.empty()) fields["password"] = p;
    if (!fields.empty()) throw InvalidFields("the account is not valid", fields);
    store.add_user({name, "admin", hash_password(password), ""});
    setup_token.clear();
    spdlog::info("setup: first admin {} created", name);
    c.reply({{"user", name}, {"role", "admin"}}, 201);
  });
  route("POST", "/api/session", anyone, [this](Call& c) {
    auto body = c.body();
    std::string name = text_field(body, "username"), password = text_field(body, "password");
    std::string by_address = "addr:" + c.req.remote_addr, by_user = "user:" + name;
    if (int wait = std::max(sign_in_limiter.wait_seconds(by_address), sign_in_limiter.wait_seconds(by_user)); wait > 0) {
      c.res.set_header("Retry-After", std::to_string(wait));
      throw ApiError(429, "too_many_attempts", "too many failed sign-ins; try again in " + std::to_string(wait) + " s");
    }
    auto user = store.user(name);
    // A missing user costs the same hash as a wrong password, so timing does not tell them apart.
    static const std::string decoy = hash_password(notify::random_hex());
    bool ok = verify_password(user ? user->password_hash : decoy, password) && user;
    if (!ok) {
      sign_in_limiter.failed(by_address);
      sign_in_limiter.failed(by_user);
      spdlog::warn("failed sign-in for '{}' from {}", name, c.req.remote_addr);
      throw ApiError(401, "unauthenticated", "wrong user name or password");
    }
    sign_in_limiter.succeeded(by_user);
    c.reply(open_session(c.res, *user));
  });
  route("GET", "/api/session", viewer, [](Call& c) {
    c.reply({{"user", c.who->user}, {"role", to_string(c.who->role)}, {"csrfToken", c.who->csrf_token}});
  });
  route("DELETE", "/api/session", viewer, [this](Call& c) {
    if (auto cookie = session_cookie(c.req)) sessions.close(*cookie);
    c.res.set_header("Set-Cookie", std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    c.reply({{"signedOut", true}});
  });

  route("POST", "/api/session/password", viewer, [this](Call& c) {
    auto body = c.body();
    std::string current = text_field(body, "currentPassword"), next = text_field(body, "newPassword");
    std::string by_user = "user:" + c.who->user;
    if (int wait = sign_in_limiter.wait_seconds(by_user); wait > 0) {
      c.res.set_header("Retry-After", std::to_string(wait));
      throw ApiError(429, "too_many_attempts", "too many wrong passwords; try again in " + std::to_string(wait) + " s");
    }
    auto user = store.user(c.who->user);
    if (!user || !verify_password(user->password_hash, current)) {
      sign_in_limiter.failed(by_user);
      throw InvalidFields("the current password is wrong", {{"currentPassword", "is wrong"}});
    }
    if (auto p = password_problem(next); !p.empty()) throw InvalidFields("the new password " + p, {{"newPassword", p}});
    user->password_hash = hash_password(next);
    store.update_user(*user);
    // Every session of this user ends; this one goes on under a new cookie.
    sessions.close_all_of(user->name);
    spdlog::info("{} changed their password", user->name);
    c.reply(open_session(c.res, *user));
  });

  // ---- users and API tokens ----
  route("GET", "/api/users", admin, [this](Call& c) {
    json out = json::array();
    for (const auto& u : store.users()) out.push_back({{"name", u.name}, {"role", u.role}, {"createdAt", u.created_at}});
    c.reply(out);
  });
  route("POST", "/api/users", admin, [this](Call& c) {
    auto body = c.body();
    std::string name = text_field(body, "name"), role = text_field(body, "role"), password = text_field(body, "password");
    json fields = json::object();
    if (auto p = user_name_problem(name); !p.empty()) fields["name"] = p;
    if (!parse_role(role)) fields["role"] = "must be admin, editor or viewer";
    if (auto p = password_problem(password); !p.empty()) fields["password"] = p;
    if (store.user(name)) fields["name"] = "is taken";
    if (!fields.empty()) throw InvalidFields("the user is not valid", fields);
    store.add_user({name, role, hash_password(password), ""});
    c.reply({{"name", name}, {"role", role}}, 201);
  });
  route("PUT", R"(/api/users/([^/]+))", admin, [this](Call& c) {
    auto user = store.user(c.param(1));
    if (!user) throw ApiError(404, "not_found", "no user " + c.param(1));
    auto body = c.body();
    FieldReader read{body};
    std::string role = user->role, password;
    read.text("role", role);
    read.text("password", password);
    if (!parse_role(role)) read.fields["role"] = "must be admin, editor or viewer";
    if (read.given("password"))
      if (auto p = password_problem(password); !p.empty()) read.fields["password"] = p;
    if (user->name == c.who->user && role != user->role) read.fields["role"] = "you cannot change your own role";
    read.fail_if_any("the change is not valid");
    user->role = role;
    if (read.given("password")) {
      user->password_hash = hash_password(password);
      sessions.close_all_of(user->name);  // a new password signs the old sessions out
    }
    store.update_user(*user);
    spdlog::info("{} changed user {}", c.who->user, user->name);
    c.reply({{"name", user->name}, {"role", user->role}});
  });
  route("DELETE", R"(/api/users/([^/]+))", admin, [this](Call& c) {
    std::string name = c.param(1);
    if (name == c.who->user) throw ApiError(409, "conflict", "you cannot remove yourself");
    if (!store.remove_user(name)) throw ApiError(404, "not_found", "no user " + name);
    sessions.close_all_of(name);
    c.reply({{"removed", name}});
  });
  route("GET", "/api/tokens", viewer, [this](Call& c) {
    json out = json::array();
    for (const auto& t : store.api_tokens())
      if (t.user == c.who->user || c.who->role == Role::Admin)
        out.push_back({{"id", t.id}, {"name", t.name}, {"user", t.user}, {"createdAt", t.created_at}});
    c.reply(out);
  });
  route("POST", "/api/tokens", viewer, [this](Call& c) {
    std::string name = trim(text_field(c.body(), "name"));
    if (name.empty() || name.size() > 100) throw InvalidFields("name the token", {{"name", "must be 1 to 100 characters"}});
    auto issued = issue_api_token(store, c.who->user, name);
    c.reply({{"id", issued.id}, {"name", name}, {"user", c.who->user}, {"token", issued.token}}, 201);  // shown this once
  });
  route("DELETE", R"(/api/tokens/(\d+))", viewer, [this](Call& c) {
    std::int64_t id = c.id_param(1, "token");
    for (const auto& t : store.api_tokens())
      if (t.id == id && (t.user == c.who->user || c.who->role == Role::Admin)) {
        store.remove_api_token(id);
        c.reply({{"removed", id}});
        return;
      }
    throw ApiError(404, "not_found", "no token " + std::to_string(id));
  });

  // ---- what the forms and the editor offer ----
  route("GET", "/api/catalog", viewer, [](Call& c) {
    json services = json::object();
    for (const auto& type : inventory::Catalog::aws().types()) {
      json& s = services[type.service()];
      if (s.is_null()) s = json::array();
      s.push_back({{"type", type.type()}, {"cloudFormation", type.spec.value("cloudFormation", "")}, {"global", type.global()}});
    }
    json providers = json::array({json{{"name", "aws"}, {"supported", true}}, json{{"name", "azure"}, {"supported", false}},
                                  json{{"name", "gcp"}, {"supported", false}}});
    c.reply({{"providers", providers},
             {"services", services},
             {"riskLevels", {"High", "Medium", "Low"}},
             {"functions", {"Access Control", "Encryption", "Logging", "Monitoring", "Network Security", "Data Protection",
                            "Configuration", "Vulnerability Management", "Resilience"}},
             {"template", std::string(signet_signature_template)}});
  });
  route("GET", "/api/aws/services", viewer, [](Call& c) { c.reply({{"services", aws::Models::embedded()->service_names()}}); });
  route("GET", R"(/api/aws/services/([^/]+))", viewer, [](Call& c) {
    auto models = aws::Models::embedded();
    auto service = models->find(c.param(1));
    if (!service) throw ApiError(404, "not_found", "no AWS service '" + c.param(1) + "' in the models");
    json operations = json::array();
    for (const auto& name : service->operation_names()) {
      if (!aws::ReadOnlyPolicy::builtin().check(*service, name, json::object()).allowed) continue;
      const json& op = *service->operation(name);
      json params = json::array();
      if (op.contains("input")) {
        const json& input = service->shape(op["input"]["shape"]);
        std::set<std::string> required;
        if (input.contains("required")) required = input["required"].get<std::set<std::string>>();
        for (const auto& [member, spec] : aws::members_of(input).items())
          params.push_back({{"name", member}, {"type", service->shape(spec["shape"]).value("type", "")}, {"required", required.count(member) > 0}});
      }
      // Required parameters first: they are the ones to type.
      std::stable_sort(params.begin(), params.end(), [](const json& a, const json& b) { return a["required"] > b["required"]; });
      operations.push_back({{"name", lower_first(name)}, {"paginated", service->paginator(name) != nullptr}, {"params", params}});
    }
    c.reply({{"service", service->name()}, {"apiVersion", service->api_version()}, {"operations", operations}});
  });

  // ---- signatures ----
  route("GET", "/api/signatures", viewer, [this](Call& c) {
    auto results = last_results();
    json out = json::array();
    for (const auto& s : store.signatures()) {
      auto it = results.find(s.metadata.id);
      json j = signature_json(s, it == results.end() ? json() : it->second);
      if (c.query("code") != "1") j.erase("code");
      out.push_back(std::move(j));
    }
    c.reply(out);
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

  // ---- scans ----
  route("GET", "/api/scans", viewer, [this](Call& c) {
    json out = json::array();
    std::size_t limit = 100;
    for (const auto& s : store.scans()) {
      if (out.size() >= limit) break;
      out.push_back(scan_json(s));
    }
    c.reply(out);
  });
  route("POST", "/api/scans", editor, [this](Call& c) {
    auto body = c.body();
    std::string account = text_field(body, "account", false);
    auto regions = text_list(body, "regions"), services = text_list(body, "services");
    require_known({services_check(services), regions_check(regions)});  // before anything is scanned
    auto options = scan_options(regions, account);
    for (auto& s : services) options.services.insert(s);
    if (!start_scan(options, 0)) throw ApiError(409, "busy", "a scan of this account is running; wait for it to finish");
    spdlog::info("{} started a scan of account '{}'", c.who->user, account);
    c.reply({{"started", true}}, 202);
  });
  route("GET", "/api/scans/current", viewer, [this](Call& c) {
    auto running = jobs.scan_progress();
    c.reply({{"running", !running.empty()}, {"progress", running.empty() ? json() : running[0]}, {"scans", running}});
  });
  route("GET", R"(/api/scans/(\d+))", viewer, [this](Call& c) {
    std::int64_t id = c.id_param(1, "scan");
    for (const auto& s : store.scans())
      if (s.id == id) {
        json j = scan_json(s);
        if (c.query("results") == "1") j["results"] = store.results(id);
        c.reply(j);
        return;
      }
    throw ApiError(404, "not_found", "no scan " + std::to_string(id));
  });

  // ---- risks and resources ----
  route("GET", "/api/risks", viewer, [this](Call& c) {
    // The scan shown: the one asked for, else the latest complete one (of the account asked
    // for); new and fixed are counted against the previous complete scan of its account.
    std::vector<store::ScanSummary> complete;
    std::set<std::string> accounts;
    for (auto& s : store.scans())
      if (s.status == "complete") {
        accounts.insert(s.stats.value("account", ""));
        complete.push_back(s);
      }
    std::string wanted_scan = c.query("scan");
    std::optional<std::string> account;
    if (c.req.has_param("account")) account = c.query("account");
    if (!wanted_scan.empty()) {
      auto it = std::find_if(complete.begin(), complete.end(), [&](const auto& s) { return std::to_string(s.id) == wanted_scan; });
      if (it == complete.end()) throw ApiError(404, "not_found", "no complete scan " + wanted_scan);
      account = it->stats.value("account", "");
      complete.erase(complete.begin(), it);
    }
    if (!account && !complete.empty()) account = complete.front().stats.value("account", "");
    std::erase_if(complete, [&](const auto& s) { return s.stats.value("account", "") != *account; });
    if (complete.empty()) {
      c.reply({{"scan", nullptr}, {"accounts", accounts}, {"counts", {{"High", 0}, {"Medium", 0}, {"Low", 0}}}, {"risks", json::array()}});
      return;
    }
    auto current = store.results(complete[0].id);
    auto fixed = engine::mark_risks(complete.size() > 1 ? store.results(complete[1].id) : std::vector<json>{}, current);
    std::string level = c.query("level"), service = c.query("service"), region = c.query("region"), status = c.query("status"),
                signature_id = c.query("signature"), text = to_lower(c.query("q"));
    json counts = {{"High", 0}, {"Medium", 0}, {"Low", 0}};
    json risks = json::array();
    auto consider = [&](json& r) {
      if (r.value("risk", "") != "fixed" && counts.contains(r.value("riskLevel", "")))
        counts[r["riskLevel"].get<std::string>()] = counts[r["riskLevel"].get<std::string>()].get<int>() + 1;
      if (!level.empty() && r.value("riskLevel", "") != level) return;
      if (!service.empty() && to_lower(r.value("service", "")) != to_lower(service)) return;
      if (!region.empty() && r.value("region", "") != region) return;
      if (!signature_id.empty() && r.value("signatureId", "") != signature_id) return;
      if (!text.empty() && to_lower(r.value("description", "") + " " + r.value("resourceName", "") + " " + r.value("message", "")).find(text) == std::string::npos)
        return;
      // Without a status filter: what needs attention, new and open; "fixed" must be asked for.
      std::string risk = r.value("risk", "");
      if (status.empty() ? risk == "fixed" : risk != status) return;
      r.erase("console");
      risks.push_back(std::move(r));
    };
    for (auto& r : current)
      if (r.value("status", "") == "Fail") consider(r);
    for (auto& r : fixed) consider(r);
    // Most severe first; then by signature and resource, so the order is the same every time.
    std::stable_sort(risks.begin(), risks.end(), [](const json& a, const json& b) {
      auto key = [](const json& r) {
        return std::make_tuple(-engine::level_rank(r.value("riskLevel", "")), r.value("signatureId", ""), r.value("region", ""),
                               r.value("resourceName", ""));
      };
      return key(a) < key(b);
    });
    c.reply({{"scan", scan_json(complete[0])}, {"account", *account}, {"accounts", accounts}, {"counts", counts}, {"risks", risks}});
  });
  route("GET", "/api/resources", viewer, [this](Call& c) {
    auto scan = latest_complete_scan();
    json out = json::array();
    std::set<std::string> seen;
    std::string service = c.query("service");
    if (scan)
      for (const auto& r : store.results(scan->id)) {
        std::string key = r.value("resourceKey", "");
        if (key.empty() || !seen.insert(key).second) continue;
        if (!service.empty() && to_lower(r.value("service", "")) != to_lower(service)) continue;
        out.push_back({{"key", key}, {"id", r["resourceId"]}, {"name", r["resourceName"]}, {"arn", r["resourceArn"]},
                       {"service", r["service"]}, {"region", r["region"]}, {"vpc", r["vpc"]}});
      }
    c.reply({{"scan", scan ? json(scan->id) : json()}, {"resources", out}});
  });

  // ---- notification channels and scheduled scans (admin) ----
  // A channel's filters and a schedule's regions must name things that exist (only what a change gives is checked).
  record_routes<notify::Channel>(
      "/api/channels", "channel", channels,
      [this](const json& body, const notify::Channel* base) {
        return parse_and_require_known([&] { return notify::parse_channel(body, base); },
                                       {services_check(listed_in(body, "services")),
                                        check_signature_ids(listed_in(body, "signatures"), store, true)});
      },
      notify::public_view, {});
  route("POST", R"(/api/channels/(\d+)/test)", admin, [this](Call& c) {
    auto ch = channels.find(c.id_param(1, "channel"));
    if (!ch) throw ApiError(404, "not_found", "no channel " + c.param(1));
    c.reply(notifier().send_test(*ch));
  });
  route("GET", "/api/deliveries", admin, [this](Call& c) {
    std::string limit = c.query("limit");
    if (!limit.empty() && (limit.size() > 6 || limit.find_first_not_of("0123456789") != std::string::npos))
      throw InvalidFields("limit must be a number", {{"limit", "must be a number from 1 to 2000"}});
    c.reply(notifier().deliveries(limit.empty() ? 100 : std::clamp<std::size_t>(std::stoul(limit), 1, 2000)));
  });
  record_routes<schedule::Schedule>("/api/schedules", "schedule", schedules,
                                    [this](const json& body, const schedule::Schedule* base) {
                                      return parse_and_require_known([&] { return schedule::parse_schedule(body, base); },
                                                                     {regions_check(listed_in(body, "regions"))});
                                    },
                                    schedule::to_json,
                                    [](schedule::Schedule& s) {
                                      if (s.next_run_at.empty())  // new, or its timing changed: counted from now
                                        s.next_run_at = schedule::to_iso(schedule::next_run(s, std::chrono::system_clock::now()));
                                    });

  // ---- settings ----
  route("GET", "/api/settings", viewer, [this](Call& c) { c.reply(settings_json()); });
  route("PUT", "/api/settings", admin, [this](Call& c) {
    auto body = c.body();
    FieldReader read{body};
    // Everything is checked before anything is saved: a refused change changes nothing.
    std::vector<std::string> regions;
    read.list("regions", regions);
    if (auto known = regions_check(regions); !known.ok() && !read.fields.contains("regions")) read.fields["regions"] = known.message;
    std::string url;
    read.text("publicUrl", url);
    while (!url.empty() && url.back() == '/') url.pop_back();
    if (!url.empty() && !std::regex_match(url, std::regex("https?://[^\\s/?#]+(/[^\\s?#]*)?")))
      read.fields["publicUrl"] = "must be the console's address, such as https://signet.example.com";
    for (const char* key : {"testTimeLimitSeconds", "evaluationTimeLimitSeconds"})
      if (body.contains(key) && (!body[key].is_number() || body[key].get<double>() < 1 || body[key].get<double>() > 3600))
        read.fields[key] = "must be a number of seconds from 1 to 3600";
    if (body.contains("limitStrikes") && (!body["limitStrikes"].is_number_unsigned() || body["limitStrikes"].get<std::uint64_t>() > 10000))
      read.fields["limitStrikes"] = "must be a whole number from 0 (never skip) to 10000";
    for (const char* key : {"maxRequestsPerSecond", "maxServiceRequestsPerSecond"})
      if (body.contains(key) && (!body[key].is_number() || body[key].get<double>() < 0 || body[key].get<double>() > 100000))
        read.fields[key] = "must be requests per second from 0 (no cap) to 100000";
    read.fail_if_any("some settings are not valid");
    if (body.contains("regions")) store.set_setting("regions", regions);
    if (read.given("publicUrl")) store.set_setting("publicUrl", url);
    for (const char* key : {"testTimeLimitSeconds", "evaluationTimeLimitSeconds", "limitStrikes", "maxRequestsPerSecond",
                            "maxServiceRequestsPerSecond"})
      if (body.contains(key)) store.set_setting(key, body[key]);
    c.reply(settings_json());
  });

  route("GET", "/api/openapi.json", viewer, [](Call& c) {
    static const json document = json::parse(signet_openapi_json);  // data, parsed once
    c.reply(document);
  });

  // Anything else under /api: signed-in callers learn it does not exist, others that they must sign in.
  for (const char* method : {"GET", "POST", "PUT", "DELETE"})
    route(
        method, "/api/.*", viewer, [](Call& c) { throw ApiError(404, "not_found", "no API route " + c.req.method + " " + c.req.path); },
        false);

  // The pages: built files by path, else the single page (its router reads the URL's hash).
  http.Get("/.*", [](const httplib::Request& req, httplib::Response& res) {
    const auto& assets = web_assets();
    auto it = assets.find(req.path);
    if (it == assets.end()) it = assets.find("/index.html");
    if (it == assets.end()) {
      res.status = 503;
      res.set_content("The web console was built without its pages: install Node.js and npm, run scripts/setup.sh, and rebuild.\n",
                      "text/plain");
      return;
    }
    if (req.path.rfind("/assets/", 0) == 0) res.set_header("Cache-Control", "public, max-age=31536000, immutable");
    else res.set_header("Cache-Control", "no-cache");
    res.set_content(it->second.body, it->second.content_type.c_str());
  });
}

Server::Server(store::Store& store, ServerOptions options) : impl_(std::make_unique<Impl>(store, std::move(options))) {
  auto& http = impl_->http;
  http.set_payload_max_length(impl_->options.max_body_bytes);
  // Browsers keep several connections alive and Test runs stream for up to a minute: more
  // threads than httplib's default 8, so neither starves the others.
  http.new_task_queue = [] { return new httplib::ThreadPool(32); };
  http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                            {"X-Frame-Options", "DENY"},
                            {"Referrer-Policy", "same-origin"},
                            // CodeMirror injects its own <style> elements; scripts only from here.
                            {"Content-Security-Policy",
                             "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                             "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"}});
  http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    if (req.path.rfind("/api/", 0) == 0) spdlog::debug("{} {} -> {}", req.method, req.path, res.status);
  });
  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (res.status == 413)
      res.set_content(error_body("too_large", "the request body is larger than the server accepts").dump(), "application/json");
    else if (res.body.empty() && req.path.rfind("/api/", 0) == 0)
      res.set_content(error_body("http_" + std::to_string(res.status), "HTTP " + std::to_string(res.status)).dump(), "application/json");
  });
}

Server::~Server() { stop(); }

void Server::bind() {
  auto& http = impl_->http;
  int port = impl_->options.port;
  if (port == 0) port = http.bind_to_any_port(impl_->options.host);
  else if (!http.bind_to_port(impl_->options.host, port)) port = -1;
  if (port <= 0)
    throw std::runtime_error("cannot listen on " + impl_->options.host + ":" + std::to_string(impl_->options.port) +
                             " (in use, or not an address of this machine)");
  port_ = port;
}

void Server::run() {
  {
    std::lock_guard lock(impl_->scheduler_mutex);
    if (impl_->stopping) return;
    impl_->scheduler = std::thread([this] { impl_->run_scheduler(); });
  }
  impl_->http.listen_after_bind();
}

void Server::stop() {
  if (!impl_) return;
  impl_->http.stop();
  {
    std::lock_guard lock(impl_->scheduler_mutex);
    impl_->stopping = true;
  }
  impl_->scheduler_wake.notify_all();
  if (impl_->scheduler.joinable()) impl_->scheduler.join();
}

std::string Server::setup_token() const {
  std::lock_guard lock(impl_->setup_mutex);
  return impl_->setup_token;
}

const std::vector<RouteInfo>& Server::routes() const { return impl_->routes; }

Server::DirectAnswer Server::handle_for_fuzzing(const std::string& method, const std::string& path, const std::string& body,
                                                const std::vector<std::pair<std::string, std::string>>& headers) {
  impl_->compile_code = false;
  httplib::Request req;
  req.method = method;
  req.path = path;
  req.body = body;
  req.remote_addr = "127.0.0.1";
  for (const auto& [name, value] : headers) req.headers.emplace(name, value);
  // As httplib dispatches: the first route of the method whose pattern matches the whole path.
  for (auto& route : impl_->direct_routes) {
    if (route.method != method) continue;
    if (!route.compiled) route.compiled.emplace(route.pattern);
    if (!std::regex_match(req.path, req.matches, *route.compiled)) continue;
    httplib::Response res;
    route.handler(req, res);
    return {res.status == -1 ? 200 : res.status, res.body};
  }
  return {404, ""};
}

}  // namespace signet::server
