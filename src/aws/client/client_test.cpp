// The AWS client against moto server (pagination, errors, refusals, signature checks) and
// against local stand-ins (retries); its rate control is tested in src/cloud/rate.
#include "aws/client/client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "aws/client/path.h"
#include "emulator/moto_server.h"
#include "testing/local_http_server.h"

using namespace signet;
using namespace signet::aws;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {


ClientOptions moto_options(bool read_only = true) {
  ClientOptions o;
  o.endpoints.all = emulator::MotoServer::shared().endpoint();
  o.retry.base_delay = 20ms;
  o.read_only = read_only;
  return o;
}

std::shared_ptr<CredentialChain> test_keys() { return CredentialChain::fixed({"testing", "testing", "", std::nullopt}); }

// Runs one call to completion.
cloud::CallResult call(AwsClient& client, io::EventLoop& loop, CallRequest request) {
  std::optional<cloud::CallResult> result;
  client.call(request, [&](cloud::CallResult r) { result = std::move(r); });
  loop.run_until([&] { return result.has_value(); });
  return *result;
}

}  // namespace

TEST(Client, PaginatesAndConcatenatesResultKeys) {
  emulator::MotoServer::shared().reset();
  io::EventLoop loop;
  AwsClient writer(loop, Models::embedded(), test_keys(), moto_options(false));
  std::string trust = R"({"Version":"2012-10-17","Statement":[]})";
  for (int i = 0; i < 12; ++i)
    call(writer, loop, {"iam", "CreateRole", "us-east-1", {{"RoleName", "role-" + std::to_string(i)}, {"AssumeRolePolicyDocument", trust}}});
  AwsClient client(loop, Models::embedded(), test_keys(), moto_options());
  auto all = call(client, loop, {"IAM", "listRoles", "eu-west-1", {{"MaxItems", 5}}});
  ASSERT_TRUE(all.error.is_null()) << all.error.dump();
  ASSERT_TRUE(all.api_response.is_array());
  EXPECT_EQ(all.pages, 3u);
  std::set<std::string> names;
  for (const auto& role : all.api_response) names.insert(role["RoleName"]);
  EXPECT_EQ(names.size(), 12u) << "every role once, across the pages";
  EXPECT_EQ(all.api_response.size(), 12u);
  auto one_page = call(client, loop, {"iam", "ListRoles", "us-east-1", {{"MaxItems", 5}}, "", false});
  EXPECT_TRUE(one_page.api_response.is_object());
  EXPECT_EQ(one_page.api_response["Roles"].size(), 5u);
  EXPECT_EQ(one_page.api_response["IsTruncated"], true);
}

TEST(Client, CapsPaginatedItemsVisibly) {
  emulator::MotoServer::shared().reset();
  io::EventLoop loop;
  AwsClient writer(loop, Models::embedded(), test_keys(), moto_options(false));
  for (int i = 0; i < 7; ++i)
    call(writer, loop, {"iam", "CreateRole", "us-east-1", {{"RoleName", "r" + std::to_string(i)}, {"AssumeRolePolicyDocument", "{}"}}});
  auto options = moto_options();
  options.max_items = 4;
  AwsClient client(loop, Models::embedded(), test_keys(), options);
  auto capped = call(client, loop, {"iam", "ListRoles", "us-east-1", {{"MaxItems", 3}}});
  EXPECT_TRUE(capped.truncated);
  EXPECT_EQ(capped.api_response.size(), 4u);
}

TEST(Client, CloudErrorsComeBackAsErrorsNotExceptions) {
  emulator::MotoServer::shared().reset();
  io::EventLoop loop;
  AwsClient client(loop, Models::embedded(), test_keys(), moto_options());
  auto r = call(client, loop, {"iam", "GetUser", "us-east-1", {{"UserName", "nobody"}}});
  EXPECT_TRUE(r.api_response.is_null());
  EXPECT_EQ(r.error["code"], "NoSuchEntity");
  EXPECT_EQ(r.error["statusCode"], 404);
  EXPECT_FALSE(r.error["message"].get<std::string>().empty());
  auto s3 = call(client, loop, {"s3", "GetBucketPolicy", "us-east-1", {{"Bucket", "no-such-bucket"}}});
  EXPECT_EQ(s3.error["code"], "NoSuchBucket");
}

TEST(Client, RequestsThatCanNeverBeValidAreRefusedBeforeSending) {
  io::EventLoop loop;
  AwsClient client(loop, Models::embedded(), test_keys(), moto_options());
  auto refused = [&](CallRequest r) {
    try {
      client.call(r, [](cloud::CallResult) {});
    } catch (const cloud::CallRefused& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(refused({"nosuch", "ListThings", "us-east-1"}).find("unknown service 'nosuch'"), std::string::npos);
  EXPECT_NE(refused({"iam", "ListThings", "us-east-1"}).find("unknown operation 'ListThings'"), std::string::npos);
  EXPECT_NE(refused({"iam", "CreateUser", "us-east-1", {{"UserName", "x"}}}).find("iam:CreateUser is refused"), std::string::npos);
  EXPECT_NE(refused({"secretsmanager", "GetSecretValue", "us-east-1", {{"SecretId", "x"}}}).find("reveals secret values"), std::string::npos);
  EXPECT_NE(refused({"iam", "ListMFADevices", "us-east-1", {{"Username", "x"}}}).find("did you mean \"UserName\""), std::string::npos);
  EXPECT_NE(refused({"ec2", "DescribeInstances", "atlantis-1"}).find("not a region"), std::string::npos);
  EXPECT_NE(refused({"ec2", "DescribeInstances", "us-east-1", json::object(), "1999-01-01"}).find("apiVersion '1999-01-01'"), std::string::npos);
  EXPECT_EQ(client.stats().requests, 0u);
}

TEST(Client, MotoChecksOurSignaturesWrongSecretRefusedRightOnePasses) {
  emulator::MotoServer::shared().reset();
  io::EventLoop loop;
  AwsClient writer(loop, Models::embedded(), test_keys(), moto_options(false));
  call(writer, loop, {"iam", "CreateUser", "us-east-1", {{"UserName", "scanner"}}});
  call(writer, loop, {"iam", "AttachUserPolicy", "us-east-1", {{"UserName", "scanner"}, {"PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess"}}});
  auto key = call(writer, loop, {"iam", "CreateAccessKey", "us-east-1", {{"UserName", "scanner"}}});
  ASSERT_TRUE(key.error.is_null()) << key.error.dump();
  std::string id = key.api_response["AccessKey"]["AccessKeyId"], secret = key.api_response["AccessKey"]["SecretAccessKey"];
  emulator::MotoServer::shared().require_signatures();
  AwsClient right(loop, Models::embedded(), CredentialChain::fixed({id, secret, "", std::nullopt}), moto_options());
  AwsClient wrong(loop, Models::embedded(), CredentialChain::fixed({id, secret + "x", "", std::nullopt}), moto_options());
  for (const char* service : {"iam", "ec2", "sts"}) {
    std::string op = std::string(service) == "iam" ? "ListUsers" : std::string(service) == "ec2" ? "DescribeVpcs" : "GetCallerIdentity";
    auto ok = call(right, loop, {service, op, "us-east-1"});
    EXPECT_TRUE(ok.error.is_null()) << service << ": " << ok.error.dump();
    auto bad = call(wrong, loop, {service, op, "us-east-1"});
    // EC2 words it its own way: AuthFailure, 401.
    bool ec2 = std::string(service) == "ec2";
    EXPECT_EQ(bad.error["statusCode"], ec2 ? 401 : 403) << service << ": " << bad.error.dump();
    EXPECT_EQ(bad.error["code"], ec2 ? "AuthFailure" : "SignatureDoesNotMatch") << service << ": " << bad.error.dump();
  }
  emulator::MotoServer::shared().require_signatures(false);
}

TEST(Client, RetriesThrottlingAndServerErrorsThenSucceeds) {
  signet::testing::LocalHttpServer local;
  auto& server = local.server;
  std::atomic<int> hits{0};
  server.Post("/", [&](const httplib::Request&, httplib::Response& res) {
    int n = ++hits;
    if (n == 1) {
      res.status = 400;
      res.set_content("<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>", "text/xml");
    } else if (n == 2) {
      res.status = 503;
      res.set_content("<ErrorResponse><Error><Code>ServiceUnavailable</Code><Message>busy</Message></Error></ErrorResponse>", "text/xml");
    } else {
      res.set_content("<ListUsersResponse><ListUsersResult><Users><member><UserName>alice</UserName><UserId>A</UserId><Arn>arn</Arn>"
                      "<Path>/</Path><CreateDate>2024-01-02T03:04:05Z</CreateDate></member></Users><IsTruncated>false</IsTruncated>"
                      "</ListUsersResult></ListUsersResponse>", "text/xml");
    }
  });
  local.start();

  io::EventLoop loop;
  ClientOptions options;
  options.endpoints.all = local.url();
  options.retry.base_delay = 10ms;
  AwsClient client(loop, Models::embedded(), test_keys(), options);
  auto r = call(client, loop, {"iam", "ListUsers", "us-east-1"});
  EXPECT_TRUE(r.error.is_null()) << r.error.dump();
  EXPECT_EQ(r.attempts, 3);
  ASSERT_EQ(r.api_response.size(), 1u);
  EXPECT_EQ(r.api_response[0]["CreateDate"], "2024-01-02T03:04:05+00:00");
  EXPECT_EQ(client.stats().throttled, 1u);

  hits = 0;
  options.retry.max_attempts = 1;
  options.retry.throttled_patience = 0ms;
  AwsClient impatient(loop, Models::embedded(), test_keys(), options);
  auto failed = call(impatient, loop, {"iam", "ListUsers", "us-east-1"});
  EXPECT_EQ(failed.error["code"], "Throttling");
  EXPECT_EQ(failed.error["message"], "Rate exceeded (throttled 1 times; gave up after 1 tries)");
}

// Throttling is retried past max_attempts, paced by the rate control, until the call has
// waited its patience: a throttled account slows a scan down, it does not lose findings.
TEST(Client, ThrottledCallsAreRetriedPastMaxAttemptsAndSayHowLongTheyWaited) {
  signet::testing::LocalHttpServer local;
  std::atomic<int> hits{0};
  local.server.Post("/", [&](const httplib::Request&, httplib::Response& res) {
    if (++hits <= 5) {
      res.status = 400;
      res.set_content("<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>", "text/xml");
      return;
    }
    res.set_content("<ListUsersResponse><ListUsersResult><Users></Users><IsTruncated>false</IsTruncated></ListUsersResult></ListUsersResponse>",
                    "text/xml");
  });
  local.start();
  io::EventLoop loop;
  ClientOptions options;
  options.endpoints.all = local.url();
  options.retry.base_delay = 1ms;
  options.rate.control = std::make_shared<cloud::RateControl>();  // its own buckets, not the process's
  AwsClient client(loop, Models::embedded(), test_keys(), options);
  auto r = call(client, loop, {"iam", "ListUsers", "us-east-1"});
  EXPECT_TRUE(r.error.is_null()) << r.error.dump();
  EXPECT_EQ(r.attempts, 6);
  EXPECT_EQ(r.throttled, 5);
  EXPECT_EQ(client.stats().requests_by_service.at("iam"), 6u);
  EXPECT_EQ(client.stats().throttled_by_service.at("iam"), 5u);
  auto state = options.rate.control->state({"testing", "us-east-1", "iam", ""});
  EXPECT_TRUE(state.throttled_once);
  EXPECT_EQ(state.throttles, 5u);
}

TEST(Paths, PaginatorExpressions) {
  json doc = json::parse(R"({"NextMarker": "", "Contents": [{"Key": "a"}, {"Key": "b"}], "D": {"Items": [1]}})");
  EXPECT_EQ(json_path_get(doc, "NextMarker || Contents[-1].Key"), "b");
  EXPECT_EQ(json_path_get(doc, "D.Items"), json::parse("[1]"));
  EXPECT_TRUE(json_path_get(doc, "Missing.Path").is_null());
  EXPECT_EQ(json_path_get(doc, "Contents[0].Key"), "a");
}

TEST(Client, S3AddressesBucketsByHostOnAwsAndByPathOnUserEndpoints) {
  auto models = Models::embedded();
  auto s3 = models->find("s3");
  EndpointResolver aws(models->endpoints());
  Credentials keys{"AKID", "SECRET", "", std::nullopt};
  json params = {{"Bucket", "my-bucket"}};
  auto on_aws = build_signed_request(*s3, *s3->operation("GetBucketPolicy"), params, aws.resolve(*s3, "eu-west-1"), keys);
  EXPECT_EQ(on_aws.host, "my-bucket.s3.eu-west-1.amazonaws.com");
  EXPECT_EQ(on_aws.target(), "/?policy");
  EXPECT_TRUE(on_aws.header("x-amz-content-sha256"));
  auto dotted = build_signed_request(*s3, *s3->operation("GetBucketPolicy"), {{"Bucket", "my.bucket"}}, aws.resolve(*s3, "eu-west-1"), keys);
  EXPECT_EQ(dotted.host, "s3.eu-west-1.amazonaws.com");
  EXPECT_EQ(dotted.path, "/my.bucket");
  EndpointOverrides local;
  local.all = "http://127.0.0.1:5000";
  EndpointResolver overridden(models->endpoints(), local);
  auto path_style = build_signed_request(*s3, *s3->operation("GetBucketPolicy"), params, overridden.resolve(*s3, "eu-west-1"), keys);
  EXPECT_EQ(path_style.host, "127.0.0.1:5000");
  EXPECT_EQ(path_style.path, "/my-bucket");
}

TEST(Client, ARepeatedPaginationTokenEndsTheLoop) {
  signet::testing::LocalHttpServer local;
  std::atomic<int> pages{0};
  local.server.Post("/", [&](const httplib::Request&, httplib::Response& res) {
    ++pages;  // a broken service that always says "more, from the same marker"
    res.set_content("<ListUsersResponse><ListUsersResult><Users><member><UserName>u</UserName><UserId>A</UserId><Arn>a</Arn>"
                    "<Path>/</Path><CreateDate>2024-01-02T03:04:05Z</CreateDate></member></Users><IsTruncated>true</IsTruncated>"
                    "<Marker>same</Marker></ListUsersResult></ListUsersResponse>", "text/xml");
  });
  local.start();
  io::EventLoop loop;
  ClientOptions options;
  options.endpoints.all = local.url();
  AwsClient client(loop, Models::embedded(), test_keys(), options);
  auto r = call(client, loop, {"iam", "ListUsers", "us-east-1"});
  EXPECT_TRUE(r.error.is_null());
  EXPECT_EQ(pages.load(), 2) << "the second page repeats the first page's token: stop there";
  EXPECT_EQ(r.api_response.size(), 2u);
}
