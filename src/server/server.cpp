// The server itself: construction, serving and stopping, the scheduler thread, the answers
// several topics share, and the API's own routes (its description, the catch-all) and the pages.
#include "server/server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <regex>

#include "inventory/inventory.h"
#include "provider/providers.h"
#include "schedule/schedule.h"
#include "server/assets.h"
#include "server/server_impl.h"

extern "C" const char signet_openapi_json[];

namespace signet::server {

using nlohmann::json;

Server::Impl::Impl(store::Store& s, ServerOptions o)
    : store(s), options(check(std::move(o))), jobs(s, options.engine), channels(s, *options.secrets), schedules(s),
      account_records(s), organization_records(s) {
  if (store.users().empty()) setup_token = notify::random_hex(16);
  register_routes();
}

ServerOptions Server::Impl::check(ServerOptions o) {
  if (!o.secrets) throw std::invalid_argument("the server needs a secret key for channel secrets");
  return o;
}

// ---- shared answers ----

notify::Notifier Server::Impl::notifier() {
  notify::DeliveryOptions delivery = options.delivery;
  json url = store.setting("publicUrl");
  if (url.is_string()) delivery.console_url = url;
  return notify::Notifier(store, *options.secrets, delivery);
}

bool Server::Impl::start_scan(const std::string& accounts, engine::ScanOptions scan, std::int64_t schedule_id) {
  json settings = settings_json();
  unsigned concurrency = settings["accountConcurrency"].get<unsigned>();
  return jobs.start_scan(accounts::Selection::parse(accounts), std::move(scan), default_regions(), concurrency,
                         [this, schedule_id](const std::vector<engine::ScanReport>& reports, const std::string& error) {
                           // On the queue, the worker that finished each scan told the channels.
                           if (options.engine.queue.empty()) {
                             auto notify = notifier();
                             for (const auto& r : reports) notify.notify_scan(notify::news_of(store, r.scan_id, r.stats));
                           }
                           if (!schedule_id) return;
                           if (auto s = schedules.find(schedule_id)) {
                             std::size_t failed = 0;
                             for (const auto& r : reports) failed += r.stats["unreachable"].is_string();
                             s->last_status = !error.empty()     ? "failed: " + error
                                              : reports.empty()  ? "failed: no account to scan"
                                              : failed           ? "complete; " + std::to_string(failed) + " of " + std::to_string(reports.size()) +
                                                                       " accounts could not be scanned"
                                                                 : "complete";
                             s->last_scan_id = reports.empty() ? 0 : reports.back().scan_id;
                             schedules.update(*s);
                           }
                         });
}

engine::ScanOptions Server::Impl::scan_options(const std::vector<std::string>& regions) {
  engine::ScanOptions scan;
  scan.regions = regions;  // empty: each account's own, else the server's defaults
  json settings = settings_json();
  scan.evaluation_time_limit =
      std::chrono::milliseconds(static_cast<std::int64_t>(settings["evaluationTimeLimitSeconds"].get<double>() * 1000));
  scan.limit_strikes = settings["limitStrikes"].get<unsigned>();
  scan.rate_caps = {settings["maxRequestsPerSecond"].get<double>(), settings["maxServiceRequestsPerSecond"].get<double>()};
  return scan;
}

void Server::Impl::apply_retention() {
  json settings = settings_json();
  store::Retention keep{settings["retentionScans"].get<std::size_t>(), settings["retentionDays"].get<std::size_t>()};
  if (!keep.scans_per_account && !keep.days) return;
  auto report = store.apply_retention(keep);
  if (report.scans_removed)
    spdlog::info("retention: {} scan(s) and {} result(s) removed (keeping {} scan(s) per account, {} day(s))", report.scans_removed,
                 report.results_removed, keep.scans_per_account, keep.days);
}

void Server::Impl::run_scheduler() {
  std::unique_lock lock(scheduler_mutex);
  auto next_retention = std::chrono::steady_clock::now();  // at start, then hourly
  while (!stopping) {
    lock.unlock();
    try {
      schedule::run_due(schedules, std::chrono::system_clock::now(), [this](const schedule::Schedule& s) {
        spdlog::info("schedule '{}' starts a scan of {}", s.name, s.account.empty() ? "every enabled account" : "'" + s.account + "'");
        return start_scan(s.account, scan_options(s.regions), s.id);
      });
    } catch (const std::exception& e) {
      spdlog::error("scheduler: {}", e.what());
    }
    if (std::chrono::steady_clock::now() >= next_retention) {
      next_retention = std::chrono::steady_clock::now() + std::chrono::hours(1);
      try {
        apply_retention();
      } catch (const std::exception& e) {
        spdlog::error("retention: {}", e.what());
      }
    }
    lock.lock();
    scheduler_wake.wait_for(lock, options.schedule_tick, [this] { return stopping; });
  }
}

std::optional<store::ScanSummary> Server::Impl::latest_complete_scan() {
  store::ScanFilter filter;
  filter.status = "complete";
  filter.limit = 1;
  auto newest = store.scans(filter);
  if (newest.empty()) return std::nullopt;
  return newest.front();
}

NameCheck Server::Impl::services_check(const std::vector<std::string>& services) const { return provider::check_services(services); }
NameCheck Server::Impl::regions_check(const std::vector<std::string>& regions) const { return provider::check_regions(regions); }

std::vector<std::string> Server::Impl::default_regions() {
  auto configured = store.setting("regions");
  if (configured.is_array() && !configured.empty()) return configured.get<std::vector<std::string>>();
  return options.default_regions;
}

json Server::Impl::settings_json() {
  json time_limit = store.setting("testTimeLimitSeconds");
  json evaluation = store.setting("evaluationTimeLimitSeconds");
  json strikes = store.setting("limitStrikes");
  json account_cap = store.setting("maxRequestsPerSecond"), service_cap = store.setting("maxServiceRequestsPerSecond");
  json concurrency = store.setting("accountConcurrency");
  json public_url = store.setting("publicUrl");
  json keep_scans = store.setting("retentionScans"), keep_days = store.setting("retentionDays");
  return {{"regions", default_regions()},
          {"retentionScans", keep_scans.is_number_unsigned() ? keep_scans : json(0)},
          {"retentionDays", keep_days.is_number_unsigned() ? keep_days : json(0)},
          {"publicUrl", public_url.is_string() ? public_url : json("")},
          {"testTimeLimitSeconds", time_limit.is_number() ? time_limit : json(60)},
          {"evaluationTimeLimitSeconds", evaluation.is_number() ? evaluation : json(60)},
          {"limitStrikes", strikes.is_number_unsigned() ? strikes : json(3)},
          {"maxRequestsPerSecond", account_cap.is_number() ? account_cap : json(0)},
          {"maxServiceRequestsPerSecond", service_cap.is_number() ? service_cap : json(0)},
          {"accountConcurrency", concurrency.is_number_unsigned() && concurrency.get<unsigned>() >= 1 ? concurrency : json(4)}};
}

// ---- the routes ----

void Server::Impl::register_routes() {
  // By topic (routes_<topic>.cpp). Where two patterns match a path the first registered wins,
  // so the catch-all and the pages come after every topic.
  register_session_routes();
  register_signature_routes();
  register_scan_routes();
  register_notification_routes();
  register_settings_routes();
  register_account_routes();
  register_mutelist_routes();
  register_compliance_routes();

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
