#include "cloud/http/http_client.h"

#include <curl/curl.h>
#include <poll.h>

#include <map>
#include <mutex>

namespace signet::cloud {

namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// One transfer: the easy handle, its header list, and what came back.
struct Transfer {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::string body;
  HttpResult result;
  std::function<void(HttpResult)> done;
  char error[CURL_ERROR_SIZE] = {0};

  ~Transfer() {
    if (headers) curl_slist_free_all(headers);
    if (easy) curl_easy_cleanup(easy);
  }
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  static_cast<Transfer*>(user)->result.response.body.append(data, size * count);
  return size * count;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string line(data, size * count);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (line.rfind("HTTP/", 0) == 0) {
    t->result.response.headers.clear();  // a new status line (after 100 Continue) starts over
  } else if (auto colon = line.find(':'); colon != std::string::npos) {
    std::string value = line.substr(colon + 1);
    auto start = value.find_first_not_of(" \t");
    t->result.response.headers.push_back({line.substr(0, colon), start == std::string::npos ? "" : value.substr(start)});
  }
  return size * count;
}

std::unique_ptr<Transfer> prepare(const HttpRequest& request, const HttpOptions& options) {
  global_init();
  auto t = std::make_unique<Transfer>();
  t->easy = curl_easy_init();
  t->body = request.body;
  CURL* e = t->easy;
  curl_easy_setopt(e, CURLOPT_URL, request.url().c_str());
  curl_easy_setopt(e, CURLOPT_PRIVATE, t.get());
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->error);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, options.connect_timeout_ms);
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, options.timeout_ms);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, t.get());
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
  if (request.method == "HEAD") {
    curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
  } else if (request.method == "GET") {
    curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, t->body.data());
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(t->body.size()));
  }
  for (const auto& h : request.headers) {
    if (iequals(h.name, "Content-Length")) continue;  // curl sets it from the body
    std::string line = h.name + (h.value.empty() ? ";" : ": " + h.value);
    t->headers = curl_slist_append(t->headers, line.c_str());
  }
  t->headers = curl_slist_append(t->headers, "Expect:");  // no 100-continue round trip
  if (!request.header("Content-Type") && request.method != "GET" && request.method != "HEAD")
    t->headers = curl_slist_append(t->headers, "Content-Type:");  // not curl's form default
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
  return t;
}

void finish(Transfer& t, CURLcode code) {
  long status = 0;
  curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &status);
  t.result.response.status = static_cast<int>(status);
  if (code != CURLE_OK) t.result.transport_error = t.error[0] ? t.error : curl_easy_strerror(code);
}

}  // namespace

struct HttpClient::Impl {
  io::EventLoop& loop;
  HttpOptions options;
  CURLM* multi = nullptr;
  io::EventLoop::TimerId timer = 0;
  std::map<CURL*, std::unique_ptr<Transfer>> transfers;

  Impl(io::EventLoop& l, HttpOptions o) : loop(l), options(o) {
    global_init();
    multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, on_socket);
    curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, on_timer);
    curl_multi_setopt(multi, CURLMOPT_TIMERDATA, this);
    curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, options.max_connections_per_host);
  }

  ~Impl() {
    if (timer) loop.cancel_timer(timer);
    for (auto& [easy, t] : transfers) curl_multi_remove_handle(multi, easy);
    transfers.clear();
    curl_multi_cleanup(multi);
  }

  static int on_socket(CURL*, curl_socket_t s, int what, void* user, void*) {
    auto* self = static_cast<Impl*>(user);
    if (what == CURL_POLL_REMOVE) {
      self->loop.unwatch(s);
      return 0;
    }
    short events = (what & CURL_POLL_IN ? POLLIN : 0) | (what & CURL_POLL_OUT ? POLLOUT : 0);
    self->loop.watch(s, events, [self, s](short revents) {
      int mask = (revents & POLLIN ? CURL_CSELECT_IN : 0) | (revents & POLLOUT ? CURL_CSELECT_OUT : 0) |
                 (revents & (POLLERR | POLLHUP) ? CURL_CSELECT_ERR : 0);
      int running;
      curl_multi_socket_action(self->multi, s, mask, &running);
      self->collect();
    });
    return 0;
  }

  static int on_timer(CURLM*, long timeout_ms, void* user) {
    auto* self = static_cast<Impl*>(user);
    if (self->timer) self->loop.cancel_timer(self->timer);
    self->timer = 0;
    if (timeout_ms >= 0) {
      self->timer = self->loop.add_timer(io::Clock::now() + std::chrono::milliseconds(timeout_ms), [self] {
        self->timer = 0;
        int running;
        curl_multi_socket_action(self->multi, CURL_SOCKET_TIMEOUT, 0, &running);
        self->collect();
      });
    }
    return 0;
  }

  // Hands finished transfers to their callbacks, outside curl's own callbacks.
  void collect() {
    std::vector<std::unique_ptr<Transfer>> finished;
    int left;
    while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      auto it = transfers.find(msg->easy_handle);
      if (it == transfers.end()) continue;
      finish(*it->second, msg->data.result);
      curl_multi_remove_handle(multi, msg->easy_handle);
      finished.push_back(std::move(it->second));
      transfers.erase(it);
    }
    for (auto& t : finished) t->done(std::move(t->result));
  }

  void send(const HttpRequest& request, std::function<void(HttpResult)> done) {
    auto t = prepare(request, options);
    t->done = std::move(done);
    CURL* easy = t->easy;
    transfers.emplace(easy, std::move(t));
    curl_multi_add_handle(multi, easy);
  }
};

HttpClient::HttpClient(io::EventLoop& loop, HttpOptions options) : impl_(std::make_unique<Impl>(loop, options)) {}
HttpClient::~HttpClient() = default;
void HttpClient::send(const HttpRequest& request, std::function<void(HttpResult)> done) { impl_->send(request, std::move(done)); }
std::size_t HttpClient::in_flight() const { return impl_->transfers.size(); }

HttpResult send_blocking(const HttpRequest& request, const HttpOptions& options) {
  auto t = prepare(request, options);
  CURLcode code = curl_easy_perform(t->easy);
  finish(*t, code);
  return std::move(t->result);
}

}  // namespace signet::cloud
