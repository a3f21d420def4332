#pragma once
// Who is asking: passwords (argon2id), browser sessions, API tokens, roles, and the limit on
// sign-in attempts. No HTTP here: the server asks these questions per request.
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "store/store.h"

namespace signet::server {

// Roles, weakest first: a viewer reads, an editor also changes signatures and runs tests and
// scans, an admin also manages users and settings.
enum class Role { Viewer = 1, Editor = 2, Admin = 3 };
std::optional<Role> parse_role(const std::string& name);
std::string to_string(Role role);

std::string hash_password(const std::string& password);  // argon2id, encoded with its salt and costs
bool verify_password(const std::string& encoded_hash, const std::string& password);
// Why a password is refused ("" when acceptable).
std::string password_problem(const std::string& password);
// Why a user name is refused ("" when acceptable).
std::string user_name_problem(const std::string& name);


struct Identity {
  std::string user;
  Role role = Role::Viewer;
  std::string csrf_token;  // empty for API tokens, which no browser sends by itself
};

// Browser sessions, in memory: a restart signs everyone out, and nothing secret is on disk.
class Sessions {
 public:
  explicit Sessions(std::chrono::seconds idle_limit = std::chrono::hours(12)) : idle_limit_(idle_limit) {}
  // Returns the session cookie's value; only its hash is kept.
  std::string open(const std::string& user, std::string& csrf_token_out);
  std::optional<Identity> find(const std::string& cookie_value, const store::Store& store);
  void close(const std::string& cookie_value);
  void close_all_of(const std::string& user);

 private:
  struct Session {
    std::string user, csrf_token;
    std::chrono::steady_clock::time_point last_seen;
  };
  std::chrono::seconds idle_limit_;
  std::mutex mutex_;
  std::map<std::string, Session> by_hash_;
};

// At most `attempts` failed sign-ins per key (the client address, and the user name) in a
// sliding `window`; a success clears the user name's count.
class SignInLimiter {
 public:
  SignInLimiter(int attempts = 5, std::chrono::seconds window = std::chrono::minutes(5)) : attempts_(attempts), window_(window) {}
  // Seconds to wait before trying again, 0 when allowed.
  int wait_seconds(const std::string& key);
  void failed(const std::string& key);
  void succeeded(const std::string& key);

 private:
  int attempts_;
  std::chrono::seconds window_;
  std::mutex mutex_;
  std::map<std::string, std::vector<std::chrono::steady_clock::time_point>> failures_;
};

// API tokens start with this, so they are recognisable in logs and secret scanners.
inline constexpr const char* kApiTokenPrefix = "sgt_";
// Makes an API token for `user` (stored as its hash); the token is to be shown once.
struct IssuedToken {
  std::int64_t id = 0;
  std::string token;
};
IssuedToken issue_api_token(store::Store& store, const std::string& user, const std::string& name);
std::optional<Identity> identify_api_token(const std::string& token, const store::Store& store);

}  // namespace signet::server
