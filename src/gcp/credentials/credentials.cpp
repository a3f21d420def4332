#include "gcp/credentials/credentials.h"

#include <cstdlib>

#include "cloud/http/request.h"
#include "cloud/oauth.h"
#include "common/files.h"
#include "common/json_path.h"
#include "common/jwt.h"
#include "common/strings.h"
#include "common/time.h"
#include "gcp/credentials/external_account.h"

namespace signet::gcp {

using nlohmann::json;
using Clock = std::chrono::system_clock;

namespace {

std::string gcloud_adc_path() {
  std::string config = env_text("CLOUDSDK_CONFIG");
  if (config.empty() && !env_text("HOME").empty()) config = env_text("HOME") + "/.config/gcloud";
  return config.empty() ? "" : config + "/application_default_credentials.json";
}

cloud::AccessToken token_answer(const cloud::HttpResult& result, const std::string& who) {
  try {
    return cloud::read_token_answer(result, who);
  } catch (const cloud::TokenError& e) {
    throw CredentialError(e.what());
  }
}

}  // namespace

CredentialChain::CredentialChain(CredentialOptions options) : options_(std::move(options)) {}

std::shared_ptr<CredentialChain> CredentialChain::fixed(std::string token, std::string project) {
  auto chain = std::make_shared<CredentialChain>();
  chain->fixed_ = std::move(token);
  chain->chosen_ = "a fixed token";
  chain->project_ = std::move(project);
  return chain;
}

std::string CredentialChain::token() {
  std::lock_guard lock(mutex_);
  if (fixed_) return *fixed_;
  if (cached_ && Clock::now() + options_.refresh_before < cached_->expires) return cached_->value;
  cached_ = fetch();
  return cached_->value;
}

std::string CredentialChain::source() {
  std::lock_guard lock(mutex_);
  return chosen_;
}

std::string CredentialChain::project_id() {
  std::lock_guard lock(mutex_);
  if (project_.empty() && !fixed_ && chosen_.empty()) {
    try {
      cached_ = fetch();  // the source says which project it belongs to
    } catch (const CredentialError&) {
      // No credentials: no project from them; the environment may still name one. The
      // error itself comes again, with its reasons, from the first token() asked for.
    }
  }
  if (!project_.empty()) return project_;
  std::string from_env = env_text("GOOGLE_CLOUD_PROJECT");
  return from_env.empty() ? env_text("CLOUDSDK_CORE_PROJECT") : from_env;
}

CredentialChain::Token CredentialChain::fetch() {
  std::vector<std::string> tried;
  auto then_impersonate = [&](Token base) { return options_.impersonate.empty() ? base : impersonated(base, options_.impersonate); };
  const std::string key_file = options_.key_file.empty() ? env_text("GOOGLE_APPLICATION_CREDENTIALS") : options_.key_file;
  if (!key_file.empty()) {
    // Named but failing: said, never passed over for another identity.
    auto t = from_file(key_file, options_.key_file.empty() ? "GOOGLE_APPLICATION_CREDENTIALS" : "key file");
    if (!t) throw CredentialError("Google Cloud credentials: " + key_file + " does not exist");
    return then_impersonate(*t);
  }
  tried.push_back("GOOGLE_APPLICATION_CREDENTIALS (not set)");
  const std::string adc = options_.adc_file.empty() ? gcloud_adc_path() : options_.adc_file;
  if (!adc.empty()) {
    if (auto t = from_file(adc, "gcloud ADC")) return then_impersonate(*t);
    tried.push_back("gcloud ADC (" + adc + ": none)");
  }
  if (options_.metadata_server) {
    if (auto t = from_metadata_server()) return then_impersonate(*t);
    tried.push_back("metadata server (no answer)");
  }
  throw CredentialError("no Google Cloud credentials: tried " + join(tried, ", ") +
                        " (set GOOGLE_APPLICATION_CREDENTIALS to a service account key, run `gcloud auth application-default login`, or run on Google Cloud)");
}

std::optional<CredentialChain::Token> CredentialChain::from_file(const std::string& path, const std::string& label) {
  std::optional<std::string> bytes;
  try {
    bytes = read_file_if_present(path, 1 << 20);
  } catch (const std::exception& e) {
    throw CredentialError("Google Cloud credentials: " + label + ": " + e.what());
  }
  if (!bytes) return std::nullopt;
  json file = json::parse(*bytes, nullptr, false);
  if (!file.is_object()) throw CredentialError("Google Cloud credentials: " + label + ": " + path + " is not a JSON credentials file");
  try {
    return from_json(file, label + " " + path);
  } catch (const CredentialError& e) {
    throw CredentialError("Google Cloud credentials: " + label + " " + path + ": " + e.what());
  }
}

CredentialChain::Token CredentialChain::from_json(const json& file, const std::string& label) {
  const std::string type = text_at(file, "type");
  if (type == "service_account") {
    const std::string email = text_at(file, "client_email"), key_pem = text_at(file, "private_key");
    const std::string token_uri = text_at(file, "token_uri").empty() ? options_.token_uri : text_at(file, "token_uri");
    if (email.empty() || key_pem.empty()) throw CredentialError("a service account key needs client_email and private_key");
    PrivateKey key = read_private_key_pem(key_pem);
    if (!key) throw CredentialError("its private_key is not a PEM private key");
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(Clock::now().time_since_epoch()).count();
    json header = {{"alg", "RS256"}, {"typ", "JWT"}};
    if (!text_at(file, "private_key_id").empty()) header["kid"] = text_at(file, "private_key_id");
    json claims = {{"iss", email}, {"scope", options_.scope}, {"aud", token_uri}, {"iat", now}, {"exp", now + 3600}};
    std::string assertion;
    try {
      assertion = rs256_jwt(header, claims, key.get());
    } catch (const std::runtime_error& e) {
      throw CredentialError(e.what());
    }
    cloud::HttpRequest request = cloud::request_to("POST", token_uri);
    request.body = cloud::form_encode({{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"}, {"assertion", assertion}});
    request.set_header("Content-Type", "application/x-www-form-urlencoded");
    cloud::AccessToken t = token_answer(cloud::send_blocking(request, options_.http), "the token endpoint " + token_uri);
    chosen_ = "service account key " + label.substr(label.find(' ') + 1) + " (" + email + ")";
    if (project_.empty()) project_ = text_at(file, "project_id");
    return {t.value, t.expires};
  }
  if (type == "authorized_user") {
    const std::string client_id = text_at(file, "client_id"), secret = text_at(file, "client_secret"), refresh = text_at(file, "refresh_token");
    if (client_id.empty() || secret.empty() || refresh.empty()) throw CredentialError("an authorized user needs client_id, client_secret and refresh_token");
    const std::string token_uri = text_at(file, "token_uri").empty() ? options_.token_uri : text_at(file, "token_uri");
    cloud::HttpRequest request = cloud::request_to("POST", token_uri);
    request.body = cloud::form_encode({{"grant_type", "refresh_token"}, {"client_id", client_id}, {"client_secret", secret}, {"refresh_token", refresh}});
    request.set_header("Content-Type", "application/x-www-form-urlencoded");
    cloud::AccessToken t = token_answer(cloud::send_blocking(request, options_.http), "the token endpoint " + token_uri);
    chosen_ = "authorized user (" + label + ")";
    if (project_.empty()) project_ = text_at(file, "quota_project_id");
    return {t.value, t.expires};
  }
  if (type == "impersonated_service_account") {
    // gcloud's ADC after `--impersonate-service-account`: source credentials, then the target.
    const std::string url = text_at(file, "service_account_impersonation_url");
    const json source = file.value("source_credentials", json());
    if (url.empty() || !source.is_object()) throw CredentialError("an impersonated service account needs service_account_impersonation_url and source_credentials");
    Token base = from_json(source, label);
    const std::string email = url.substr(url.rfind('/') + 1, url.rfind(':') - url.rfind('/') - 1);
    Token t = impersonated(base, email, url);
    chosen_ = "impersonating " + email + " from " + chosen_;
    return t;
  }
  if (type == "external_account") {
    // Workload identity federation: the source's subject token exchanged at Google's STS,
    // then (usually) a service account impersonated with the federated token.
    if (text_at(file, "audience").empty() || text_at(file, "subject_token_type").empty())
      throw CredentialError("an external account needs audience and subject_token_type");
    const std::string token_url = text_at(file, "token_url").empty() ? options_.sts_token_uri : text_at(file, "token_url");
    const SubjectToken subject = external_subject_token(file, options_.http);
    cloud::HttpRequest request = cloud::request_to("POST", token_url);
    request.body = cloud::form_encode(token_exchange_form(file, subject.token, options_.scope));
    request.set_header("Content-Type", "application/x-www-form-urlencoded");
    cloud::AccessToken t = token_answer(cloud::send_blocking(request, options_.http), "the token exchange " + token_url);
    chosen_ = "workload identity federation (" + subject.source + "; " + label + ")";
    if (project_.empty()) project_ = text_at(file, "quota_project_id");
    Token federated{t.value, t.expires};
    const std::string url = text_at(file, "service_account_impersonation_url");
    if (url.empty()) return federated;
    const std::string email = url.substr(url.rfind('/') + 1, url.rfind(':') - url.rfind('/') - 1);
    Token impersonating = impersonated(federated, email, url);
    chosen_ = "impersonating " + email + " from " + chosen_;
    return impersonating;
  }
  throw CredentialError("unknown credentials type '" + type + "' (service_account, authorized_user, impersonated_service_account or external_account)");
}

std::optional<CredentialChain::Token> CredentialChain::from_metadata_server() {
  std::string host = options_.metadata_host.empty() ? env_text("GCE_METADATA_HOST") : options_.metadata_host;
  if (host.empty()) host = "metadata.google.internal";
  const std::string root = (host.find("://") == std::string::npos ? "http://" + host : host) + "/computeMetadata/v1";
  // Off Google Cloud nothing answers there: a short wait, then no token from it.
  cloud::HttpOptions probe = options_.http;
  probe.connect_timeout_ms = std::min(probe.connect_timeout_ms, 1000L);
  auto get = [&](const std::string& path) {
    cloud::HttpRequest request = cloud::request_to("GET", root + path);
    request.set_header("Metadata-Flavor", "Google");
    return cloud::send_blocking(request, probe);
  };
  cloud::HttpResult answer = get("/instance/service-accounts/default/token");
  if (!answer.ok()) return std::nullopt;
  cloud::AccessToken t = token_answer(answer, "the metadata server at " + host);
  chosen_ = "metadata server";
  if (cloud::HttpResult email = get("/instance/service-accounts/default/email"); email.ok() && email.response.status == 200)
    chosen_ += " (" + trim(email.response.body) + ")";
  if (cloud::HttpResult project = get("/project/project-id"); project.ok() && project.response.status == 200 && project_.empty())
    project_ = trim(project.response.body);
  return Token{t.value, t.expires};
}

CredentialChain::Token CredentialChain::impersonated(const Token& base, const std::string& email, const std::string& url) {
  const std::string target = url.empty() ? without_trailing_slashes(options_.iam_credentials_root) + "/v1/projects/-/serviceAccounts/" +
                                               cloud::uri_encode(email) + ":generateAccessToken"
                                         : url;
  cloud::HttpRequest request = cloud::request_to("POST", target);
  request.body = json{{"scope", json::array({options_.scope})}, {"lifetime", "3600s"}}.dump();
  request.set_header("Content-Type", "application/json");
  request.set_header("Authorization", "Bearer " + base.value);
  cloud::HttpResult result = cloud::send_blocking(request, options_.http);
  if (!result.ok()) throw CredentialError("impersonating " + email + ": " + result.transport_error);
  json body = json::parse(result.response.body, nullptr, false);
  if (result.response.status != 200 || text_at(body, "accessToken").empty()) {
    std::string why = body.is_object() && body.contains("error") && body["error"].is_object() ? text_at(body["error"], "message") : "";
    throw CredentialError("impersonating " + email + ": HTTP " + std::to_string(result.response.status) + (why.empty() ? "" : ": " + why));
  }
  Token t{text_at(body, "accessToken"), Clock::now() + std::chrono::hours(1)};
  if (auto expires = parse_iso_utc(text_at(body, "expireTime"))) t.expires = *expires;
  if (url.empty()) chosen_ += ", impersonating " + email;
  return t;
}

}  // namespace signet::gcp
