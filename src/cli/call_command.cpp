// `signet call SERVICE OPERATION`: one AWS call, printed like the AWS CLI (a debugging aid);
// `signet call azure SERVICE ENDPOINT`: one Azure Resource Manager or Graph call;
// `signet call gcp API METHOD`: one Google Cloud call.
#include <functional>
#include <iostream>

#include "aws/endpoints/endpoints.h"
#include "cli/aws_options.h"
#include "cli/azure_options.h"
#include "cli/gcp_options.h"
#include "cli/commands.h"
#include "common/names.h"

namespace signet::cli {

namespace {

struct CallArgs {
  std::string service, operation, params = "{}", region;
  bool no_paginate = false;
  AwsOptions aws;
};

struct AzureCallArgs {
  std::string service, endpoint, params = "{}", api_version, method = "GET", body;
  bool no_paginate = false;
  AzureOptions azure;
};

struct GcpCallArgs {
  std::string service, method, params = "{}", api_version, body;
  bool no_paginate = false;
  GcpOptions gcp;
};

std::optional<nlohmann::json> json_object_option(const std::string& name, const std::string& text, const char* example) {
  nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
  if (value.is_discarded() || !value.is_object()) {
    std::cerr << "signet call: " << name << " must be a JSON object, e.g. '" << example << "'\n";
    return std::nullopt;
  }
  return value;
}

// Prints the answer, or the error as `error_line` words it (the cloud's own CLI's way); the
// exit code.
int print_result(const cloud::CallResult& result, const std::function<std::string(const nlohmann::json& error)>& error_line) {
  if (!result.error.is_null()) {
    std::cerr << error_line(result.error) << " [HTTP " << result.error.value("statusCode", 0) << "]\n";
    return 1;
  }
  std::cout << result.api_response.dump(4, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  if (result.truncated) std::cerr << "(truncated: more items than the client's cap)\n";
  return 0;
}

int run_azure(const AzureCallArgs& args) {
  auto params = json_object_option("--params", args.params, "{\"resourceGroupName\": \"rg\"}");
  if (!params) return 2;
  azure::CallRequest request{args.service, args.endpoint, args.azure.subscription_or_environment(), *params, args.api_version, args.method};
  request.paginate = !args.no_paginate;
  if (!args.body.empty()) {
    auto body = json_object_option("--body", args.body, "{\"query\": \"Resources | take 5\"}");
    if (!body) return 2;
    request.body = *body;
  }
  io::EventLoop loop;
  std::optional<cloud::CallResult> result;
  try {
    auto client = args.azure.make_client(loop);
    client->call(request, [&](cloud::CallResult r) { result = std::move(r); });
    loop.run_until([&] { return result.has_value(); });
  } catch (const std::exception& e) {  // refused calls, bad options
    std::cerr << "signet call azure: " << e.what() << "\n";
    return 2;
  }
  return print_result(*result, [](const nlohmann::json& e) {  // as az prints it
    return "ERROR: (" + e.value("code", "") + ") " + e.value("message", "");
  });
}

int run_gcp(const GcpCallArgs& args) {
  auto params = json_object_option("--params", args.params, "{\"project\": \"my-project\"}");
  if (!params) return 2;
  gcp::CallRequest request{args.service, args.method, args.gcp.project_or_default(), *params, args.api_version};
  request.paginate = !args.no_paginate;
  if (!args.body.empty()) {
    auto body = json_object_option("--body", args.body, "{\"options\": {\"requestedPolicyVersion\": 3}}");
    if (!body) return 2;
    request.body = *body;
  }
  io::EventLoop loop;
  std::optional<cloud::CallResult> result;
  try {
    auto client = args.gcp.make_client(loop);
    client->call(request, [&](cloud::CallResult r) { result = std::move(r); });
    loop.run_until([&] { return result.has_value(); });
  } catch (const std::exception& e) {  // refused calls, bad options
    std::cerr << "signet call gcp: " << e.what() << "\n";
    return 2;
  }
  return print_result(*result, [](const nlohmann::json& e) {  // as gcloud prints it
    return "ERROR: (" + e.value("code", "") + ") " + e.value("message", "");
  });
}

int run(const CallArgs& args) {
  if (args.service.empty() || args.operation.empty()) {
    std::cerr << "signet call: give SERVICE and OPERATION (AWS), or `signet call azure SERVICE ENDPOINT`\n";
    return 2;
  }
  auto parsed = json_object_option("--params", args.params, "{\"UserName\": \"alice\"}");
  if (!parsed) return 2;
  const nlohmann::json& params = *parsed;
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
  std::optional<cloud::CallResult> result;
  try {
    client->call({args.service, args.operation, region, params, "", !args.no_paginate},
                 [&](cloud::CallResult r) { result = std::move(r); });
  } catch (const cloud::CallRefused& e) {
    std::cerr << "signet call: " << e.what() << "\n";
    return 2;
  }
  loop.run_until([&] { return result.has_value(); });
  return print_result(*result, [&](const nlohmann::json& e) {  // as the AWS CLI prints it
    return "An error occurred (" + e.value("code", "") + ") when calling the " + args.operation + " operation: " + e.value("message", "");
  });
}

}  // namespace

void add_call_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CallArgs>();
  auto* cmd = app.add_subcommand("call", "Make one read-only AWS call and print the answer as the AWS CLI would (`call azure ...`: Azure; `call gcp ...`: Google Cloud)");
  cmd->add_option("service", args->service, "Service, as the AWS SDKs name it (IAM, EC2, ELBv2, ...)");
  cmd->add_option("operation", args->operation, "Operation (ListUsers or listUsers)");
  cmd->add_option("--params", args->params, "The operation's parameters as a JSON object");
  cmd->add_option("--region", args->region, "Region (default: AWS_REGION, the profile's, else us-east-1)");
  cmd->add_flag("--no-paginate", args->no_paginate, "Only the first page, as the service answered it");
  args->aws.add_to(*cmd);

  auto azure_args = std::make_shared<AzureCallArgs>();
  auto* azure_cmd = cmd->add_subcommand("azure", "Make one read-only Azure Resource Manager or Microsoft Graph call");
  azure_cmd->add_option("service", azure_args->service, "Resource provider namespace (Microsoft.Storage, ...), or Graph")->required();
  azure_cmd->add_option("endpoint", azure_args->endpoint,
                        "Operation path, relative to the subscription (providers/Microsoft.Storage/storageAccounts) or absolute; "
                        "{name} filled from --params")
      ->required();
  azure_cmd->add_option("--params", azure_args->params, "Path placeholders and query parameters as a JSON object");
  azure_cmd->add_option("--api-version", azure_args->api_version,
                        "api-version (default: the newest stable one the subscription registered for the type; Graph: v1.0)");
  azure_cmd->add_option("--method", azure_args->method, "GET (default), or POST for the operations that only read")->check(CLI::IsMember({"GET", "POST"}));
  azure_cmd->add_option("--body", azure_args->body, "A POST's JSON body");
  azure_cmd->add_flag("--no-paginate", azure_args->no_paginate, "Only the first page");
  azure_args->azure.add_to(*azure_cmd);
  azure_cmd->callback([azure_args, &exit_code] { exit_code = run_azure(*azure_args); });

  auto gcp_args = std::make_shared<GcpCallArgs>();
  auto* gcp_cmd = cmd->add_subcommand("gcp", "Make one read-only Google Cloud call (an API's method, from its Discovery document)");
  gcp_cmd->add_option("service", gcp_args->service, "The API (compute, storage, cloudkms, ...)")->required();
  gcp_cmd->add_option("method", gcp_args->method, "The method id (instances.aggregatedList, projects.getIamPolicy)")->required();
  gcp_cmd->add_option("--params", gcp_args->params, "The method's parameters as a JSON object");
  gcp_cmd->add_option("--api-version", gcp_args->api_version, "The API's version (default: the preferred one)");
  gcp_cmd->add_option("--body", gcp_args->body, "A reading POST's JSON body (getIamPolicy's options)");
  gcp_cmd->add_flag("--no-paginate", gcp_args->no_paginate, "Only the first page");
  gcp_cmd->add_option("--models-dir", gcp_args->gcp.models_dir, "A folder of Discovery documents to use instead of fetching them");
  gcp_args->gcp.add_to(*gcp_cmd);
  gcp_cmd->callback([gcp_args, &exit_code] { exit_code = run_gcp(*gcp_args); });
  cmd->callback([args, cmd, &exit_code] {
    if (cmd->got_subcommand("azure") || cmd->got_subcommand("gcp")) return;
    exit_code = run(*args);
  });
}

}  // namespace signet::cli
