#pragma once
// Findings into AWS Security Hub with BatchImportFindings: the one write Signet itself makes
// (`signet scan --security-hub`), never a signature's, through a writer client allowed that
// operation alone. Each finding (ASFF) goes to the hub of its own region, 100 a request (the
// API's limit), all regions at once under the client's rate control.
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "aws/client/client.h"

namespace signet::aws {

struct SecurityHubImport {
  std::size_t findings = 0;  // findings offered
  std::size_t imported = 0;  // findings Security Hub accepted
  std::size_t failed = 0;    // findings it refused, or in a request that failed
  // What went wrong, one line each: a request's error ("us-east-1: InvalidAccessException:
  // Account 1 is not subscribed to AWS Security Hub"), or a refused finding's id and reason.
  std::vector<std::string> problems;
};

// Findings handed over one at a time, as a scan's results are read: each region's batch goes
// as soon as it holds 100, with at most `max_in_flight` requests outstanding (adding waits on
// the client's loop), so memory holds a batch per region, not the account's findings.
class SecurityHubImporter {
 public:
  explicit SecurityHubImporter(const AwsClient& client, std::size_t max_in_flight = 8);
  ~SecurityHubImporter();  // waits for what is in flight
  SecurityHubImporter(const SecurityHubImporter&) = delete;
  SecurityHubImporter& operator=(const SecurityHubImporter&) = delete;

  // An ASFF object whose ProductArn names its region; one without is counted failed.
  void add(const nlohmann::json& finding);
  // Sends what is left and runs the client's loop until every request answered.
  SecurityHubImport finish();

 private:
  void send(const std::string& region);
  void note(std::string problem);

  std::unique_ptr<AwsClient> writer_;
  std::size_t max_in_flight_;
  std::size_t in_flight_ = 0;
  std::map<std::string, nlohmann::json> batches_;  // region -> findings not yet sent
  SecurityHubImport out_;
};

// All of `findings` at once (SecurityHubImporter over a list).
SecurityHubImport import_to_security_hub(const AwsClient& client, const std::vector<nlohmann::json>& findings);

}  // namespace signet::aws
