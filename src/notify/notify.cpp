#include "notify/notify.h"
#include "common/html.h"
#include "common/strings.h"
#include "common/time.h"

#include <curl/curl.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <ctime>
#include <thread>

namespace signet::notify {

using nlohmann::json;

namespace {

const char* const kDeliveryKind = "delivery";
constexpr std::size_t kKeptDeliveries = 2000;
constexpr std::size_t kListedInMessage = 10;  // risks named in Slack and email; the webhook gets all

int rank(const std::string& level) { return level == "High" ? 3 : level == "Medium" ? 2 : level == "Low" ? 1 : 0; }

bool listed(const std::vector<std::string>& filter, const std::string& value) {
  if (filter.empty()) return true;
  for (const auto& f : filter)
    if (std::equal(f.begin(), f.end(), value.begin(), value.end(), [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
      return true;
  return false;
}

std::string risk_url(const std::string& console_url, const ScanNews& news, const json& r) {
  if (console_url.empty()) return "";
  return console_url + "/#/risks?scan=" + std::to_string(news.scan_id) + "&signature=" + r.value("signatureId", "") +
         (r.value("risk", "") == "fixed" ? "&status=fixed" : "");
}

// "prod (111122223333)", or whichever of the two is known.
std::string account_label(const ScanNews& news) {
  if (news.account_id.empty() || news.account == news.account_id) return news.account;
  if (news.account.empty()) return news.account_id;
  return news.account + " (" + news.account_id + ")";
}

json risk_json(const json& r, const std::string& url) {
  json out = {{"signatureId", r.value("signatureId", "")}, {"description", r.value("description", "")},
              {"riskLevel", r.value("riskLevel", "")},     {"service", r.value("service", "")},
              {"accountId", r.value("accountId", json())}, {"accountName", r.value("accountName", json())},
              {"region", r.value("region", "")},           {"vpc", r.value("vpc", json())},
              {"resourceId", r.value("resourceId", "")},   {"resourceName", r.value("resourceName", "")},
              {"resourceArn", r.value("resourceArn", json())}, {"message", r.value("message", "")},
              {"remediationSteps", r.value("remediationSteps", "")}, {"compliance", r.value("compliance", json::array())}};
  if (!url.empty()) out["url"] = url;
  return out;
}

json counts_by_level(const std::vector<json>& risks) {
  json counts = {{"High", 0}, {"Medium", 0}, {"Low", 0}};
  for (const auto& r : risks)
    if (counts.contains(r.value("riskLevel", ""))) counts[r["riskLevel"].get<std::string>()] = counts[r["riskLevel"].get<std::string>()].get<int>() + 1;
  return counts;
}

std::string counts_text(const std::vector<json>& risks) {
  auto c = counts_by_level(risks);
  std::string out;
  for (const char* level : {"High", "Medium", "Low"})
    if (c[level].get<int>() > 0) out += (out.empty() ? "" : ", ") + std::to_string(c[level].get<int>()) + " " + level;
  return out.empty() ? "none" : out;
}

std::string slack_escape(std::string text) {
  std::string out;
  for (char ch : text) {
    if (ch == '&') out += "&amp;";
    else if (ch == '<') out += "&lt;";
    else if (ch == '>') out += "&gt;";
    else out += ch;
  }
  return out;
}

// One line of a risk: resource, where, and the message.
std::string risk_line(const json& r) {
  std::string where = r.value("service", "") + (r.value("region", "").empty() ? "" : " · " + r.value("region", ""));
  return r.value("resourceName", r.value("resourceId", "")) + " (" + where + "): " + r.value("message", "");
}

// SMTP lines stay under the 998-octet limit whatever a message holds.
std::string clip(std::string text, std::size_t max = 900) {
  if (text.size() > max) text = text.substr(0, max) + "…";
  for (auto& ch : text)
    if (ch == '\r') ch = ' ';
  return text;
}

ScanNews sample_news() {
  ScanNews news;
  news.scan_id = 0;
  news.account = "test";
  news.fresh.push_back({{"signatureId", "AWS-IAM-005"}, {"description", "Ensure MFA is enabled for all IAM users that have a console password"},
                        {"riskLevel", "High"}, {"service", "IAM"}, {"region", "us-east-1"}, {"vpc", nullptr},
                        {"resourceId", "AIDAEXAMPLE"}, {"resourceName", "example-user"},
                        {"resourceArn", "arn:aws:iam::123456789012:user/example-user"}, {"message", "This is a test message from Signet"},
                        {"remediationSteps", ""}, {"compliance", json::array()}, {"risk", "new"}});
  return news;
}

struct Attempt {
  bool ok = false;
  bool retryable = false;
  long http_status = 0;
  std::string error;
};

std::size_t collect(char* data, std::size_t size, std::size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

Attempt http_post(const std::string& url, const std::vector<std::string>& headers, const std::string& body, std::chrono::seconds timeout) {
  Attempt a;
  CURL* curl = curl_easy_init();
  curl_slist* list = nullptr;
  for (const auto& h : headers) list = curl_slist_append(list, h.c_str());
  std::string answer;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(timeout.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
  CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) {
    a.error = curl_easy_strerror(rc);
    a.retryable = true;
  } else {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &a.http_status);
    a.ok = a.http_status >= 200 && a.http_status < 300;
    a.retryable = a.http_status == 429 || a.http_status >= 500;
    if (!a.ok) a.error = "HTTP " + std::to_string(a.http_status) + (answer.empty() ? "" : ": " + clip(answer, 200));
  }
  curl_slist_free_all(list);
  curl_easy_cleanup(curl);
  return a;
}

struct Upload {
  const std::string& data;
  std::size_t at = 0;
};

std::size_t upload(char* buffer, std::size_t size, std::size_t n, void* state) {
  auto* u = static_cast<Upload*>(state);
  std::size_t take = std::min(size * n, u->data.size() - u->at);
  std::memcpy(buffer, u->data.data() + u->at, take);
  u->at += take;
  return take;
}

Attempt smtp_send(const Channel& c, const std::string& message, std::chrono::seconds timeout) {
  Attempt a;
  CURL* curl = curl_easy_init();
  curl_slist* recipients = nullptr;
  for (const auto& to : c.to) recipients = curl_slist_append(recipients, ("<" + to + ">").c_str());
  Upload state{message};
  curl_easy_setopt(curl, CURLOPT_URL, c.smtp_url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  if (c.smtp_url.rfind("smtp://", 0) == 0)
    curl_easy_setopt(curl, CURLOPT_USE_SSL, c.starttls == "required" ? CURLUSESSL_ALL : c.starttls == "try" ? CURLUSESSL_TRY : CURLUSESSL_NONE);
  if (!c.smtp_user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, c.smtp_user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, c.secrets.count("password") ? c.secrets.at("password").c_str() : "");
  }
  std::string from = "<" + c.from + ">";
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, upload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &state);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(timeout.count()));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_OK) {
    a.ok = true;
  } else {
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    a.error = std::string("SMTP: ") + curl_easy_strerror(rc) + (code ? " (" + std::to_string(code) + ")" : "");
    a.retryable = code == 0 || (code >= 400 && code < 500);  // 4xx: try later; 5xx: permanent
  }
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  return a;
}


}  // namespace

ScanNews news_of(const store::Store& store, std::int64_t scan_id, const json& stats) {
  ScanNews news{scan_id, stats.value("accountName", ""), {}, {}, stats.value("accountId", "")};
  store::ResultQuery q;
  q.scans = {scan_id};
  q.statuses = {"Fail"};
  q.limit = 0;
  q.risks = {"new"};
  news.fresh = store.query_results(q).items;
  q.risks = {"fixed"};
  news.fixed = store.query_results(q).items;
  return news;
}

Selection select(const Channel& channel, const ScanNews& news) {
  Selection s;
  // A channel's account filter names accounts by name or by id.
  if (!listed(channel.accounts, news.account) && (news.account_id.empty() || !listed(channel.accounts, news.account_id))) return s;
  auto wanted = [&](const json& r) {
    return rank(r.value("riskLevel", "")) >= rank(channel.min_level) && listed(channel.services, r.value("service", "")) &&
           listed(channel.signatures, r.value("signatureId", ""));
  };
  for (const auto& r : news.fresh)
    if (wanted(r)) s.fresh.push_back(r);
  if (channel.notify_fixed)
    for (const auto& r : news.fixed)
      if (wanted(r)) s.fixed.push_back(r);
  auto by_severity = [](const json& a, const json& b) { return rank(a.value("riskLevel", "")) > rank(b.value("riskLevel", "")); };
  std::stable_sort(s.fresh.begin(), s.fresh.end(), by_severity);
  std::stable_sort(s.fixed.begin(), s.fixed.end(), by_severity);
  return s;
}

json webhook_payload(const Selection& selection, const ScanNews& news, const std::string& console_url) {
  json fresh = json::array(), fixed = json::array();
  for (const auto& r : selection.fresh) fresh.push_back(risk_json(r, risk_url(console_url, news, r)));
  for (const auto& r : selection.fixed) fixed.push_back(risk_json(r, risk_url(console_url, news, r)));
  return {{"type", news.scan_id ? "signet.scan.risks" : "signet.test"},
          {"version", 1},
          {"scanId", news.scan_id},
          {"account", news.account},
          {"accountId", news.account_id.empty() ? json() : json(news.account_id)},
          {"sentAt", now_iso()},
          {"consoleUrl", console_url.empty() ? json() : json(console_url + "/#/risks?scan=" + std::to_string(news.scan_id))},
          {"counts", {{"new", counts_by_level(selection.fresh)}, {"fixed", counts_by_level(selection.fixed)}}},
          {"new", fresh},
          {"fixed", fixed}};
}

json slack_payload(const Selection& selection, const ScanNews& news, const std::string& console_url) {
  std::string title = news.scan_id ? "Signet scan #" + std::to_string(news.scan_id) : "Signet test message";
  json blocks = json::array();
  blocks.push_back({{"type", "header"}, {"text", {{"type", "plain_text"}, {"text", title}}}});
  std::string summary = "*New risks:* " + counts_text(selection.fresh);
  if (!selection.fixed.empty()) summary += "\n*Fixed:* " + counts_text(selection.fixed);
  if (!news.account.empty() || !news.account_id.empty()) summary += "\n*Account:* " + slack_escape(account_label(news));
  blocks.push_back({{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", summary}}}});
  auto list = [&](const std::vector<json>& risks, const std::string& heading) {
    if (risks.empty()) return;
    blocks.push_back({{"type", "divider"}});
    blocks.push_back({{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", heading}}}});
    for (std::size_t i = 0; i < risks.size() && i < kListedInMessage; ++i) {
      const json& r = risks[i];
      std::string url = risk_url(console_url, news, r);
      std::string name = slack_escape(r.value("description", ""));
      std::string text = "*" + r.value("riskLevel", "") + "* " + (url.empty() ? name : "<" + url + "|" + name + ">") + "\n`" +
                         slack_escape(r.value("signatureId", "")) + "` " + slack_escape(risk_line(r));
      blocks.push_back({{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", text.substr(0, 2900)}}}});
    }
    if (risks.size() > kListedInMessage)
      blocks.push_back({{"type", "context"}, {"elements", {{{"type", "mrkdwn"}, {"text", "and " + std::to_string(risks.size() - kListedInMessage) + " more"}}}}});
  };
  list(selection.fresh, "*New*");
  list(selection.fixed, "*Fixed since the previous scan*");
  if (!console_url.empty())
    blocks.push_back({{"type", "actions"},
                      {"elements", {{{"type", "button"}, {"text", {{"type", "plain_text"}, {"text", "Open the Risks page"}}},
                                     {"url", console_url + "/#/risks?scan=" + std::to_string(news.scan_id)}}}}});
  return {{"text", title + ": new risks " + counts_text(selection.fresh) +
                       (selection.fixed.empty() ? "" : "; fixed " + counts_text(selection.fixed))},
          {"blocks", blocks}};
}

std::string email_subject(const Selection& selection, const ScanNews& news) {
  std::string subject = "[Signet] ";
  if (!news.scan_id) return subject + "Test message";
  if (!selection.fresh.empty()) subject += "New risks: " + counts_text(selection.fresh);
  if (!selection.fixed.empty()) subject += std::string(selection.fresh.empty() ? "" : "; ") + "fixed: " + counts_text(selection.fixed);
  std::string account = account_label(news);
  return subject + " (" + (account.empty() ? "" : account + ", ") + "scan #" + std::to_string(news.scan_id) + ")";
}

std::string email_message(const Channel& channel, const Selection& selection, const ScanNews& news, const std::string& console_url) {
  std::string boundary = "signet-" + random_hex(12);
  std::string text, html = "<html><body style=\"font-family:sans-serif\">";
  auto section = [&](const std::vector<json>& risks, const std::string& heading) {
    if (risks.empty()) return;
    text += heading + "\r\n";
    html += "<h3>" + html_escape(heading) + "</h3><ul>";
    for (const auto& r : risks) {
      std::string url = risk_url(console_url, news, r);
      text += clip("- [" + r.value("riskLevel", "") + "] " + r.value("description", "") + " (" + r.value("signatureId", "") + ")") + "\r\n";
      text += clip("  " + risk_line(r)) + "\r\n";
      if (!url.empty()) text += "  " + url + "\r\n";
      html += "<li><b>" + html_escape(r.value("riskLevel", "")) + "</b> " +
              (url.empty() ? html_escape(r.value("description", "")) : "<a href=\"" + html_escape(url) + "\">" + html_escape(r.value("description", "")) + "</a>") +
              "<br><code>" + html_escape(r.value("signatureId", "")) + "</code> " + html_escape(clip(risk_line(r))) + "</li>\r\n";
    }
    text += "\r\n";
    html += "</ul>";
  };
  text += (news.scan_id ? "Signet scan #" + std::to_string(news.scan_id) : std::string("Signet test message")) + "\r\n\r\n";
  if (std::string account = account_label(news); !account.empty()) {
    text += "Account: " + account + "\r\n";
    html += "<p>Account: " + html_escape(account) + "</p>";
  }
  text += "New risks: " + counts_text(selection.fresh) + "\r\n";
  if (!selection.fixed.empty()) text += "Fixed: " + counts_text(selection.fixed) + "\r\n";
  text += "\r\n";
  html += "<p>New risks: " + html_escape(counts_text(selection.fresh)) + (selection.fixed.empty() ? "" : "<br>Fixed: " + html_escape(counts_text(selection.fixed))) + "</p>";
  section(selection.fresh, "New");
  section(selection.fixed, "Fixed since the previous scan");
  html += "</body></html>";
  char date[64];
  auto t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  std::string to;
  for (const auto& address : channel.to) to += (to.empty() ? "" : ", ") + address;
  return "Date: " + std::string(date) + "\r\nFrom: Signet <" + channel.from + ">\r\nTo: " + to + "\r\nSubject: " +
         email_subject(selection, news) + "\r\nMessage-ID: <" + random_hex(16) + "@signet>\r\nMIME-Version: 1.0\r\n" +
         "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n--" + boundary +
         "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + text + "\r\n--" + boundary +
         "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + html + "\r\n--" + boundary + "--\r\n";
}

std::string webhook_signature(const std::string& secret, const std::string& timestamp, const std::string& body) {
  std::string signed_text = timestamp + "." + body;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()), reinterpret_cast<const unsigned char*>(signed_text.data()),
       signed_text.size(), digest, &size);
  return "sha256=" + to_hex({reinterpret_cast<const char*>(digest), size});
}

Notifier::Notifier(store::Store& store, const SecretBox& box, DeliveryOptions options)
    : store_(store), channels_(store, box), options_(std::move(options)) {}

json Notifier::deliver(const Channel& c, const Selection& selection, const ScanNews& news, const std::string& kind) {
  std::string delivery_id = random_hex(8);
  json record = {{"id", delivery_id},          {"channelId", c.id},   {"channelName", c.name},
                 {"type", c.type},             {"kind", kind},        {"scanId", news.scan_id},
                 {"newCount", selection.fresh.size()}, {"fixedCount", selection.fixed.size()}, {"at", now_iso()}};
  Attempt last;
  int attempts = 0;
  auto backoff = options_.first_backoff;
  for (; attempts < std::max(1, options_.attempts); ++attempts) {
    if (attempts > 0) {
      std::this_thread::sleep_for(backoff);
      backoff *= 2;
    }
    try {
      if (c.type == "email") {
        last = smtp_send(c, email_message(c, selection, news, options_.console_url), options_.timeout);
      } else {
        std::string body = (c.type == "slack" ? slack_payload(selection, news, options_.console_url)
                                              : webhook_payload(selection, news, options_.console_url))
                               .dump(-1, ' ', false, json::error_handler_t::replace);
        std::vector<std::string> headers = {"Content-Type: application/json", "User-Agent: Signet"};
        if (c.type == "webhook") {
          std::string timestamp = std::to_string(std::time(nullptr));
          headers.push_back("X-Signet-Event: " + std::string(news.scan_id ? "scan.risks" : "test"));
          headers.push_back("X-Signet-Delivery: " + delivery_id);
          headers.push_back("X-Signet-Timestamp: " + timestamp);
          if (c.secrets.count("signingSecret"))
            headers.push_back("X-Signet-Signature: " + webhook_signature(c.secrets.at("signingSecret"), timestamp, body));
        }
        last = http_post(c.secrets.count("url") ? c.secrets.at("url") : "", headers, body, options_.timeout);
      }
    } catch (const std::exception& e) {
      last = {false, false, 0, std::string("cannot build the message: ") + e.what()};
    }
    if (last.ok || !last.retryable) {
      ++attempts;
      break;
    }
  }
  record["attempts"] = attempts;
  record["status"] = last.ok ? "sent" : "failed";
  if (last.http_status) record["httpStatus"] = last.http_status;
  if (!last.ok) record["error"] = last.error;
  store_.add_record(kDeliveryKind, record);
  store_.prune_records(kDeliveryKind, kKeptDeliveries);
  return record;
}

std::vector<json> Notifier::notify_scan(const ScanNews& news) {
  std::vector<json> records;
  std::vector<Channel> channels;
  try {
    channels = channels_.all();
  } catch (const std::exception& e) {
    json failure = {{"kind", "scan"}, {"scanId", news.scan_id}, {"status", "failed"}, {"at", now_iso()},
                    {"error", std::string("cannot read the channels: ") + e.what()}};
    store_.add_record(kDeliveryKind, failure);
    return {failure};
  }
  for (const auto& c : channels) {
    if (!c.enabled) continue;
    Selection selection = select(c, news);
    if (selection.empty()) continue;  // nothing new for this channel: say nothing
    records.push_back(deliver(c, selection, news, "scan"));
  }
  return records;
}

json Notifier::send_test(const Channel& channel) {
  ScanNews news = sample_news();
  Selection selection{news.fresh, {}};
  return deliver(channel, selection, news, "test");
}

std::vector<json> Notifier::deliveries(std::size_t limit) const {
  std::vector<json> out;
  for (auto& [id, body] : store_.records(kDeliveryKind, limit)) out.push_back(body);
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace signet::notify
