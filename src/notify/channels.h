#pragma once
// Notification channels: where risks are told (a generic webhook, a Slack incoming webhook,
// email over SMTP), what each is told (minimum risk level; services, signatures and accounts
// filters; fixed risks or not), and their secrets, sealed at rest.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "notify/secrets.h"
#include "store/store.h"

namespace signet::notify {

struct Channel {
  std::int64_t id = 0;
  std::string name;
  std::string type;  // webhook | slack | email
  bool enabled = true;
  std::string min_level = "High";  // Low, Medium or High: the weakest level told
  bool notify_fixed = false;       // also tell which risks were fixed
  std::vector<std::string> services, signatures, accounts;  // empty: all
  // email
  std::string smtp_url;  // smtp://host:587 (STARTTLS) or smtps://host:465
  std::string starttls = "required";  // required | try | off (plain smtp:// only)
  std::string from, smtp_user;
  std::vector<std::string> to;
  // Secrets, plain in memory only: "url" (webhook, slack), "signingSecret" (webhook HMAC),
  // "password" (email).
  std::map<std::string, std::string> secrets;
};

struct ChannelError : std::runtime_error {
  nlohmann::json fields;  // field -> message
  ChannelError(const std::string& message, nlohmann::json fields) : std::runtime_error(message), fields(std::move(fields)) {}
};

// From an API or CLI body; `base` is the stored channel being changed (omitted fields and
// secrets keep their values). Throws ChannelError with a message per field.
Channel parse_channel(const nlohmann::json& body, const Channel* base = nullptr);

// What the API shows: never a secret, only whether it is set and, for URLs, their host.
nlohmann::json public_view(const Channel& channel);

class Channels {
 public:
  Channels(store::Store& store, const SecretBox& box) : store_(store), box_(box) {}
  std::vector<Channel> all() const;
  std::optional<Channel> find(std::int64_t id) const;
  std::int64_t add(Channel channel);
  void update(const Channel& channel);  // throws if absent
  bool remove(std::int64_t id);

 private:
  Channel from_record(std::int64_t id, const nlohmann::json& body) const;
  nlohmann::json to_record(const Channel& channel) const;
  store::Store& store_;
  const SecretBox& box_;
};

}  // namespace signet::notify
