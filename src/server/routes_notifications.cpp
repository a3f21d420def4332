// Routes (admin): notification channels and their deliveries, scheduled scans.
#include "server/server_impl.h"

#include <algorithm>
#include <chrono>

#include "common/invalid_fields.h"
#include "common/names.h"
#include "notify/notify.h"
#include "schedule/schedule.h"

namespace signet::server {

using nlohmann::json;

void Server::Impl::register_notification_routes() {
  // ---- notification channels and scheduled scans (admin) ----
  // A channel's filters and a schedule's regions must name things that exist (only what a change gives is checked).
  record_routes<notify::Channel>(
      "/api/channels", "channel", channels,
      [this](const json& body, const notify::Channel* base) {
        return parse_and_require_known([&] { return notify::parse_channel(body, base); },
                                       {services_check(listed_in(body, "services")),
                                        check_signature_ids(listed_in(body, "signatures"), store, true)});
      },
      notify::public_view, {});
  route("POST", R"(/api/channels/(\d+)/test)", admin, [this](Call& c) {
    auto ch = channels.find(c.id_param(1, "channel"));
    if (!ch) throw ApiError(404, "not_found", "no channel " + c.param(1));
    c.reply(notifier().send_test(*ch));
  });
  route("GET", "/api/deliveries", admin, [this](Call& c) {  // newest first; the store keeps the last few thousand
    c.reply(page_of(notifier().deliveries(0), c.page(100), [](const json& d) { return d; }));
  });
  record_routes<schedule::Schedule>("/api/schedules", "schedule", schedules,
                                    [this](const json& body, const schedule::Schedule* base) {
                                      auto s = parse_and_require_known([&] { return schedule::parse_schedule(body, base); },
                                                                       {regions_check(listed_in(body, "regions"))});
                                      check_accounts(s.account);  // names stored accounts, organizations or ids
                                      return s;
                                    },
                                    schedule::to_json,
                                    [](schedule::Schedule& s) {
                                      if (s.next_run_at.empty())  // new, or its timing changed: counted from now
                                        s.next_run_at = schedule::to_iso(schedule::next_run(s, std::chrono::system_clock::now()));
                                    });
}

}  // namespace signet::server
