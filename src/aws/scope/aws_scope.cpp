#include "aws/scope/aws_scope.h"

namespace signet::aws {

bool refused_access(const std::string& message) {
  for (const char* code : {"AccessDenied", "UnauthorizedOperation", "AuthorizationError", "not authorized", "InvalidClientTokenId",
                           "UnrecognizedClientException", "AuthFailure", "SignatureDoesNotMatch", "NoCredentials", "ExpiredToken"})
    if (message.find(code) != std::string::npos) return true;
  return false;
}

std::shared_ptr<provider::Session> AwsScope::open_session() { return std::make_shared<AwsSession>(*client_); }

bool AwsScope::refused_access(const std::string& error_text) const { return aws::refused_access(error_text); }

void AwsSession::call(const cloud::Call& call, std::function<void(cloud::CallAnswer)> answer, std::function<void(std::string)> refuse) {
  if (!call.method.empty() && call.method != "GET")
    return refuse("apiCaller: AWS calls name an operation; serviceParams.method '" + call.method + "' is not for AWS");
  CallRequest request{call.service, call.operation(), call.region, call.params, call.api_version, true};
  try {
    cache_.call(request, [answer](const cloud::CallResult& r) { answer(r); });
  } catch (const cloud::CallRefused& e) {
    refuse(std::string("apiCaller: ") + e.what());
  }
}

void AwsSession::identify(const std::vector<std::string>& regions, std::function<void(provider::Identity)> done) {
  std::string region = regions.empty() ? "us-east-1" : regions.front();
  cache_.call({"sts", "GetCallerIdentity", region}, [done](const cloud::CallResult& who) {
    provider::Identity identity;
    // No credentials, credentials the cloud refuses, no answer at all: nothing else would
    // work either. Another error (an endpoint without STS) leaves the account id unknown.
    if (!who.error.is_null()) {
      std::string text = cloud::error_text(who.error);
      if (who.error.value("statusCode", 0) == 0 || aws::refused_access(text))
        identity.unreachable = text;
      return done(identity);
    }
    identity.scope_id = who.api_response.value("Account", "");
    identity.principal = who.api_response.value("Arn", "");
    done(identity);
  });
}

void AwsSession::discover(const inventory::InventoryOptions& options, std::function<void(inventory::Inventory)> done) {
  // The discovery calls through this session's cache: it lives until the discovery is done.
  aws::discover(cache_, aws::catalog(), options, [self = shared_from_this(), done](inventory::Inventory found) { done(std::move(found)); });
}

bool AwsSession::refused_access(const cloud::CallAnswer& answer) const {
  return answer.error.is_object() && (answer.error.value("statusCode", 0) == 403 || aws::refused_access(cloud::error_text(answer.error)));
}

provider::SessionStats AwsSession::stats() const { return cache_.stats(); }

}  // namespace signet::aws
