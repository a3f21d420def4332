#pragma once
// Makes the demo account (demo_account.json, data) through Signet's own AWS client.
#include <string>

#include <nlohmann/json.hpp>

#include "aws/client/client.h"

namespace signet::demo {

const nlohmann::json& account_plan();  // the embedded demo_account.json

struct SeedReport {
  std::size_t calls = 0;
  std::vector<std::string> regions;
};

// Runs every step in order; `client` must allow writes. Throws std::runtime_error naming
// the step that failed.
// `scale` multiplies every step's repeat count (benchmarks: a bigger account).
SeedReport seed_account(io::EventLoop& loop, aws::AwsClient& client, const nlohmann::json& plan, int scale = 1);

}  // namespace signet::demo
