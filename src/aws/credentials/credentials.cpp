#include "aws/credentials/credentials.h"
#include "common/strings.h"

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>

#include "cloud/http/http_client.h"
#include "aws/protocol/values.h"

namespace signet::aws {

using nlohmann::json;

namespace {


std::string read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return "";
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// INI sections; `strip_profile` turns "[profile dev]" into "dev" (the config file's form).
std::map<std::string, Profile> parse_ini(const std::string& text, bool strip_profile) {
  std::map<std::string, Profile> sections;
  std::istringstream in(text);
  std::string line, section;
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line.front() == '[' && line.back() == ']') {
      section = trim(line.substr(1, line.size() - 2));
      if (strip_profile && section.rfind("profile ", 0) == 0) section = trim(section.substr(8));
      sections[section];
      continue;
    }
    auto eq = line.find('=');
    if (eq == std::string::npos || section.empty()) continue;
    sections[section][trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
  }
  return sections;
}

std::optional<std::chrono::system_clock::time_point> parse_expiration(const json& value) {
  std::optional<double> epoch = value.is_string() ? parse_timestamp(value.get<std::string>())
                                : value.is_number() ? std::optional<double>(value.get<double>())
                                                    : std::nullopt;
  if (!epoch) return std::nullopt;
  return std::chrono::system_clock::time_point(std::chrono::seconds(static_cast<long long>(*epoch)));
}

// {AccessKeyId, SecretAccessKey, Token|SessionToken, Expiration} as the HTTP endpoints and STS give them.
std::optional<Credentials> from_json_document(const json& doc) {
  if (!doc.is_object() || !doc.contains("AccessKeyId") || !doc.contains("SecretAccessKey")) return std::nullopt;
  Credentials c;
  c.access_key_id = doc["AccessKeyId"];
  c.secret_access_key = doc["SecretAccessKey"];
  if (doc.contains("Token")) c.session_token = doc["Token"];
  if (doc.contains("SessionToken")) c.session_token = doc["SessionToken"];
  if (doc.contains("Expiration")) c.expiration = parse_expiration(doc["Expiration"]);
  return c;
}

cloud::HttpOptions metadata_http() { return cloud::HttpOptions{1000, 2000, 1, true}; }

}  // namespace

// --- profile files ---------------------------------------------------------------------

ProfileFiles ProfileFiles::from_environment() {
  std::string home = env_text("HOME");
  std::string config = env_text("AWS_CONFIG_FILE"), credentials = env_text("AWS_SHARED_CREDENTIALS_FILE");
  if (config.empty() && !home.empty()) config = home + "/.aws/config";
  if (credentials.empty() && !home.empty()) credentials = home + "/.aws/credentials";
  return from_text(read_file(config), read_file(credentials));
}

ProfileFiles ProfileFiles::from_text(const std::string& config, const std::string& credentials) {
  ProfileFiles files;
  files.config_ = parse_ini(config, true);
  files.credentials_ = parse_ini(credentials, false);
  return files;
}

std::optional<Profile> ProfileFiles::profile(const std::string& name) const {
  auto c = config_.find(name), k = credentials_.find(name);
  if (c == config_.end() && k == credentials_.end()) return std::nullopt;
  Profile merged = c == config_.end() ? Profile{} : c->second;
  if (k != credentials_.end())
    for (const auto& [key, value] : k->second) merged[key] = value;  // the credentials file wins
  return merged;
}

// --- HTTP endpoints -------------------------------------------------------------------------

std::optional<Credentials> container_credentials() {
  std::string relative = env_text("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"), full = env_text("AWS_CONTAINER_CREDENTIALS_FULL_URI");
  if (relative.empty() && full.empty()) return std::nullopt;
  cloud::HttpRequest r = cloud::request_to("GET", relative.empty() ? full : "http://169.254.170.2" + relative);
  std::string token = env_text("AWS_CONTAINER_AUTHORIZATION_TOKEN");
  if (std::string file = env_text("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"); !file.empty()) token = trim(read_file(file));
  if (!token.empty()) r.set_header("Authorization", token);
  cloud::HttpResult result = cloud::send_blocking(r, metadata_http());
  if (!result.ok() || result.response.status != 200)
    throw CredentialError("container credentials endpoint " + r.url() + " answered " +
                          (result.ok() ? "HTTP " + std::to_string(result.response.status) : result.transport_error));
  auto creds = from_json_document(json::parse(result.response.body, nullptr, false));
  if (!creds) throw CredentialError("container credentials endpoint " + r.url() + " gave no credentials");
  return creds;
}

std::optional<Credentials> instance_metadata_credentials() {
  if (env_text("AWS_EC2_METADATA_DISABLED") == "true") return std::nullopt;
  std::string base = env_text("AWS_EC2_METADATA_SERVICE_ENDPOINT");
  if (base.empty()) base = "http://169.254.169.254";
  while (!base.empty() && base.back() == '/') base.pop_back();
  // IMDSv2: a session token first, then the role name, then its credentials.
  cloud::HttpRequest token_request = cloud::request_to("GET", base + "/latest/api/token");
  token_request.method = "PUT";
  token_request.set_header("X-aws-ec2-metadata-token-ttl-seconds", "21600");
  cloud::HttpResult token = cloud::send_blocking(token_request, metadata_http());
  if (!token.ok() || token.response.status != 200) return std::nullopt;  // not on EC2
  auto get = [&](const std::string& path) {
    cloud::HttpRequest r = cloud::request_to("GET", base + path);
    r.set_header("X-aws-ec2-metadata-token", token.response.body);
    cloud::HttpResult result = cloud::send_blocking(r, metadata_http());
    if (!result.ok() || result.response.status != 200)
      throw CredentialError("instance metadata " + path + " answered " +
                            (result.ok() ? "HTTP " + std::to_string(result.response.status) : result.transport_error));
    return result.response.body;
  };
  std::string role = trim(get("/latest/meta-data/iam/security-credentials/"));
  role = role.substr(0, role.find('\n'));
  if (role.empty()) throw CredentialError("instance metadata: the instance has no IAM role");
  auto creds = from_json_document(json::parse(get("/latest/meta-data/iam/security-credentials/" + role), nullptr, false));
  if (!creds) throw CredentialError("instance metadata gave no credentials for role " + role);
  return creds;
}

// --- the chain ----------------------------------------------------------------------------

CredentialChain::CredentialChain(ChainOptions options) : options_(std::move(options)) {}

std::shared_ptr<CredentialChain> CredentialChain::fixed(Credentials credentials) {
  auto chain = std::make_shared<CredentialChain>(ChainOptions{});
  chain->cached_ = std::move(credentials);
  chain->source_ = "given";
  return chain;
}

Credentials CredentialChain::get() {
  std::lock_guard lock(mutex_);
  auto now = std::chrono::system_clock::now();
  if (cached_ && (!cached_->expiration || *cached_->expiration - now > options_.refresh_before)) return *cached_;
  if (source_ == "given" && cached_) return *cached_;
  cached_ = resolve();
  return *cached_;
}

std::string CredentialChain::source() {
  std::lock_guard lock(mutex_);
  return source_;
}

Credentials CredentialChain::assume_role(const RoleToAssume& role, const Credentials& source, const std::string& who) {
  if (!options_.sts) throw CredentialError(who + " assumes a role, but no STS client is available");
  json params = {{"RoleArn", role.role_arn},
                 {"RoleSessionName", !role.session_name.empty() ? role.session_name : "signet-" + std::to_string(std::time(nullptr))}};
  if (!role.external_id.empty()) params["ExternalId"] = role.external_id;
  if (role.duration_seconds > 0) params["DurationSeconds"] = role.duration_seconds;
  json out = options_.sts("AssumeRole", params, source, !role.region.empty() ? role.region : options_.default_region);
  auto creds = out.contains("Credentials") ? from_json_document(out["Credentials"]) : std::nullopt;
  if (!creds) throw CredentialError("STS AssumeRole for " + role.role_arn + " returned no credentials");
  return *creds;
}

Credentials CredentialChain::web_identity(const Profile& p, const std::string& name) {
  if (!options_.sts) throw CredentialError(name + " uses web identity, but no STS client is available");
  std::string token = trim(read_file(p.at("web_identity_token_file")));
  if (token.empty()) throw CredentialError(name + ": cannot read the web identity token " + p.at("web_identity_token_file"));
  json params = {{"RoleArn", p.at("role_arn")}, {"WebIdentityToken", token},
                 {"RoleSessionName", p.count("role_session_name") ? p.at("role_session_name") : "signet"}};
  json out = options_.sts("AssumeRoleWithWebIdentity", params, std::nullopt, p.count("region") ? p.at("region") : options_.default_region);
  auto creds = out.contains("Credentials") ? from_json_document(out["Credentials"]) : std::nullopt;
  if (!creds) throw CredentialError("STS AssumeRoleWithWebIdentity for " + p.at("role_arn") + " returned no credentials");
  return *creds;
}

std::optional<Credentials> CredentialChain::from_profile(const ProfileFiles& files, const std::string& name, int depth,
                                                         std::string& from) {
  if (depth > 5) throw CredentialError("profile " + name + ": source_profile chain is too long or circular");
  auto profile = files.profile(name);
  if (!profile) return std::nullopt;
  const Profile& p = *profile;
  if (p.count("role_arn")) {
    if (p.count("web_identity_token_file")) {
      from = "profile " + name + " (web identity, role " + p.at("role_arn") + ")";
      return web_identity(p, name);
    }
    std::optional<Credentials> source;
    std::string source_from;
    if (p.count("source_profile")) {
      const std::string& next = p.at("source_profile");
      // A profile naming itself as source uses its own static keys.
      if (next == name && p.count("aws_access_key_id")) {
        source = Credentials{p.at("aws_access_key_id"), p.count("aws_secret_access_key") ? p.at("aws_secret_access_key") : "",
                             p.count("aws_session_token") ? p.at("aws_session_token") : "", std::nullopt};
      } else {
        source = from_profile(files, next, depth + 1, source_from);
      }
      if (!source) throw CredentialError("profile " + name + ": source_profile " + next + " has no credentials");
    } else if (p.count("credential_source")) {
      const std::string& cs = p.at("credential_source");
      if (cs == "Environment" && !env_text("AWS_ACCESS_KEY_ID").empty())
        source = Credentials{env_text("AWS_ACCESS_KEY_ID"), env_text("AWS_SECRET_ACCESS_KEY"), env_text("AWS_SESSION_TOKEN"), std::nullopt};
      else if (cs == "EcsContainer") source = container_credentials();
      else if (cs == "Ec2InstanceMetadata") source = instance_metadata_credentials();
      if (!source) throw CredentialError("profile " + name + ": credential_source " + cs + " gave no credentials");
    } else {
      throw CredentialError("profile " + name + " has role_arn but neither source_profile nor credential_source");
    }
    from = "profile " + name + " (role " + p.at("role_arn") + ")";
    RoleToAssume role{p.at("role_arn"), p.count("external_id") ? p.at("external_id") : "",
                      p.count("role_session_name") ? p.at("role_session_name") : "", 0, p.count("region") ? p.at("region") : ""};
    if (p.count("duration_seconds")) {
      try {
        role.duration_seconds = std::stoi(p.at("duration_seconds"));
      } catch (const std::exception&) {
        throw CredentialError("profile " + name + ": duration_seconds '" + p.at("duration_seconds") + "' is not a number of seconds");
      }
    }
    return assume_role(role, *source, "profile " + name);
  }
  if (p.count("aws_access_key_id") && p.count("aws_secret_access_key")) {
    from = "profile " + name;
    return Credentials{p.at("aws_access_key_id"), p.at("aws_secret_access_key"),
                       p.count("aws_session_token") ? p.at("aws_session_token") : "", std::nullopt};
  }
  return std::nullopt;
}

Credentials CredentialChain::resolve() {
  if (!options_.role) return resolve_chain();
  const RoleToAssume& role = *options_.role;
  Credentials source;
  std::string from;
  try {
    if (options_.role_source) {
      source = options_.role_source->get();
      from = options_.role_source->source();
    } else {
      source = resolve_chain();
      from = source_;
    }
  } catch (const CredentialError& e) {
    throw CredentialError("cannot assume role " + role.role_arn + ": its source credentials failed: " + e.what());
  }
  try {
    Credentials assumed = assume_role(role, source, "role " + role.role_arn);
    source_ = "role " + role.role_arn + " (assumed with " + from + ")";
    return assumed;
  } catch (const CredentialError& e) {
    throw CredentialError("cannot assume role " + role.role_arn + " (with " + from + "): " + e.what());
  }
}

Credentials CredentialChain::resolve_chain() {
  tried_.clear();
  std::string profile_name = options_.profile;
  for (const char* var : {"AWS_PROFILE", "AWS_DEFAULT_PROFILE"})
    if (profile_name.empty()) profile_name = env_text(var);
  bool explicit_profile = !profile_name.empty();
  if (profile_name.empty()) profile_name = "default";

  // An explicitly chosen profile wins over keys in the environment, as in the AWS CLI.
  if (!explicit_profile && !env_text("AWS_ACCESS_KEY_ID").empty() && !env_text("AWS_SECRET_ACCESS_KEY").empty()) {
    source_ = "environment";
    return Credentials{env_text("AWS_ACCESS_KEY_ID"), env_text("AWS_SECRET_ACCESS_KEY"), env_text("AWS_SESSION_TOKEN"), std::nullopt};
  }
  tried_.push_back("environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)");

  ProfileFiles files = ProfileFiles::from_environment();
  std::string from;
  if (auto creds = from_profile(files, profile_name, 0, from)) {
    source_ = from;
    return *creds;
  }
  if (explicit_profile && !files.profile(profile_name)) throw CredentialError("the profile '" + profile_name + "' is not in the AWS config or credentials files");
  tried_.push_back("profile " + profile_name + " in the shared config and credentials files");

  if (std::string token_file = env_text("AWS_WEB_IDENTITY_TOKEN_FILE"); !token_file.empty() && !env_text("AWS_ROLE_ARN").empty()) {
    Profile p = {{"role_arn", env_text("AWS_ROLE_ARN")}, {"web_identity_token_file", token_file}};
    if (!env_text("AWS_ROLE_SESSION_NAME").empty()) p["role_session_name"] = env_text("AWS_ROLE_SESSION_NAME");
    source_ = "web identity token file (role " + env_text("AWS_ROLE_ARN") + ")";
    return web_identity(p, "environment");
  }
  tried_.push_back("web identity (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN)");

  if (auto creds = container_credentials()) {
    source_ = "container credentials endpoint";
    return *creds;
  }
  tried_.push_back("container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI)");

  if (auto creds = instance_metadata_credentials()) {
    source_ = "EC2 instance metadata";
    return *creds;
  }
  tried_.push_back("EC2 instance metadata (IMDSv2)");

  std::string message = "no AWS credentials found; tried:";
  for (const auto& t : tried_) message += "\n  - " + t;
  throw CredentialError(message);
}

}  // namespace signet::aws
