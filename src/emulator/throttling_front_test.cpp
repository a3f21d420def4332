// The throttling front: forwarding, token buckets per key/region/service/action family, the
// throttled answers of each protocol as Signet's own parsers read them, latency, counters,
// many simultaneous connects; then Signet's AWS client through it to moto.
#include "emulator/throttling_front.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <barrier>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "aws/client/client.h"
#include "cloud/rate/retry.h"
#include "aws/parse/parser.h"
#include "emulator/loopback_listener.h"
#include "emulator/moto_server.h"

using namespace signet;
using namespace std::chrono_literals;
using emulator::BucketRule;
using emulator::ThrottlingFront;
using emulator::ThrottlingOptions;
using nlohmann::json;

namespace {

// A tiny upstream that answers 201 with what it received; a connection per request, as moto.
struct EchoUpstream {
  httplib::Server server;
  std::thread thread;
  int port = 0;
  std::atomic<int> hits{0};

  EchoUpstream() {
    server.set_keep_alive_max_count(1);
    server.new_task_queue = [] { return new httplib::ThreadPool(16); };
    auto echo = [this](const httplib::Request& req, httplib::Response& res) {
      ++hits;
      json seen = {{"method", req.method}, {"target", req.target}, {"authorization", req.get_header_value("Authorization")},
                   {"custom", req.get_header_value("X-Custom")}, {"body", req.body}};
      res.status = 201;
      res.set_header("X-Upstream", "echo");
      res.set_content(seen.dump(), "application/json");
    };
    server.Get(".*", echo);
    server.Post(".*", echo);
    server.Put(".*", echo);
    server.Delete(".*", echo);
    port = emulator::bind_loopback(server);
    thread = std::thread([this] { server.listen_after_bind(); });
    while (!server.is_running()) std::this_thread::sleep_for(1ms);
  }
  ~EchoUpstream() {
    server.stop();
    thread.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
};

std::string authorization(const std::string& key, const std::string& region, const std::string& service) {
  return "AWS4-HMAC-SHA256 Credential=" + key + "/20240101/" + region + "/" + service +
         "/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123abcd";
}

struct Call {
  std::string service;
  std::string method = "POST";
  std::string target = "/";
  std::string body;
  httplib::Headers headers;
};

Call query_call(const std::string& service, const std::string& action, const std::string& extra = "",
                const std::string& key = "AKIDA", const std::string& region = "us-east-1") {
  Call c{service, "POST", "/", "Action=" + action + "&Version=2016-11-15" + (extra.empty() ? "" : "&" + extra)};
  c.headers = {{"Authorization", authorization(key, region, service)},
               {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  return c;
}

Call json_call(const std::string& service, const std::string& target, const std::string& key = "AKIDA") {
  Call c{service, "POST", "/", "{}"};
  c.headers = {{"Authorization", authorization(key, "us-east-1", service)}, {"X-Amz-Target", target},
               {"Content-Type", "application/x-amz-json-1.1"}};
  return c;
}

Call rest_call(const std::string& service, const std::string& method, const std::string& target) {
  Call c{service, method, target, ""};
  c.headers = {{"Authorization", authorization("AKIDA", "us-east-1", service)}};
  return c;
}

httplib::Response send(const std::string& endpoint, const Call& call) {
  httplib::Client client(endpoint);
  client.set_url_encode(false);
  httplib::Request req;
  req.method = call.method;
  req.path = call.target;
  req.headers = call.headers;
  req.body = call.body;
  httplib::Response res;
  httplib::Error error = httplib::Error::Success;
  if (!client.send(req, res, error)) ADD_FAILURE() << "no answer: " << httplib::to_string(error);
  return res;
}

// The answer as Signet's AWS client reads an error: the parser of the service's protocol.
aws::ApiError signet_reads(const std::string& signing_name, const httplib::Response& res) {
  auto service = aws::Models::embedded()->find(signing_name);
  EXPECT_TRUE(service) << signing_name;
  cloud::HttpResponse response;
  response.status = res.status;
  for (const auto& [name, value] : res.headers) response.headers.push_back({name, value});
  response.body = res.body;
  return aws::make_parser(service->protocol())->parse_error(*service, response);
}

BucketRule rule(std::string name, std::string service, double capacity, double refill, std::vector<std::string> actions = {}) {
  BucketRule r;
  r.name = std::move(name);
  r.service = std::move(service);
  r.capacity = capacity;
  r.refill_per_second = refill;
  r.actions = std::move(actions);
  return r;
}

ThrottlingOptions options_with(const std::string& upstream, std::vector<BucketRule> rules) {
  ThrottlingOptions o;
  o.upstream = upstream;
  o.buckets = std::move(rules);
  return o;
}

const emulator::BucketCounters* bucket_of(const emulator::FrontCounters& c, const std::string& rule_name) {
  for (const auto& b : c.buckets)
    if (b.rule == rule_name) return &b;
  return nullptr;
}

}  // namespace

TEST(ThrottlingFront, ForwardsMethodTargetHeadersAndBodyAndTheAnswerUnchanged) {
  EchoUpstream upstream;
  ThrottlingFront front(options_with(upstream.url(), {}));
  Call put = rest_call("s3", "PUT", "/my-bucket/a%20key%2Bplus?versionId=3&x-id=PutObject");
  put.body = "hello, bytes";
  put.headers.emplace("X-Custom", "kept");
  auto res = send(front.endpoint(), put);
  EXPECT_EQ(res.status, 201);
  EXPECT_EQ(res.get_header_value("X-Upstream"), "echo");
  EXPECT_EQ(res.get_header_value("Content-Type"), "application/json");
  json seen = json::parse(res.body);
  EXPECT_EQ(seen["method"], "PUT");
  EXPECT_EQ(seen["target"], "/my-bucket/a%20key%2Bplus?versionId=3&x-id=PutObject") << "path and query as sent, still encoded";
  EXPECT_EQ(seen["authorization"], authorization("AKIDA", "us-east-1", "s3"));
  EXPECT_EQ(seen["custom"], "kept");
  EXPECT_EQ(seen["body"], "hello, bytes");
  // A HEAD answer keeps its Content-Length (S3 HeadObject's object size).
  auto head = send(front.endpoint(), rest_call("s3", "HEAD", "/my-bucket/key"));
  EXPECT_EQ(head.status, 201);
  EXPECT_TRUE(head.body.empty());
  auto direct = send(upstream.url(), rest_call("s3", "HEAD", "/my-bucket/key"));
  EXPECT_EQ(head.get_header_value_count("Content-Length"), 1u);
  EXPECT_EQ(head.get_header_value("Content-Length"), direct.get_header_value("Content-Length"));
  EXPECT_NE(head.get_header_value("Content-Length"), "0");
  auto c = front.counters();
  EXPECT_EQ(c.received, 2u);
  EXPECT_EQ(c.forwarded, 2u);
  EXPECT_EQ(c.throttled, 0u);
  EXPECT_EQ(c.received_by_service["s3"], 2u);
  EXPECT_TRUE(c.buckets.empty()) << "no rule matched: not throttled";
}

TEST(ThrottlingFront, ABurstBeyondCapacityGetsExactlyTheExcessThrottled) {
  EchoUpstream upstream;
  // A refill of 0.001/s adds less than one token in any run of this test: the count is exact.
  ThrottlingFront front(options_with(upstream.url(), {rule("iam", "iam", 5, 0.001)}));
  constexpr int kRequests = 40;
  std::vector<int> status(kRequests);
  std::vector<aws::ApiError> errors(kRequests);
  std::vector<std::thread> threads;
  for (int i = 0; i < kRequests; ++i)
    threads.emplace_back([&, i] {
      auto res = send(front.endpoint(), query_call("iam", "ListUsers"));
      status[i] = res.status;
      if (res.status != 201) errors[i] = signet_reads("iam", res);
    });
  for (auto& t : threads) t.join();
  int forwarded = 0, throttled = 0;
  for (int i = 0; i < kRequests; ++i) {
    if (status[i] == 201) {
      ++forwarded;
      continue;
    }
    ++throttled;
    EXPECT_EQ(status[i], 400);
    EXPECT_EQ(errors[i].code, "Throttling");
    EXPECT_EQ(errors[i].message, "Rate exceeded");
    EXPECT_TRUE(cloud::is_throttling(errors[i].code, errors[i].status));
  }
  EXPECT_EQ(forwarded, 5);
  EXPECT_EQ(throttled, kRequests - 5);
  EXPECT_EQ(upstream.hits, 5);
  auto c = front.counters();
  EXPECT_EQ(c.received, std::uint64_t(kRequests));
  EXPECT_EQ(c.forwarded, 5u);
  EXPECT_EQ(c.throttled, std::uint64_t(kRequests - 5));
  EXPECT_EQ(c.throttled_by_service["iam"], std::uint64_t(kRequests - 5));
  ASSERT_EQ(c.buckets.size(), 1u);
  EXPECT_EQ(c.buckets[0].key, "AKIDA/us-east-1/iam/iam");
  EXPECT_EQ(c.buckets[0].requests, std::uint64_t(kRequests));
  EXPECT_EQ(c.buckets[0].admitted, 5u);
  EXPECT_EQ(c.buckets[0].throttled, std::uint64_t(kRequests - 5));
  EXPECT_EQ(c.buckets[0].capacity, 5);
  EXPECT_EQ(c.floor_seconds(), 0) << "everything admitted fitted in the burst";
}

TEST(ThrottlingFront, ThrottledAnswersAreWhatEachProtocolSendsAndSignetReadsThemAsThrottling) {
  EchoUpstream upstream;
  auto lambda = rule("lambda", "lambda", 0, 0);
  lambda.error_code = "TooManyRequestsException";  // Lambda's own answer, as in the data file
  lambda.error_status = 429;
  ThrottlingFront front(options_with(upstream.url(), {lambda, rule("everything", "", 0, 0)}));
  struct Case {
    Call call;
    int status;
    std::string code;
    std::string body_has;
  };
  std::vector<Case> cases = {
      {query_call("ec2", "DescribeInstances"), 503, "RequestLimitExceeded",
       "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>"},
      {query_call("iam", "ListUsers"), 400, "Throttling",
       "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>Throttling</Code>"
       "<Message>Rate exceeded</Message></Error><RequestId>"},
      {query_call("sts", "GetCallerIdentity"), 400, "Throttling", "<Type>Sender</Type><Code>Throttling</Code>"},
      {query_call("rds", "DescribeDBInstances"), 400, "Throttling", "<Code>Throttling</Code><Message>Rate exceeded</Message>"},
      {json_call("kms", "TrentService.DescribeKey"), 400, "ThrottlingException", R"({"__type":"ThrottlingException","message":"Rate exceeded"})"},
      {json_call("cloudtrail", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.DescribeTrails"), 400, "ThrottlingException",
       "ThrottlingException"},
      {json_call("config", "StarlingDoveService.DescribeConfigurationRecorderStatus"), 400, "ThrottlingException", "Rate exceeded"},
      {json_call("logs", "Logs_20140328.DescribeMetricFilters"), 400, "ThrottlingException", "Rate exceeded"},
      {json_call("dynamodb", "DynamoDB_20120810.ListTables"), 400, "ThrottlingException", "Rate exceeded"},
      // CloudWatch speaks JSON in query-compatible mode: the query code comes in x-amzn-query-error.
      {json_call("monitoring", "GraniteServiceVersion20100801.DescribeAlarmsForMetric"), 400, "Throttling", "Rate exceeded"},
      {rest_call("elasticfilesystem", "GET", "/2015-02-01/file-systems"), 400, "ThrottlingException", "Rate exceeded"},
      {rest_call("guardduty", "GET", "/detector/abc"), 400, "ThrottlingException", "Rate exceeded"},
      {rest_call("lambda", "GET", "/2015-03-31/functions/"), 429, "TooManyRequestsException", "Rate exceeded"},
      {rest_call("s3", "GET", "/my-bucket?versioning"), 503, "SlowDown",
       "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>"},
      {rest_call("route53", "GET", "/2013-04-01/hostedzone"), 400, "Throttling", "<Code>Throttling</Code>"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.call.service);
    auto res = send(front.endpoint(), c.call);
    EXPECT_EQ(res.status, c.status);
    EXPECT_NE(res.body.find(c.body_has), std::string::npos) << res.body;
    auto error = signet_reads(c.call.service, res);
    EXPECT_EQ(error.code, c.code);
    EXPECT_EQ(error.status, c.status);
    EXPECT_TRUE(cloud::is_throttling(error.code, error.status));
    EXPECT_TRUE(cloud::is_retryable(error.code, error.status));
  }
  // JSON protocols also name the error in a header; S3 has its request-id headers.
  auto kms = send(front.endpoint(), json_call("kms", "TrentService.DescribeKey"));
  EXPECT_EQ(kms.get_header_value("x-amzn-ErrorType"), "ThrottlingException");
  EXPECT_EQ(kms.get_header_value("Content-Type"), "application/x-amz-json-1.1");
  EXPECT_FALSE(kms.get_header_value("x-amzn-RequestId").empty());
  auto efs = send(front.endpoint(), rest_call("elasticfilesystem", "GET", "/2015-02-01/file-systems"));
  EXPECT_EQ(efs.get_header_value("x-amzn-ErrorType"), "ThrottlingException");
  auto s3 = send(front.endpoint(), rest_call("s3", "GET", "/my-bucket?versioning"));
  EXPECT_FALSE(s3.get_header_value("x-amz-request-id").empty());
  EXPECT_EQ(upstream.hits, 0);
  auto counters = front.counters();
  EXPECT_EQ(counters.throttled, cases.size() + 3);
  EXPECT_EQ(counters.forwarded, 0u);
  EXPECT_EQ(counters.throttled_by_service["kms"], 2u);
}

TEST(ThrottlingFront, AccessKeysRegionsAndServicesHaveSeparateBuckets) {
  EchoUpstream upstream;
  ThrottlingFront front(options_with(upstream.url(), {rule("one", "", 1, 0.001)}));
  auto status = [&](const Call& c) { return send(front.endpoint(), c).status; };
  EXPECT_EQ(status(query_call("iam", "ListUsers", "", "AKIDA", "us-east-1")), 201);
  EXPECT_EQ(status(query_call("iam", "ListUsers", "", "AKIDB", "us-east-1")), 201) << "another access key";
  EXPECT_EQ(status(query_call("iam", "ListUsers", "", "AKIDA", "eu-west-1")), 201) << "another region";
  EXPECT_EQ(status(query_call("sts", "GetCallerIdentity", "", "AKIDA", "us-east-1")), 201) << "another service";
  EXPECT_EQ(status(query_call("iam", "ListRoles", "", "AKIDA", "us-east-1")), 400) << "same key, region, service: empty";
  EXPECT_EQ(status(query_call("sts", "GetCallerIdentity", "", "AKIDB", "us-east-1")), 201);
  EXPECT_EQ(status(query_call("sts", "GetCallerIdentity", "", "AKIDB", "us-east-1")), 400);
  auto c = front.counters();
  std::set<std::string> keys;
  for (const auto& b : c.buckets) keys.insert(b.key);
  EXPECT_EQ(keys, (std::set<std::string>{"AKIDA/us-east-1/iam/one", "AKIDB/us-east-1/iam/one", "AKIDA/eu-west-1/iam/one",
                                         "AKIDA/us-east-1/sts/one", "AKIDB/us-east-1/sts/one"}));
  // Unsigned requests (moto's own API) pass unthrottled.
  EXPECT_EQ(status(Call{"", "POST", "/moto-api/reset", ""}), 201);
  EXPECT_EQ(status(Call{"", "POST", "/moto-api/reset", ""}), 201);
  EXPECT_EQ(front.counters().received_by_service["(unsigned)"], 2u);
}

TEST(ThrottlingFront, Ec2FilteredAndUnfilteredDescribesUseDifferentBuckets) {
  EchoUpstream upstream;
  const auto& aws_like = ThrottlingFront::aws_like_buckets();
  auto unfiltered = *std::find_if(aws_like.begin(), aws_like.end(), [](const BucketRule& r) { return r.name == "ec2-unfiltered"; });
  unfiltered.capacity = 1;
  unfiltered.refill_per_second = 0.001;
  unfiltered.per_action = false;
  ThrottlingFront front(options_with(upstream.url(), {unfiltered, rule("ec2-non-mutating", "ec2", 1, 0.001, {"Describe*"}),
                                                      rule("ec2-mutating", "ec2", 1, 0.001)}));
  auto status = [&](const Call& c) { return send(front.endpoint(), c).status; };
  EXPECT_EQ(status(query_call("ec2", "DescribeInstances")), 201);
  EXPECT_EQ(status(query_call("ec2", "DescribeVolumes")), 503) << "unfiltered: the small bucket, now empty";
  EXPECT_EQ(status(query_call("ec2", "DescribeInstances", "Filter.1.Name=instance-state-name&Filter.1.Value.1=running")), 201);
  EXPECT_EQ(status(query_call("ec2", "DescribeInstances", "InstanceId.1=i-123")), 503) << "ids count as a filter";
  EXPECT_EQ(status(query_call("ec2", "DescribeVolumes", "MaxResults=5")), 503) << "paginated: the larger bucket";
  EXPECT_EQ(status(query_call("ec2", "RunInstances", "ImageId=ami-1&MinCount=1&MaxCount=1")), 201);
  auto c = front.counters();
  ASSERT_TRUE(bucket_of(c, "ec2-unfiltered") && bucket_of(c, "ec2-non-mutating") && bucket_of(c, "ec2-mutating"));
  EXPECT_EQ(bucket_of(c, "ec2-unfiltered")->requests, 2u);
  EXPECT_EQ(bucket_of(c, "ec2-non-mutating")->requests, 3u);
  EXPECT_EQ(bucket_of(c, "ec2-non-mutating")->admitted, 1u);
  EXPECT_EQ(bucket_of(c, "ec2-mutating")->requests, 1u);

  // The data file's rules: one bucket per API in each family, as the EC2 page says.
  ThrottlingFront aws(ThrottlingOptions{upstream.url()});
  send(aws.endpoint(), query_call("ec2", "DescribeInstances"));
  send(aws.endpoint(), query_call("ec2", "DescribeInstances", "Filter.1.Name=tag:team&Filter.1.Value.1=data"));
  send(aws.endpoint(), query_call("ec2", "DescribeSecurityGroups", "GroupId.1=sg-1"));
  send(aws.endpoint(), query_call("ec2", "CreateTags", "ResourceId.1=i-1&Tag.1.Key=a&Tag.1.Value=b"));
  send(aws.endpoint(), query_call("ec2", "AuthorizeSecurityGroupIngress", "GroupId=sg-1"));
  std::set<std::string> keys;
  for (const auto& b : aws.counters().buckets) keys.insert(b.key);
  EXPECT_EQ(keys, (std::set<std::string>{"AKIDA/us-east-1/ec2/ec2-unfiltered/DescribeInstances",
                                         "AKIDA/us-east-1/ec2/ec2-non-mutating/DescribeInstances",
                                         "AKIDA/us-east-1/ec2/ec2-non-mutating/DescribeSecurityGroups",
                                         "AKIDA/us-east-1/ec2/ec2-mutating/CreateTags",
                                         "AKIDA/us-east-1/ec2/ec2-resource-intensive/AuthorizeSecurityGroupIngress"}));
}

TEST(ThrottlingFront, RestRequestsAreNamedByTheirModelOperationAndS3BucketsAreSeparate) {
  EchoUpstream upstream;
  auto s3 = rule("s3", "s3", 1, 0.001, {"GetBucketVersioning", "GetBucketPolicy"});
  s3.per_bucket = true;
  auto lambda = rule("lambda-get-policy", "lambda", 1, 0.001, {"GetPolicy"});
  ThrottlingFront front(options_with(upstream.url(), {s3, lambda}));
  auto status = [&](const Call& c) { return send(front.endpoint(), c).status; };
  EXPECT_EQ(status(rest_call("s3", "GET", "/bucket-a?versioning")), 201);
  EXPECT_EQ(status(rest_call("s3", "GET", "/bucket-b?versioning")), 201) << "another bucket";
  EXPECT_EQ(status(rest_call("s3", "GET", "/bucket-a?policy")), 503);
  EXPECT_EQ(status(rest_call("s3", "GET", "/bucket-a?acl")), 201) << "GetBucketAcl: no rule";
  EXPECT_EQ(status(rest_call("lambda", "GET", "/2015-03-31/functions/f1/policy")), 201);
  EXPECT_EQ(status(rest_call("lambda", "GET", "/2015-03-31/functions/f2/policy")), 400);
  EXPECT_EQ(status(rest_call("lambda", "GET", "/2015-03-31/functions/f1")), 201) << "GetFunction: no rule";
  std::set<std::string> keys;
  for (const auto& b : front.counters().buckets) keys.insert(b.key);
  EXPECT_EQ(keys, (std::set<std::string>{"AKIDA/us-east-1/s3/s3/bucket-a", "AKIDA/us-east-1/s3/s3/bucket-b",
                                         "AKIDA/us-east-1/lambda/lambda-get-policy"}));
}

TEST(ThrottlingFront, BucketsRefillAtTheirRateOnTheFrontsClock) {
  EchoUpstream upstream;
  auto start = std::chrono::steady_clock::now();
  auto offset = std::make_shared<std::atomic<std::int64_t>>(0);  // ns, moved by hand
  auto options = options_with(upstream.url(), {rule("iam", "iam", 2, 2)});
  options.clock = [start, offset] { return start + std::chrono::nanoseconds(offset->load()); };
  ThrottlingFront front(options);
  auto status = [&] { return send(front.endpoint(), query_call("iam", "ListUsers")).status; };
  auto advance = [&](std::chrono::milliseconds d) { *offset += std::chrono::nanoseconds(d).count(); };
  EXPECT_EQ(status(), 201);
  EXPECT_EQ(status(), 201);
  EXPECT_EQ(status(), 400) << "the burst is spent";
  advance(1000ms);  // 2 tokens
  EXPECT_EQ(status(), 201);
  EXPECT_EQ(status(), 201);
  EXPECT_EQ(status(), 400);
  advance(600ms);  // 1.2 tokens
  EXPECT_EQ(status(), 201);
  EXPECT_EQ(status(), 400) << "0.2 of a token left";
  advance(10s);
  EXPECT_EQ(status(), 201);
  EXPECT_EQ(status(), 201);
  EXPECT_EQ(status(), 400) << "the bucket holds no more than its capacity";
  auto c = front.counters();
  EXPECT_EQ(c.buckets.at(0).admitted, 7u);
  EXPECT_EQ(c.buckets.at(0).throttled, 4u);
  EXPECT_DOUBLE_EQ(c.floor_seconds(), (7.0 - 2.0) / 2.0);
  EXPECT_DOUBLE_EQ(front.floor_seconds(), 2.5);

  // And on the real clock: waiting longer than a token takes can only help.
  ThrottlingFront real(options_with(upstream.url(), {rule("iam", "iam", 1, 10)}));
  EXPECT_EQ(send(real.endpoint(), query_call("iam", "ListUsers")).status, 201);
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(send(real.endpoint(), query_call("iam", "ListUsers")).status, 201);
}

namespace {

// One HTTP exchange on a raw socket; returns the status and how long connect() took.
std::pair<int, std::chrono::steady_clock::duration> raw_get(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  auto t0 = std::chrono::steady_clock::now();
  int rc = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  auto connect_time = std::chrono::steady_clock::now() - t0;
  int status = -1;
  std::string request = "GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  if (rc == 0 && send(fd, request.data(), request.size(), MSG_NOSIGNAL) == ssize_t(request.size())) {
    std::string answer;
    char buf[4096];
    ssize_t n;
    while ((n = recv(fd, buf, sizeof buf, 0)) > 0) answer.append(buf, size_t(n));
    std::sscanf(answer.c_str(), "HTTP/1.1 %d", &status);
  }
  close(fd);
  return {status, connect_time};
}

}  // namespace

TEST(ThrottlingFront, ManySimultaneousConnectsAreServedAtOnceWithTheAddedLatency) {
  EchoUpstream upstream;
  auto options = options_with(upstream.url(), {});
  options.latency = 500ms;
  ThrottlingFront front(options);
  constexpr int kClients = 160;
  std::vector<int> status(kClients);
  std::vector<std::chrono::steady_clock::duration> connect_time(kClients), total(kClients);
  std::barrier start(kClients);
  std::vector<std::thread> threads;
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < kClients; ++i)
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      auto begin = std::chrono::steady_clock::now();
      std::tie(status[i], connect_time[i]) = raw_get(front.port());
      total[i] = std::chrono::steady_clock::now() - begin;
    });
  for (auto& t : threads) t.join();
  auto wall = std::chrono::steady_clock::now() - t0;
  for (int i = 0; i < kClients; ++i) {
    EXPECT_EQ(status[i], 201);
    EXPECT_GE(total[i], 500ms) << "the latency is added to every request";
    // A connect that lost its SYN to a full backlog waits for the kernel's 1 s retry.
    EXPECT_LT(connect_time[i], 900ms) << "client " << i;
  }
  EXPECT_LT(wall, 10s) << "served together, not one after another (that would be 80 s)";
  auto c = front.counters();
  EXPECT_EQ(c.forwarded, std::uint64_t(kClients));
  EXPECT_GE(c.max_in_flight, 128u) << "at least 128 requests in flight at once";
  EXPECT_GT(c.mean_in_flight, 1.0);
  EXPECT_LE(c.mean_in_flight, double(c.max_in_flight));
}

TEST(ThrottlingFront, JitterAddsUpToItsBound) {
  EchoUpstream upstream;
  auto options = options_with(upstream.url(), {});
  options.latency = 20ms;
  options.jitter = 30ms;
  ThrottlingFront front(options);
  for (int i = 0; i < 5; ++i) {
    auto begin = std::chrono::steady_clock::now();
    EXPECT_EQ(raw_get(front.port()).first, 201);
    EXPECT_GE(std::chrono::steady_clock::now() - begin, 20ms);
  }
}

TEST(ThrottlingFront, TheDataFileHasASourcedBucketForEachServiceAndADefault) {
  const auto& rules = ThrottlingFront::aws_like_buckets();
  ASSERT_FALSE(rules.empty());
  auto models = aws::Models::embedded();
  std::set<std::string> services;
  for (const auto& r : rules) {
    SCOPED_TRACE(r.name);
    EXPECT_FALSE(r.source.empty());
    EXPECT_GT(r.capacity, 0);
    EXPECT_GT(r.refill_per_second, 0);
    if (!r.service.empty()) {
      auto model = models->find(r.service);
      ASSERT_TRUE(model) << r.service << " is not a service the models know";
      EXPECT_EQ(model->signing_name(), r.service) << "rules name the credential scope's service";
      services.insert(r.service);
    }
  }
  EXPECT_TRUE(rules.back().service.empty() && rules.back().actions.empty()) << "the last rule catches the rest";
  // Every service Signet's built-in signatures and inventory scan by default.
  for (const char* s : {"ec2", "iam", "sts", "s3", "rds", "kms", "cloudtrail", "config", "lambda", "monitoring", "logs",
                        "elasticfilesystem", "guardduty"})
    EXPECT_TRUE(services.count(s)) << s;
  auto find = [&](const std::string& name) {
    return *std::find_if(rules.begin(), rules.end(), [&](const BucketRule& r) { return r.name == name; });
  };
  EXPECT_EQ(find("ec2-non-mutating").capacity, 100);
  EXPECT_EQ(find("ec2-non-mutating").refill_per_second, 20);
  EXPECT_EQ(find("ec2-unfiltered").capacity, 50);
  EXPECT_EQ(find("ec2-unfiltered").refill_per_second, 10);
  EXPECT_EQ(find("ec2-mutating").capacity, 50);
  EXPECT_EQ(find("ec2-mutating").refill_per_second, 5);
  EXPECT_EQ(find("iam").capacity, 20);
  EXPECT_EQ(find("iam").refill_per_second, 10);

  EXPECT_THROW(ThrottlingFront::parse_buckets("{"), emulator::EmulatorError);
  try {
    ThrottlingFront::parse_buckets(R"({"buckets": [{"name": "x", "refill_per_second": 1}]})");
    ADD_FAILURE() << "a bucket without capacity was accepted";
  } catch (const emulator::EmulatorError& e) {
    EXPECT_NE(std::string(e.what()).find("(x)"), std::string::npos) << e.what();
  }
}

// --- Signet's AWS client through the front to moto --------------------------------------------

namespace {


std::shared_ptr<aws::CredentialChain> test_keys() { return aws::CredentialChain::fixed({"testing", "testing", "", std::nullopt}); }

cloud::CallResult call(aws::AwsClient& client, io::EventLoop& loop, aws::CallRequest request) {
  std::optional<cloud::CallResult> result;
  client.call(request, [&](cloud::CallResult r) { result = std::move(r); });
  loop.run_until([&] { return result.has_value(); });
  return *result;
}

}  // namespace

TEST(ThrottlingFrontOnMoto, SignetsClientListsUsersAndInstancesCompletelyThroughTightBuckets) {
  emulator::MotoServer::shared().reset();
  io::EventLoop loop;
  aws::ClientOptions direct;
  direct.endpoints.all = emulator::MotoServer::shared().endpoint();
  direct.read_only = false;
  aws::AwsClient writer(loop, aws::Models::embedded(), test_keys(), direct);
  for (const char* name : {"ada", "bob", "cy"}) ASSERT_TRUE(call(writer, loop, {"iam", "CreateUser", "us-east-1", {{"UserName", name}}}).error.is_null());
  ASSERT_TRUE(call(writer, loop, {"ec2", "RunInstances", "us-east-1", {{"ImageId", "ami-12c6146b"}, {"MinCount", 2}, {"MaxCount", 2}}})
                  .error.is_null());

  const auto& aws_like = ThrottlingFront::aws_like_buckets();
  auto unfiltered = *std::find_if(aws_like.begin(), aws_like.end(), [](const BucketRule& r) { return r.name == "ec2-unfiltered"; });
  unfiltered.capacity = 3;
  unfiltered.refill_per_second = 10;
  ThrottlingFront front(options_with(emulator::MotoServer::shared().endpoint(), {unfiltered, rule("ec2-non-mutating", "ec2", 3, 10, {"Describe*"}),
                                                         rule("iam", "iam", 3, 10)}));
  aws::ClientOptions through;
  through.endpoints.all = front.endpoint();
  through.rate.control = std::make_shared<cloud::RateControl>();  // this test's own, not the process's
  through.retry.base_delay = 50ms;
  through.retry.max_delay = 500ms;
  aws::AwsClient client(loop, aws::Models::embedded(), test_keys(), through);

  constexpr int kEach = 12;
  std::vector<cloud::CallResult> users, instances;
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < kEach; ++i) {
    client.call({"iam", "ListUsers", "us-east-1"}, [&](cloud::CallResult r) { users.push_back(std::move(r)); });
    client.call({"ec2", "DescribeInstances", "us-east-1"}, [&](cloud::CallResult r) { instances.push_back(std::move(r)); });
  }
  loop.run_until([&] { return users.size() == kEach && instances.size() == kEach; });
  auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  for (const auto& r : users) {
    ASSERT_TRUE(r.error.is_null()) << r.error.dump();
    EXPECT_EQ(r.api_response.size(), 3u) << r.api_response.dump();
  }
  for (const auto& r : instances) {
    ASSERT_TRUE(r.error.is_null()) << r.error.dump();
    std::size_t n = 0;
    for (const auto& reservation : r.api_response) n += reservation["Instances"].size();
    EXPECT_EQ(n, 2u);
  }
  auto c = front.counters();
  std::printf("through the front: %.2f s (floor %.2f s), %llu requests, %llu throttled, %zu most in flight\n", elapsed,
              c.floor_seconds(), (unsigned long long)c.received, (unsigned long long)c.throttled, c.max_in_flight);
  EXPECT_GT(c.throttled_by_service["iam"], 0u);
  EXPECT_GT(c.throttled_by_service["ec2"], 0u);
  EXPECT_EQ(client.stats().throttled, c.throttled) << "Signet's client read every throttled answer as throttling";
  EXPECT_EQ(client.stats().requests, c.received);
  EXPECT_EQ(c.forwarded, std::uint64_t(2 * kEach));
  ASSERT_TRUE(bucket_of(c, "iam") && bucket_of(c, "ec2-unfiltered"));
  EXPECT_EQ(bucket_of(c, "iam")->admitted, std::uint64_t(kEach));
  EXPECT_EQ(bucket_of(c, "ec2-unfiltered")->admitted, std::uint64_t(kEach)) << "DescribeInstances without filters";
  EXPECT_DOUBLE_EQ(c.floor_seconds(), (kEach - 3) / 10.0);
  EXPECT_GE(elapsed, c.floor_seconds()) << "no scan beats the floor";
}
