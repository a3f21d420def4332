#pragma once
// The AWS options shared by the commands that reach AWS (call, test): profile, endpoint,
// models folder, and the client they make.
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "aws/client/client.h"

namespace signet::cli {

struct AwsOptions {
  std::string profile;
  std::string endpoint_url;
  std::string models_dir;
  int max_attempts = 0;  // 0: AWS_MAX_ATTEMPTS, else 3
  double max_requests_per_second = 0;          // politeness caps; 0: none, the rate control adapts
  double max_service_requests_per_second = 0;
  std::size_t max_items = 100000;
  std::string rate_account;  // whose rate buckets (the profile by default)

  void add_to(CLI::App& command);
  std::shared_ptr<const aws::Models> models() const;  // embedded, or --models-dir
  // The endpoint, retry, cap and paging options every client the command makes gets.
  aws::ClientOptions client_options() const;
  std::unique_ptr<aws::AwsClient> make_client(io::EventLoop& loop) const;
  // The region when none is given: AWS_REGION, AWS_DEFAULT_REGION, the profile's, else us-east-1.
  std::string default_region() const;
};

}  // namespace signet::cli
