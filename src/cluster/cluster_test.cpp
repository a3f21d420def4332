// Many scanners, for real: a PostgreSQL store, a Redis queue, moto as the cloud, and
// `signet worker` processes. A worker killed with SIGKILL in the middle of a unit, Redis
// restarted without its data, PostgreSQL dropping every connection and two coordinators
// starting runs at once: every scan still completes, with each result exactly once and the
// same results as one process scanning alone, and the channels hear of each scan once.
#include "cluster/cluster.h"

#include <gtest/gtest.h>

#include "aws/scope/aws_scope.h"
#include "azure/scope/azure_scope.h"
#include "azure/test_helpers.h"
#include "emulator/azure_fake.h"
#include "gcp/scope/gcp_scope.h"
#include "gcp/test_helpers.h"
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "builtins/builtins.h"
#include "aws/inventory/inventory.h"
#include "notify/channels.h"
#include "notify/secrets.h"
#include "emulator/local_servers.h"
#include "emulator/moto_server.h"
#include "sandbox/test_harness.h"
#include "testing/local_http_server.h"

extern char** environ;

using namespace signet;
using nlohmann::json;

namespace {

const std::vector<std::string> kRegions = {"us-east-1", "eu-west-1"};
// Three services' built-ins: global and regional types, many units, and a scan each time
// that stays short (every built-in would only repeat the same paths at length).
const std::set<std::string> kServices = {"IAM", "EC2", "S3"};

void seed(const emulator::MotoServer& moto) {
  ASSERT_EQ(std::system(("python3 " SIGNET_SOURCE_DIR "/src/aws/reference/seed_account.py " + moto.endpoint() + " > /dev/null").c_str()), 0);
}

// signature|resource key -> status, and how many rows had that key.
struct Outcome {
  std::map<std::string, std::string> status;
  std::map<std::string, int> rows;
};

Outcome outcome_of(store::Store& store, std::int64_t scan) {
  Outcome o;
  store.for_each_result(scan, [&](const json& r) {
    std::string key = r.value("signatureId", "") + "|" + r.value("resourceKey", "");
    o.status[key] = r.value("status", "");
    ++o.rows[key];
  });
  return o;
}

// One process alone, on a store of its own: what the workers must agree with.
Outcome scanned_alone(const emulator::MotoServer& moto) {
  auto path = (std::filesystem::temp_directory_path() / ("signet-cluster-alone-" + std::to_string(getpid()) + ".db")).string();
  auto store = store::open_sqlite(path);
  builtins::install(*store);
  io::EventLoop loop;
  aws::ClientOptions options;
  options.endpoints.all = moto.endpoint();
  aws::AwsClient client(loop, aws::Models::embedded(), aws::CredentialChain::fixed({"testing", "testing", "", std::nullopt}), options);
  aws::AwsScope scope(client);
  sandbox::Sandbox box(loop, sandbox::testing::test_limits());
  engine::ScanOptions scan;
  scan.regions = kRegions;
  scan.services = kServices;
  auto report = engine::run_scan(loop, box, scope, *store, scan);
  Outcome o = outcome_of(*store, report.scan_id);
  store.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return o;
}

// A `signet worker` process; its log in a file, read to see what it is doing.
struct WorkerProcess {
  pid_t pid = -1;
  std::string log;
  // `endpoint`: the AWS endpoint ("" none); `more`: other options (another provider's).
  WorkerProcess(const std::string& name, const std::string& db, const std::string& queue, const std::string& endpoint,
                const std::vector<std::string>& more = {}) {
    log = (std::filesystem::temp_directory_path() / ("signet-worker-" + name + "-" + std::to_string(getpid()) + ".log")).string();
    std::vector<std::string> args = {SIGNET_BIN, "worker", "--queue", queue, "--db", db, "--name", name, "--visibility", "5", "--workers", "1"};
    if (!endpoint.empty()) args.insert(args.end(), {"--endpoint-url", endpoint});
    args.insert(args.end(), more.begin(), more.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    EXPECT_EQ(posix_spawn(&pid, SIGNET_BIN, &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
  }
  std::string text() const {
    std::ifstream in(log);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  // Waits (up to 2 minutes: a bound, not a measure) until its log says `what`.
  bool wait_for(const std::string& what) const {
    for (int i = 0; i < 1200; ++i) {
      if (text().find(what) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }
  void kill_now() {
    if (pid > 0) kill(pid, SIGKILL), waitpid(pid, nullptr, 0);
    pid = -1;
  }
  ~WorkerProcess() {
    if (pid > 0) {
      kill(pid, SIGTERM);
      waitpid(pid, nullptr, 0);
    }
    std::filesystem::remove(log);
  }
};

}  // namespace

TEST(Cluster, UnitsRoundTripAndHostileOnesAreRefusedClearly) {
  cluster::Unit u;
  u.scan_id = 7;
  u.key = "eu-west-1/2";
  u.target.key = "prod";
  u.target.name = "Production";
  u.target.access.role_arn = "arn:aws:iam::111122223333:role/SignetScanner";
  u.target.through = accounts::Access{"management", "", "", "", 0};
  u.regions = {"eu-west-1"};
  u.signatures = {"AWS-IAM-005", "AWS-EC2-001"};
  u.options.evaluation_time_limit = std::chrono::seconds(30);
  auto back = cluster::Unit::from_json(u.to_json());
  EXPECT_EQ(back.to_json(), u.to_json());
  EXPECT_EQ(back.options.scan_id, 7) << "a unit writes into its scan";
  EXPECT_EQ(back.options.unit, "eu-west-1/2");
  EXPECT_EQ(back.options.signature_ids.size(), 2u);
  for (json bad : {json(nullptr), json::parse(R"({"key": "x"})"), json::parse(R"({"scanId": 1, "key": "x"})"),
                   json::parse(R"({"scanId": 1, "key": "x", "signatures": "AWS-IAM-005"})"),
                   json::parse(R"({"scanId": -4, "key": "x", "signatures": ["A"]})"),
                   json::parse(R"({"scanId": 1, "key": "x", "signatures": ["A"], "target": {"access": 5}})")})
    EXPECT_THROW(cluster::Unit::from_json(bad), std::invalid_argument) << bad.dump();
}

TEST(Cluster, PlansAUnitPerRegionAndBatchWithGlobalTypesOnce) {
  std::vector<store::StoredSignature> signatures;
  std::size_t others = 0;  // another provider's: not in an AWS account's units
  for (auto s : builtins::signatures()) {
    s.metadata.id = s.name;  // as builtins::install stores them
    others += s.metadata.provider != "aws";
    signatures.push_back({s.metadata, s.code, true, ""});
  }
  EXPECT_GT(others, 0u);
  accounts::Target target;
  engine::ScanOptions options;
  options.regions = kRegions;
  auto units = cluster::plan_units(3, target, signatures, options, 10);
  std::map<std::string, int> runs;  // signature -> units it is in
  std::size_t reporting = 0;
  // A batch holds at most 10 signatures, unless one resource type alone has more (kept whole).
  std::map<std::string, std::size_t> per_type;
  for (const auto& s : signatures) ++per_type[s.metadata.service + "/" + s.metadata.resource_type];
  std::size_t largest = 0;
  for (const auto& [type, n] : per_type) largest = std::max(largest, n);
  for (const auto& u : units) {
    EXPECT_LE(u.signatures.size(), std::max<std::size_t>(10, largest)) << "a batch, one resource type kept whole";
    EXPECT_EQ(u.regions.size(), 1u);
    reporting += u.reports_account;
    for (const auto& id : u.signatures) ++runs[id];
  }
  EXPECT_EQ(reporting, 1u) << "one unit says when the account cannot be reached";
  for (const auto& s : signatures) {
    if (s.metadata.provider != "aws") {
      EXPECT_EQ(runs[s.metadata.id], 0) << s.metadata.id;
      continue;
    }
    const auto* type = aws::catalog().find(s.metadata.service, s.metadata.resource_type);
    ASSERT_TRUE(type) << s.metadata.id;
    EXPECT_EQ(runs[s.metadata.id], type->global() ? 1 : 2) << s.metadata.id << ": global types once, others in each region";
  }
}

TEST(ClusterLive, ScansCompleteExactlyOnceThroughKilledWorkersAndRestarts) {
  emulator::MotoServer moto;
  seed(moto);
  Outcome alone = scanned_alone(moto);
  ASSERT_GT(alone.status.size(), 40u);

  emulator::PostgresServer pg;
  emulator::RedisServer redis_server;
  const std::string db = pg.uri();
  setenv("AWS_ACCESS_KEY_ID", "testing", 1);
  setenv("AWS_SECRET_ACCESS_KEY", "testing", 1);
  setenv("AWS_EC2_METADATA_DISABLED", "true", 1);
  setenv("SIGNET_SECRET_KEY", std::string(64, 'a').c_str(), 1);
  auto store = store::open(db);
  builtins::install(*store);
  // A webhook channel: the worker that finishes a scan tells it, once.
  signet::testing::LocalHttpServer hook;
  std::mutex hook_mutex;
  std::map<std::int64_t, int> told;  // scan id -> messages
  hook.server.Post("/hook", [&](const httplib::Request& req, httplib::Response& res) {
    json body = json::parse(req.body, nullptr, false);
    std::lock_guard lock(hook_mutex);
    if (body.is_object()) ++told[body.value("scanId", std::int64_t{0})];
    res.status = 200;
  });
  hook.start();
  {
    notify::SecretBox box = notify::SecretBox::from_environment(db);
    notify::Channels channels(*store, box);
    channels.add(notify::parse_channel({{"name", "hook"}, {"type", "webhook"}, {"url", hook.url() + "/hook"}, {"minLevel", "Low"}}));
  }

  queue::Redis redis(redis_server.uri());
  queue::WorkQueue work(redis);
  engine::ScanOptions run;
  run.regions = kRegions;
  run.services = kServices;
  auto scans = cluster::start_run(*store, work, {accounts::Target{}}, run, {}, 8);
  ASSERT_EQ(scans.size(), 1u);
  ASSERT_GT(store->unit_counts(scans[0]).total, 4u);

  // The first worker is killed in the middle of its first unit: claimed, never acknowledged.
  {
    WorkerProcess doomed("doomed", db, redis_server.uri(), moto.endpoint());
    ASSERT_TRUE(doomed.wait_for("worker doomed: unit ")) << doomed.text();
    doomed.kill_now();
  }
  WorkerProcess a("a", db, redis_server.uri(), moto.endpoint()), b("b", db, redis_server.uri(), moto.endpoint());
  // A second coordinator starts a run of its own meanwhile, on its own connections.
  std::vector<std::int64_t> second;
  std::thread other([&] {
    auto other_store = store::open(db);
    queue::Redis other_redis(redis_server.uri());
    queue::WorkQueue other_queue(other_redis);
    second = cluster::start_run(*other_store, other_queue, {accounts::Target{}}, run, {}, 8);
  });
  other.join();
  ASSERT_EQ(second.size(), 1u);
  ASSERT_TRUE(a.wait_for("worker a: unit ")) << a.text();
  pg.drop_connections();          // every client's connection, workers' and ours
  redis_server.restart(false);    // the stream, the group and the pending units are gone
  std::vector<std::int64_t> all = scans;
  all.push_back(second[0]);
  auto reports = cluster::wait_for_scans(*store, work, all, {}, std::chrono::seconds(10));
  for (const auto& report : reports) {
    auto scan = store->scan(report.scan_id);
    ASSERT_TRUE(scan);
    EXPECT_EQ(scan->status, "complete") << scan->stats.dump();
    Outcome got = outcome_of(*store, report.scan_id);
    for (const auto& [key, n] : got.rows) EXPECT_EQ(n, 1) << key << ": each result exactly once";
    EXPECT_EQ(got.status, alone.status) << "the workers found what one process alone finds";
    EXPECT_EQ(scan->stats.value("evaluations", 0u), alone.status.size());
    EXPECT_GT(scan->stats.value("units", 0u), 4u);
  }
  // Each scan's channel message, exactly once (the finisher is whoever did the last unit),
  // for a scan with new or fixed risks; a scan with neither (the second to finish, when the
  // first is its account's previous scan) tells nobody.
  std::map<std::int64_t, int> expected;
  for (auto id : all) {
    const json stats = store->scan(id)->stats;
    expected[id] = stats.value("new", 0) + stats.value("fixed", 0) > 0 ? 1 : 0;
  }
  EXPECT_GE(expected[all.front()] + expected[all.back()], 1) << "the account's first scan has new risks";
  // (A generous bound: the message follows the scan's end by one HTTP request, but a loaded
  // machine may take its time.)
  auto told_all = [&] {
    std::lock_guard lock(hook_mutex);
    for (auto id : all)
      if (told[id] < expected[id]) return false;
    return true;
  };
  for (int i = 0; i < 600 && !told_all(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // a second message would come now
  std::lock_guard lock(hook_mutex);
  for (auto id : all)
    EXPECT_EQ(told[id], expected[id]) << "scan " << id << "\nworker a:\n" << a.text() << "\nworker b:\n" << b.text();
}

// Work units are provider-neutral: an Azure subscription and a Google Cloud project, planned
// from their providers' built-ins, run by a `signet worker` that reaches each through its own
// provider's options (the fakes' URLs, a client secret, a key file), with the results one
// process alone finds.
TEST(ClusterLive, AzureSubscriptionsAndGoogleCloudProjectsRunAsUnitsOnWorkers) {
  const auto& tenant = emulator::azure_test_tenant();
  emulator::AzureFake azure_fake(tenant);
  gcp::testing::FakeGoogle google;
  const std::string subscription = azure::testing::subscription(), project = "signet-prod";

  accounts::Target on_azure, on_gcp;
  on_azure.key = on_azure.name = "tenant-subscription";
  on_azure.provider = "azure";
  on_azure.account_id = subscription;
  on_gcp.key = on_gcp.name = project;
  on_gcp.provider = "gcp";
  on_gcp.account_id = project;

  // Each alone, in process, on a store of its own.
  auto alone_path = (std::filesystem::temp_directory_path() / ("signet-cluster-clouds-" + std::to_string(getpid()) + ".db")).string();
  std::map<std::string, Outcome> alone;
  {
    auto store = store::open_sqlite(alone_path);
    builtins::install(*store);
    io::EventLoop loop;
    sandbox::Sandbox box(loop, sandbox::testing::test_limits());
    azure::AzureScope azure_scope(std::make_unique<azure::AzureClient>(loop, azure::testing::secret_chain(azure_fake),
                                                                       azure::testing::fake_options(azure_fake.url())),
                                  subscription);
    gcp::GcpScope gcp_scope(google.client(loop), project);
    for (provider::Scope* scope : std::initializer_list<provider::Scope*>{&azure_scope, &gcp_scope}) {
      engine::ScanOptions options;
      options.account = options.account_id = scope == &azure_scope ? subscription : project;
      auto report = engine::run_scan(loop, box, *scope, *store, options);
      alone[scope == &azure_scope ? "azure" : "gcp"] = outcome_of(*store, report.scan_id);
    }
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(alone_path + suffix);
  ASSERT_GT(alone["azure"].status.size(), 100u);
  ASSERT_GT(alone["gcp"].status.size(), 100u);

  emulator::PostgresServer pg;
  emulator::RedisServer redis_server;
  auto store = store::open(pg.uri());
  builtins::install(*store);
  queue::Redis redis(redis_server.uri());
  queue::WorkQueue work(redis);
  auto scans = cluster::start_run(*store, work, {on_azure, on_gcp}, engine::ScanOptions{}, {}, 20);
  ASSERT_EQ(scans.size(), 2u);
  for (auto id : scans) EXPECT_GT(store->unit_counts(id).total, 2u) << "several batches of signatures";

  // The worker reaches Azure as the tenant's service principal and Google Cloud with the
  // scanner's key file, as a deployment would configure it.
  for (const auto& c : tenant["clients"])
    if (c.contains("secret")) {
      setenv("AZURE_CLIENT_ID", c["clientId"].get<std::string>().c_str(), 1);
      setenv("AZURE_CLIENT_SECRET", c["secret"].get<std::string>().c_str(), 1);
    }
  setenv("AZURE_TENANT_ID", tenant["tenantId"].get<std::string>().c_str(), 1);
  setenv("GOOGLE_APPLICATION_CREDENTIALS", google.key_file().c_str(), 1);
  setenv("SIGNET_SECRET_KEY", std::string(64, 'a').c_str(), 1);
  WorkerProcess worker("clouds", pg.uri(), redis_server.uri(), "",
                       {"--resource-manager-url", azure_fake.url(), "--graph-url", azure_fake.url(), "--authority-host", azure_fake.url(),
                        "--key-vault-url", azure_fake.url() + "/keyvault",
                        "--google-endpoint-url", google.fake.url()});
  auto reports = cluster::wait_for_scans(*store, work, scans, {}, std::chrono::seconds(60));
  ASSERT_EQ(reports.size(), 2u);
  for (std::size_t i = 0; i < scans.size(); ++i) {
    const std::string provider = i == 0 ? "azure" : "gcp";
    auto scan = store->scan(scans[i]);
    ASSERT_TRUE(scan);
    EXPECT_EQ(scan->status, "complete") << provider << ": " << scan->stats.dump() << "\n" << worker.text();
    Outcome got = outcome_of(*store, scans[i]);
    for (const auto& [key, n] : got.rows) EXPECT_EQ(n, 1) << key << ": each result exactly once";
    EXPECT_EQ(got.status, alone[provider].status) << provider << ": the worker found what one process alone finds";
  }
}
