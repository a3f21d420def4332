#pragma once
// Findings into AWS Security Hub with BatchImportFindings: the one write Signet itself makes
// (`signet scan --security-hub`), never a signature's, through a writer client allowed that
// operation alone. Each finding (ASFF) goes to the hub of its own region, 100 a request (the
// API's limit), all regions at once under the client's rate control.
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "aws/client/client.h"

namespace signet::aws {

struct SecurityHubImport {
  std::size_t imported = 0;  // findings Security Hub accepted
  std::size_t failed = 0;    // findings it refused, or in a request that failed
  // What went wrong, one line each: a request's error ("us-east-1: InvalidAccessException:
  // Account 1 is not subscribed to AWS Security Hub"), or a refused finding's id and reason.
  std::vector<std::string> problems;
};

// Imports `findings` (ASFF objects, each with a ProductArn naming its region) with the
// credentials and endpoints of `client`; runs `client`'s loop until every request answered.
// A finding without a region in its ProductArn is counted failed and named.
SecurityHubImport import_to_security_hub(const AwsClient& client, const std::vector<nlohmann::json>& findings);

}  // namespace signet::aws
