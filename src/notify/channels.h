#pragma once
// Notification channels: where risks are told (a generic webhook, a Slack incoming webhook,
// email over SMTP), what each is told (minimum risk level; services, signatures and accounts
// filters; fixed risks or not), and their secrets, sealed at rest.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/invalid_fields.h"
#include "notify/secrets.h"
#include "store/records.h"

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

using ChannelError = InvalidFields;

// From an API or CLI body; `base` is the stored channel being changed (omitted fields and
// secrets keep their values). Throws ChannelError with a message per field.
Channel parse_channel(const nlohmann::json& body, const Channel* base = nullptr);

// What the API shows: never a secret, only whether it is set and, for URLs, their host.
nlohmann::json public_view(const Channel& channel);

// The stored channels (store records of kind "channel"), secrets sealed with `box`.
class Channels : public store::Records<Channel> {
 public:
  Channels(store::Store& store, const SecretBox& box);
};

}  // namespace signet::notify
