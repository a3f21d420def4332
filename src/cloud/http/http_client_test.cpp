// The HTTP client against a local HTTP server (cpp-httplib) on a free loopback port.
#include "cloud/http/http_client.h"

#include <gtest/gtest.h>
#include "testing/local_http_server.h"

#include <thread>

using namespace signet;
using namespace signet::cloud;

namespace {

struct LocalServer : signet::testing::LocalHttpServer {
  LocalServer() {
    server.Get("/hello", [](const httplib::Request& req, httplib::Response& res) {
      res.set_header("X-Echo", req.get_header_value("X-Test"));
      res.set_content("hi " + req.get_param_value("name"), "text/plain");
    });
    server.Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
      res.status = 201;
      res.set_content(req.body + "|" + req.get_header_value("Content-Type"), "text/plain");
    });
    server.Get("/slow", [](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      res.set_content("late", "text/plain");
    });
    start();
  }
  HttpRequest request(const std::string& method, const std::string& path) {
    HttpRequest r;
    r.method = method;
    r.scheme = "http";
    r.host = "127.0.0.1:" + std::to_string(port);
    r.path = path;
    return r;
  }
};

}  // namespace

TEST(HttpClient, GetAndPostThroughTheEventLoop) {
  LocalServer server;
  io::EventLoop loop;
  HttpClient client(loop);
  auto get = server.request("GET", "/hello");
  get.query = "name=moto";
  get.set_header("X-Test", "abc");
  std::optional<HttpResult> got, posted;
  client.send(get, [&](HttpResult r) { got = std::move(r); });
  auto post = server.request("POST", "/echo");
  post.body = "Action=ListUsers";
  post.set_header("Content-Type", "application/x-www-form-urlencoded");
  client.send(post, [&](HttpResult r) { posted = std::move(r); });
  loop.run_until([&] { return got && posted; });
  ASSERT_TRUE(got->ok()) << got->transport_error;
  EXPECT_EQ(got->response.status, 200);
  EXPECT_EQ(got->response.body, "hi moto");
  EXPECT_EQ(*got->response.header("x-echo"), "abc");
  EXPECT_EQ(posted->response.status, 201);
  EXPECT_EQ(posted->response.body, "Action=ListUsers|application/x-www-form-urlencoded");
}

TEST(HttpClient, ManyRequestsAreInFlightAtOnce) {
  LocalServer server;
  io::EventLoop loop;
  HttpClient client(loop);
  int done = 0;
  auto start = io::Clock::now();
  // Six: cpp-httplib listens with a backlog of 5, and more connections wait a SYN retry.
  for (int i = 0; i < 6; ++i)
    client.send(server.request("GET", "/slow"), [&](HttpResult r) {
      EXPECT_EQ(r.response.body, "late");
      ++done;
    });
  EXPECT_EQ(client.in_flight(), 6u);
  loop.run_until([&] { return done == 6; });
  // Served on their own threads, 6 x 200 ms overlap; one after another would be 1.2 s.
  EXPECT_LT(io::Clock::now() - start, std::chrono::milliseconds(800));
}

TEST(HttpClient, TransportErrorsAreReportedNotThrown) {
  io::EventLoop loop;
  HttpClient client(loop, HttpOptions{1000, 2000});
  HttpRequest r;
  r.scheme = "http";
  r.host = "127.0.0.1:1";  // nothing listens on port 1
  r.method = "GET";
  std::optional<HttpResult> result;
  client.send(r, [&](HttpResult x) { result = std::move(x); });
  loop.run_until([&] { return result.has_value(); });
  EXPECT_FALSE(result->ok());
  EXPECT_EQ(result->response.status, 0);
}

TEST(HttpClient, BlockingSendForCredentialProviders) {
  LocalServer server;
  auto r = server.request("GET", "/hello");
  r.query = "name=x";
  auto result = send_blocking(r);
  ASSERT_TRUE(result.ok()) << result.transport_error;
  EXPECT_EQ(result.response.body, "hi x");
}

TEST(HttpRequest, AWholeUrlBecomesSchemeHostPathAndQuery) {
  cloud::HttpRequest r = cloud::request_to("POST", "https://login.example:8443/tenant/oauth2/v2.0/token?a=1&b=%2F");
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.scheme, "https");
  EXPECT_EQ(r.host, "login.example:8443");
  EXPECT_EQ(r.path, "/tenant/oauth2/v2.0/token");
  EXPECT_EQ(r.query, "a=1&b=%2F");
  EXPECT_EQ(r.url(), "https://login.example:8443/tenant/oauth2/v2.0/token?a=1&b=%2F");
  EXPECT_EQ(cloud::request_to("GET", "http://169.254.169.254").target(), "/");
  EXPECT_EQ(cloud::request_to("GET", "http://h?x=1").target(), "/?x=1");
  EXPECT_THROW(cloud::request_to("GET", "no-scheme/path"), std::invalid_argument);
}
