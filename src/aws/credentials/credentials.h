#pragma once
// The standard AWS credential chain: environment, shared config and credentials files
// with profiles (static keys, role_arn via STS AssumeRole, web identity), web identity
// from the environment, ECS container credentials, and EC2 instance metadata (IMDSv2).
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "aws/sigv4/sigv4.h"

namespace signet::aws {

struct CredentialError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The merged settings of one profile from the config and credentials files.
using Profile = std::map<std::string, std::string>;

class ProfileFiles {
 public:
  // AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and ~/.aws/credentials.
  static ProfileFiles from_environment();
  static ProfileFiles from_text(const std::string& config, const std::string& credentials);
  std::optional<Profile> profile(const std::string& name) const;

 private:
  std::map<std::string, Profile> config_, credentials_;
};

// Calls an STS operation for the chain (AssumeRole, AssumeRoleWithWebIdentity): signed
// with `signer` when given. Returns the parsed output; throws CredentialError.
using StsCaller = std::function<nlohmann::json(const std::string& operation, const nlohmann::json& params,
                                               const std::optional<Credentials>& signer, const std::string& region)>;

// A role to assume with STS AssumeRole (a stored account's access, an organization's member role).
struct RoleToAssume {
  std::string role_arn;
  std::string external_id;       // optional
  std::string session_name;      // default "signet-<time>"
  int duration_seconds = 0;      // 0: STS's default (one hour)
  std::string region;            // STS region; default the chain's
};

class CredentialChain;

struct ChainOptions {
  std::string profile;               // else AWS_PROFILE, AWS_DEFAULT_PROFILE, "default"
  // With a role: the chain's credentials are that role's, assumed from `role_source` (another
  // chain, shared so its temporary credentials are refreshed once), else from the chain
  // that `profile` names.
  std::optional<RoleToAssume> role;
  std::shared_ptr<CredentialChain> role_source;
  StsCaller sts;                     // needed for roles and web identity
  std::string default_region = "us-east-1";
  std::chrono::seconds refresh_before{300};  // refresh temporary credentials this early
};

class CredentialChain {
 public:
  explicit CredentialChain(ChainOptions options);
  // Fixed credentials (tests, and callers that already hold keys).
  static std::shared_ptr<CredentialChain> fixed(Credentials credentials);

  // Cached; temporary credentials are refreshed before they expire. Throws
  // CredentialError saying what was tried.
  Credentials get();
  std::string source();  // where the current credentials came from

 private:
  Credentials resolve();
  Credentials resolve_chain();
  std::optional<Credentials> from_profile(const ProfileFiles& files, const std::string& name, int depth, std::string& from);
  Credentials assume_role(const RoleToAssume& role, const Credentials& source, const std::string& who);
  Credentials web_identity(const Profile& profile, const std::string& name);

  ChainOptions options_;
  std::mutex mutex_;
  std::optional<Credentials> cached_;
  std::string source_;
  std::vector<std::string> tried_;
};

// Readers of the HTTP credential endpoints, exposed for tests.
std::optional<Credentials> container_credentials();
std::optional<Credentials> instance_metadata_credentials();

}  // namespace signet::aws
