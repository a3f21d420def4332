#include "notify/channels.h"

#include <regex>

namespace signet::notify {

using nlohmann::json;

namespace {

const char* const kKind = "channel";

std::vector<std::string> text_list(const json& body, const char* name, json& fields) {
  std::vector<std::string> out;
  if (!body.contains(name) || body[name].is_null()) return out;
  if (body[name].is_string()) {  // "a, b" from a form or the CLI
    std::string text = body[name];
    std::regex comma("\\s*,\\s*");
    for (std::sregex_token_iterator it(text.begin(), text.end(), comma, -1), end; it != end; ++it)
      if (!it->str().empty()) out.push_back(*it);
    return out;
  }
  if (!body[name].is_array()) {
    fields[name] = "must be a list of text";
    return out;
  }
  for (const auto& item : body[name]) {
    if (item.is_string()) out.push_back(item);
    else fields[name] = "must be a list of text";
  }
  return out;
}

std::string url_hint(const std::string& url) {
  std::smatch m;
  if (std::regex_search(url, m, std::regex("^([a-z]+://[^/?#]+)"))) return m[1].str() + "/…";
  return "…";
}

}  // namespace

Channel parse_channel(const json& body, const Channel* base) {
  Channel c = base ? *base : Channel{};
  json fields = json::object();
  if (!body.is_object()) throw ChannelError("a channel is a JSON object", {{"channel", "must be an object"}});
  auto text = [&](const char* name, std::string& out) {
    if (!body.contains(name) || body[name].is_null()) return;
    if (body[name].is_string()) out = body[name];
    else fields[name] = "must be text";
  };
  auto flag = [&](const char* name, bool& out) {
    if (!body.contains(name) || body[name].is_null()) return;
    if (body[name].is_boolean()) out = body[name];
    else fields[name] = "must be true or false";
  };
  text("name", c.name);
  text("type", c.type);
  text("minLevel", c.min_level);
  flag("enabled", c.enabled);
  flag("notifyFixed", c.notify_fixed);
  for (auto [name, list] : {std::pair{"services", &c.services}, {"signatures", &c.signatures}, {"accounts", &c.accounts}, {"to", &c.to}})
    if (body.contains(name)) *list = text_list(body, name, fields);
  text("smtpUrl", c.smtp_url);
  text("starttls", c.starttls);
  text("from", c.from);
  text("smtpUser", c.smtp_user);
  for (const char* secret : {"url", "signingSecret", "password"}) {
    if (!body.contains(secret) || body[secret].is_null()) continue;
    if (!body[secret].is_string()) fields[secret] = "must be text";
    else if (body[secret].get<std::string>().empty()) c.secrets.erase(secret);  // "" clears it
    else c.secrets[secret] = body[secret];
  }

  if (c.name.empty() || c.name.size() > 100) fields["name"] = "is required (at most 100 characters)";
  if (c.type != "webhook" && c.type != "slack" && c.type != "email") fields["type"] = "must be webhook, slack or email";
  if (c.min_level != "High" && c.min_level != "Medium" && c.min_level != "Low") fields["minLevel"] = "must be High, Medium or Low";
  if (c.type == "webhook" || c.type == "slack") {
    if (!c.secrets.count("url")) fields["url"] = "is required";
    else if (!std::regex_match(c.secrets["url"], std::regex("https?://[^\\s/?#]+([/?#]\\S*)?")))
      fields["url"] = "must be an http:// or https:// URL";
    else if (c.type == "slack" && c.secrets["url"].rfind("http://", 0) == 0 && c.secrets["url"].find("://127.0.0.1") == std::string::npos &&
             c.secrets["url"].find("://localhost") == std::string::npos)
      fields["url"] = "a Slack webhook is https://";
  }
  if (c.type == "email") {
    if (!std::regex_match(c.smtp_url, std::regex("smtps?://[^\\s/]+(:\\d+)?/?")))
      fields["smtpUrl"] = "must be smtp://HOST:PORT (STARTTLS) or smtps://HOST:PORT";
    if (c.starttls != "required" && c.starttls != "try" && c.starttls != "off") fields["starttls"] = "must be required, try or off";
    std::regex address("[^\\s@<>,]+@[^\\s@<>,]+");
    if (!std::regex_match(c.from, address)) fields["from"] = "must be an email address";
    if (c.to.empty()) fields["to"] = "needs at least one address";
    for (const auto& to : c.to)
      if (!std::regex_match(to, address)) fields["to"] = "'" + to + "' is not an email address";
    if (!c.smtp_user.empty() && !c.secrets.count("password")) fields["password"] = "is required with smtpUser";
  }
  if (!fields.empty()) throw ChannelError("the channel is not valid", fields);
  return c;
}

json public_view(const Channel& c) {
  json j = {{"id", c.id},           {"name", c.name},           {"type", c.type},         {"enabled", c.enabled},
            {"minLevel", c.min_level}, {"notifyFixed", c.notify_fixed}, {"services", c.services}, {"signatures", c.signatures},
            {"accounts", c.accounts}};
  if (c.type == "email") {
    j["smtpUrl"] = c.smtp_url;
    j["starttls"] = c.starttls;
    j["from"] = c.from;
    j["to"] = c.to;
    j["smtpUser"] = c.smtp_user;
    j["passwordSet"] = c.secrets.count("password") > 0;
  } else {
    j["urlHint"] = c.secrets.count("url") ? url_hint(c.secrets.at("url")) : "";
  }
  if (c.type == "webhook") j["signingSecretSet"] = c.secrets.count("signingSecret") > 0;
  return j;
}

json Channels::to_record(const Channel& c) const {
  json j = public_view(c);
  j.erase("id");
  for (const char* derived : {"passwordSet", "urlHint", "signingSecretSet"}) j.erase(derived);
  j["smtpUrl"] = c.smtp_url;
  j["starttls"] = c.starttls;
  j["from"] = c.from;
  j["to"] = c.to;
  j["smtpUser"] = c.smtp_user;
  json sealed = json::object();
  for (const auto& [name, value] : c.secrets) sealed[name] = box_.seal(value);
  j["sealed"] = sealed;
  return j;
}

Channel Channels::from_record(std::int64_t id, const json& body) const {
  json input = body;
  input.erase("sealed");
  Channel c;
  const json sealed = body.value("sealed", json::object());  // a named copy: items() of a temporary dangles
  for (const auto& [name, value] : sealed.items()) c.secrets[name] = box_.open(value);
  // Stored channels were valid when saved; read them without re-validating.
  c.id = id;
  c.name = input.value("name", "");
  c.type = input.value("type", "");
  c.enabled = input.value("enabled", true);
  c.min_level = input.value("minLevel", "High");
  c.notify_fixed = input.value("notifyFixed", false);
  c.services = input.value("services", std::vector<std::string>{});
  c.signatures = input.value("signatures", std::vector<std::string>{});
  c.accounts = input.value("accounts", std::vector<std::string>{});
  c.smtp_url = input.value("smtpUrl", "");
  c.starttls = input.value("starttls", "required");
  c.from = input.value("from", "");
  c.to = input.value("to", std::vector<std::string>{});
  c.smtp_user = input.value("smtpUser", "");
  return c;
}

std::vector<Channel> Channels::all() const {
  std::vector<Channel> out;
  for (const auto& [id, body] : store_.records(kKind)) out.push_back(from_record(id, body));
  return out;
}

std::optional<Channel> Channels::find(std::int64_t id) const {
  auto body = store_.record(kKind, id);
  if (!body) return std::nullopt;
  return from_record(id, *body);
}

std::int64_t Channels::add(Channel channel) { return store_.add_record(kKind, to_record(channel)); }

void Channels::update(const Channel& channel) {
  if (!store_.update_record(kKind, channel.id, to_record(channel))) throw store::StoreError("no channel " + std::to_string(channel.id));
}

bool Channels::remove(std::int64_t id) { return store_.remove_record(kKind, id); }

}  // namespace signet::notify
