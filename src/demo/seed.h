#pragma once
// Makes the demo account (demo_account.json, data) through Signet's own AWS client.
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "aws/client/client.h"

namespace signet::demo {

const nlohmann::json& account_plan();  // the embedded demo_account.json

// The resource types moto does not list ("Service/type", moto_unserved.json): the demo
// disables the built-ins over them in its own store, so its scans are complete.
const std::set<std::string>& moto_unserved_types();

struct SeedReport {
  std::size_t calls = 0;
  std::vector<std::string> regions;
};

// Runs every step in order; `client` must allow writes. Throws std::runtime_error naming
// the step that failed.
// `scale` multiplies every step's repeat count (benchmarks: a bigger account); `values`
// fills more {placeholders} in the steps (an organization's member: {account}).
SeedReport seed_account(io::EventLoop& loop, aws::AwsClient& client, const nlohmann::json& plan, int scale = 1,
                        const std::map<std::string, std::string>& values = {});

const nlohmann::json& organization_plan();  // the embedded demo_organization.json

struct SeededMember {
  std::string id, name, ou_id, ou_name;
  int scale = 1;  // how much of the member plan it got
};
struct SeededOrganization {
  std::string management_account_id, root_id;
  std::map<std::string, std::string> ou_ids;  // by name
  std::vector<SeededMember> members;
};

// Makes an organization in the account `writer` reaches (its management account): the
// plan's OUs, `members` member accounts, each seeded through a role assumed into it
// (`member_writer(role_arn)` gives a client that may write there). Throws naming the step.
SeededOrganization seed_organization(io::EventLoop& loop, aws::AwsClient& writer, int members,
                                     const std::function<std::unique_ptr<aws::AwsClient>(const std::string& role_arn)>& member_writer,
                                     const nlohmann::json& plan = organization_plan());

}  // namespace signet::demo
