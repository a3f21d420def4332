// Application Default Credentials against the fake's token endpoint, metadata server and
// IAM Credentials: each source, in Google's order, and what each failure says.
#include "gcp/credentials/credentials.h"

#include <gtest/gtest.h>

#include <fstream>

#include "gcp/test_helpers.h"

using namespace signet;
using namespace signet::gcp;
using gcp::testing::FakeGoogle;
using nlohmann::json;

TEST(GcpCredentials, AServiceAccountKeySignsAnAssertionAndTheTokenIsCached) {
  FakeGoogle google;
  CredentialChain chain(google.credential_options());
  const std::string token = chain.token();
  EXPECT_EQ(token.rfind("ya29.", 0), 0u) << token;
  EXPECT_EQ(chain.token(), token) << "cached until near its expiry";
  EXPECT_EQ(google.fake.tokens_issued().at("jwt-bearer"), 1);
  EXPECT_NE(chain.source().find("service account key"), std::string::npos) << chain.source();
  EXPECT_NE(chain.source().find(gcp::testing::kScanner), std::string::npos) << chain.source();
  EXPECT_EQ(chain.project_id(), "signet-prod");
}

TEST(GcpCredentials, GcloudsAuthorizedUserAndTheMetadataServerGiveTokensToo) {
  FakeGoogle google;
  CredentialOptions user = google.credential_options();
  user.key_file.clear();
  user.adc_file = (google.folder.path / "adc.json").string();
  google.fake.write_authorized_user("alice@example-org.test", user.adc_file);
  CredentialChain from_gcloud(user);
  EXPECT_FALSE(from_gcloud.token().empty());
  EXPECT_NE(from_gcloud.source().find("authorized user (gcloud ADC"), std::string::npos) << from_gcloud.source();
  EXPECT_EQ(google.fake.tokens_issued().at("refresh_token"), 1);

  CredentialOptions vm = google.credential_options();
  vm.key_file.clear();
  vm.metadata_server = true;
  vm.metadata_host = google.fake.metadata_host();
  CredentialChain on_google(vm);
  EXPECT_FALSE(on_google.token().empty());
  EXPECT_EQ(on_google.source(), "metadata server (signet-collector@signet-prod.iam.gserviceaccount.com)");
  EXPECT_EQ(on_google.project_id(), "signet-prod");
}

TEST(GcpCredentials, ImpersonationGoesThroughIamCredentialsWhereItIsAllowed) {
  FakeGoogle google;
  CredentialOptions options = google.credential_options();
  options.impersonate = "signet-auditor@signet-prod.iam.gserviceaccount.com";
  CredentialChain chain(options);
  EXPECT_FALSE(chain.token().empty());
  EXPECT_NE(chain.source().find("impersonating signet-auditor@"), std::string::npos) << chain.source();
  EXPECT_EQ(google.fake.tokens_issued().at("impersonation"), 1);

  CredentialOptions outsider = google.credential_options(gcp::testing::kNoAccess);
  outsider.impersonate = options.impersonate;
  try {
    CredentialChain(outsider).token();
    FAIL() << "signet-noaccess may not impersonate the auditor";
  } catch (const CredentialError& e) {
    EXPECT_NE(std::string(e.what()).find("impersonating signet-auditor@signet-prod.iam.gserviceaccount.com: HTTP 403"), std::string::npos) << e.what();
  }
}

TEST(GcpCredentials, EachFailureSaysWhatWasTriedAndWhy) {
  FakeGoogle google;
  CredentialOptions none = google.credential_options();
  none.key_file.clear();
  try {
    CredentialChain(none).token();
    FAIL() << "no source is configured";
  } catch (const CredentialError& e) {
    EXPECT_NE(std::string(e.what()).find("no Google Cloud credentials: tried"), std::string::npos) << e.what();
  }
  auto fails_with = [&](const json& file, const std::string& expected) {
    CredentialOptions o = google.credential_options();
    o.key_file = (google.folder.path / "bad.json").string();
    std::ofstream(o.key_file) << file.dump();
    try {
      CredentialChain(o).token();
      ADD_FAILURE() << "accepted " << file.dump();
    } catch (const CredentialError& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("bad.json"), std::string::npos) << "names the file: " << e.what();
    }
  };
  fails_with({{"type", "external_account"}}, "workload identity federation (external_account) is not supported yet");
  fails_with({{"type", "service_account"}, {"client_email", "x@y"}}, "needs client_email and private_key");
  fails_with({{"type", "service_account"}, {"client_email", "x@y"}, {"private_key", "not a key"}}, "not a PEM private key");
  fails_with({{"type", "something"}}, "unknown credentials type 'something'");
  json wrong_key = google.fake.service_account_key(gcp::testing::kScanner);
  wrong_key["client_email"] = gcp::testing::kNoAccess;  // signed with another account's key
  wrong_key["token_uri"] = google.fake.token_uri();
  fails_with(wrong_key, "invalid_grant");

  CredentialOptions missing = google.credential_options();
  missing.key_file = (google.folder.path / "nowhere.json").string();
  try {
    CredentialChain(missing).token();
    FAIL() << "a named file that does not exist";
  } catch (const CredentialError& e) {
    EXPECT_NE(std::string(e.what()).find("nowhere.json does not exist"), std::string::npos) << e.what();
  }
}
