// `signet call SERVICE OPERATION`: one AWS call, printed like the AWS CLI (a debugging aid).
#include <iostream>

#include "aws/endpoints/endpoints.h"
#include "cli/aws_options.h"
#include "cli/commands.h"
#include "common/names.h"

namespace signet::cli {

namespace {

struct CallArgs {
  std::string service, operation, params = "{}", region;
  bool no_paginate = false;
  AwsOptions aws;
};

int run(const CallArgs& args) {
  nlohmann::json params = nlohmann::json::parse(args.params, nullptr, false);
  if (params.is_discarded() || !params.is_object()) {
    std::cerr << "signet call: --params must be a JSON object, e.g. '{\"UserName\": \"alice\"}'\n";
    return 2;
  }
  io::EventLoop loop;
  std::unique_ptr<aws::AwsClient> client;
  try {
    if (!args.region.empty()) require_known({aws::check_regions({args.region}, args.aws.models()->endpoints())});
    client = args.aws.make_client(loop);
  } catch (const std::exception& e) {
    std::cerr << "signet call: " << e.what() << "\n";
    return 2;
  }
  std::string region = args.region.empty() ? args.aws.default_region() : args.region;
  std::optional<aws::CallResult> result;
  try {
    client->call({args.service, args.operation, region, params, "", !args.no_paginate},
                 [&](aws::CallResult r) { result = std::move(r); });
  } catch (const aws::CallRefused& e) {
    std::cerr << "signet call: " << e.what() << "\n";
    return 2;
  }
  loop.run_until([&] { return result.has_value(); });
  if (!result->error.is_null()) {
    const auto& e = result->error;
    std::cerr << "An error occurred (" << e.value("code", "") << ") when calling the " << args.operation
              << " operation: " << e.value("message", "") << " [HTTP " << e.value("statusCode", 0) << "]\n";
    return 1;
  }
  std::cout << result->api_response.dump(4, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  if (result->truncated) std::cerr << "(truncated: more items than the client's cap)\n";
  return 0;
}

}  // namespace

void add_call_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CallArgs>();
  auto* cmd = app.add_subcommand("call", "Make one read-only AWS call and print the answer as the AWS CLI would");
  cmd->add_option("service", args->service, "Service, as the AWS SDKs name it (IAM, EC2, ELBv2, ...)")->required();
  cmd->add_option("operation", args->operation, "Operation (ListUsers or listUsers)")->required();
  cmd->add_option("--params", args->params, "The operation's parameters as a JSON object");
  cmd->add_option("--region", args->region, "Region (default: AWS_REGION, the profile's, else us-east-1)");
  cmd->add_flag("--no-paginate", args->no_paginate, "Only the first page, as the service answered it");
  args->aws.add_to(*cmd);
  cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace signet::cli
