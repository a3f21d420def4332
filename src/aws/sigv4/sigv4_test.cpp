// Every header-signing case of the AWS SigV4 test suite (aws-c-auth's v4 vectors).
#include "aws/sigv4/sigv4.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

using namespace signet;
using namespace signet::aws;
namespace fs = std::filesystem;

namespace {

const fs::path kSuite = fs::path(SIGNET_TESTDATA_DIR) / "aws-signing-test-suite" / "v4";

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// request.txt: "METHOD PATH HTTP/1.1", header lines (indented lines continue the previous
// one), a blank line, the body. The path is raw; the wire form is percent-encoded.
cloud::HttpRequest parse_request(const std::string& text, bool normalize) {
  cloud::HttpRequest r;
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  auto sp1 = line.find(' '), sp2 = line.rfind(' ');
  r.method = line.substr(0, sp1);
  std::string target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  auto q = target.find('?');
  std::string raw_path = target.substr(0, q);
  r.path = cloud::uri_encode(raw_path, true);
  (void)normalize;
  if (q != std::string::npos) r.query = target.substr(q + 1);
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) break;
    if (line[0] == ' ' || line[0] == '\t') {
      r.headers.back().value += "\n" + line;
      continue;
    }
    auto colon = line.find(':');
    r.headers.push_back({line.substr(0, colon), line.substr(colon + 1)});
  }
  std::stringstream body;
  body << in.rdbuf();
  r.body = body.str();
  for (auto& h : r.headers)
    if (cloud::iequals(h.name, "host")) r.host = h.value;
  return r;
}

std::time_t parse_time(const std::string& iso) {
  std::tm tm{};
  strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return timegm(&tm);
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  if (!fs::is_directory(kSuite)) return names;  // SuiteIsPresentAndComplete says so
  for (const auto& e : fs::directory_iterator(kSuite))
    if (fs::exists(e.path() / "header-signature.txt")) names.push_back(e.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

class SigV4Suite : public ::testing::TestWithParam<std::string> {};

TEST_P(SigV4Suite, MatchesCanonicalRequestStringToSignAndSignature) {
  fs::path dir = kSuite / GetParam();
  auto context = nlohmann::json::parse(read(dir / "context.json"));
  Credentials creds{context["credentials"]["access_key_id"], context["credentials"]["secret_access_key"],
                    context["credentials"].value("token", ""), std::nullopt};
  SigningOptions options;
  options.region = context["region"];
  options.service = context["service"];
  options.time = parse_time(context["timestamp"]);
  options.normalize_path = context.value("normalize", true);
  options.double_encode_path = false;  // request.txt paths are raw: encoded once above
  options.content_sha256_header = context.value("sign_body", false);
  options.omit_session_token = context.value("omit_session_token", false);
  cloud::HttpRequest request = parse_request(read(dir / "request.txt"), options.normalize_path);
  SigningSteps steps = sign(request, creds, options);
  EXPECT_EQ(steps.canonical_request, read(dir / "header-canonical-request.txt"));
  EXPECT_EQ(steps.string_to_sign, read(dir / "header-string-to-sign.txt"));
  EXPECT_EQ(steps.signature, read(dir / "header-signature.txt"));
  std::string signed_request = read(dir / "header-signed-request.txt");
  EXPECT_NE(signed_request.find("Authorization:" + *request.header("Authorization")), std::string::npos) << signed_request;
  if (!creds.session_token.empty()) {
    EXPECT_EQ(*request.header("X-Amz-Security-Token"), creds.session_token);
  }
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(SigV4Suite);
INSTANTIATE_TEST_SUITE_P(Vectors, SigV4Suite, ::testing::ValuesIn(case_names()), [](const auto& info) {
  std::string n = info.param;
  for (auto& c : n) if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
});

TEST(SigV4, SuiteIsPresentAndComplete) {
  EXPECT_GE(case_names().size(), 38u) << "the SigV4 test vectors are expected in " << kSuite;
}

TEST(SigV4, NonS3ServicesSignTheSentPathEncodedAgain) {
  cloud::HttpRequest r;
  r.method = "GET";
  r.host = "example.amazonaws.com";
  r.path = "/a%20b";
  SigningOptions o{"us-east-1", "service", 1440938160};
  auto steps = sign(r, Credentials{"AKID", "SECRET", "", std::nullopt}, o);
  EXPECT_EQ(steps.canonical_request.substr(0, 14), "GET\n/a%2520b\n\n");
}

}  // namespace
