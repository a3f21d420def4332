// Every provider of the credential chain: environment, files with profiles, roles through
// STS on moto, web identity, and local HTTP servers standing in for the ECS container and
// EC2 instance metadata endpoints.
#include "aws/credentials/credentials.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "aws/client/client.h"
#include "emulator/moto_server.h"
#include "testing/local_http_server.h"

using namespace signet;
using namespace signet::aws;
namespace fs = std::filesystem;

extern char** environ;

namespace {


// Clears every AWS_ variable for one test and restores them after.
struct CleanEnvironment {
  std::vector<std::pair<std::string, std::string>> saved;
  fs::path dir;
  CleanEnvironment() {
    std::vector<std::string> names;
    for (char** e = environ; *e; ++e) {
      std::string entry = *e;
      if (entry.rfind("AWS_", 0) == 0) names.push_back(entry.substr(0, entry.find('=')));
    }
    for (const auto& n : names) {
      saved.emplace_back(n, std::getenv(n.c_str()));
      unsetenv(n.c_str());
    }
    dir = fs::temp_directory_path() / ("signet-creds-" + std::to_string(getpid()) + "-" + std::to_string(rand()));
    fs::create_directories(dir);
    setenv("AWS_CONFIG_FILE", (dir / "config").c_str(), 1);
    setenv("AWS_SHARED_CREDENTIALS_FILE", (dir / "credentials").c_str(), 1);
    setenv("AWS_EC2_METADATA_DISABLED", "true", 1);  // never reach for 169.254.169.254 in tests
  }
  ~CleanEnvironment() {
    std::vector<std::string> names;
    for (char** e = environ; *e; ++e) {
      std::string entry = *e;
      if (entry.rfind("AWS_", 0) == 0) names.push_back(entry.substr(0, entry.find('=')));
    }
    for (const auto& n : names) unsetenv(n.c_str());
    for (const auto& [n, v] : saved) setenv(n.c_str(), v.c_str(), 1);
    fs::remove_all(dir);
  }
  void write(const char* name, const std::string& text) { std::ofstream(dir / name) << text; }
};

ChainOptions with_sts() {
  EndpointOverrides overrides;
  overrides.all = emulator::MotoServer::shared().endpoint();
  ChainOptions o;
  o.sts = make_sts_caller(Models::embedded(), overrides);
  return o;
}

using LocalServer = signet::testing::LocalHttpServer;

std::string expiring_in(std::chrono::seconds s) {
  std::time_t t = std::time(nullptr) + s.count();
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

}  // namespace

TEST(Credentials, EnvironmentComesFirst) {
  CleanEnvironment env;
  setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
  setenv("AWS_SECRET_ACCESS_KEY", "secret", 1);
  setenv("AWS_SESSION_TOKEN", "token", 1);
  env.write("credentials", "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n");
  CredentialChain chain({});
  auto c = chain.get();
  EXPECT_EQ(c.access_key_id, "AKIDENV");
  EXPECT_EQ(c.session_token, "token");
  EXPECT_EQ(chain.source(), "environment");
}

TEST(Credentials, ProfilesFromTheSharedFiles) {
  CleanEnvironment env;
  env.write("credentials", "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s1\n\n[dev]\naws_access_key_id=AKIDDEV\naws_secret_access_key=s2\n");
  env.write("config", "[default]\nregion = eu-west-1\n# comment\n[profile ops]\naws_access_key_id = AKIDOPS\naws_secret_access_key = s3\n");
  EXPECT_EQ(CredentialChain({}).get().access_key_id, "AKIDDEFAULT");
  setenv("AWS_PROFILE", "dev", 1);
  EXPECT_EQ(CredentialChain({}).get().access_key_id, "AKIDDEV");
  EXPECT_EQ(CredentialChain({"ops"}).get().access_key_id, "AKIDOPS") << "config-file profiles count too";
  setenv("AWS_PROFILE", "missing", 1);
  try {
    CredentialChain({}).get();
    ADD_FAILURE() << "a missing profile must be an error";
  } catch (const CredentialError& e) {
    EXPECT_NE(std::string(e.what()).find("'missing'"), std::string::npos) << e.what();
  }
}

TEST(Credentials, RoleProfilesAssumeTheRoleThroughSts) {
  CleanEnvironment env;
  env.write("credentials", "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = s\n");
  env.write("config", "[profile auditor]\nrole_arn = arn:aws:iam::123456789012:role/auditor\nsource_profile = base\n"
                      "external_id = ext-1\nrole_session_name = audit\n");
  ChainOptions options = with_sts();
  options.profile = "auditor";
  CredentialChain chain(options);
  auto c = chain.get();
  EXPECT_NE(c.access_key_id, "AKIDBASE");
  EXPECT_FALSE(c.session_token.empty());
  ASSERT_TRUE(c.expiration.has_value());
  EXPECT_GT(*c.expiration, std::chrono::system_clock::now());
  EXPECT_NE(chain.source().find("role arn:aws:iam::123456789012:role/auditor"), std::string::npos);
}

TEST(Credentials, WebIdentityFromTheEnvironment) {
  CleanEnvironment env;
  env.write("token", "eyJhbGciOiJIUzI1NiJ9.e30.signature");
  setenv("AWS_WEB_IDENTITY_TOKEN_FILE", (env.dir / "token").c_str(), 1);
  setenv("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/ci", 1);
  CredentialChain chain(with_sts());
  auto c = chain.get();
  EXPECT_FALSE(c.access_key_id.empty());
  EXPECT_FALSE(c.session_token.empty());
  EXPECT_NE(chain.source().find("web identity"), std::string::npos);
}

TEST(Credentials, ContainerEndpointWithAuthorization) {
  CleanEnvironment env;
  LocalServer ecs;
  ecs.server.Get("/v2/credentials", [](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("Authorization") != "Bearer abc") {
      res.status = 401;
      return;
    }
    res.set_content(R"({"AccessKeyId":"ASIAECS","SecretAccessKey":"s","Token":"t","Expiration":")" + expiring_in(std::chrono::hours(6)) + "\"}",
                    "application/json");
  });
  ecs.start();
  setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", (ecs.url() + "/v2/credentials").c_str(), 1);
  setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer abc", 1);
  CredentialChain chain({});
  EXPECT_EQ(chain.get().access_key_id, "ASIAECS");
  EXPECT_EQ(chain.source(), "container credentials endpoint");
  setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Bearer wrong", 1);
  EXPECT_THROW(CredentialChain({}).get(), CredentialError);
}

TEST(Credentials, InstanceMetadataV2AndRefreshBeforeExpiry) {
  CleanEnvironment env;
  LocalServer imds;
  std::atomic<int> fetches{0};
  imds.server.Put("/latest/api/token", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.get_header_value("X-aws-ec2-metadata-token-ttl-seconds").empty() ? "" : "TOKEN", "text/plain");
  });
  auto guarded = [](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("X-aws-ec2-metadata-token") != "TOKEN") {
      res.status = 401;
      return false;
    }
    return true;
  };
  imds.server.Get("/latest/meta-data/iam/security-credentials/", [&](const httplib::Request& req, httplib::Response& res) {
    if (guarded(req, res)) res.set_content("scanner-role", "text/plain");
  });
  imds.server.Get("/latest/meta-data/iam/security-credentials/scanner-role", [&](const httplib::Request& req, httplib::Response& res) {
    if (!guarded(req, res)) return;
    ++fetches;
    // Expires in 2 minutes: inside the refresh window, so every get() fetches again.
    res.set_content(R"({"Code":"Success","AccessKeyId":"ASIAIMDS)" + std::to_string(fetches.load()) + R"(","SecretAccessKey":"s","Token":"t","Expiration":")" +
                        expiring_in(std::chrono::minutes(2)) + "\"}",
                    "application/json");
  });
  imds.start();
  unsetenv("AWS_EC2_METADATA_DISABLED");
  setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url().c_str(), 1);
  CredentialChain chain({});
  EXPECT_EQ(chain.get().access_key_id, "ASIAIMDS1");
  EXPECT_EQ(chain.source(), "EC2 instance metadata");
  EXPECT_EQ(chain.get().access_key_id, "ASIAIMDS2") << "credentials close to expiry are fetched again";
}

TEST(Credentials, NothingFoundSaysWhatWasTried) {
  CleanEnvironment env;
  try {
    CredentialChain({}).get();
    ADD_FAILURE() << "expected an error";
  } catch (const CredentialError& e) {
    std::string m = e.what();
    for (const char* tried : {"environment variables", "profile default", "web identity", "container credentials", "EC2 instance metadata"})
      EXPECT_NE(m.find(tried), std::string::npos) << tried << " not in: " << m;
  }
}
