// `signet demo`: the main job. A local AWS emulator seeded with a realistic organization, a
// scan with the built-in signatures, and the risks; `--provider azure`: the same over the
// Azure fake's test tenant; `--provider gcp`: over the Google Cloud fake's organization. Each
// estate is stored as an organization, so `--serve`'s console scans it as a real one.
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "aws/accounts/aws_accounts.h"
#include "accounts/estate_scan.h"
#include "builtins/builtins.h"
#include "cli/commands.h"
#include "cli/scan_output.h"
#include "cli/serve.h"
#include "notify/secrets.h"
#include "server/auth.h"
#include "demo/seed.h"
#include "azure/accounts/azure_accounts.h"
#include "azure/test_helpers.h"
#include "emulator/azure_fake.h"
#include "gcp/accounts/gcp_accounts.h"
#include "gcp/scope/gcp_provider.h"
#include "gcp/test_helpers.h"
#include "emulator/moto_server.h"
#include "engine/scan.h"

namespace signet::cli {

namespace {

constexpr int kDemoMembers = 3;

struct DemoArgs {
  std::string provider = "aws";
  std::string db;
  bool keep_running = false;
  bool serve = false;
  std::string listen = "127.0.0.1:8080";
  unsigned workers = 0;
};

// Waits for Ctrl-C (or SIGTERM).
void wait_for_signal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigprocmask(SIG_BLOCK, &set, nullptr);
  int sig;
  sigwait(&set, &sig);
}

std::string demo_db(const DemoArgs& args) {
  if (!args.db.empty()) return args.db;
  auto dir = std::filesystem::temp_directory_path() / ("signet-demo-" + std::to_string(getpid()));
  return (dir / "signet.db").string();
}

// What the demo scans, whatever the cloud: the accounts and organizations stored in its
// store, reached through `connectors`; the fake cloud at `url`, and how to reach it again.
struct Estate {
  accounts::Connectors connectors;
  std::vector<std::string> regions;  // empty: each account's own
  std::string cloud;                 // "The emulator", "The fake"
  std::string url;
  std::string reach;  // environment and command that scan it again: " AWS_...=... signet scan ..."
  // The console's completions where the registry's would reach the real cloud's models.
  std::map<std::string, std::shared_ptr<const provider::Provider>> completion_providers;
};

std::unique_ptr<store::Store> open_demo_store(const std::string& db) {
  auto store = store::open_sqlite(db);
  builtins::install(*store);
  std::cout << "Signature store: " << db << " (" << store->signatures().size() << " signatures)\n";
  return store;
}

// Every stored account and organization of the demo's store scanned by the built-ins, the
// risks printed; then the console (--serve) or the fake kept up (--keep-running), until Ctrl-C.
int scan_estate(const DemoArgs& args, store::Store& store, const std::string& db, const Estate& estate) {
  std::cout << "\n";
  io::EventLoop loop;
  auto resolved = accounts::resolve(accounts::Selection{}, accounts::AccountRecords(store).all(), accounts::OrganizationRecords(store).all(),
                                    estate.connectors.member_lister());
  for (const auto& [source, cause] : resolved.failed_sources) throw std::runtime_error("organization " + source + ": " + cause);
  sandbox::Limits limits;
  limits.workers = args.workers;
  sandbox::Sandbox box(loop, limits);
  engine::ScanOptions run;
  run.regions = estate.regions;
  auto work = accounts::plan_scans(resolved.targets, run, {}, [&](const accounts::Target& t) { return estate.connectors.scope(loop, t); });
  auto report = engine::combine(engine::run_scans(loop, box, work.accounts, store, 4));
  render_scan(std::cout, store, report, "table");
  if (!args.serve && !args.keep_running) return 0;
  std::cout << "\n" << estate.cloud << " stays up at " << estate.url << ". Try: SIGNET_DB=" << db << estate.reach << "\n";
  if (!args.serve) {
    std::cout << "Ctrl-C stops it." << std::endl;
    wait_for_signal();
    return 0;
  }
  // The demo's console: an admin with a fresh password, every account reached as in a real estate.
  std::string password = notify::random_hex(9);
  if (store.user("admin")) store.update_user({"admin", "admin", server::hash_password(password), ""});
  else store.add_user({"admin", "admin", server::hash_password(password), ""});
  std::cout << "\nSign in as admin with password " << password << "\n";
  server::ServerOptions serving;
  parse_listen(args.listen, serving);
  serving.default_regions = estate.regions;
  serving.engine.limits.workers = args.workers;
  const accounts::Connectors connectors = estate.connectors;
  serving.engine.make_scope = [connectors](io::EventLoop& loop, const accounts::Target& target) { return connectors.scope(loop, target); };
  serving.engine.list_members = connectors.member_lister();
  serving.engine.test_access = [connectors](const accounts::Target& target) { return connectors.of(target.provider).test_access(target); };
  serving.completion_providers = estate.completion_providers;
  serving.secrets = std::make_shared<notify::SecretBox>(notify::SecretBox::from_environment(db));
  // Links in the demo's notifications point at its own console.
  return serve_until_signal(store, serving, [&](const std::string& url) { store.set_setting("publicUrl", url); });
}

// Stores the organization (a source of accounts) `name` of `provider` unless there is one.
void store_organization(store::Store& store, const std::string& name, const std::string& provider) {
  accounts::OrganizationRecords organizations(store);
  if (organizations.by_name(name)) return;
  accounts::Organization org;
  org.name = name;
  org.provider = provider;
  organizations.add(org);
}

// The Google Cloud demo: the fake's organization on loopback (three projects, misconfigured
// on purpose), reached as the scanner's service account (a key file, as Google's console
// hands one out), stored as the organization demo-gcp-org.
int run_gcp(const DemoArgs& args) {
  emulator::GcpFakeOptions fake_options;
  fake_options.page_size = 500;  // pages as large as Google's: the demo is about the risks, not paging
  gcp::testing::FakeGoogle google(fake_options);
  std::cout << "Local Google Cloud fake (OAuth, Discovery, Resource Manager, compute, storage, ...) at " << google.fake.url() << "\n";
  const std::string db = demo_db(args);
  auto store = open_demo_store(db);
  store_organization(*store, "demo-gcp-org", "gcp");
  Estate estate;
  estate.connectors.add("gcp", std::make_shared<gcp::GcpConnector>(google.credentials(), google.discovery, google.client_options()));
  estate.completion_providers["gcp"] = std::make_shared<gcp::GcpProvider>(google.discovery);  // the fake's Discovery service
  estate.cloud = "The fake";
  estate.url = google.fake.url();
  estate.reach = " GOOGLE_APPLICATION_CREDENTIALS=" + google.key_file() + " signet scan --provider gcp --project signet-prod --google-endpoint-url " +
                 google.fake.url();
  return scan_estate(args, *store, db, estate);
}

// The Azure demo: the fake's test tenant (a subscription, Entra ID, misconfigured on purpose)
// on loopback, reached as a service principal with a client secret, stored as the tenant
// demo-tenant.
int run_azure(const DemoArgs& args) {
  const auto& tenant = emulator::azure_test_tenant();
  emulator::AzureFakeOptions fake_options;
  fake_options.page_size = 1000;  // pages as large as ARM's: the demo is about the risks, not paging
  emulator::AzureFake fake(tenant, fake_options);
  std::cout << "Local Azure fake (Resource Manager, Graph, Entra ID) at " << fake.url() << "\n";
  const std::string db = demo_db(args);
  auto store = open_demo_store(db);
  store_organization(*store, "demo-tenant", "azure");
  Estate estate;
  estate.connectors.add("azure", std::make_shared<azure::AzureConnector>(azure::testing::secret_chain(fake), azure::testing::fake_options(fake.url())));
  std::string client_id, secret;
  for (const auto& c : tenant["clients"])
    if (c.contains("secret")) client_id = c["clientId"], secret = c["secret"];
  estate.cloud = "The fake";
  estate.url = fake.url();
  estate.reach = " AZURE_TENANT_ID=" + tenant["tenantId"].get<std::string>() + " AZURE_CLIENT_ID=" + client_id +
                 " AZURE_CLIENT_SECRET=" + secret + " signet scan --provider azure --subscription " + azure::testing::subscription() +
                 " --resource-manager-url " + fake.url() + " --graph-url " + fake.url() + " --authority-host " + fake.url() + " --key-vault-url " +
                 fake.url() + "/keyvault";
  return scan_estate(args, *store, db, estate);
}

// The AWS demo: moto seeded with the demo account, the management account of an organization
// (demo-org) with three member accounts of their own, each reached through its member role.
int run_aws(const DemoArgs& args) {
  std::unique_ptr<emulator::MotoServer> moto;
  try {
    moto = std::make_unique<emulator::MotoServer>();
  } catch (const emulator::EmulatorError& e) {
    std::cerr << "signet demo: " << e.what() << "\n";
    return 2;
  }
  std::cout << "Local AWS emulator (moto) at " << moto->endpoint() << "\n";
  aws::ClientOptions options;
  options.endpoints.all = moto->endpoint();
  // moto answers 500 for the operations it lacks (real AWS would not): retrying them only
  // waits, and moto never throttles.
  options.retry.max_attempts = 1;
  auto keys = aws::CredentialChain::fixed({"demo", "demo", "", std::nullopt});
  auto connector = std::make_shared<aws::AwsConnector>(aws::Models::embedded(), options, "us-east-1");
  connector->set_default_credentials(keys);
  {
    io::EventLoop loop;
    aws::ClientOptions writes = options;
    writes.read_only = false;  // only the demo's own seeding may write, and only to the emulator
    aws::AwsClient seeder(loop, aws::Models::embedded(), keys, writes);
    auto seeded = demo::seed_account(loop, seeder, demo::account_plan());
    std::cout << "Seeded a demo account in " << seeded.regions.size() << " regions with " << seeded.calls << " API calls\n";
    aws::AwsConnector member_writes(aws::Models::embedded(), writes, "us-east-1");
    member_writes.set_default_credentials(keys);
    auto org = demo::seed_organization(loop, seeder, kDemoMembers, [&](const std::string& role_arn) {
      accounts::Target member;
      member.key = role_arn;
      member.access.role_arn = role_arn;
      return member_writes.client(loop, member);
    });
    std::cout << "Seeded an organization with " << org.members.size() << " member accounts\n";
  }
  const std::string db = demo_db(args);
  auto store = open_demo_store(db);
  // Real AWS lists every type of the catalog; moto lacks a few listings. Their built-ins are
  // disabled in the demo's store, so every scan of the demo (here, the console's, the
  // schedules') lists all it asks for and completes.
  std::size_t disabled = 0;
  for (const auto& s : store->signatures())
    if (s.builtin && demo::moto_unserved_types().count(s.metadata.service + "/" + s.metadata.resource_type))
      disabled += store->set_enabled(s.metadata.id, false);
  std::cout << "Disabled " << disabled << " built-ins over the " << demo::moto_unserved_types().size()
            << " resource types the emulator cannot list (Lightsail instances, WAF rules, ...; `signet signatures enable ID` brings one back)\n";
  store_organization(*store, "demo-org", "aws");
  Estate estate;
  estate.connectors.add("aws", connector);
  estate.regions = demo::account_plan()["regions"].get<std::vector<std::string>>();
  estate.cloud = "The emulator";
  estate.url = moto->endpoint();
  estate.reach = " AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo signet scan --accounts demo-org --endpoint-url " + moto->endpoint() +
                 " --output sarif";
  return scan_estate(args, *store, db, estate);
}

int run(const DemoArgs& args) {
  if (args.provider == "gcp") return run_gcp(args);
  if (args.provider == "azure") return run_azure(args);
  return run_aws(args);
}

}  // namespace

void add_demo_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<DemoArgs>();
  auto* cmd = app.add_subcommand("demo", "Scan a local cloud seeded with a realistic, misconfigured estate (AWS on moto; --provider azure or gcp: their fakes)");
  cmd->add_option("--provider", args->provider,
                  "aws (default): a moto-served organization; azure: the Azure fake's test tenant; gcp: the Google Cloud fake's organization")
      ->check(CLI::IsMember({"aws", "azure", "gcp"}));
  cmd->add_option("--db", args->db, "Where to keep the demo's signatures and scans (default: a fresh temporary file)");
  cmd->add_flag("--keep-running", args->keep_running, "Keep the emulator up after the scan, until Ctrl-C");
  cmd->add_flag("--serve", args->serve, "Then serve the web console on the demo's estate, until Ctrl-C");
  cmd->add_option("--listen", args->listen, "With --serve: ADDRESS:PORT (default 127.0.0.1:8080; port 0 picks a free one)");
  cmd->add_option("--workers", args->workers, "Sandbox worker processes (default: one per core)");
  cmd->callback([args, &exit_code] {
    try {
      exit_code = run(*args);
    } catch (const std::exception& e) {
      std::cerr << "signet demo: " << e.what() << "\n";
      exit_code = 1;
    }
  });
}

}  // namespace signet::cli
