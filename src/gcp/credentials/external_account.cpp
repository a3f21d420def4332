#include "gcp/credentials/external_account.h"

#include <ctime>

#include "aws/sigv4/sigv4.h"
#include "common/files.h"
#include "common/json_path.h"
#include "common/strings.h"
#include "gcp/credentials/credentials.h"

namespace signet::gcp {

using nlohmann::json;

namespace {

constexpr const char* kAwsSubjectType = "urn:ietf:params:aws:token-type:aws4_request";
constexpr std::size_t kMostTokenBytes = 1 << 20;

// A file's or URL's text as the source's format says: the text itself, or a JSON field.
std::string formatted(const std::string& text, const json& format, const std::string& where) {
  if (!format.is_object() || format.value("type", "text") == "text") return trim(text);
  if (format.value("type", "") != "json") throw CredentialError(where + ": unknown format type '" + format.value("type", "") + "' (text or json)");
  const std::string field = text_at(format, "subject_token_field_name");
  const json doc = json::parse(text, nullptr, false);
  if (field.empty() || !doc.is_object() || !doc.contains(field) || !doc[field].is_string())
    throw CredentialError(where + ": no text field '" + field + "' in its JSON");
  return doc[field].get<std::string>();
}

std::string fetch(cloud::HttpRequest request, const cloud::HttpOptions& http, const std::string& what) {
  cloud::HttpResult result = cloud::send_blocking(request, http);
  if (!result.ok()) throw CredentialError(what + " " + request.url() + ": " + result.transport_error);
  if (result.response.status != 200)
    throw CredentialError(what + " " + request.url() + " answered " + std::to_string(result.response.status) + ": " + result.response.body.substr(0, 200));
  if (result.response.body.size() > kMostTokenBytes) throw CredentialError(what + " " + request.url() + ": an answer over 1 MiB");
  return result.response.body;
}

// The AWS source (environment_id aws1): region and keys from the environment, else from the
// EC2 metadata service (with an IMDSv2 session token when the file names its URL); then a
// GetCallerIdentity request to the region's STS, signed, as the subject token.
SubjectToken aws_subject_token(const json& file, const json& source, const cloud::HttpOptions& http) {
  const std::string environment = text_at(source, "environment_id");
  if (environment != "aws1") throw CredentialError("credential_source environment_id '" + environment + "' is not supported (aws1)");
  std::optional<std::string> session;  // IMDSv2, asked for once when the metadata service is needed
  auto metadata = [&](const std::string& url, const std::string& what) {
    if (url.empty()) throw CredentialError("no " + what + " in the environment and no metadata URL for it in credential_source");
    if (!session && !text_at(source, "imdsv2_session_token_url").empty()) {
      cloud::HttpRequest put = cloud::request_to("PUT", text_at(source, "imdsv2_session_token_url"));
      put.set_header("X-aws-ec2-metadata-token-ttl-seconds", "300");
      session = fetch(put, http, "the IMDSv2 session token URL");
    }
    cloud::HttpRequest get = cloud::request_to("GET", url);
    if (session) get.set_header("X-aws-ec2-metadata-token", *session);
    return fetch(get, http, "the AWS metadata service");
  };
  std::string region = env_text("AWS_REGION");
  if (region.empty()) region = env_text("AWS_DEFAULT_REGION");
  if (region.empty()) {
    region = trim(metadata(text_at(source, "region_url"), "region"));  // an availability zone: us-east-1b
    if (!region.empty()) region.pop_back();
  }
  aws::Credentials keys{env_text("AWS_ACCESS_KEY_ID"), env_text("AWS_SECRET_ACCESS_KEY"), env_text("AWS_SESSION_TOKEN"), std::nullopt};
  std::string from = "AWS keys from the environment";
  if (keys.access_key_id.empty() || keys.secret_access_key.empty()) {
    const std::string url = text_at(source, "url");
    const std::string role = trim(metadata(url, "AWS keys"));
    const json answer = json::parse(metadata(url + "/" + role, "AWS keys"), nullptr, false);
    keys = {text_at(answer, "AccessKeyId"), text_at(answer, "SecretAccessKey"), text_at(answer, "Token"), std::nullopt};
    if (keys.access_key_id.empty() || keys.secret_access_key.empty()) throw CredentialError("the AWS metadata service gave no keys for role " + role);
    from = "the EC2 instance role " + role;
  }
  std::string verification = text_at(source, "regional_cred_verification_url");
  if (verification.empty()) verification = "https://sts.{region}.amazonaws.com?Action=GetCallerIdentity&Version=2011-06-15";
  for (std::size_t at; (at = verification.find("{region}")) != std::string::npos;) verification.replace(at, 8, region);
  cloud::HttpRequest request = cloud::request_to("POST", verification);
  // Google's STS calls AWS with this request, and checks it was meant for this audience.
  request.set_header("x-goog-cloud-target-resource", text_at(file, "audience"));
  aws::SigningOptions signing;
  signing.region = region;
  signing.service = "sts";
  signing.time = std::time(nullptr);
  aws::sign(request, keys, signing);
  json headers = json::array();
  for (const auto& h : request.headers) headers.push_back({{"key", h.name}, {"value", h.value}});
  const json token = {{"url", request.url()}, {"method", "POST"}, {"headers", headers}};
  return {cloud::uri_encode(token.dump()), from + " (" + keys.access_key_id + ", " + region + ")"};
}

}  // namespace

SubjectToken external_subject_token(const json& file, const cloud::HttpOptions& http) {
  const json source = file.value("credential_source", json());
  if (!source.is_object()) throw CredentialError("an external account needs a credential_source");
  if (source.contains("environment_id")) return aws_subject_token(file, source, http);
  if (text_at(file, "subject_token_type") == kAwsSubjectType) throw CredentialError("an AWS subject token needs credential_source.environment_id aws1");
  if (const std::string path = text_at(source, "file"); !path.empty()) {
    std::optional<std::string> text;
    try {
      text = read_file_if_present(path, kMostTokenBytes);
    } catch (const std::exception& e) {
      throw CredentialError("credential_source file " + path + ": " + e.what());
    }
    if (!text) throw CredentialError("credential_source file " + path + " does not exist");
    return {formatted(*text, source.value("format", json()), "credential_source file " + path), "file " + path};
  }
  if (const std::string url = text_at(source, "url"); !url.empty()) {
    cloud::HttpRequest request = cloud::request_to("GET", url);
    if (source.value("headers", json()).is_object())
      for (const auto& [name, value] : source["headers"].items())
        if (value.is_string()) request.set_header(name, value.get<std::string>());
    return {formatted(fetch(request, http, "credential_source url"), source.value("format", json()), "credential_source url " + url), "url " + url};
  }
  if (source.contains("executable"))
    throw CredentialError("credential_source executable is not supported: give the token in a file or at a URL");
  throw CredentialError("credential_source names no file, url or environment_id");
}

std::vector<std::pair<std::string, std::string>> token_exchange_form(const json& file, const std::string& subject, const std::string& scope) {
  std::vector<std::pair<std::string, std::string>> form = {
      {"grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"},
      {"audience", text_at(file, "audience")},
      {"scope", scope},
      {"requested_token_type", "urn:ietf:params:oauth:token-type:access_token"},
      {"subject_token", subject},
      {"subject_token_type", text_at(file, "subject_token_type")}};
  // Workforce pools bill a project of the user's: said in the exchange's options.
  if (const std::string project = text_at(file, "workforce_pool_user_project"); !project.empty())
    form.push_back({"options", json{{"userProject", project}}.dump()});
  return form;
}

}  // namespace signet::gcp
