#include "aws/client/client.h"

#include <algorithm>
#include <ctime>
#include <set>

#include "aws/client/path.h"
#include "aws/parse/parser.h"
#include "aws/policy/policy.h"
#include "aws/serialize/serializer.h"
#include "aws/validate/validate.h"

extern "C" const char signet_aws_quotas[];

namespace signet::aws {

using nlohmann::json;

namespace {

json error_json(const std::string& code, const std::string& message, int status) {
  return {{"code", code}, {"message", message}, {"statusCode", status}};
}

std::vector<std::string> as_list(const json& v) {
  if (v.is_string()) return {v.get<std::string>()};
  if (v.is_array()) return v.get<std::vector<std::string>>();
  return {};
}

// IAM answers policy documents as URL-encoded JSON text; like botocore and the AWS CLI,
// give them as JSON. Walks the output along its shape to find the policyDocumentType fields.
void decode_policy_documents(const ServiceModel& service, const json& ref, json& value, int depth = 0) {
  if (service.name() != "iam" || depth > 20 || value.is_null()) return;
  const std::string shape_name = ref["shape"];
  const json& shape = service.shape(shape_name);
  const std::string type = shape.value("type", "structure");
  if (shape_name == "policyDocumentType" && value.is_string()) {
    json parsed = json::parse(cloud::uri_decode(value.get<std::string>()), nullptr, false);
    if (!parsed.is_discarded()) value = std::move(parsed);
  } else if (type == "structure" && value.is_object()) {
    for (const auto& [name, member] : members_of(shape).items())
      if (value.contains(name)) decode_policy_documents(service, member, value[name], depth + 1);
  } else if (type == "list" && value.is_array()) {
    for (auto& item : value) decode_policy_documents(service, shape["member"], item, depth + 1);
  } else if (type == "map" && value.is_object()) {
    for (auto& [k, v] : value.items()) decode_policy_documents(service, shape["value"], v, depth + 1);
  }
}

// S3 on AWS addresses a bucket by host name (bucket.s3.region.amazonaws.com) when its
// name allows; path-style stays for names with dots or capitals, and for user endpoints.
void use_virtual_host(cloud::HttpRequest& request, const json& params) {
  if (!params.contains("Bucket") || !params["Bucket"].is_string()) return;
  const std::string bucket = params["Bucket"];
  bool dns_name = bucket.size() >= 3 && bucket.size() <= 63 && bucket.front() != '-' && bucket.back() != '-';
  for (char c : bucket) dns_name = dns_name && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  const std::string prefix = "/" + cloud::uri_encode(bucket, true);
  if (!dns_name || request.path.rfind(prefix, 0) != 0) return;
  std::string rest = request.path.substr(prefix.size());
  if (!rest.empty() && rest[0] != '/') return;  // the path named a longer bucket
  request.path = rest.empty() ? "/" : rest;
  request.host = bucket + "." + request.host;
  request.set_header("Host", request.host);
}

}  // namespace

struct AwsClient::Pending {
  CallRequest request;
  std::shared_ptr<const ServiceModel> service;
  const json* operation = nullptr;
  const json* paginator = nullptr;
  Endpoint endpoint;
  std::unique_ptr<Parser> parser;
  json params;                 // this page's parameters
  cloud::HttpRequest page;            // this page's request, serialized once, signed per attempt
  json collected;              // result keys gathered so far
  std::set<std::string> seen_tokens;
  std::size_t items = 0;
  int attempt = 0;             // tries of the current page
  cloud::BucketKey bucket;
  std::uint64_t epoch = 0;     // the bucket's decrease count when this attempt was sent
  io::Clock::time_point wait_started{};  // when it began waiting (rate control or back-off)
  cloud::CallResult result;
  std::function<void(cloud::CallResult)> done;
};

cloud::HttpRequest prepare_request(const ServiceModel& service, const json& operation, const json& params, const Endpoint& endpoint) {
  cloud::HttpRequest request = make_serializer(service.protocol())->serialize(service, operation, params);
  cloud::apply_endpoint(request, endpoint.url, !endpoint.overridden);
  if (service.name() == "s3" && !endpoint.overridden) use_virtual_host(request, params);
  request.set_header("User-Agent", "signet/" SIGNET_VERSION);
  return request;
}

void sign_request(cloud::HttpRequest& request, const ServiceModel& service, const Endpoint& endpoint, const std::optional<Credentials>& credentials) {
  if (credentials) {
    bool s3 = service.signing_name() == "s3" || endpoint.signing_name == "s3";
    SigningOptions signing{endpoint.signing_region, endpoint.signing_name, std::time(nullptr)};
    signing.normalize_path = !s3;
    signing.double_encode_path = !s3;
    signing.content_sha256_header = s3;
    sign(request, *credentials, signing);
  }
}

cloud::HttpRequest build_signed_request(const ServiceModel& service, const json& operation, const json& params, const Endpoint& endpoint,
                                 const std::optional<Credentials>& credentials) {
  cloud::HttpRequest request = prepare_request(service, operation, params, endpoint);
  sign_request(request, service, endpoint, credentials);
  return request;
}

const json& documented_quotas() {
  static const json quotas = json::parse(signet_aws_quotas);
  return quotas;
}

namespace {

// Without a control of its own, a client draws from the process's, which learns AWS's
// documented quotas once.
cloud::RateLimitOptions with_shared_control(cloud::RateLimitOptions options) {
  static const std::shared_ptr<cloud::RateControl> shared = [] {
    auto control = cloud::RateControl::shared();
    control->add_quotas(documented_quotas());
    return control;
  }();
  if (!options.control) options.control = shared;
  return options;
}

}  // namespace

AwsClient::AwsClient(io::EventLoop& loop, std::shared_ptr<const Models> models, std::shared_ptr<CredentialChain> credentials,
                     ClientOptions options)
    : loop_(loop),
      models_(std::move(models)),
      credentials_(std::move(credentials)),
      options_(std::move(options)),
      resolver_(models_->endpoints(), options_.endpoints),
      http_(loop, options_.http),
      limiter_(loop, with_shared_control(options_.rate)) {}

AwsClient::~AwsClient() = default;

std::shared_ptr<const ServiceModel> AwsClient::check(const CallRequest& request) const {
  auto service = models_->find(request.service);
  if (!service) throw cloud::CallRefused("unknown service '" + request.service + "' (the AWS models have no service by that name)");
  const json* operation = service->operation(request.operation);
  if (!operation) throw cloud::CallRefused("unknown operation '" + request.operation + "' for service " + service->name());
  if (!request.api_version.empty()) {
    const auto& versions = service->versions();
    if (std::find(versions.begin(), versions.end(), request.api_version) == versions.end()) {
      std::string known;
      for (const auto& v : versions) known += (known.empty() ? "" : ", ") + v;
      throw cloud::CallRefused("apiVersion '" + request.api_version + "' is not a version of " + service->name() + " (known: " + known + ")");
    }
  }
  const std::string name = (*operation)["name"];
  if (options_.read_only && !options_.writes_allowed.count(service->name() + ":" + name)) {
    auto decision = ReadOnlyPolicy::builtin().check(*service, name, request.params);
    if (!decision.allowed) throw cloud::CallRefused(decision.reason);
  }
  auto problems = validate_params(*service, *operation, request.params);
  if (!problems.empty()) {
    std::string message = "invalid params for " + service->name() + ":" + name + ": ";
    for (std::size_t i = 0; i < problems.size(); ++i) message += (i ? "; " : "") + problems[i];
    throw cloud::CallRefused(message);
  }
  return service;
}

std::unique_ptr<AwsClient> AwsClient::writer(std::set<std::string> writes) const {
  ClientOptions options = options_;
  options.writes_allowed = std::move(writes);
  return std::make_unique<AwsClient>(loop_, models_, credentials_, options);
}

void AwsClient::call(const CallRequest& request, std::function<void(cloud::CallResult)> done) {
  auto p = std::make_shared<Pending>();
  p->request = request;
  p->service = check(request);
  p->operation = p->service->operation(request.operation);
  const std::string name = (*p->operation)["name"];
  p->paginator = request.paginate ? p->service->paginator(name) : nullptr;
  try {
    p->endpoint = resolver_.resolve(*p->service, request.region);
  } catch (const std::invalid_argument& e) {
    throw cloud::CallRefused(e.what());
  }
  p->parser = make_parser(p->service->protocol());
  p->params = request.params.is_null() ? json::object() : request.params;
  try {
    p->page = prepare_request(*p->service, *p->operation, p->params, p->endpoint);  // refuse now what cannot be sent
  } catch (const std::exception& e) {
    throw cloud::CallRefused(p->service->name() + ":" + name + ": " + e.what());
  }
  p->done = std::move(done);
  ++stats_.calls;
  send_page(std::move(p));
}

void AwsClient::send_page(std::shared_ptr<Pending> p) {
  ++p->attempt;
  ++p->result.attempts;
  Credentials credentials;
  try {
    credentials = credentials_->get();
  } catch (const CredentialError& e) {
    return finish(p, error_json("NoCredentials", e.what(), 0));
  }
  cloud::HttpRequest request = p->page;  // each attempt signs afresh (the date is part of the signature)
  sign_request(request, *p->service, p->endpoint, credentials);
  const std::string account = options_.rate_account.empty() ? credentials.access_key_id : options_.rate_account;
  p->bucket = limiter_.control().key_for(account, p->endpoint.signing_region, p->service->name(), (*p->operation)["name"], p->params);
  if (p->wait_started == io::Clock::time_point{}) p->wait_started = io::Clock::now();
  limiter_.acquire(p->bucket, [this, p, request = std::move(request)](std::uint64_t epoch) mutable {
    p->epoch = epoch;
    p->result.waited += std::chrono::duration_cast<std::chrono::milliseconds>(io::Clock::now() - p->wait_started);
    p->wait_started = {};
    ++stats_.requests;
    ++stats_.requests_by_service[p->service->name()];
    ++stats_.requests_by_operation[p->service->name() + ":" + (*p->operation)["name"].get<std::string>()];
    http_.send(request, [this, p](cloud::HttpResult result) { on_answer(p, std::move(result)); });
  });
}

void AwsClient::retry_or_fail(std::shared_ptr<Pending> p, json error, bool retryable, bool throttled) {
  if (auto delay = cloud::retry_delay(options_.retry, p->attempt, retryable, throttled, p->result.waited, random_)) {
    ++stats_.retries;
    p->wait_started = io::Clock::now();
    loop_.add_timer(io::Clock::now() + *delay, [this, p] { send_page(p); });
    return;
  }
  finish(p, cloud::final_error(std::move(error), throttled, p->result));
}

void AwsClient::on_answer(std::shared_ptr<Pending> p, cloud::HttpResult result) {
  if (!result.ok()) return retry_or_fail(p, error_json("NetworkError", result.transport_error, 0), true, false);
  const cloud::HttpResponse& response = result.response;
  if (response.status < 200 || response.status >= 300) {
    ApiError e = p->parser->parse_error(*p->service, response);
    bool throttled = cloud::is_throttling(e.code, e.status);
    limiter_.on_answer(p->bucket, throttled, p->epoch);
    if (throttled) {
      ++stats_.throttled;
      ++stats_.throttled_by_service[p->service->name()];
      ++p->result.throttled;
    }
    return retry_or_fail(p, error_json(e.code, e.message, e.status), cloud::is_retryable(e.code, e.status), throttled);
  }
  limiter_.on_answer(p->bucket, false, p->epoch);
  json output;
  try {
    output = p->parser->parse(*p->service, *p->operation, response);
  } catch (const std::exception& e) {
    return finish(p, error_json("MalformedResponse", std::string("the answer could not be read: ") + e.what(), response.status));
  }
  ReadOnlyPolicy::builtin().redact(*p->service, (*p->operation)["name"], output);
  if (p->operation->contains("output")) decode_policy_documents(*p->service, (*p->operation)["output"], output);
  ++p->result.pages;
  p->attempt = 0;

  if (!p->paginator) {
    p->result.api_response = std::move(output);
    return finish(p, nullptr);
  }
  const json& pg = *p->paginator;
  auto result_keys = as_list(pg.value("result_key", json()));
  if (p->collected.is_null()) p->collected = json::object();
  for (const auto& key : result_keys) {
    json value = json_path_get(output, key);
    json& into = p->collected[key];
    if (value.is_array()) {
      if (!into.is_array()) into = json::array();
      for (auto& item : value) {
        if (p->items >= options_.max_items) {
          p->result.truncated = true;
          break;
        }
        into.push_back(std::move(item));
        ++p->items;
      }
    } else if (!value.is_null()) {
      into = std::move(value);  // a non-list result key keeps the latest page's value
    }
  }
  // The next page, unless the answer says there is none or repeats a token.
  auto inputs = as_list(pg.value("input_token", json())), outputs = as_list(pg.value("output_token", json()));
  bool more = pg.contains("more_results") ? json_path_get(output, pg["more_results"].get<std::string>()) == true : true;
  json next = json::object();
  bool any_token = false;
  for (std::size_t i = 0; i < inputs.size() && i < outputs.size(); ++i) {
    json token = json_path_get(output, outputs[i]);
    if (!token.is_null()) {
      next[inputs[i]] = token;
      any_token = true;
    }
  }
  std::string token_text = next.dump();
  bool repeated = !p->seen_tokens.insert(token_text).second;
  if (more && any_token && !repeated && !p->result.truncated && p->result.pages < options_.max_pages) {
    for (auto& [k, v] : next.items()) p->params[k] = v;
    try {
      p->page = prepare_request(*p->service, *p->operation, p->params, p->endpoint);
    } catch (const std::exception& e) {
      return finish(p, error_json("InvalidRequest", e.what(), 0));
    }
    return send_page(p);
  }
  if (p->result.pages >= options_.max_pages && more && any_token) p->result.truncated = true;
  if (result_keys.size() == 1) {
    json& only = p->collected[result_keys[0]];
    p->result.api_response = only.is_null() ? json::array() : std::move(only);
  } else {
    p->result.api_response = std::move(p->collected);
  }
  finish(p, nullptr);
}

void AwsClient::finish(std::shared_ptr<Pending> p, json error) {
  p->result.error = std::move(error);
  if (!p->result.error.is_null()) p->result.api_response = nullptr;
  auto done = std::move(p->done);
  done(std::move(p->result));
}

StsCaller make_sts_caller(std::shared_ptr<const Models> models, EndpointOverrides overrides, cloud::HttpOptions http) {
  return [models, overrides, http](const std::string& operation, const json& params, const std::optional<Credentials>& signer,
                                   const std::string& region) {
    auto sts = models->find("sts");
    EndpointResolver resolver(models->endpoints(), overrides);
    Endpoint endpoint = resolver.resolve(*sts, region);
    const json& op = *sts->operation(operation);
    cloud::HttpResult result = cloud::send_blocking(build_signed_request(*sts, op, params, endpoint, signer), http);
    auto parser = make_parser(sts->protocol());
    if (!result.ok()) throw CredentialError("STS " + operation + ": " + result.transport_error);
    if (result.response.status != 200) {
      ApiError e = parser->parse_error(*sts, result.response);
      throw CredentialError("STS " + operation + " failed: " + e.code + ": " + e.message);
    }
    return parser->parse(*sts, op, result.response);
  };
}

}  // namespace signet::aws
