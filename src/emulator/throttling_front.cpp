#include "emulator/throttling_front.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "common/glob.h"

#include "cloud/http/request.h"
#include "aws/models/models.h"
#include "emulator/loopback_listener.h"

extern "C" const char signet_aws_like_throttling[];

namespace signet::emulator {

namespace {

using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

bool any_glob(const std::vector<std::string>& patterns, std::string_view text) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) { return glob_match(p, text); });
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find(sep, start);
    out.emplace_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

using Params = std::vector<std::pair<std::string, std::string>>;

// application/x-www-form-urlencoded (also a URL's query string).
void parse_form(std::string_view text, Params& out) {
  if (text.empty()) return;
  for (auto& pair : split(text, '&')) {
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    std::string name = pair.substr(0, eq), value = eq == std::string::npos ? "" : pair.substr(eq + 1);
    std::replace(name.begin(), name.end(), '+', ' ');
    std::replace(value.begin(), value.end(), '+', ' ');
    out.emplace_back(cloud::uri_decode(name), cloud::uri_decode(value));
  }
}

const std::string* find_param(const Params& params, std::string_view name) {
  for (const auto& [k, v] : params)
    if (k == name) return &v;
  return nullptr;
}

// The SigV4 credential scope: Credential=AKID/DATE/REGION/SERVICE/aws4_request.
struct Scope {
  bool signed_request = false;
  std::string access_key, region, service;
};

Scope credential_scope(const httplib::Request& req, const Params& query) {
  std::string credential;
  std::string auth = req.get_header_value("Authorization");
  std::size_t at = auth.find("Credential=");
  if (at != std::string::npos) {
    at += 11;
    credential = auth.substr(at, auth.find_first_of(", ", at) - at);
  } else if (const std::string* presigned = find_param(query, "X-Amz-Credential")) {
    credential = *presigned;
  }
  auto parts = split(credential, '/');
  Scope scope;
  if (parts.size() < 5 || parts[0].empty() || parts[3].empty()) return scope;
  scope.signed_request = true;
  scope.access_key = parts[0];
  scope.region = parts[2];
  scope.service = lower(parts[3]);
  return scope;
}

// A rest operation's method and requestUri, to name a request by its operation.
struct Route {
  std::string method;
  std::vector<std::string> segments;                        // "{Name}", "{Key+}" or literal
  std::vector<std::pair<std::string, std::string>> query;   // required key (and value, if any)
  std::string operation;
  int literals = 0;
};

std::vector<std::string> path_segments(std::string_view path) {
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  return split(path, '/');
}

std::optional<int> route_score(const Route& route, const std::string& method, const std::vector<std::string>& segments,
                               const Params& query) {
  if (route.method != method) return std::nullopt;
  std::size_t i = 0;
  bool greedy = false;
  for (; i < route.segments.size(); ++i) {
    const std::string& s = route.segments[i];
    bool label = s.size() > 2 && s.front() == '{' && s.back() == '}';
    if (label && s[s.size() - 2] == '+') {
      if (i >= segments.size() || segments[i].empty()) return std::nullopt;
      greedy = true;
      break;
    }
    if (i >= segments.size()) return std::nullopt;
    if (label ? segments[i].empty() : segments[i] != s) return std::nullopt;
  }
  if (!greedy && segments.size() != route.segments.size()) return std::nullopt;
  for (const auto& [key, value] : route.query) {
    const std::string* got = find_param(query, key);
    if (!got || (!value.empty() && *got != value)) return std::nullopt;
  }
  return route.literals * 4 + static_cast<int>(route.query.size()) * 2 + (greedy ? 0 : 1);
}

// What the front needs to know of a service, from its model.
struct ServiceInfo {
  std::string protocol;  // query, ec2, json, rest-json, rest-xml; "" when the models lack it
  std::string xml_namespace;
  std::string json_version = "1.1";
  bool query_compatible = false;
  std::vector<Route> routes;
};

std::shared_ptr<const ServiceInfo> load_service_info(const aws::Models& models, const std::string& signing_name) {
  auto info = std::make_shared<ServiceInfo>();
  auto service = models.find(signing_name);
  if (!service) return info;
  info->protocol = service->protocol();
  const json& meta = service->metadata();
  info->xml_namespace = meta.value("xmlNamespace", "");
  info->json_version = meta.value("jsonVersion", "1.1");
  info->query_compatible = meta.contains("awsQueryCompatible");
  if (info->protocol != "rest-json" && info->protocol != "rest-xml") return info;
  for (const auto& name : service->operation_names()) {
    const json* op = service->operation(name);
    if (!op || !op->contains("http")) continue;
    Route route;
    route.operation = name;
    route.method = (*op)["http"].value("method", "GET");
    std::string uri = (*op)["http"].value("requestUri", "/");
    std::size_t q = uri.find('?');
    route.segments = path_segments(uri.substr(0, q));
    for (const auto& s : route.segments)
      if (!(s.size() > 2 && s.front() == '{')) ++route.literals;
    if (q != std::string::npos)
      for (auto& pair : split(uri.substr(q + 1), '&')) {
        if (pair.empty()) continue;
        std::size_t eq = pair.find('=');
        route.query.emplace_back(pair.substr(0, eq), eq == std::string::npos ? "" : pair.substr(eq + 1));
      }
    info->routes.push_back(std::move(route));
  }
  return info;
}

// A request as the buckets see it.
struct Call {
  Scope scope;
  std::shared_ptr<const ServiceInfo> info;
  std::string protocol;   // the model's, else guessed from the request's shape
  std::string operation;  // "DescribeInstances", or "METHOD /path" for an unknown rest route
  Params params;          // names (and values) of the request's parameters
  std::string s3_bucket;
};

std::string random_request_id() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  const char* hex = "0123456789abcdef";
  std::string id = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx";
  for (auto& c : id) {
    if (c == 'x') c = hex[random() % 16];
    else if (c == 'y') c = hex[8 + random() % 4];
  }
  return id;
}

bool hop_by_hop(const std::string& name) {
  static const char* names[] = {"connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization",
                                "te", "trailer", "transfer-encoding", "upgrade", "expect", "content-length"};
  std::string l = lower(name);
  return std::any_of(std::begin(names), std::end(names), [&](const char* n) { return l == n; });
}

// What cpp-httplib's server adds to a request's headers itself.
bool pseudo_header(const std::string& name) {
  return name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" || name == "LOCAL_PORT";
}

std::vector<BucketRule> parse_rules(const json& doc) {
  if (!doc.is_object() || !doc.contains("buckets") || !doc["buckets"].is_array())
    throw EmulatorError("throttling buckets: expected an object with a \"buckets\" array");
  std::vector<BucketRule> rules;
  for (std::size_t i = 0; i < doc["buckets"].size(); ++i) {
    const json& b = doc["buckets"][i];
    std::string where = "throttling bucket " + std::to_string(i);
    try {
      if (!b.is_object()) throw EmulatorError(where + ": not an object");
      BucketRule r;
      r.name = b.at("name").get<std::string>();
      where += " (" + r.name + ")";
      r.service = lower(b.value("service", ""));
      r.actions = b.value("actions", std::vector<std::string>{});
      r.unfiltered_only = b.value("unfiltered_only", false);
      r.filter_params = b.value("filter_params", std::vector<std::string>{});
      r.per_action = b.value("per_action", false);
      r.per_bucket = b.value("per_bucket", false);
      r.capacity = b.at("capacity").get<double>();
      r.refill_per_second = b.at("refill_per_second").get<double>();
      r.error_code = b.value("error_code", "");
      r.error_status = b.value("error_status", 0);
      r.source = b.value("source", "");
      if (r.name.empty()) throw EmulatorError(where + ": empty name");
      if (r.capacity < 0 || r.refill_per_second < 0) throw EmulatorError(where + ": capacity and refill_per_second must be >= 0");
      if (r.unfiltered_only && r.filter_params.empty()) throw EmulatorError(where + ": unfiltered_only needs filter_params");
      rules.push_back(std::move(r));
    } catch (const json::exception& e) {
      throw EmulatorError(where + ": " + e.what());
    }
  }
  return rules;
}

}  // namespace

double FrontCounters::floor_seconds() const {
  double floor = 0;
  for (const auto& b : buckets) {
    double excess = static_cast<double>(b.admitted) - b.capacity;
    if (excess > 0 && b.refill_per_second > 0) floor = std::max(floor, excess / b.refill_per_second);
  }
  return floor;
}

struct ThrottlingFront::Impl {
  ThrottlingOptions options;
  std::vector<BucketRule> rules;
  std::shared_ptr<const aws::Models> models = aws::Models::embedded();
  httplib::Server server;
  std::thread thread;
  int port = 0;
  std::string endpoint;

  struct Bucket {
    double tokens = 0;
    SteadyClock::time_point refilled;
    BucketCounters counters;
  };

  mutable std::mutex mutex;  // everything below
  std::unordered_map<std::string, Bucket> buckets;
  std::vector<std::string> bucket_order;  // keys in first-use order
  FrontCounters totals;
  std::size_t in_flight = 0;
  double in_flight_area = 0;  // integral of in_flight over time, in request-seconds
  SteadyClock::time_point first_arrival{}, last_change{}, last_answer{};
  bool any_arrival = false;

  std::mutex services_mutex;
  std::unordered_map<std::string, std::shared_ptr<const ServiceInfo>> services;

  std::mutex pool_mutex;
  std::vector<std::unique_ptr<httplib::Client>> idle_clients;

  SteadyClock::time_point bucket_now() const { return options.clock ? options.clock() : SteadyClock::now(); }

  void account_in_flight(SteadyClock::time_point now) {  // with mutex held
    if (any_arrival) in_flight_area += static_cast<double>(in_flight) * std::chrono::duration<double>(now - last_change).count();
    last_change = now;
  }

  struct InFlight {
    Impl& impl;
    explicit InFlight(Impl& i) : impl(i) {
      auto now = SteadyClock::now();
      std::lock_guard lock(impl.mutex);
      if (!impl.any_arrival) {
        impl.any_arrival = true;
        impl.first_arrival = impl.last_change = now;
      }
      impl.account_in_flight(now);
      impl.totals.max_in_flight = std::max(impl.totals.max_in_flight, ++impl.in_flight);
    }
    ~InFlight() {
      auto now = SteadyClock::now();
      std::lock_guard lock(impl.mutex);
      impl.account_in_flight(now);
      --impl.in_flight;
      impl.last_answer = now;
    }
  };

  std::shared_ptr<const ServiceInfo> service_info(const std::string& signing_name) {
    std::lock_guard lock(services_mutex);
    auto& slot = services[signing_name];
    if (!slot) slot = load_service_info(*models, signing_name);
    return slot;
  }

  Call classify(const httplib::Request& req) {
    Call call;
    std::size_t q = req.target.find('?');
    std::string raw_path = req.target.substr(0, q);
    Params query;
    if (q != std::string::npos) parse_form(std::string_view(req.target).substr(q + 1), query);
    call.scope = credential_scope(req, query);
    if (!call.scope.signed_request) return call;
    call.info = service_info(call.scope.service);
    call.protocol = call.info->protocol;
    std::string content_type = lower(req.get_header_value("Content-Type"));
    std::string target = req.get_header_value("X-Amz-Target");
    if (call.protocol.empty()) {
      if (!target.empty()) call.protocol = "json";
      else if (content_type.find("x-www-form-urlencoded") != std::string::npos || find_param(query, "Action")) call.protocol = "query";
      else call.protocol = "rest-json";
    }
    auto json_keys = [&] {
      json body = json::parse(req.body.empty() ? "{}" : req.body, nullptr, false);
      if (body.is_object())
        for (const auto& [key, value] : body.items()) call.params.emplace_back(key, value.is_string() ? value.get<std::string>() : value.dump());
    };
    if (call.protocol == "query" || call.protocol == "ec2") {
      if (content_type.empty() || content_type.find("x-www-form-urlencoded") != std::string::npos) parse_form(req.body, call.params);
      call.params.insert(call.params.end(), query.begin(), query.end());
      if (const std::string* action = find_param(call.params, "Action")) call.operation = *action;
    } else if (call.protocol == "json" || !target.empty()) {
      call.operation = target.substr(target.rfind('.') == std::string::npos ? 0 : target.rfind('.') + 1);
      json_keys();
    } else {
      call.params = query;
      if (call.protocol == "rest-json") json_keys();
      std::string path = raw_path;
      if (call.scope.service == "s3") {
        // Virtual-hosted style (bucket.s3[.region].amazonaws.com): the bucket is the host's first label.
        std::string host = lower(req.get_header_value("Host"));
        std::size_t s3 = host.find(".s3");
        if (s3 != std::string::npos && s3 > 0 && (host.compare(s3, 4, ".s3.") == 0 || host.compare(s3, 4, ".s3-") == 0)) {
          call.s3_bucket = host.substr(0, s3);
          path = "/" + call.s3_bucket + raw_path;
        } else {
          auto segments = path_segments(raw_path);
          if (!segments.empty()) call.s3_bucket = cloud::uri_decode(segments[0]);
        }
      }
      auto segments = path_segments(path);
      int best = -1;
      for (const auto& route : call.info->routes)
        if (auto score = route_score(route, req.method, segments, query); score && *score > best) {
          best = *score;
          call.operation = route.operation;
        }
      if (call.operation.empty()) call.operation = req.method + " " + raw_path;
    }
    return call;
  }

  const BucketRule* match(const Call& call) const {
    for (const auto& rule : rules) {
      if (!rule.service.empty() && rule.service != call.scope.service) continue;
      if (!rule.actions.empty() && !any_glob(rule.actions, call.operation)) continue;
      if (rule.unfiltered_only &&
          std::any_of(call.params.begin(), call.params.end(), [&](const auto& p) { return any_glob(rule.filter_params, p.first); }))
        continue;
      return &rule;
    }
    return nullptr;
  }

  // Takes a token; false when the bucket is empty.
  bool take_token(const Call& call, const BucketRule& rule) {
    std::string key = call.scope.access_key + "/" + call.scope.region + "/" + call.scope.service + "/" + rule.name;
    if (rule.per_action) key += "/" + call.operation;
    if (rule.per_bucket) key += "/" + call.s3_bucket;
    auto now = bucket_now();
    std::lock_guard lock(mutex);
    auto [it, fresh] = buckets.try_emplace(key);
    Bucket& b = it->second;
    if (fresh) {
      b.tokens = rule.capacity;
      b.refilled = now;
      b.counters = {key, rule.name, rule.capacity, rule.refill_per_second};
      bucket_order.push_back(key);
    } else if (now > b.refilled) {
      b.tokens = std::min(rule.capacity, b.tokens + std::chrono::duration<double>(now - b.refilled).count() * rule.refill_per_second);
      b.refilled = now;
    }
    ++b.counters.requests;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      ++b.counters.admitted;
      return true;
    }
    ++b.counters.throttled;
    ++totals.throttled;
    ++totals.throttled_by_service[call.scope.service];
    return false;
  }

  void throttled_answer(const Call& call, const BucketRule& rule, httplib::Response& res) const {
    const std::string id = random_request_id();
    auto pick = [&](const char* code, int status) {
      res.status = rule.error_status ? rule.error_status : status;
      return rule.error_code.empty() ? std::string(code) : rule.error_code;
    };
    auto query_style = [&](const std::string& code, const std::string& ns) {
      std::string xmlns = ns.empty() ? "" : " xmlns=\"" + ns + "\"";
      res.set_header("x-amzn-RequestId", id);
      res.set_content("<ErrorResponse" + xmlns + "><Error><Type>Sender</Type><Code>" + code +
                          "</Code><Message>Rate exceeded</Message></Error><RequestId>" + id + "</RequestId></ErrorResponse>",
                      "text/xml");
    };
    if (call.protocol == "ec2") {
      std::string code = pick("RequestLimitExceeded", 503);
      res.set_content("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code +
                          "</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>" + id +
                          "</RequestID></Response>",
                      "text/xml;charset=UTF-8");
    } else if (call.protocol == "query") {
      query_style(pick("Throttling", 400), call.info ? call.info->xml_namespace : "");
    } else if (call.protocol == "rest-xml" && call.scope.service == "s3") {
      std::string code = pick("SlowDown", 503);
      std::string host_id = random_request_id();
      res.set_header("x-amz-request-id", id);
      res.set_header("x-amz-id-2", host_id);
      res.set_content("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code +
                          "</Code><Message>Please reduce your request rate.</Message><RequestId>" + id + "</RequestId><HostId>" +
                          host_id + "</HostId></Error>",
                      "application/xml");
    } else if (call.protocol == "rest-xml") {  // Route 53, CloudFront: the query protocol's error document
      query_style(pick("Throttling", 400), call.info ? call.info->xml_namespace : "");
    } else {  // json, rest-json and anything else
      std::string code = pick("ThrottlingException", 400);
      res.set_header("x-amzn-RequestId", id);
      res.set_header("x-amzn-ErrorType", code);
      if (call.info && call.info->query_compatible) res.set_header("x-amzn-query-error", "Throttling;Sender");
      std::string type = call.protocol == "json" ? "application/x-amz-json-" + call.info->json_version : "application/json";
      res.set_content(json{{"__type", code}, {"message", "Rate exceeded"}}.dump(), type);
    }
  }

  std::unique_ptr<httplib::Client> take_client() {
    {
      std::lock_guard lock(pool_mutex);
      if (!idle_clients.empty()) {
        auto c = std::move(idle_clients.back());
        idle_clients.pop_back();
        return c;
      }
    }
    auto c = std::make_unique<httplib::Client>(options.upstream);
    c->set_keep_alive(true);   // reused unless the upstream says Connection: close (moto does)
    c->set_decompress(false);  // bodies pass through as they are
    c->set_url_encode(false);  // the target is already encoded (and signed)
    c->set_connection_timeout(5, 0);
    c->set_read_timeout(120, 0);
    c->set_write_timeout(120, 0);
    return c;
  }

  void give_back(std::unique_ptr<httplib::Client> c) {
    std::lock_guard lock(pool_mutex);
    idle_clients.push_back(std::move(c));
  }

  void forward(const httplib::Request& in, httplib::Response& out) {
    httplib::Request up;
    up.method = in.method;
    up.path = in.target;
    for (const auto& [name, value] : in.headers)
      if (!hop_by_hop(name) && !pseudo_header(name)) up.headers.emplace(name, value);
    if (!in.has_header("Accept-Encoding")) up.set_header("Accept-Encoding", "identity");
    up.body = in.body;
    auto client = take_client();
    httplib::Response answer;
    httplib::Error error = httplib::Error::Success;
    bool ok = client->send(up, answer, error);
    give_back(std::move(client));
    std::lock_guard lock(mutex);
    if (!ok) {
      ++totals.upstream_errors;
      out.status = 502;
      out.set_content("upstream " + options.upstream + ": " + httplib::to_string(error), "text/plain");
      return;
    }
    ++totals.forwarded;
    out.status = answer.status;
    std::string content_type;
    for (const auto& [name, value] : answer.headers) {
      // A HEAD answer's Content-Length is the resource's size (S3 HeadObject): keep it.
      if (hop_by_hop(name) && !(in.method == "HEAD" && lower(name) == "content-length")) continue;
      if (lower(name) == "content-type") content_type = value;
      else out.headers.emplace(name, value);
    }
    if (!content_type.empty()) out.set_content(std::move(answer.body), content_type);
    else out.body = std::move(answer.body);
  }

  void handle(const httplib::Request& req, httplib::Response& res) {
    InFlight guard(*this);
    Call call = classify(req);
    {
      std::lock_guard lock(mutex);
      ++totals.received;
      ++totals.received_by_service[call.scope.signed_request ? call.scope.service : "(unsigned)"];
    }
    // The added latency stands for the way to AWS: the buckets see the request after it.
    auto delay = options.latency;
    if (options.jitter.count() > 0) {
      thread_local std::mt19937_64 random{std::random_device{}()};
      delay += std::chrono::milliseconds(std::uniform_int_distribution<long long>(0, options.jitter.count())(random));
    }
    if (delay.count() > 0) std::this_thread::sleep_for(delay);  // no lock held: other requests go on
    if (call.scope.signed_request)
      if (const BucketRule* rule = match(call); rule && !take_token(call, *rule)) return throttled_answer(call, *rule, res);
    forward(req, res);
  }
};

ThrottlingFront::ThrottlingFront(ThrottlingOptions options) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.options = std::move(options);
  if (m.options.upstream.empty()) throw EmulatorError("ThrottlingFront: no upstream URL");
  m.rules = m.options.buckets ? *m.options.buckets : aws_like_buckets();
  int threads = std::max(m.options.threads, 128);
  m.server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  m.server.set_keep_alive_max_count(1000);
  m.server.set_keep_alive_timeout(1);  // an idle connection holds a thread; 1 s also bounds shutdown
  m.server.set_read_timeout(120, 0);
  m.server.set_write_timeout(120, 0);
  auto handler = [this](const httplib::Request& req, httplib::Response& res) { impl_->handle(req, res); };
  m.server.Get(".*", handler);  // HEAD too
  m.server.Post(".*", handler);
  m.server.Put(".*", handler);
  m.server.Patch(".*", handler);
  m.server.Delete(".*", handler);
  m.server.Options(".*", handler);
  m.port = bind_loopback(m.server, m.options.backlog);
  if (m.port <= 0) throw EmulatorError("ThrottlingFront: cannot listen on a loopback port");
  m.endpoint = "http://127.0.0.1:" + std::to_string(m.port);
  m.thread = std::thread([&m] { m.server.listen_after_bind(); });
  while (!m.server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

ThrottlingFront::~ThrottlingFront() {
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

const std::string& ThrottlingFront::endpoint() const { return impl_->endpoint; }
int ThrottlingFront::port() const { return impl_->port; }

FrontCounters ThrottlingFront::counters() const {
  const Impl& m = *impl_;
  auto now = SteadyClock::now();
  std::lock_guard lock(m.mutex);
  FrontCounters c = m.totals;
  for (const auto& key : m.bucket_order) c.buckets.push_back(m.buckets.at(key).counters);
  if (m.any_arrival) {
    auto end = m.in_flight > 0 ? now : m.last_answer;
    double area = m.in_flight_area + static_cast<double>(m.in_flight) * std::chrono::duration<double>(now - m.last_change).count();
    double span = std::chrono::duration<double>(end - m.first_arrival).count();
    c.mean_in_flight = span > 0 ? area / span : 0;
  }
  return c;
}

const std::vector<BucketRule>& ThrottlingFront::aws_like_buckets() {
  static const std::vector<BucketRule> rules = parse_buckets(signet_aws_like_throttling);
  return rules;
}

std::vector<BucketRule> ThrottlingFront::parse_buckets(const std::string& json_text) {
  json doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded()) throw EmulatorError("throttling buckets: not valid JSON");
  return parse_rules(doc);
}

}  // namespace signet::emulator
