#pragma once
// Where signatures and scan results live. An interface, so a server database can follow;
// SQLite (one file, WAL, versioned migrations) is the default. Safe to share between threads.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "signature/metadata.h"

namespace signet::store {

struct StoreError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct StoredSignature {
  signature::Metadata metadata;  // metadata.id is the signature's id
  std::string code;
  bool builtin = false;
  std::string updated_at;
};

struct ScanSummary {
  std::int64_t id = 0;
  std::string started_at, finished_at;
  std::string status;  // running, complete, failed
  nlohmann::json stats = nlohmann::json::object();
};

// A person who signs in to the web console. Roles: admin, editor, viewer.
struct User {
  std::string name, role, password_hash, created_at;
};

// A token for the CLI and CI; only its hash is kept.
struct ApiToken {
  std::int64_t id = 0;
  std::string name, user, token_hash, created_at;
};

class Store {
 public:
  virtual ~Store() = default;

  // Saves a new signature with a fresh id (CUSTOM-0001, ...) unless it carries one; returns it.
  virtual std::string add_signature(StoredSignature signature) = 0;
  virtual void update_signature(const StoredSignature& signature) = 0;  // throws if absent
  // Saves a batch all-or-nothing; an id already stored is an error.
  virtual std::vector<std::string> add_signatures(std::vector<StoredSignature> signatures) = 0;
  // Import: like add_signatures, but a signature whose id is stored replaces it.
  virtual std::vector<std::string> import_signatures(std::vector<StoredSignature> signatures) = 0;
  virtual std::optional<StoredSignature> signature(const std::string& id) const = 0;
  virtual std::vector<StoredSignature> signatures() const = 0;
  virtual bool remove_signature(const std::string& id) = 0;
  virtual bool set_enabled(const std::string& id, bool enabled) = 0;

  virtual std::int64_t begin_scan() = 0;
  virtual void add_results(std::int64_t scan, const std::vector<nlohmann::json>& results) = 0;
  virtual void finish_scan(std::int64_t scan, const std::string& status, const nlohmann::json& stats) = 0;
  virtual std::vector<ScanSummary> scans() const = 0;  // newest first
  virtual std::vector<nlohmann::json> results(std::int64_t scan) const = 0;

  virtual void add_user(const User& user) = 0;  // throws if the name is taken
  virtual void update_user(const User& user) = 0;  // throws if absent
  virtual std::optional<User> user(const std::string& name) const = 0;
  virtual std::vector<User> users() const = 0;
  virtual bool remove_user(const std::string& name) = 0;  // and the user's API tokens

  virtual std::int64_t add_api_token(const ApiToken& token) = 0;
  virtual std::optional<ApiToken> api_token_by_hash(const std::string& token_hash) const = 0;
  virtual std::vector<ApiToken> api_tokens() const = 0;
  virtual bool remove_api_token(std::int64_t id) = 0;

  // Configuration documents by kind ("channel", "schedule", "delivery", ...): each a JSON
  // object with an id given by the store. Their meaning belongs to the module that owns the kind.
  virtual std::int64_t add_record(const std::string& kind, const nlohmann::json& body) = 0;
  virtual bool update_record(const std::string& kind, std::int64_t id, const nlohmann::json& body) = 0;
  virtual std::optional<nlohmann::json> record(const std::string& kind, std::int64_t id) const = 0;
  // Oldest first; at most `limit` of the newest when limit > 0.
  virtual std::vector<std::pair<std::int64_t, nlohmann::json>> records(const std::string& kind, std::size_t limit = 0) const = 0;
  virtual bool remove_record(const std::string& kind, std::int64_t id) = 0;
  // Keeps the newest `keep` records of a kind (history that must not grow without bound).
  virtual void prune_records(const std::string& kind, std::size_t keep) = 0;

  // Server settings, one JSON value per key; null when unset.
  virtual nlohmann::json setting(const std::string& key) const = 0;
  virtual void set_setting(const std::string& key, const nlohmann::json& value) = 0;
};

// Opens (creating and migrating as needed) the SQLite store at `path`.
std::unique_ptr<Store> open_sqlite(const std::string& path);

// The default database path: $SIGNET_DB, else ~/.signet/signet.db.
std::string default_path();

}  // namespace signet::store
