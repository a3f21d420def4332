#pragma once
// Google Cloud's Application Default Credentials, in Google's order: the file named by
// GOOGLE_APPLICATION_CREDENTIALS (or given explicitly: a stored project's), then the gcloud
// ADC file (`gcloud auth application-default login`), then the metadata server of the VM,
// GKE node or Cloud Run service Signet runs on (GCE_METADATA_HOST in tests). A file is a
// service account key (an RS256 JWT, signed with its private key, exchanged at its token
// URI), an authorized user (a refresh token), gcloud's impersonated_service_account or an
// external account (workload identity federation: a subject token from a file, a URL or AWS,
// exchanged at Google's STS, usually then impersonating a service account); an
// impersonation asked for explicitly is made through the IAM Credentials API from whatever
// the chain gave. Tokens are cached and refreshed before they expire.
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "cloud/http/http_client.h"

namespace signet::gcp {

struct CredentialError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct CredentialOptions {
  std::string key_file;  // else GOOGLE_APPLICATION_CREDENTIALS
  std::string adc_file;  // else $CLOUDSDK_CONFIG or ~/.config/gcloud, /application_default_credentials.json
  bool metadata_server = true;
  std::string metadata_host;  // else GCE_METADATA_HOST, else metadata.google.internal
  std::string impersonate;    // a service account's email: work as it, through IAM Credentials
  // Where tokens are asked for when a file does not say (authorized users), and IAM
  // Credentials' root; tests point them at a fake.
  std::string token_uri = "https://oauth2.googleapis.com/token";
  std::string iam_credentials_root = "https://iamcredentials.googleapis.com";
  std::string sts_token_uri = "https://sts.googleapis.com/v1/token";  // an external account's default token_url
  std::string scope = "https://www.googleapis.com/auth/cloud-platform";
  std::chrono::seconds refresh_before{300};
  cloud::HttpOptions http{5000, 30000, 4, true};
};

class CredentialChain {
 public:
  explicit CredentialChain(CredentialOptions options = {});
  // A token a test hands out (never expires, never refreshed).
  static std::shared_ptr<CredentialChain> fixed(std::string token, std::string project = "");

  // A bearer token, cached and refreshed `refresh_before` it expires. The first source
  // that is configured is used from then on; throws CredentialError saying what was tried
  // and why each failed (a configured source that fails is not passed over).
  std::string token();
  std::string source();      // "service account key /path/key.json (scanner@p.iam...)", "metadata server", ...
  std::string project_id();  // the key file's or the metadata server's project, else GOOGLE_CLOUD_PROJECT; "" when none says

 private:
  struct Token {
    std::string value;
    std::chrono::system_clock::time_point expires;
  };
  Token fetch();
  std::optional<Token> from_file(const std::string& path, const std::string& label);
  Token from_json(const nlohmann::json& file, const std::string& label);
  std::optional<Token> from_metadata_server();
  Token impersonated(const Token& base, const std::string& email, const std::string& url = "");

  CredentialOptions options_;
  std::mutex mutex_;
  std::optional<Token> cached_;
  std::optional<std::string> fixed_;
  std::string chosen_;   // the source in use, once one gave a token
  std::string project_;  // as the source said
};

}  // namespace signet::gcp
