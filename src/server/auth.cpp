#include "server/auth.h"

#include "common/digest.h"
#include "notify/secrets.h"

#include <argon2.h>
#include <openssl/rand.h>

#include <algorithm>
#include <regex>
#include <stdexcept>

namespace signet::server {

namespace {

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
constexpr uint32_t kTimeCost = 2, kMemoryKiB = 19 * 1024, kLanes = 1, kHashBytes = 32, kSaltBytes = 16;


}  // namespace

std::optional<Role> parse_role(const std::string& name) {
  if (name == "viewer") return Role::Viewer;
  if (name == "editor") return Role::Editor;
  if (name == "admin") return Role::Admin;
  return std::nullopt;
}

std::string to_string(Role role) {
  switch (role) {
    case Role::Viewer: return "viewer";
    case Role::Editor: return "editor";
    case Role::Admin: return "admin";
  }
  return "viewer";
}

std::string hash_password(const std::string& password) {
  unsigned char salt[kSaltBytes];
  if (RAND_bytes(salt, sizeof salt) != 1) throw std::runtime_error("no random bytes for a password salt");
  std::string encoded(argon2_encodedlen(kTimeCost, kMemoryKiB, kLanes, kSaltBytes, kHashBytes, Argon2_id), '\0');
  int rc = argon2id_hash_encoded(kTimeCost, kMemoryKiB, kLanes, password.data(), password.size(), salt, sizeof salt, kHashBytes,
                                 encoded.data(), encoded.size());
  if (rc != ARGON2_OK) throw std::runtime_error(std::string("argon2id: ") + argon2_error_message(rc));
  encoded.resize(encoded.find('\0'));
  return encoded;
}

bool verify_password(const std::string& encoded_hash, const std::string& password) {
  return argon2id_verify(encoded_hash.c_str(), password.data(), password.size()) == ARGON2_OK;
}

std::string password_problem(const std::string& password) {
  if (password.size() < 10) return "must be at least 10 characters";
  if (password.size() > 1024) return "must be at most 1024 characters";
  return "";
}

std::string user_name_problem(const std::string& name) {
  static const std::regex user_name("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  if (!std::regex_match(name, user_name))
    return "must be 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit";
  return "";
}



std::string Sessions::open(const std::string& user, std::string& csrf_token_out) {
  std::string cookie = notify::random_hex();
  csrf_token_out = notify::random_hex();
  std::lock_guard lock(mutex_);
  by_hash_[sha256_hex(cookie)] = {user, csrf_token_out, std::chrono::steady_clock::now()};
  return cookie;
}

std::optional<Identity> Sessions::find(const std::string& cookie_value, const store::Store& store) {
  std::string user, csrf;
  {
    std::lock_guard lock(mutex_);
    auto it = by_hash_.find(sha256_hex(cookie_value));
    if (it == by_hash_.end()) return std::nullopt;
    auto now = std::chrono::steady_clock::now();
    if (now - it->second.last_seen > idle_limit_) {
      by_hash_.erase(it);
      return std::nullopt;
    }
    it->second.last_seen = now;
    user = it->second.user;
    csrf = it->second.csrf_token;
  }
  // The role is read each time, so a changed or removed user takes effect at once.
  auto stored = store.user(user);
  if (!stored) return std::nullopt;
  auto role = parse_role(stored->role);
  if (!role) return std::nullopt;
  return Identity{user, *role, csrf};
}

void Sessions::close(const std::string& cookie_value) {
  std::lock_guard lock(mutex_);
  by_hash_.erase(sha256_hex(cookie_value));
}

void Sessions::close_all_of(const std::string& user) {
  std::lock_guard lock(mutex_);
  std::erase_if(by_hash_, [&](const auto& entry) { return entry.second.user == user; });
}

int SignInLimiter::wait_seconds(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return 0;
  auto& times = it->second;
  auto now = std::chrono::steady_clock::now();
  std::erase_if(times, [&](auto t) { return now - t > window_; });
  if (times.empty()) {
    failures_.erase(it);  // forget keys whose failures are old, so the map does not grow
    return 0;
  }
  if (static_cast<int>(times.size()) < attempts_) return 0;
  auto wait = std::chrono::duration_cast<std::chrono::seconds>(times.front() + window_ - now).count();
  return static_cast<int>(std::max<long>(1, wait));
}

void SignInLimiter::failed(const std::string& key) {
  std::lock_guard lock(mutex_);
  failures_[key].push_back(std::chrono::steady_clock::now());
}

void SignInLimiter::succeeded(const std::string& key) {
  std::lock_guard lock(mutex_);
  failures_.erase(key);
}

IssuedToken issue_api_token(store::Store& store, const std::string& user, const std::string& name) {
  std::string token = kApiTokenPrefix + notify::random_hex();
  return {store.add_api_token({0, name, user, sha256_hex(token), ""}), token};
}

std::optional<Identity> identify_api_token(const std::string& token, const store::Store& store) {
  if (token.rfind(kApiTokenPrefix, 0) != 0) return std::nullopt;
  auto stored = store.api_token_by_hash(sha256_hex(token));
  if (!stored) return std::nullopt;
  auto user = store.user(stored->user);
  if (!user) return std::nullopt;
  auto role = parse_role(user->role);
  if (!role) return std::nullopt;
  return Identity{user->name, *role, ""};
}

}  // namespace signet::server
