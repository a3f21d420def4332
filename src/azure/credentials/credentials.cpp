#include "azure/credentials/credentials.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>

#include <nlohmann/json.hpp>

#include "cloud/oauth.h"
#include "common/base64.h"
#include "common/jwt.h"
#include "common/files.h"
#include "common/strings.h"

extern "C" const char signet_azure_clouds[];
extern char** environ;

namespace signet::azure {

using nlohmann::json;
using Clock = std::chrono::system_clock;

namespace {

std::string first_of(const std::string& given, const char* variable) { return given.empty() ? env_text(variable) : given; }

using cloud::form_encode;

// Entra ID's and the identity endpoints' answers (OAuth 2.0), as a CredentialError when not a token.
struct Answer {
  std::string token;
  Clock::time_point expires;
};

Answer token_answer(const cloud::HttpResult& result, const std::string& who) {
  try {
    cloud::AccessToken t = cloud::read_token_answer(result, who);
    return {t.value, t.expires};
  } catch (const cloud::TokenError& e) {
    throw CredentialError(e.what());
  }
}

struct PkeyDeleter {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct X509Deleter {
  void operator()(X509* x) const { X509_free(x); }
};

// The key and certificate of a PEM file (both in it) or a PKCS#12 file.
std::pair<std::unique_ptr<EVP_PKEY, PkeyDeleter>, std::unique_ptr<X509, X509Deleter>> read_certificate(const std::string& bytes,
                                                                                                       const std::string& password) {
  std::unique_ptr<EVP_PKEY, PkeyDeleter> key;
  std::unique_ptr<X509, X509Deleter> cert;
  if (bytes.find("-----BEGIN") != std::string::npos) {
    BIO* bio = BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size()));
    key.reset(PEM_read_bio_PrivateKey(bio, nullptr, nullptr, const_cast<char*>(password.c_str())));
    BIO_free(bio);
    bio = BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size()));
    cert.reset(PEM_read_bio_X509(bio, nullptr, nullptr, nullptr));
    BIO_free(bio);
    if (!key) throw CredentialError("the certificate file has no readable private key (PEM with the key, or PKCS#12, expected)");
    if (!cert) throw CredentialError("the certificate file has no certificate beside its key");
  } else {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    PKCS12* p12 = d2i_PKCS12(nullptr, &p, static_cast<long>(bytes.size()));
    if (!p12) throw CredentialError("the certificate file is neither PEM nor PKCS#12");
    EVP_PKEY* k = nullptr;
    X509* c = nullptr;
    int ok = PKCS12_parse(p12, password.c_str(), &k, &c, nullptr);
    PKCS12_free(p12);
    key.reset(k);
    cert.reset(c);
    if (!ok || !key || !cert) throw CredentialError("the PKCS#12 file cannot be opened (is AZURE_CLIENT_CERTIFICATE_PASSWORD right?)");
  }
  return {std::move(key), std::move(cert)};
}

std::string random_id() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw CredentialError("no random bytes for the assertion's id");
  return to_hex(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

// Runs argv without a shell; its standard output, or CredentialError after `timeout`.
std::string run(const std::vector<std::string>& argv, std::chrono::seconds timeout) {
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) throw CredentialError("cannot run " + argv[0] + ": no pipe");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0].c_str(), &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  if (rc != 0) {
    close(out[0]);
    throw CredentialError(argv[0] + " is not installed (" + std::string(std::strerror(rc)) + ")");
  }
  std::string text;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char buffer[4096];
  bool timed_out = false;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    pollfd fd{out[0], POLLIN, 0};
    if (poll(&fd, 1, static_cast<int>(left)) <= 0) continue;
    ssize_t n = read(out[0], buffer, sizeof buffer);
    if (n <= 0) break;
    if (text.size() < (1u << 20)) text.append(buffer, static_cast<std::size_t>(n));
  }
  close(out[0]);
  if (timed_out) kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  if (timed_out) throw CredentialError(argv[0] + " did not answer within " + std::to_string(timeout.count()) + " s");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw CredentialError(argv[0] + " failed (exit " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                          "; is `az login` done?)");
  return text;
}

}  // namespace

AzureCloud AzureCloud::named(const std::string& name) {
  static const json clouds = json::parse(signet_azure_clouds);
  std::string known;
  for (const auto& [n, c] : clouds.items()) {
    if (n[0] == '_') continue;
    if (to_lower(n) == to_lower(name)) return {n, c["authorityHost"], c["resourceManager"], c["graph"], c["keyVault"], c["keyVaultDnsSuffix"]};
    known += (known.empty() ? "" : ", ") + n;
  }
  throw CredentialError("unknown Azure cloud '" + name + "' (known: " + known + ")");
}

std::string certificate_assertion(const std::string& certificate, const std::string& password, const std::string& client_id,
                                  const std::string& audience) {
  auto [key, cert] = read_certificate(certificate, password);
  unsigned char thumbprint[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (X509_digest(cert.get(), EVP_sha1(), thumbprint, &length) != 1) throw CredentialError("cannot take the certificate's thumbprint");
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(Clock::now().time_since_epoch()).count();
  json header = {{"alg", "RS256"}, {"typ", "JWT"}, {"x5t", base64url_encode(std::string_view(reinterpret_cast<char*>(thumbprint), length))}};
  json payload = {{"aud", audience}, {"iss", client_id}, {"sub", client_id}, {"jti", random_id()},
                  {"nbf", now},      {"iat", now},       {"exp", now + 600}};
  try {
    return rs256_jwt(header, payload, key.get());
  } catch (const std::runtime_error& e) {
    throw CredentialError(std::string("the certificate's key: ") + e.what());
  }
}

CredentialChain::CredentialChain(CredentialOptions options) : options_(std::move(options)), cloud_(AzureCloud::named(options_.cloud)) {
  std::string authority = first_of(options_.authority_host, "AZURE_AUTHORITY_HOST");
  if (!authority.empty()) cloud_.authority_host = without_trailing_slashes(authority);
  if (!options_.run_command) options_.run_command = [](const std::vector<std::string>& argv) { return run(argv, std::chrono::seconds(60)); };
}

std::shared_ptr<CredentialChain> CredentialChain::fixed(std::string token, std::string cloud) {
  CredentialOptions options;
  options.cloud = std::move(cloud);
  auto chain = std::make_shared<CredentialChain>(options);
  chain->fixed_ = std::move(token);
  chain->chosen_ = "a fixed token";
  return chain;
}

std::string CredentialChain::tenant_id() const { return first_of(options_.tenant_id, "AZURE_TENANT_ID"); }

std::string CredentialChain::source() {
  std::lock_guard lock(mutex_);
  return chosen_;
}

std::string CredentialChain::token(const std::string& audience) {
  std::lock_guard lock(mutex_);
  if (fixed_) return *fixed_;
  auto it = cached_.find(audience);
  if (it != cached_.end() && Clock::now() + options_.refresh_before < it->second.expires) return it->second.value;
  Token fresh = fetch(audience);
  cached_[audience] = fresh;
  return fresh.value;
}

CredentialChain::Token CredentialChain::fetch(const std::string& audience) {
  static const std::vector<std::string> kinds = {"environment (client secret)", "environment (client certificate)", "workload identity",
                                                 "managed identity", "Azure CLI"};
  if (!chosen_.empty()) {
    if (auto t = try_source(chosen_, audience)) return *t;
    throw CredentialError("Azure credentials: " + chosen_ + " is no longer configured");
  }
  std::vector<std::string> tried;
  for (const auto& kind : kinds) {
    std::optional<Token> t;
    try {
      t = try_source(kind, audience);
    } catch (const CredentialError& e) {
      // Configured but failing: say so rather than fall through to another identity.
      throw CredentialError("Azure credentials: " + kind + ": " + e.what());
    }
    if (t) {
      chosen_ = kind;
      return *t;
    }
    tried.push_back(kind);
  }
  throw CredentialError("no Azure credentials: tried " + join(tried, ", ") +
                        " (set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, run on a managed identity, or `az login`)");
}

// One source's token, or nothing when the source is not configured here (managed identity
// probes its endpoint). Throws CredentialError when it is configured and fails.
std::optional<CredentialChain::Token> CredentialChain::try_source(const std::string& kind, const std::string& audience) {
  const std::string tenant = tenant_id(), client = first_of(options_.client_id, "AZURE_CLIENT_ID");
  const std::string scope = without_trailing_slashes(audience) + "/.default";
  const std::string token_url = cloud_.authority_host + "/" + cloud::uri_encode(tenant) + "/oauth2/v2.0/token";
  auto client_credentials = [&](std::vector<std::pair<std::string, std::string>> proof) -> Token {
    cloud::HttpRequest request = cloud::request_to("POST", token_url);
    proof.insert(proof.begin(), {{"grant_type", "client_credentials"}, {"client_id", client}, {"scope", scope}});
    request.body = form_encode(proof);
    request.set_header("Content-Type", "application/x-www-form-urlencoded");
    Answer a = token_answer(cloud::send_blocking(request, options_.http), "Entra ID at " + token_url);
    return {a.token, a.expires};
  };
  if (kind == "environment (client secret)") {
    std::string secret = first_of(options_.client_secret, "AZURE_CLIENT_SECRET");
    if (tenant.empty() || client.empty() || secret.empty()) return std::nullopt;
    return client_credentials({{"client_secret", secret}});
  }
  if (kind == "environment (client certificate)") {
    std::string path = first_of(options_.certificate_path, "AZURE_CLIENT_CERTIFICATE_PATH");
    if (tenant.empty() || client.empty() || path.empty()) return std::nullopt;
    std::string bytes;
    try {
      bytes = read_file(path, 1 << 20);
    } catch (const std::exception& e) {
      throw CredentialError("cannot read the certificate " + path + ": " + e.what());
    }
    std::string assertion = certificate_assertion(bytes, first_of(options_.certificate_password, "AZURE_CLIENT_CERTIFICATE_PASSWORD"), client, token_url);
    return client_credentials({{"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"}, {"client_assertion", assertion}});
  }
  if (kind == "workload identity") {
    std::string file = first_of(options_.federated_token_file, "AZURE_FEDERATED_TOKEN_FILE");
    if (tenant.empty() || client.empty() || file.empty()) return std::nullopt;
    std::string federated;
    try {
      federated = trim(read_file(file, 1 << 20));  // re-read each time: the platform rotates it
    } catch (const std::exception& e) {
      throw CredentialError("cannot read the federated token " + file + ": " + e.what());
    }
    return client_credentials({{"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"}, {"client_assertion", federated}});
  }
  if (kind == "managed identity") {
    if (!options_.managed_identity) return std::nullopt;
    const std::string resource = without_trailing_slashes(audience) + "/";
    std::string query = "resource=" + cloud::uri_encode(resource) + (client.empty() ? "" : "&client_id=" + cloud::uri_encode(client));
    if (std::string endpoint = env_text("IDENTITY_ENDPOINT"), header = env_text("IDENTITY_HEADER"); !endpoint.empty() && !header.empty()) {
      cloud::HttpRequest request = cloud::request_to("GET", endpoint);
      request.query = "api-version=2019-08-01&" + query;
      request.set_header("X-IDENTITY-HEADER", header);
      Answer a = token_answer(cloud::send_blocking(request, options_.http), "App Service identity endpoint " + endpoint);
      return Token{a.token, a.expires};
    }
    cloud::HttpRequest request = cloud::request_to("GET", without_trailing_slashes(options_.imds_endpoint) + "/metadata/identity/oauth2/token");
    request.query = "api-version=2018-02-01&" + query;
    request.set_header("Metadata", "true");
    // Off Azure nothing answers at the metadata address: a short wait, then the next source.
    cloud::HttpOptions probe = options_.http;
    probe.connect_timeout_ms = std::min(probe.connect_timeout_ms, 1000L);
    cloud::HttpResult result = cloud::send_blocking(request, probe);
    if (!result.ok()) return std::nullopt;
    Answer a = token_answer(result, "the instance metadata service at " + options_.imds_endpoint);
    return Token{a.token, a.expires};
  }
  if (kind == "Azure CLI") {
    if (!options_.azure_cli) return std::nullopt;
    std::vector<std::string> argv = {"az", "account", "get-access-token", "--output", "json", "--resource", without_trailing_slashes(audience)};
    if (!tenant.empty()) argv.insert(argv.end(), {"--tenant", tenant});
    std::string out;
    try {
      out = options_.run_command(argv);
    } catch (const CredentialError& e) {
      if (std::string(e.what()).find("not installed") != std::string::npos) return std::nullopt;
      throw;
    }
    json body = json::parse(out, nullptr, false);
    if (!body.is_object() || !body.value("accessToken", json()).is_string())
      throw CredentialError("`az account get-access-token` did not print a token");
    Token t{body["accessToken"], Clock::now() + std::chrono::minutes(30)};
    if (body.value("expires_on", json()).is_number_integer()) t.expires = Clock::time_point(std::chrono::seconds(body["expires_on"].get<long long>()));
    return t;
  }
  return std::nullopt;
}

}  // namespace signet::azure
