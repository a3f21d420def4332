#include "cli/gcp_options.h"

#include <cstdlib>

#include "common/strings.h"

namespace signet::cli {

void GcpOptions::add_to(CLI::App& command) {
  command.add_option("--project", project, "Google Cloud project id (default: GOOGLE_CLOUD_PROJECT, else the credentials')");
  command.add_option("--impersonate-service-account", impersonate, "Work as this service account (its email), through IAM Credentials");
  command.add_option("--google-credentials", key_file,
                     "A service account key or authorized user file (default: GOOGLE_APPLICATION_CREDENTIALS, then gcloud's ADC, then "
                     "the metadata server)");
  command.add_option("--google-endpoint-url", endpoint_url, "Send every Google API call to this URL, the host as the first path part (a local fake)");
}

std::string GcpOptions::project_or_default() const {
  if (!project.empty()) return project;
  for (const char* name : {"GOOGLE_CLOUD_PROJECT", "CLOUDSDK_CORE_PROJECT"})
    if (const char* v = std::getenv(name); v && *v) return v;
  return "";
}

std::shared_ptr<gcp::CredentialChain> GcpOptions::credentials() const {
  gcp::CredentialOptions options;
  options.key_file = key_file;
  options.impersonate = impersonate;
  if (!endpoint_url.empty()) {
    if (endpoint_url.rfind("http://", 0) != 0 && endpoint_url.rfind("https://", 0) != 0)
      throw std::invalid_argument("--google-endpoint-url '" + endpoint_url + "' is not a URL such as http://127.0.0.1:8085");
    const std::string root = without_trailing_slashes(endpoint_url);
    options.token_uri = root + "/oauth2.googleapis.com/token";
    options.iam_credentials_root = root + "/iamcredentials.googleapis.com";
  }
  return std::make_shared<gcp::CredentialChain>(options);
}

std::shared_ptr<gcp::Discovery> GcpOptions::discovery() const {
  gcp::DiscoveryOptions options;
  options.models_dir = models_dir;
  if (!endpoint_url.empty()) {
    options.discovery_root = without_trailing_slashes(endpoint_url) + "/www.googleapis.com";
    options.cache = false;  // a fake's documents are not Google's: nothing kept on disk
  }
  auto discovery = std::make_shared<gcp::Discovery>(options);
  return discovery;
}

gcp::ClientOptions GcpOptions::client_options() const {
  gcp::ClientOptions options;
  options.endpoint = endpoint_url;
  options.retry.max_attempts = max_attempts;
  options.max_items = max_items;
  return options;
}

std::unique_ptr<gcp::GcpClient> GcpOptions::make_client(io::EventLoop& loop) const { return make_client(loop, credentials()); }

std::unique_ptr<gcp::GcpClient> GcpOptions::make_client(io::EventLoop& loop, std::shared_ptr<gcp::CredentialChain> chain) const {
  return std::make_unique<gcp::GcpClient>(loop, std::move(chain), discovery(), client_options());
}

}  // namespace signet::cli
