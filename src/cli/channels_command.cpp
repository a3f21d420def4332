// `signet channels ...` and `signet schedules ...`: notification channels and scheduled
// scans from the terminal, with the same checks as the console (notify::parse_channel,
// schedule::parse_schedule). Flags left out keep their stored values.
#include <unistd.h>

#include <iostream>
#include <optional>

#include "builtins/builtins.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "common/names.h"
#include "provider/providers.h"
#include "notify/notify.h"
#include "schedule/schedule.h"
#include "store/store.h"

namespace signet::cli {

namespace {

using nlohmann::json;

struct ConfigArgs {
  std::string db;
  std::int64_t id = 0;
  bool json_output = false;
  std::map<std::string, std::string> text;  // API field -> value, as given
  std::map<std::string, bool> flags;
  bool secret_stdin = false;
};

std::string database(const ConfigArgs& a) { return a.db.empty() ? store::default_path() : a.db; }

// The request body the flags make: what was given, under the API's field names.
json body_of(const ConfigArgs& a, const char* secret_field) {
  json body = json::object();
  for (const auto& [field, value] : a.text) body[field] = value;
  for (const auto& [field, value] : a.flags) body[field] = value;
  if (a.secret_stdin) {
    std::string secret;
    std::getline(std::cin, secret);
    body[secret_field] = secret;
  }
  return body;
}

void print_fields(const std::string& what, const json& fields) {
  // A field whose message the first line already says (unknown names) is not said twice.
  std::string lines;
  for (const auto& [field, message] : fields.items())
    if (what.find(message.get<std::string>()) == std::string::npos) lines += "  " + field + ": " + message.get<std::string>() + "\n";
  std::cerr << what << (lines.empty() ? "" : ":") << "\n" << lines;
}

// A text option that is recorded only when given.
void text_option(CLI::App* cmd, ConfigArgs& args, const std::string& flag, const std::string& field, const std::string& help) {
  cmd->add_option_function<std::string>(flag, [&args, field](const std::string& v) { args.text[field] = v; }, help);
}

void bool_option(CLI::App* cmd, ConfigArgs& args, const std::string& flag, const std::string& field, const std::string& help) {
  cmd->add_option_function<bool>(flag, [&args, field](const bool& v) { args.flags[field] = v; }, help);
}

int channels_list(const ConfigArgs& a) {
  auto store = store::open(database(a));
  auto box = notify::SecretBox::from_environment(database(a));
  auto all = notify::Channels(*store, box).all();
  if (a.json_output) {
    json out = json::array();
    for (const auto& c : all) out.push_back(notify::public_view(c));
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  Table table({"ID", "NAME", "TYPE", "MIN LEVEL", "FIXED", "FILTERS", "ENABLED", "TO"});
  for (const auto& c : all) {
    std::string filters;
    for (auto [label, list] : {std::pair{"services", &c.services}, {"signatures", &c.signatures}, {"accounts", &c.accounts}})
      if (!list->empty()) {
        filters += std::string(filters.empty() ? "" : "; ") + label + "=";
        for (std::size_t i = 0; i < list->size(); ++i) filters += (i ? "," : "") + (*list)[i];
      }
    auto view = notify::public_view(c);
    std::string to = c.type == "email" ? view["to"].dump() : view.value("urlHint", "");
    table.add({std::to_string(c.id), c.name, c.type, c.min_level, c.notify_fixed ? "yes" : "no", filters.empty() ? "-" : filters,
               c.enabled ? "yes" : "no", to});
  }
  std::cout << table.render();
  return 0;
}

int channels_save(const ConfigArgs& a, bool adding) {
  auto store = store::open(database(a));
  auto box = notify::SecretBox::from_environment(database(a));
  notify::Channels channels(*store, box);
  std::optional<notify::Channel> base;
  if (!adding) {
    base = channels.find(a.id);
    if (!base) throw std::invalid_argument("no channel " + std::to_string(a.id));
  }
  auto type = a.text.count("type") ? a.text.at("type") : base ? base->type : "";
  json body = body_of(a, type == "email" ? "password" : "url");
  if (body.contains("signatures")) builtins::install(*store);  // the built-ins are always there to name
  // Filters must name services and signatures that exist, as in the console.
  auto channel = parse_and_require_known([&] { return notify::parse_channel(body, base ? &*base : nullptr); },
                                         {provider::check_services(listed_in(body, "services")),
                                          check_signature_ids(listed_in(body, "signatures"), *store, true)});
  if (adding) channel.id = channels.add(channel);
  else channels.update(channel);
  std::cout << (adding ? "Added" : "Changed") << " channel " << channel.id << " (" << channel.name << ")\n";
  return 0;
}

int channels_remove(const ConfigArgs& a) {
  auto store = store::open(database(a));
  if (!store->remove_record("channel", a.id)) throw std::invalid_argument("no channel " + std::to_string(a.id));
  std::cout << "Removed channel " << a.id << "\n";
  return 0;
}

int channels_test(const ConfigArgs& a) {
  auto store = store::open(database(a));
  auto box = notify::SecretBox::from_environment(database(a));
  auto channel = notify::Channels(*store, box).find(a.id);
  if (!channel) throw std::invalid_argument("no channel " + std::to_string(a.id));
  notify::DeliveryOptions delivery;
  delivery.attempts = 1;
  auto record = notify::Notifier(*store, box, delivery).send_test(*channel);
  std::cout << "Test message to " << channel->name << ": " << record.value("status", "?")
            << (record.contains("error") ? " (" + record["error"].get<std::string>() + ")" : "") << "\n";
  return record.value("status", "") == "sent" ? 0 : 1;
}

int channels_deliveries(const ConfigArgs& a) {
  auto store = store::open(database(a));
  auto box = notify::SecretBox::from_environment(database(a));
  auto records = notify::Notifier(*store, box, {}).deliveries(50);
  if (a.json_output) {
    std::cout << json(records).dump(2) << "\n";
    return 0;
  }
  Table table({"AT", "CHANNEL", "KIND", "SCAN", "NEW", "FIXED", "STATUS", "TRIES", "ERROR"});
  for (const auto& d : records)
    table.add({d.value("at", ""), d.value("channelName", ""), d.value("kind", ""), std::to_string(d.value("scanId", 0)),
               std::to_string(d.value("newCount", 0)), std::to_string(d.value("fixedCount", 0)), d.value("status", ""),
               std::to_string(d.value("attempts", 0)), d.value("error", "")});
  std::cout << table.render();
  return 0;
}

int schedules_list(const ConfigArgs& a) {
  auto store = store::open(database(a));
  auto all = schedule::Schedules(*store).all();
  if (a.json_output) {
    json out = json::array();
    for (const auto& s : all) out.push_back(schedule::to_json(s));
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  Table table({"ID", "NAME", "ACCOUNT", "WHEN", "ENABLED", "NEXT RUN", "LAST RUN", "LAST STATUS"});
  for (const auto& s : all)
    table.add({std::to_string(s.id), s.name, s.account.empty() ? "(default)" : s.account, s.every.empty() ? "cron " + s.cron : "every " + s.every,
               s.enabled ? "yes" : "no", s.next_run_at.empty() ? "(when signet serve starts)" : s.next_run_at, s.last_run_at, s.last_status});
  std::cout << table.render();
  return 0;
}

int schedules_save(const ConfigArgs& a, bool adding) {
  auto store = store::open(database(a));
  schedule::Schedules schedules(*store);
  std::optional<schedule::Schedule> base;
  if (!adding) {
    base = schedules.find(a.id);
    if (!base) throw std::invalid_argument("no schedule " + std::to_string(a.id));
  }
  json body = body_of(a, "");
  auto s = parse_and_require_known([&] { return schedule::parse_schedule(body, base ? &*base : nullptr); },
                                   {provider::check_regions(listed_in(body, "regions"))});
  if (adding) s.id = schedules.add(s);
  else schedules.update(s);
  std::cout << (adding ? "Added" : "Changed") << " schedule " << s.id << " (" << s.name << "); `signet serve` runs it\n";
  return 0;
}

int schedules_remove(const ConfigArgs& a) {
  auto store = store::open(database(a));
  if (!store->remove_record("schedule", a.id)) throw std::invalid_argument("no schedule " + std::to_string(a.id));
  std::cout << "Removed schedule " << a.id << "\n";
  return 0;
}

std::function<void()> wrapped(std::shared_ptr<ConfigArgs> args, int& exit_code, const char* what, std::function<int(const ConfigArgs&)> fn) {
  return [args, &exit_code, what, fn] {
    try {
      exit_code = fn(*args);
    } catch (const InvalidFields& e) {
      print_fields(std::string("signet ") + what + ": " + e.what(), e.fields);
      exit_code = 2;
    } catch (const std::exception& e) {
      std::cerr << "signet " << what << ": " << e.what() << "\n";
      exit_code = 2;
    }
  };
}

void channel_fields(CLI::App* cmd, ConfigArgs& a) {
  text_option(cmd, a, "--name", "name", "What to call it");
  text_option(cmd, a, "--type", "type", "webhook, slack or email");
  text_option(cmd, a, "--url", "url", "webhook or Slack URL (a secret: --secret-stdin keeps it out of the shell history)");
  text_option(cmd, a, "--signing-secret", "signingSecret", "webhook: the shared secret of the X-Signet-Signature HMAC");
  text_option(cmd, a, "--min-level", "minLevel", "The weakest risk level told: High (default), Medium or Low");
  bool_option(cmd, a, "--notify-fixed", "notifyFixed", "true: also tell which risks were fixed");
  bool_option(cmd, a, "--enabled", "enabled", "false: keep the channel but send nothing");
  text_option(cmd, a, "--services", "services", "Only risks of these services (comma-separated)");
  text_option(cmd, a, "--signatures", "signatures", "Only risks of these signatures (comma-separated ids)");
  text_option(cmd, a, "--accounts", "accounts", "Only scans of these accounts (AWS profile names)");
  text_option(cmd, a, "--smtp-url", "smtpUrl", "email: smtp://HOST:587 (STARTTLS) or smtps://HOST:465");
  text_option(cmd, a, "--starttls", "starttls", "email with smtp://: required (default), try or off");
  text_option(cmd, a, "--from", "from", "email: the sender address");
  text_option(cmd, a, "--to", "to", "email: recipients (comma-separated)");
  text_option(cmd, a, "--smtp-user", "smtpUser", "email: SMTP user name (the password comes with --secret-stdin)");
  cmd->add_flag("--secret-stdin", a.secret_stdin, "Read the URL (webhook, slack) or SMTP password (email) from standard input");
}

void schedule_fields(CLI::App* cmd, ConfigArgs& a) {
  text_option(cmd, a, "--name", "name", "What to call it");
  text_option(cmd, a, "--every", "every", "An interval: 30m, 6h, 1d");
  text_option(cmd, a, "--cron", "cron", "Or a cron expression, UTC: \"0 3 * * *\"");
  text_option(cmd, a, "--account", "account", "The AWS profile to scan with (default: the server's credentials)");
  text_option(cmd, a, "--regions", "regions", "Regions (comma-separated; default: the server's)");
  bool_option(cmd, a, "--enabled", "enabled", "false: keep it but do not run it");
}

}  // namespace

void add_channels_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ConfigArgs>();
  auto* cmd = app.add_subcommand("channels", "Notification channels: where new and fixed risks are told");
  cmd->require_subcommand(1);
  cmd->add_option("--db", args->db, "The database (default $SIGNET_DB, else ~/.signet/signet.db)");
  auto* list = cmd->add_subcommand("list", "List channels (secrets are never shown)");
  list->add_flag("--json", args->json_output, "As JSON");
  list->callback(wrapped(args, exit_code, "channels", channels_list));
  auto* add = cmd->add_subcommand("add", "Add a channel");
  channel_fields(add, *args);
  add->callback(wrapped(args, exit_code, "channels", [](const ConfigArgs& a) { return channels_save(a, true); }));
  auto* change = cmd->add_subcommand("change", "Change a channel; flags left out keep their values");
  change->add_option("id", args->id, "Channel id")->required();
  channel_fields(change, *args);
  change->callback(wrapped(args, exit_code, "channels", [](const ConfigArgs& a) { return channels_save(a, false); }));
  auto* remove = cmd->add_subcommand("remove", "Remove a channel");
  remove->add_option("id", args->id, "Channel id")->required();
  remove->callback(wrapped(args, exit_code, "channels", channels_remove));
  auto* test = cmd->add_subcommand("test", "Send a test message now");
  test->add_option("id", args->id, "Channel id")->required();
  test->callback(wrapped(args, exit_code, "channels", channels_test));
  auto* deliveries = cmd->add_subcommand("deliveries", "The latest deliveries: sent or failed, and why");
  deliveries->add_flag("--json", args->json_output, "As JSON");
  deliveries->callback(wrapped(args, exit_code, "channels", channels_deliveries));
}

void add_schedules_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ConfigArgs>();
  auto* cmd = app.add_subcommand("schedules", "Scheduled scans (run by signet serve)");
  cmd->require_subcommand(1);
  cmd->add_option("--db", args->db, "The database (default $SIGNET_DB, else ~/.signet/signet.db)");
  auto* list = cmd->add_subcommand("list", "List schedules");
  list->add_flag("--json", args->json_output, "As JSON");
  list->callback(wrapped(args, exit_code, "schedules", schedules_list));
  auto* add = cmd->add_subcommand("add", "Add a schedule");
  schedule_fields(add, *args);
  add->callback(wrapped(args, exit_code, "schedules", [](const ConfigArgs& a) { return schedules_save(a, true); }));
  auto* change = cmd->add_subcommand("change", "Change a schedule; flags left out keep their values");
  change->add_option("id", args->id, "Schedule id")->required();
  schedule_fields(change, *args);
  change->callback(wrapped(args, exit_code, "schedules", [](const ConfigArgs& a) { return schedules_save(a, false); }));
  auto* remove = cmd->add_subcommand("remove", "Remove a schedule");
  remove->add_option("id", args->id, "Schedule id")->required();
  remove->callback(wrapped(args, exit_code, "schedules", schedules_remove));
}

}  // namespace signet::cli
