// `signet serve`: the web console and the REST API.
#include <signal.h>

#include <iostream>
#include <thread>

#include <spdlog/spdlog.h>

#include "provider/providers.h"
#include "builtins/builtins.h"
#include "cli/provider_options.h"
#include "cli/commands.h"
#include "cli/serve.h"
#include "common/names.h"
#include "notify/secrets.h"
#include "queue/redis.h"

namespace signet::cli {

void parse_listen(const std::string& listen, server::ServerOptions& options) {
  auto colon = listen.rfind(':');
  std::string host = colon == std::string::npos ? "" : listen.substr(0, colon);
  std::string port = colon == std::string::npos ? listen : listen.substr(colon + 1);
  if (host.size() > 1 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (port.empty() || port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5 || std::stoi(port) > 65535)
    throw std::invalid_argument("--listen '" + listen + "' is not ADDRESS:PORT such as 127.0.0.1:8080");
  options.host = host.empty() ? "127.0.0.1" : host;
  options.port = std::stoi(port);
}

int serve_until_signal(store::Store& store, server::ServerOptions options, const std::function<void(const std::string&)>& on_listening) {
  // Block the signals before any thread starts, so only sigwait below receives them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);

  server::Server server(store, options);
  server.bind();
  std::string host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  std::string url = "http://" + host + ":" + std::to_string(server.port());
  if (on_listening) on_listening(url);
  std::cout << "Web console at " << url << "/" << std::endl;
  if (auto token = server.setup_token(); !token.empty())
    std::cout << "No user yet: open the console and create the first admin with the setup token " << token
              << " (or run: signet users add NAME --role admin)" << std::endl;
  std::thread serving([&] { server.run(); });
  int sig = 0;
  sigwait(&set, &sig);
  std::cout << "Stopping (" << strsignal(sig) << ")" << std::endl;
  server.stop();
  serving.join();
  return 0;
}

namespace {

struct ServeArgs {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  std::vector<std::string> regions;
  ProviderOptions cloud;  // how the server reaches accounts of every provider
  unsigned workers = 0;
  std::size_t memory_mb = 512;
  bool secure_cookies = false;
  bool verbose = false;
  std::string queue;
};

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ServeArgs>();
  auto* cmd = app.add_subcommand("serve", "Serve the web console and the REST API");
  cmd->add_option("--listen", args->listen, "ADDRESS:PORT to listen on (default 127.0.0.1:8080; port 0 picks a free one)");
  cmd->add_option("--db", args->db, "The database (default $SIGNET_DB, else ~/.signet/signet.db)");
  cmd->add_option("--regions", args->regions, "Regions for Test runs and scans (default: every enabled region)")->delimiter(',');
  cmd->add_option("--workers", args->workers, "Sandbox worker processes per job (default: one per core)");
  cmd->add_option("--memory-mb", args->memory_mb, "Memory limit of each sandbox worker in MiB (default 512)")->check(CLI::Range(64, 65536));
  cmd->add_flag("--secure-cookies", args->secure_cookies, "Mark cookies Secure (when a TLS proxy is in front)");
  cmd->add_flag("--verbose", args->verbose, "Log every API request");
  cmd->add_option("--queue", args->queue,
                  "redis://HOST:PORT: scans started here (console, schedules) go to `signet worker` processes through this queue; "
                  "they and this console share --db (PostgreSQL)");
  args->cloud.add_to(*cmd, false);
  cmd->callback([args, &exit_code] {
    try {
      if (args->verbose) spdlog::set_level(spdlog::level::debug);
      std::string db = args->db.empty() ? store::default_path() : args->db;
      auto store = store::open(db);
      builtins::install(*store);
      server::ServerOptions options;
      parse_listen(args->listen, options);
      require_known({provider::check_regions(args->regions)});
      options.default_regions = args->regions;
      options.secure_cookies = args->secure_cookies;
      options.engine.limits.workers = args->workers;
      options.engine.limits.memory_bytes = args->memory_mb << 20;
      const AwsOptions& aws = args->cloud.aws;
      {
        io::EventLoop loop;
        aws.make_client(loop);  // a bad --endpoint-url or profile is said now, not on every job
      }
      // Each account's client: its own credentials; the server's own (--profile) when none are stored.
      const accounts::Connectors connectors = args->cloud.connectors();
      options.engine.make_scope = [connectors, profile = aws.profile](io::EventLoop& loop, const accounts::Target& target) {
        if (!target.key.empty()) return connectors.scope(loop, target);
        accounts::Target own = target;
        own.access.profile = profile;
        return connectors.scope(loop, own);
      };
      options.engine.list_members = connectors.member_lister();
      options.engine.test_access = [connectors](const accounts::Target& target) {
        return connectors.of(target.provider).test_access(target);
      };
      options.completion_providers = args->cloud.completion_providers();
      if (!args->queue.empty()) {
        queue::Redis probe(args->queue);  // an unreachable queue is said now, not at the first scan
        options.engine.queue = args->queue;
      }
      options.secrets = std::make_shared<notify::SecretBox>(notify::SecretBox::from_environment(db));
      exit_code = serve_until_signal(*store, options);
    } catch (const std::exception& e) {
      std::cerr << "signet serve: " << e.what() << "\n";
      exit_code = 2;
    }
  });
}

}  // namespace signet::cli
