#include "aws/security_hub/security_hub.h"

#include <algorithm>
#include <map>
#include <utility>

namespace signet::aws {

using nlohmann::json;

namespace {

constexpr std::size_t kFindingsPerRequest = 100;  // BatchImportFindings' limit
constexpr std::size_t kProblemsKept = 20;

// "arn:aws:securityhub:eu-west-1:123456789012:product/..." -> "eu-west-1"
std::string region_of(const json& finding) {
  const std::string arn = finding.value("ProductArn", "");
  std::size_t start = 0;
  for (int field = 0; field < 3; ++field) {
    start = arn.find(':', start);
    if (start == std::string::npos) return "";
    ++start;
  }
  auto end = arn.find(':', start);
  return end == std::string::npos ? "" : arn.substr(start, end - start);
}

}  // namespace

SecurityHubImporter::SecurityHubImporter(const AwsClient& client, std::size_t max_in_flight)
    : writer_(client.writer({"securityhub:BatchImportFindings"})), max_in_flight_(std::max<std::size_t>(1, max_in_flight)) {}

SecurityHubImporter::~SecurityHubImporter() {
  writer_->loop().run_until([&] { return in_flight_ == 0; });
}

void SecurityHubImporter::note(std::string problem) {
  if (out_.problems.size() < kProblemsKept) out_.problems.push_back(std::move(problem));
}

void SecurityHubImporter::add(const json& finding) {
  ++out_.findings;
  const std::string region = region_of(finding);
  if (region.empty()) {
    ++out_.failed;
    note(finding.value("Id", "(no Id)") + ": its ProductArn names no region");
    return;
  }
  json& batch = batches_[region];
  if (!batch.is_array()) batch = json::array();
  batch.push_back(finding);
  if (batch.size() >= kFindingsPerRequest) send(region);
}

void SecurityHubImporter::send(const std::string& region) {
  json batch = std::exchange(batches_[region], json::array());
  if (batch.empty()) return;
  writer_->loop().run_until([&] { return in_flight_ < max_in_flight_; });
  const std::size_t sent = batch.size();
  CallRequest request{"securityhub", "BatchImportFindings", region, {{"Findings", std::move(batch)}}};
  ++in_flight_;
  try {
    writer_->call(request, [this, region, sent](cloud::CallResult result) {
      --in_flight_;
      if (!result.error.is_null()) {
        out_.failed += sent;
        note(region + ": " + cloud::error_text(result.error));
        return;
      }
      const json& answer = result.api_response;
      out_.imported += answer.value("SuccessCount", std::size_t{0});
      out_.failed += answer.value("FailedCount", std::size_t{0});
      for (const auto& refused : answer.value("FailedFindings", json::array()))
        note(refused.value("Id", "?") + ": " + refused.value("ErrorCode", "") + " " + refused.value("ErrorMessage", ""));
    });
  } catch (const cloud::CallRefused& e) {  // findings the model says Security Hub would refuse
    --in_flight_;
    out_.failed += sent;
    note(region + ": " + e.what());
  }
}

SecurityHubImport SecurityHubImporter::finish() {
  std::vector<std::string> regions;
  for (const auto& entry : batches_) regions.push_back(entry.first);
  for (const auto& region : regions) send(region);
  writer_->loop().run_until([&] { return in_flight_ == 0; });
  return out_;
}

SecurityHubImport import_to_security_hub(const AwsClient& client, const std::vector<json>& findings) {
  SecurityHubImporter importer(client);
  for (const auto& f : findings) importer.add(f);
  return importer.finish();
}

}  // namespace signet::aws
