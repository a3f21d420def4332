#pragma once
// Telling people about a scan: each enabled channel gets, once per scan, the risks that are
// new since the previous scan (and, where asked, the ones fixed) that pass its filters;
// nothing when none does. Deliveries retry with back-off, are recorded, and never throw:
// a broken channel never breaks a scan.
#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "notify/channels.h"

namespace signet::notify {

// What a scan found, as the notifier needs it (engine::ScanReport's results and fixed).
struct ScanNews {
  std::int64_t scan_id = 0;
  std::string account;                // the scanned account's name ("" = the default credentials)
  std::vector<nlohmann::json> fresh;  // failing results marked "new"
  std::vector<nlohmann::json> fixed;  // failures of the previous scan that are gone
  std::string account_id;             // the cloud's id for it ("" = not known)
};
// The news of a scan as the store has it (its new and fixed risks) and its stats (which
// name the account).
ScanNews news_of(const store::Store& store, std::int64_t scan_id, const nlohmann::json& stats);

struct Selection {
  std::vector<nlohmann::json> fresh, fixed;  // most severe first
  bool empty() const { return fresh.empty() && fixed.empty(); }
};
// What `channel` is told about `news`: its level, service, signature and account filters.
Selection select(const Channel& channel, const ScanNews& news);

// The message bodies (documented in README.md, "Notifications").
nlohmann::json webhook_payload(const Selection& selection, const ScanNews& news, const std::string& console_url);
nlohmann::json slack_payload(const Selection& selection, const ScanNews& news, const std::string& console_url);
std::string email_subject(const Selection& selection, const ScanNews& news);
std::string email_message(const Channel& channel, const Selection& selection, const ScanNews& news, const std::string& console_url);
// "sha256=" + hex HMAC-SHA256 of "TIMESTAMP.BODY" under the channel's signing secret.
std::string webhook_signature(const std::string& secret, const std::string& timestamp, const std::string& body);

struct DeliveryOptions {
  int attempts = 4;                                  // tries per message, the first included
  std::chrono::milliseconds first_backoff{2000};     // doubled after each failed try
  std::chrono::seconds timeout{15};                  // per try
  std::string console_url;                           // links in messages; "" = no links
};

class Notifier {
 public:
  Notifier(store::Store& store, const SecretBox& box, DeliveryOptions options);
  // Delivers a scan's news to every enabled channel it concerns; returns the delivery records.
  std::vector<nlohmann::json> notify_scan(const ScanNews& news);
  // Sends a test message (sample risks) to one channel, enabled or not; returns its record.
  nlohmann::json send_test(const Channel& channel);
  // The newest delivery records first.
  std::vector<nlohmann::json> deliveries(std::size_t limit = 100) const;

 private:
  nlohmann::json deliver(const Channel& channel, const Selection& selection, const ScanNews& news, const std::string& kind);
  store::Store& store_;
  Channels channels_;
  DeliveryOptions options_;
};

}  // namespace signet::notify
