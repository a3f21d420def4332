#pragma once
// `signet serve`: the REST API (JSON, described at /api/openapi.json) and the web console's
// built pages, on one listening socket, behind sign-in.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "notify/notify.h"
#include "provider/provider.h"
#include "server/jobs.h"
#include "store/store.h"

namespace signet::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (see Server::port())
  EngineSettings engine;
  std::vector<std::string> default_regions;  // for Test runs and scans; empty: every enabled region
  bool secure_cookies = false;               // behind TLS: cookies get Secure
  std::size_t max_body_bytes = 4u << 20;
  // Seals channel secrets at rest; required (notify::SecretBox::from_environment).
  std::shared_ptr<const notify::SecretBox> secrets;
  notify::DeliveryOptions delivery;  // console_url comes from the publicUrl setting
  std::chrono::milliseconds schedule_tick{1000};  // how often schedules are looked at
  // The editor's completions, by provider, from the models the server was given (--models-dir,
  // a Discovery source); a provider not here completes from the registry's (provider::find).
  std::map<std::string, std::shared_ptr<const provider::Provider>> completion_providers;
};

struct RouteInfo {
  std::string method, pattern;  // pattern: a regular expression over the path
  bool needs_sign_in = true;
  std::string role;  // the weakest role allowed
};

class Server {
 public:
  Server(store::Store& store, ServerOptions options);
  ~Server();

  // Binds the socket (throws when it cannot); after this port() is known.
  void bind();
  int port() const { return port_; }
  void run();   // serves until stop()
  void stop();  // from any thread

  // While no user exists: the one-time token that lets the first admin sign up; else "".
  std::string setup_token() const;
  const std::vector<RouteInfo>& routes() const;

  // For the request-body fuzz target (src/server/fuzz): one request through the API's
  // routes and checks, as if it came over the socket, on the calling thread. Signatures'
  // code is taken as compiling (no sandbox workers start): a server used this way is for
  // nothing else.
  struct DirectAnswer {
    int status = 0;
    std::string body;
  };
  DirectAnswer handle_for_fuzzing(const std::string& method, const std::string& path, const std::string& body,
                                  const std::vector<std::pair<std::string, std::string>>& headers = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

}  // namespace signet::server
