// Routes: the settings (regions, the console's address, time limits, rate caps).
#include "server/server_impl.h"

#include <regex>

#include "common/invalid_fields.h"

namespace signet::server {

using nlohmann::json;

void Server::Impl::register_settings_routes() {
  route("GET", "/api/settings", viewer, [this](Call& c) { c.reply(settings_json()); });
  route("PUT", "/api/settings", admin, [this](Call& c) {
    // (retentionScans, retentionDays: applied by the scheduler at start and hourly)
    auto body = c.body();
    FieldReader read{body};
    // Everything is checked before anything is saved: a refused change changes nothing.
    std::vector<std::string> regions;
    read.list("regions", regions);
    if (auto known = regions_check(regions); !known.ok() && !read.fields.contains("regions")) read.fields["regions"] = known.message;
    std::string url;
    read.text("publicUrl", url);
    while (!url.empty() && url.back() == '/') url.pop_back();
    static const std::regex console_url("https?://[^\\s/?#]+(/[^\\s?#]*)?");
    if (!url.empty() && !std::regex_match(url, console_url))
      read.fields["publicUrl"] = "must be the console's address, such as https://signet.example.com";
    for (const char* key : {"testTimeLimitSeconds", "evaluationTimeLimitSeconds"})
      if (body.contains(key) && (!body[key].is_number() || body[key].get<double>() < 1 || body[key].get<double>() > 3600))
        read.fields[key] = "must be a number of seconds from 1 to 3600";
    if (body.contains("limitStrikes") && (!body["limitStrikes"].is_number_unsigned() || body["limitStrikes"].get<std::uint64_t>() > 10000))
      read.fields["limitStrikes"] = "must be a whole number from 0 (never skip) to 10000";
    for (const char* key : {"maxRequestsPerSecond", "maxServiceRequestsPerSecond"})
      if (body.contains(key) && (!body[key].is_number() || body[key].get<double>() < 0 || body[key].get<double>() > 100000))
        read.fields[key] = "must be requests per second from 0 (no cap) to 100000";
    if (body.contains("accountConcurrency") && (!body["accountConcurrency"].is_number_unsigned() ||
                                                body["accountConcurrency"].get<std::uint64_t>() < 1 || body["accountConcurrency"].get<std::uint64_t>() > 64))
      read.fields["accountConcurrency"] = "must be a whole number of accounts scanned at once, from 1 to 64";
    for (const char* key : {"retentionScans", "retentionDays"})
      if (body.contains(key) && (!body[key].is_number_unsigned() || body[key].get<std::uint64_t>() > 100000))
        read.fields[key] = "must be a whole number from 0 (keep all) to 100000";
    read.fail_if_any("some settings are not valid");
    if (body.contains("regions")) store.set_setting("regions", regions);
    if (read.given("publicUrl")) store.set_setting("publicUrl", url);
    for (const char* key : {"testTimeLimitSeconds", "evaluationTimeLimitSeconds", "limitStrikes", "maxRequestsPerSecond",
                            "maxServiceRequestsPerSecond", "accountConcurrency", "retentionScans", "retentionDays"})
      if (body.contains(key)) store.set_setting(key, body[key]);
    c.reply(settings_json());
  });
}

}  // namespace signet::server
