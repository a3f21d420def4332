// Application Default Credentials against the fake's token endpoint, metadata server and
// IAM Credentials: each source, in Google's order, and what each failure says.
#include "gcp/credentials/credentials.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "common/jwt.h"
#include "gcp/test_helpers.h"
#include "testing/local_http_server.h"

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
  fails_with({{"type", "external_account"}}, "an external account needs audience and subject_token_type");
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

namespace {

// The fixture's workload identity provider of `kind` (oidc, aws).
const json& federation_provider(const FakeGoogle& google, const std::string& kind) {
  for (const auto& p : google.fake.org()["credentials"]["workloadIdentityProviders"])
    if (p["kind"] == kind) return p;
  throw std::invalid_argument("no " + kind + " provider in the fixture");
}

// An external_account file as `gcloud iam workload-identity-pools create-cred-config` writes
// it, against the fake: its STS, and the scanner account impersonated.
json external_account(const FakeGoogle& google, const json& provider, const std::string& subject_type, const json& source) {
  return {{"type", "external_account"},
          {"audience", provider["audience"]},
          {"subject_token_type", subject_type},
          {"token_url", google.fake.url() + "/sts.googleapis.com/v1/token"},
          {"service_account_impersonation_url", google.fake.url() + "/iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/" +
                                                    gcp::testing::kScanner + ":generateAccessToken"},
          {"credential_source", source}};
}

// A CI system's OIDC token for `sub`, signed with the provider's key.
std::string oidc_token(const json& provider, const std::string& sub, long long lifetime = 600) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  PrivateKey key = read_private_key_pem(provider["private_key"].get<std::string>());
  return rs256_jwt({{"alg", "RS256"}, {"typ", "JWT"}},
                   {{"iss", provider["issuer"]}, {"aud", "https:" + provider["audience"].get<std::string>()}, {"sub", sub}, {"iat", now}, {"exp", now + lifetime}},
                   key.get());
}

CredentialOptions with_file(const FakeGoogle& google, const json& file, const std::string& name = "federation.json") {
  CredentialOptions o = google.credential_options();
  o.key_file = (google.folder.path / name).string();
  std::ofstream(o.key_file) << file.dump();
  return o;
}

// A variable set for one test, as it was afterwards.
struct ScopedEnv {
  std::string name;
  std::optional<std::string> before;
  ScopedEnv(std::string n, const std::string& value) : name(std::move(n)) {
    if (const char* v = std::getenv(name.c_str())) before = v;
    if (value.empty()) unsetenv(name.c_str());
    else setenv(name.c_str(), value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (before) setenv(name.c_str(), before->c_str(), 1);
    else unsetenv(name.c_str());
  }
};

}  // namespace

TEST(GcpCredentials, WorkloadIdentityFederationFromAFileOrAUrlTokenImpersonatesTheScanner) {
  FakeGoogle google;
  const json& oidc = federation_provider(google, "oidc");
  const std::string jwt_type = "urn:ietf:params:oauth:token-type:jwt";
  const std::string token_file = (google.folder.path / "ci-token").string();
  std::ofstream(token_file) << oidc_token(oidc, "repo:signet/signet:ref:refs/heads/main") << "\n";
  CredentialChain from_file(with_file(google, external_account(google, oidc, jwt_type, {{"file", token_file}})));
  EXPECT_FALSE(from_file.token().empty());
  EXPECT_NE(from_file.source().find("impersonating signet-scanner@signet-prod.iam.gserviceaccount.com from workload identity federation (file " + token_file),
            std::string::npos) << from_file.source();
  EXPECT_EQ(google.fake.tokens_issued().at("sts"), 1);
  EXPECT_EQ(google.fake.tokens_issued().at("impersonation"), 1);
  // The token works as the scanner: it reads the production project.
  io::EventLoop loop;
  GcpClient client(loop, std::make_shared<CredentialChain>(with_file(google, external_account(google, oidc, jwt_type, {{"file", token_file}}))),
                   google.discovery, google.client_options());
  auto read = gcp::testing::call_now(loop, client, {"cloudresourcemanager", "projects.get", "signet-prod", {{"projectId", "signet-prod"}}, "v1"});
  EXPECT_TRUE(read.error.is_null()) << read.error.dump();
  EXPECT_EQ(read.api_response.value("projectId", ""), "signet-prod");

  // A URL source answering JSON (as Azure's or a CI's token service does), with its headers.
  signet::testing::LocalHttpServer issuer;
  issuer.server.Get("/token", [&](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("Metadata") != "true") return void(res.status = 400);
    res.set_content(json{{"access_token", oidc_token(oidc, "repo:signet/signet:ref:refs/heads/main")}}.dump(), "application/json");
  });
  issuer.start();
  const json url_source = {{"url", issuer.url() + "/token"}, {"headers", {{"Metadata", "true"}}},
                           {"format", {{"type", "json"}, {"subject_token_field_name", "access_token"}}}};
  CredentialChain from_url(with_file(google, external_account(google, oidc, jwt_type, url_source)));
  EXPECT_FALSE(from_url.token().empty());
  EXPECT_NE(from_url.source().find("(url " + issuer.url() + "/token"), std::string::npos) << from_url.source();

  // Without impersonation the federated principal itself holds the token.
  json direct = external_account(google, oidc, jwt_type, {{"file", token_file}});
  direct.erase("service_account_impersonation_url");
  CredentialChain federated_only(with_file(google, direct));
  EXPECT_FALSE(federated_only.token().empty());
  EXPECT_EQ(federated_only.source().rfind("workload identity federation (file ", 0), 0u) << federated_only.source();
}

TEST(GcpCredentials, WorkloadIdentityFederationFromAwsSignsGetCallerIdentityWithTheEnvironmentsOrTheInstancesKeys) {
  FakeGoogle google;
  const json& aws = federation_provider(google, "aws");
  const std::string aws_type = "urn:ietf:params:aws:token-type:aws4_request";
  const json& key = aws["keys"][0];
  // Keys and region from the environment (as on ECS, Lambda, or a CI runner with AWS keys).
  {
    ScopedEnv id("AWS_ACCESS_KEY_ID", key["accessKeyId"]), secret("AWS_SECRET_ACCESS_KEY", key["secretAccessKey"]),
        token("AWS_SESSION_TOKEN", ""), region("AWS_REGION", "eu-west-1"), fallback("AWS_DEFAULT_REGION", "");
    CredentialChain chain(with_file(google, external_account(google, aws, aws_type, {{"environment_id", "aws1"}})));
    EXPECT_FALSE(chain.token().empty());
    EXPECT_NE(chain.source().find("AWS keys from the environment (" + key["accessKeyId"].get<std::string>() + ", eu-west-1)"), std::string::npos)
        << chain.source();
    // A wrong secret: the signature AWS would compute differs, and Google's STS says so.
    ScopedEnv wrong("AWS_SECRET_ACCESS_KEY", "not-the-secret-key-of-that-access-key-id");
    try {
      CredentialChain(with_file(google, external_account(google, aws, aws_type, {{"environment_id", "aws1"}}), "wrong.json")).token();
      ADD_FAILURE() << "a request signed with the wrong secret was exchanged";
    } catch (const CredentialError& e) {
      EXPECT_NE(std::string(e.what()).find("signature we calculated does not match"), std::string::npos) << e.what();
    }
  }
  // No keys in the environment: the EC2 metadata service's, through an IMDSv2 session.
  ScopedEnv id("AWS_ACCESS_KEY_ID", ""), secret("AWS_SECRET_ACCESS_KEY", ""), region("AWS_REGION", ""), fallback("AWS_DEFAULT_REGION", "");
  signet::testing::LocalHttpServer imds;
  const std::string session = "imds-session-token";
  auto with_session = [&](const httplib::Request& req, httplib::Response& res, const std::string& body) {
    if (req.get_header_value("X-aws-ec2-metadata-token") != session) return void(res.status = 401);
    res.set_content(body, "text/plain");
  };
  imds.server.Put("/latest/api/token", [&](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("X-aws-ec2-metadata-token-ttl-seconds").empty()) return void(res.status = 400);
    res.set_content(session, "text/plain");
  });
  imds.server.Get("/latest/meta-data/placement/availability-zone",
                  [&](const httplib::Request& req, httplib::Response& res) { with_session(req, res, "us-east-1b"); });
  imds.server.Get("/latest/meta-data/iam/security-credentials",
                  [&](const httplib::Request& req, httplib::Response& res) { with_session(req, res, "signet-scanner"); });
  imds.server.Get("/latest/meta-data/iam/security-credentials/signet-scanner", [&](const httplib::Request& req, httplib::Response& res) {
    with_session(req, res, json{{"AccessKeyId", key["accessKeyId"]}, {"SecretAccessKey", key["secretAccessKey"]}, {"Token", "instance-session"}}.dump());
  });
  imds.start();
  const json instance = {{"environment_id", "aws1"},
                         {"region_url", imds.url() + "/latest/meta-data/placement/availability-zone"},
                         {"url", imds.url() + "/latest/meta-data/iam/security-credentials"},
                         {"imdsv2_session_token_url", imds.url() + "/latest/api/token"}};
  CredentialChain on_ec2(with_file(google, external_account(google, aws, aws_type, instance), "ec2.json"));
  EXPECT_FALSE(on_ec2.token().empty());
  EXPECT_NE(on_ec2.source().find("the EC2 instance role signet-scanner (" + key["accessKeyId"].get<std::string>() + ", us-east-1)"), std::string::npos)
      << on_ec2.source();
}

TEST(GcpCredentials, WorkloadIdentityFederationFailuresSayWhy) {
  FakeGoogle google;
  const json& oidc = federation_provider(google, "oidc");
  const std::string jwt_type = "urn:ietf:params:oauth:token-type:jwt";
  const std::string token_file = (google.folder.path / "ci-token").string();
  auto fails_with = [&](const json& file, const std::string& expected) {
    try {
      CredentialChain(with_file(google, file, "bad.json")).token();
      ADD_FAILURE() << "accepted " << file.dump();
    } catch (const CredentialError& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("bad.json"), std::string::npos) << "names the file: " << e.what();
    }
  };
  std::ofstream(token_file) << oidc_token(oidc, "repo:signet/signet:ref:refs/heads/main", -60);
  fails_with(external_account(google, oidc, jwt_type, {{"file", token_file}}), "The ID Token has expired");
  std::ofstream(token_file) << oidc_token(oidc, "repo:someone/else:ref:refs/heads/main");
  fails_with(external_account(google, oidc, jwt_type, {{"file", token_file}}), "HTTP 403");  // a principal that may not impersonate the scanner
  json elsewhere = external_account(google, oidc, jwt_type, {{"file", token_file}});
  elsewhere["audience"] = "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/nope/providers/nope";
  fails_with(elsewhere, "invalid_target");
  fails_with(external_account(google, oidc, jwt_type, {{"file", (google.folder.path / "absent").string()}}), "absent does not exist");
  fails_with(external_account(google, oidc, jwt_type, {{"executable", {{"command", "/bin/true"}}}}), "executable is not supported");
  fails_with(external_account(google, oidc, jwt_type, json::object()), "names no file, url or environment_id");
  fails_with(external_account(google, oidc, jwt_type, {{"file", token_file}, {"format", {{"type", "json"}, {"subject_token_field_name", "id_token"}}}}),
             "no text field 'id_token'");
}
