#pragma once
// A cpp-httplib server on 127.0.0.1 and a free port, for tests that need an HTTP peer
// (metadata endpoints, misbehaving services). Register handlers on `server`, then start().
#include <httplib.h>

#include <chrono>
#include <string>
#include <thread>

namespace signet::testing {

struct LocalHttpServer {
  httplib::Server server;
  int port = 0;
  std::thread thread;

  void start() {
    bind();
    serve();
  }
  // start() in two steps, for a server whose answers need its own URL before the first request.
  void bind() {
    server.set_keep_alive_max_count(1);  // a connection per request: quick shutdown
    server.new_task_queue = [] { return new httplib::ThreadPool(8); };
    port = server.bind_to_any_port("127.0.0.1");
  }
  void serve() {
    thread = std::thread([this] { server.listen_after_bind(); });
    while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~LocalHttpServer() {
    server.stop();
    if (thread.joinable()) thread.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
};

}  // namespace signet::testing
