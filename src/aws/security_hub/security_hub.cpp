#include "aws/security_hub/security_hub.h"

#include <algorithm>
#include <map>

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

SecurityHubImport import_to_security_hub(const AwsClient& client, const std::vector<json>& findings) {
  SecurityHubImport out;
  auto note = [&](std::string problem) {
    if (out.problems.size() < kProblemsKept) out.problems.push_back(std::move(problem));
  };
  std::map<std::string, std::vector<const json*>> by_region;
  for (const auto& f : findings) {
    std::string region = region_of(f);
    if (region.empty()) {
      ++out.failed;
      note(f.value("Id", "(no Id)") + ": its ProductArn names no region");
      continue;
    }
    by_region[region].push_back(&f);
  }
  auto writer = client.writer({"securityhub:BatchImportFindings"});
  std::size_t pending = 0;
  for (const auto& [region_key, list] : by_region) {
    const std::string region = region_key;  // a lambda cannot capture a structured binding (C++20 before clang 16)
    for (std::size_t start = 0; start < list.size(); start += kFindingsPerRequest) {
      json batch = json::array();
      for (std::size_t i = start; i < std::min(list.size(), start + kFindingsPerRequest); ++i) batch.push_back(*list[i]);
      const std::size_t sent = batch.size();
      CallRequest request{"securityhub", "BatchImportFindings", region, {{"Findings", std::move(batch)}}};
      ++pending;
      try {
        writer->call(request, [&, region, sent](cloud::CallResult result) {
          --pending;
          if (!result.error.is_null()) {
            out.failed += sent;
            note(region + ": " + cloud::error_text(result.error));
            return;
          }
          const json& answer = result.api_response;
          out.imported += answer.value("SuccessCount", std::size_t{0});
          out.failed += answer.value("FailedCount", std::size_t{0});
          for (const auto& refused : answer.value("FailedFindings", json::array()))
            note(refused.value("Id", "?") + ": " + refused.value("ErrorCode", "") + " " + refused.value("ErrorMessage", ""));
        });
      } catch (const cloud::CallRefused& e) {  // findings the model says Security Hub would refuse
        --pending;
        out.failed += sent;
        note(region + ": " + e.what());
      }
    }
  }
  client.loop().run_until([&] { return pending == 0; });
  return out;
}

}  // namespace signet::aws
