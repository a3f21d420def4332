#include "notify/notify.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "testing/local_http_server.h"
#include "testing/local_smtp_sink.h"

using namespace signet;
using namespace signet::notify;
using nlohmann::json;

namespace {

struct TempDir {
  std::filesystem::path path = std::filesystem::temp_directory_path() / ("signet-notify-" + std::to_string(getpid()) + "-" + std::to_string(std::rand()));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() { std::filesystem::remove_all(path); }
};

SecretBox test_box() { return SecretBox(std::string(32, 'k')); }

json risk(const std::string& id, const std::string& level, const std::string& service, const std::string& resource, const std::string& risk = "new") {
  return {{"signatureId", id}, {"description", id + " <check> & more"}, {"riskLevel", level}, {"service", service},
          {"region", "us-east-1"}, {"vpc", nullptr}, {"resourceId", resource}, {"resourceName", resource},
          {"resourceArn", "arn:aws:x:::" + resource}, {"message", "bad " + resource}, {"status", "Fail"}, {"risk", risk},
          {"remediationSteps", "1. fix"}, {"compliance", json::array()}};
}

Channel webhook(const std::string& url, const std::string& min_level = "High") {
  return parse_channel({{"name", "hook"}, {"type", "webhook"}, {"url", url}, {"minLevel", min_level}, {"signingSecret", "s3cr3t"}});
}

}  // namespace

TEST(Secrets, SealAndOpenWithTheSameKeyOnly) {
  auto box = test_box();
  auto sealed = box.seal("https://hooks.slack.com/services/T0/B0/XYZ");
  EXPECT_EQ(sealed.rfind("v1:", 0), 0u);
  EXPECT_EQ(sealed.find("hooks.slack.com"), std::string::npos);
  EXPECT_NE(sealed, box.seal("https://hooks.slack.com/services/T0/B0/XYZ")) << "a fresh nonce each time";
  EXPECT_EQ(box.open(sealed), "https://hooks.slack.com/services/T0/B0/XYZ");
  EXPECT_THROW(SecretBox(std::string(32, 'x')).open(sealed), SecretError);
  std::string tampered = sealed;
  tampered[10] = tampered[10] == 'A' ? 'B' : 'A';
  EXPECT_THROW(box.open(tampered), SecretError);
  EXPECT_THROW(SecretBox("short"), SecretError);
}

TEST(Secrets, KeyComesFromTheEnvironmentOrAPrivateKeyFile) {
  TempDir dir;
  auto db = (dir.path / "signet.db").string();
  unsetenv("SIGNET_SECRET_KEY");
  unsetenv("SIGNET_SECRET_KEY_FILE");
  auto first = SecretBox::from_environment(db);
  struct stat st {};
  ASSERT_EQ(stat((dir.path / "secret.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto sealed = first.seal("x");
  EXPECT_EQ(SecretBox::from_environment(db).open(sealed), "x") << "the same key file next time";
  setenv("SIGNET_SECRET_KEY", std::string(64, 'a').c_str(), 1);
  EXPECT_THROW(SecretBox::from_environment(db).open(sealed), SecretError) << "the environment's key wins";
  setenv("SIGNET_SECRET_KEY", "not hex", 1);
  EXPECT_THROW(SecretBox::from_environment(db), SecretError);
  unsetenv("SIGNET_SECRET_KEY");
  chmod((dir.path / "secret.key").c_str(), 0644);
  EXPECT_THROW(SecretBox::from_environment(db), SecretError) << "a key others can read is refused";
}

TEST(Channels, SecretsAreSealedInTheDatabaseAndNeverShown) {
  TempDir dir;
  auto db = (dir.path / "signet.db").string();
  auto box = test_box();
  {
    auto store = store::open_sqlite(db);
    Channels channels(*store, box);
    auto id = channels.add(parse_channel({{"name", "slack"}, {"type", "slack"}, {"url", "https://hooks.slack.com/services/T0/B0/TOPSECRET"}}));
    auto back = channels.find(id);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->secrets.at("url"), "https://hooks.slack.com/services/T0/B0/TOPSECRET");
    auto view = public_view(*back).dump();
    EXPECT_EQ(view.find("TOPSECRET"), std::string::npos);
    EXPECT_NE(view.find("https://hooks.slack.com/"), std::string::npos) << "the host is shown, to tell channels apart";
    // A change that omits the secret keeps it.
    auto changed = parse_channel({{"minLevel", "Low"}}, &*back);
    EXPECT_EQ(changed.secrets.at("url"), back->secrets.at("url"));
  }
  for (const char* suffix : {"", "-wal"}) {
    std::ifstream raw((db + suffix).c_str(), std::ios::binary);
    std::stringstream bytes;
    bytes << raw.rdbuf();
    EXPECT_EQ(bytes.str().find("TOPSECRET"), std::string::npos) << db << suffix;
  }
}

TEST(Channels, InvalidOnesAreRefusedByField) {
  try {
    parse_channel({{"name", ""}, {"type", "email"}, {"smtpUrl", "http://x"}, {"from", "nobody"}, {"to", {"a@b", "not an address"}}, {"minLevel", "Critical"}});
    FAIL();
  } catch (const ChannelError& e) {
    for (const char* f : {"name", "smtpUrl", "from", "to", "minLevel"}) EXPECT_TRUE(e.fields.contains(f)) << f;
  }
  EXPECT_THROW(parse_channel({{"name", "x"}, {"type", "webhook"}, {"url", "ftp://x"}}), ChannelError);
  EXPECT_THROW(parse_channel({{"name", "x"}, {"type", "pager"}}), ChannelError);
}

TEST(Notify, ChannelsSeeOnlyWhatPassesTheirFilters) {
  ScanNews news{7, "prod", {risk("AWS-IAM-005", "High", "IAM", "alice"), risk("AWS-S3-001", "Medium", "S3", "logs"),
                            risk("AWS-EC2-001", "Low", "EC2", "vol-1")},
                {risk("AWS-IAM-005", "High", "IAM", "bob", "fixed")}};
  auto c = webhook("http://127.0.0.1:1");
  EXPECT_EQ(select(c, news).fresh.size(), 1u);
  EXPECT_TRUE(select(c, news).fixed.empty()) << "fixed ones only where asked";
  c.notify_fixed = true;
  EXPECT_EQ(select(c, news).fixed.size(), 1u);
  c.min_level = "Medium";
  EXPECT_EQ(select(c, news).fresh.size(), 2u);
  c.services = {"s3"};
  EXPECT_EQ(select(c, news).fresh.size(), 1u);
  c.services.clear();
  c.signatures = {"AWS-EC2-001"};
  c.min_level = "Low";
  EXPECT_EQ(select(c, news).fresh.at(0)["signatureId"], "AWS-EC2-001");
  c.signatures.clear();
  c.accounts = {"staging"};
  EXPECT_TRUE(select(c, news).empty());
}

TEST(Notify, EveryMessageNamesTheAccountByNameAndId) {
  json r = risk("AWS-IAM-005", "High", "IAM", "alice");
  r["accountId"] = "111122223333";
  r["accountName"] = "prod";
  // The news as the store has it after the scan: its new risks.
  TempDir dir;
  auto store = store::open_sqlite((dir.path / "news.db").string());
  auto scan = store->begin_scan({"prod", "111122223333", "prod"});
  json passing = risk("AWS-IAM-005", "High", "IAM", "bob");
  passing["status"] = "Pass";
  store->add_results(scan, {r, passing});
  store->mark_risks(scan, 0);
  store->finish_scan(scan, "complete", {});
  ScanNews news = news_of(*store, scan, {{"accountName", "prod"}, {"accountId", "111122223333"}});
  ASSERT_EQ(news.fresh.size(), 1u);
  EXPECT_EQ(news.fresh[0]["resourceName"], "alice");
  auto c = webhook("http://127.0.0.1:1");
  c.accounts = {"111122223333"};
  Selection s = select(c, news);
  ASSERT_EQ(s.fresh.size(), 1u) << "a channel may name the account by id";
  c.accounts = {"prod"};
  EXPECT_EQ(select(c, news).fresh.size(), 1u) << "or by name";
  json payload = webhook_payload(s, news, "");
  EXPECT_EQ(payload["account"], "prod");
  EXPECT_EQ(payload["accountId"], "111122223333");
  EXPECT_EQ(payload["new"][0]["accountId"], "111122223333");
  EXPECT_EQ(payload["new"][0]["accountName"], "prod");
  EXPECT_NE(slack_payload(s, news, "").dump().find("prod (111122223333)"), std::string::npos);
  EXPECT_NE(email_subject(s, news).find("prod (111122223333), scan #" + std::to_string(scan)), std::string::npos) << email_subject(s, news);
  c.type = "email";
  c.from = "signet@example.com";
  c.to = {"ops@example.com"};
  EXPECT_NE(email_message(c, s, news, "").find("Account: prod (111122223333)"), std::string::npos);
}

TEST(Notify, WebhooksAreSignedAndCarryTheDocumentedPayload) {
  signet::testing::LocalHttpServer receiver;
  std::vector<httplib::Request> requests;
  std::mutex mutex;
  receiver.server.Post("/hook", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    requests.push_back(req);
    res.status = 204;
  });
  receiver.start();
  TempDir dir;
  auto store = store::open_sqlite((dir.path / "signet.db").string());
  auto box = test_box();
  Channels(*store, box).add(webhook(receiver.url() + "/hook"));
  Notifier notifier(*store, box, {3, std::chrono::milliseconds(10), std::chrono::seconds(5), "https://signet.example"});
  ScanNews news{12, "", {risk("AWS-IAM-005", "High", "IAM", "alice"), risk("AWS-S3-001", "Low", "S3", "logs")}, {}};
  auto records = notifier.notify_scan(news);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0]["status"], "sent");
  ASSERT_EQ(requests.size(), 1u);
  const auto& req = requests[0];
  auto body = json::parse(req.body);
  EXPECT_EQ(body["type"], "signet.scan.risks");
  EXPECT_EQ(body["scanId"], 12);
  EXPECT_EQ(body["counts"]["new"]["High"], 1);
  ASSERT_EQ(body["new"].size(), 1u) << "the Low risk is under the channel's minimum";
  EXPECT_EQ(body["new"][0]["resourceName"], "alice");
  EXPECT_EQ(body["new"][0]["url"], "https://signet.example/#/risks?scan=12&signature=AWS-IAM-005");
  EXPECT_EQ(req.get_header_value("X-Signet-Event"), "scan.risks");
  // The receiver's check: HMAC-SHA256 of "timestamp.body" with the shared secret.
  auto timestamp = req.get_header_value("X-Signet-Timestamp");
  EXPECT_EQ(req.get_header_value("X-Signet-Signature"), webhook_signature("s3cr3t", timestamp, req.body));
  EXPECT_NE(req.get_header_value("X-Signet-Signature"), webhook_signature("wrong", timestamp, req.body));
  EXPECT_EQ(notifier.deliveries().front()["status"], "sent");
}

TEST(Notify, A500IsRetriedWithBackOffThenRecordedAsFailed) {
  signet::testing::LocalHttpServer receiver;
  std::atomic<int> calls{0};
  receiver.server.Post("/broken", [&](const httplib::Request&, httplib::Response& res) {
    ++calls;
    res.status = 500;
    res.set_content("upstream down", "text/plain");
  });
  receiver.server.Post("/gone", [&](const httplib::Request&, httplib::Response& res) { res.status = 404; });
  receiver.start();
  TempDir dir;
  auto store = store::open_sqlite((dir.path / "signet.db").string());
  auto box = test_box();
  Channels(*store, box).add(webhook(receiver.url() + "/broken"));
  Channels(*store, box).add(webhook(receiver.url() + "/gone"));
  Notifier notifier(*store, box, {3, std::chrono::milliseconds(50), std::chrono::seconds(5), ""});
  auto started = std::chrono::steady_clock::now();
  auto records = notifier.notify_scan({3, "", {risk("AWS-IAM-005", "High", "IAM", "alice")}, {}});
  auto took = std::chrono::steady_clock::now() - started;
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(calls.load(), 3);
  EXPECT_EQ(records[0]["status"], "failed");
  EXPECT_EQ(records[0]["attempts"], 3);
  EXPECT_EQ(records[0]["httpStatus"], 500);
  EXPECT_NE(records[0]["error"].get<std::string>().find("upstream down"), std::string::npos);
  EXPECT_GE(took, std::chrono::milliseconds(150)) << "50 ms, then 100 ms between tries";
  EXPECT_EQ(records[1]["attempts"], 1) << "a 404 will not get better: no retry";
  EXPECT_EQ(notifier.deliveries().size(), 2u);
}

TEST(Notify, EmailGoesOverSmtpWithPlainTextAndHtmlParts) {
  signet::testing::LocalSmtpSink sink;
  TempDir dir;
  auto store = store::open_sqlite((dir.path / "signet.db").string());
  auto box = test_box();
  auto channel = parse_channel({{"name", "mail"}, {"type", "email"}, {"smtpUrl", sink.url()}, {"starttls", "off"},
                                {"from", "signet@example.com"}, {"to", {"sec@example.com", "ops@example.com"}},
                                {"minLevel", "Medium"}, {"notifyFixed", true}});
  Channels(*store, box).add(channel);
  Notifier notifier(*store, box, {2, std::chrono::milliseconds(10), std::chrono::seconds(5), "https://signet.example"});
  auto records = notifier.notify_scan({9, "", {risk("AWS-S3-001", "Medium", "S3", "logs")}, {risk("AWS-IAM-005", "High", "IAM", "bob", "fixed")}});
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0]["status"], "sent") << records[0].dump();
  auto messages = sink.messages();
  ASSERT_EQ(messages.size(), 1u);
  const auto& m = messages[0];
  EXPECT_EQ(m.from, "<signet@example.com>");
  EXPECT_EQ(m.to.size(), 2u);
  EXPECT_NE(m.data.find("Subject: [Signet] New risks: 1 Medium; fixed: 1 High (scan #9)"), std::string::npos) << m.data;
  EXPECT_NE(m.data.find("Content-Type: text/plain"), std::string::npos);
  EXPECT_NE(m.data.find("Content-Type: text/html"), std::string::npos);
  EXPECT_NE(m.data.find("AWS-S3-001 &lt;check&gt; &amp; more"), std::string::npos) << "HTML part escapes what signatures say";
  EXPECT_NE(m.data.find("Fixed since the previous scan"), std::string::npos);
}

TEST(Notify, SlackGetsBlockKitWithCountsAndLinks) {
  ScanNews news{5, "", {}, {}};
  for (int i = 0; i < 12; ++i) news.fresh.push_back(risk("AWS-IAM-005", "High", "IAM", "user-" + std::to_string(i)));
  auto c = parse_channel({{"name", "slack"}, {"type", "slack"}, {"url", "https://hooks.slack.com/services/x"}});
  auto payload = slack_payload(select(c, news), news, "https://signet.example");
  EXPECT_NE(payload["text"].get<std::string>().find("12 High"), std::string::npos);
  auto text = payload["blocks"].dump();
  EXPECT_NE(text.find("\"type\":\"header\""), std::string::npos);
  EXPECT_NE(text.find("<https://signet.example/#/risks?scan=5&signature=AWS-IAM-005|AWS-IAM-005 &lt;check&gt; &amp; more>"), std::string::npos) << text;
  EXPECT_NE(text.find("and 2 more"), std::string::npos);
}

TEST(Notify, NothingNewMeansNoMessage) {
  signet::testing::LocalHttpServer receiver;
  std::atomic<int> calls{0};
  receiver.server.Post("/hook", [&](const httplib::Request&, httplib::Response& res) { ++calls, res.status = 200; });
  receiver.start();
  TempDir dir;
  auto store = store::open_sqlite((dir.path / "signet.db").string());
  auto box = test_box();
  Channels(*store, box).add(webhook(receiver.url() + "/hook", "Low"));
  Notifier notifier(*store, box, {});
  EXPECT_TRUE(notifier.notify_scan({2, "", {}, {risk("AWS-IAM-005", "High", "IAM", "bob", "fixed")}}).empty()) << "fixed, but not asked for";
  EXPECT_EQ(calls.load(), 0);
  auto test = notifier.send_test(Channels(*store, box).all().front());
  EXPECT_EQ(test["kind"], "test");
  EXPECT_EQ(test["status"], "sent");
  EXPECT_EQ(calls.load(), 1);
}

TEST(Notify, RequiredStarttlsNeverSendsInTheClear) {
  signet::testing::LocalSmtpSink sink;  // offers no STARTTLS
  TempDir dir;
  auto store = store::open_sqlite((dir.path / "signet.db").string());
  auto box = test_box();
  Channels(*store, box).add(parse_channel({{"name", "mail"}, {"type", "email"}, {"smtpUrl", sink.url()},
                                           {"from", "signet@example.com"}, {"to", {"sec@example.com"}}}));  // starttls: required
  Notifier notifier(*store, box, {1, std::chrono::milliseconds(10), std::chrono::seconds(5), ""});
  auto records = notifier.notify_scan({4, "", {risk("AWS-IAM-005", "High", "IAM", "alice")}, {}});
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0]["status"], "failed");
  EXPECT_NE(records[0]["error"].get<std::string>().find("SMTP"), std::string::npos) << records[0].dump();
  EXPECT_TRUE(sink.messages().empty()) << "nothing was sent without TLS";
}
