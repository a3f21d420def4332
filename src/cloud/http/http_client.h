#pragma once
// HTTP over libcurl's multi interface, driven by the event loop: many requests in flight,
// keep-alive connections reused, no thread per request.
#include <functional>
#include <memory>
#include <string>

#include "cloud/http/request.h"
#include "io/event_loop.h"

namespace signet::cloud {

struct HttpOptions {
  long connect_timeout_ms = 5000;
  long timeout_ms = 60000;
  long max_connections_per_host = 64;  // one endpoint serves many calls at once
  bool verify_tls = true;
};

struct HttpResult {
  HttpResponse response;
  std::string transport_error;  // DNS, connect, TLS, time-out: no HTTP answer at all
  bool ok() const { return transport_error.empty(); }
};

class HttpClient {
 public:
  HttpClient(io::EventLoop& loop, HttpOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // `done` runs on the loop thread, once.
  void send(const HttpRequest& request, std::function<void(HttpResult)> done);
  std::size_t in_flight() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// One request, waiting for the answer (credential providers, before the loop runs).
HttpResult send_blocking(const HttpRequest& request, const HttpOptions& options = {});

}  // namespace signet::cloud
