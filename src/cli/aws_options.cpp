#include "cli/aws_options.h"

#include <algorithm>
#include <cstdlib>

namespace signet::cli {

void AwsOptions::add_to(CLI::App& command) {
  command.add_option("--profile", profile, "AWS profile from the shared config and credentials files");
  command.add_option("--endpoint-url", endpoint_url, "Send every AWS call to this URL (e.g. a local emulator)");
  command.add_option("--models-dir", models_dir, "A botocore data folder to use instead of the embedded AWS models");
  command.add_option("--max-attempts", max_attempts, "Tries per AWS call, retries included (default: AWS_MAX_ATTEMPTS, else 3)")
      ->check(CLI::Range(1, 20));
  command.add_option("--max-requests-per-second", max_requests_per_second,
                     "Politeness cap: most AWS requests a second to the account, all services (default: none; "
                     "Signet slows down by itself when the account throttles)")
      ->check(CLI::Range(0.1, 100000.0));
  command.add_option("--max-service-requests-per-second", max_service_requests_per_second,
                     "Politeness cap: most AWS requests a second to any one service of the account (default: none)")
      ->check(CLI::Range(0.1, 100000.0));
  command.add_option("--max-items", max_items, "Most items one paginated call gathers (default 100000)")->check(CLI::Range(1, 10000000));
}

std::shared_ptr<const aws::Models> AwsOptions::models() const {
  return models_dir.empty() ? aws::Models::embedded() : aws::Models::from_botocore_dir(models_dir);
}

namespace {
// AWS_MAX_ATTEMPTS, as the AWS SDKs and CLI read it; 3 when unset. A value that is not a
// number from 1 to 20 is refused rather than ignored.
int attempts_from_environment() {
  const char* text = std::getenv("AWS_MAX_ATTEMPTS");
  if (!text || !*text) return 3;
  char* end = nullptr;
  long n = std::strtol(text, &end, 10);
  if (*end || n < 1 || n > 20) throw std::invalid_argument(std::string("AWS_MAX_ATTEMPTS='") + text + "' is not a number from 1 to 20");
  return static_cast<int>(n);
}
}  // namespace

aws::ClientOptions AwsOptions::client_options() const {
  aws::ClientOptions options;
  options.endpoints = aws::EndpointOverrides::from_environment();
  if (!endpoint_url.empty()) {
    if (endpoint_url.rfind("http://", 0) != 0 && endpoint_url.rfind("https://", 0) != 0)
      throw std::invalid_argument("--endpoint-url '" + endpoint_url + "' is not a URL such as http://127.0.0.1:5000");
    options.endpoints.all = endpoint_url;
  }
  options.retry.max_attempts = max_attempts > 0 ? max_attempts : attempts_from_environment();
  options.rate.caps = {max_requests_per_second, max_service_requests_per_second};
  options.rate_account = !rate_account.empty() ? rate_account : !profile.empty() ? "profile:" + profile : "";
  options.max_items = max_items;
  return options;
}

std::unique_ptr<aws::AwsClient> AwsOptions::make_client(io::EventLoop& loop) const {
  auto all_models = models();
  aws::ClientOptions options = client_options();
  aws::ChainOptions chain;
  chain.profile = profile;
  chain.default_region = default_region();
  chain.sts = aws::make_sts_caller(all_models, options.endpoints);
  return std::make_unique<aws::AwsClient>(loop, all_models, std::make_shared<aws::CredentialChain>(chain), options);
}

std::string AwsOptions::default_region() const {
  for (const char* var : {"AWS_REGION", "AWS_DEFAULT_REGION"})
    if (const char* v = std::getenv(var); v && *v) return v;
  std::string name = profile;
  if (name.empty())
    if (const char* p = std::getenv("AWS_PROFILE"); p && *p) name = p;
  auto settings = aws::ProfileFiles::from_environment().profile(name.empty() ? "default" : name);
  if (settings && settings->count("region")) return settings->at("region");
  return "us-east-1";
}

}  // namespace signet::cli
