#include "aws/endpoints/endpoints.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace signet::aws;

namespace {
const Models& models() { return *Models::embedded(); }
}  // namespace

TEST(Endpoints, RegionalServicesUseTheirRegion) {
  EndpointResolver r(models().endpoints());
  auto ep = r.resolve(*models().find("ec2"), "eu-west-1");
  EXPECT_EQ(ep.url, "https://ec2.eu-west-1.amazonaws.com");
  EXPECT_EQ(ep.signing_region, "eu-west-1");
  EXPECT_EQ(ep.signing_name, "ec2");
  EXPECT_FALSE(ep.global);
  EXPECT_EQ(r.resolve(*models().find("elbv2"), "us-west-2").url, "https://elasticloadbalancing.us-west-2.amazonaws.com");
  EXPECT_EQ(r.resolve(*models().find("ec2"), "cn-north-1").url, "https://ec2.cn-north-1.amazonaws.com.cn");
}

TEST(Endpoints, GlobalServicesHaveOneEndpointAndSignForThePartitionsHomeRegion) {
  EndpointResolver r(models().endpoints());
  for (const char* region : {"us-east-1", "eu-central-1", "ap-southeast-2"}) {
    auto ep = r.resolve(*models().find("iam"), region);
    EXPECT_EQ(ep.url, "https://iam.amazonaws.com");
    EXPECT_EQ(ep.signing_region, "us-east-1");
    EXPECT_TRUE(ep.global);
  }
  EXPECT_TRUE(r.is_global(*models().find("route53"), "eu-west-1"));
  EXPECT_TRUE(r.is_global(*models().find("cloudfront"), "eu-west-1"));
  EXPECT_FALSE(r.is_global(*models().find("sts"), "eu-west-1"));
  EXPECT_EQ(r.global_region("eu-west-3"), "us-east-1");
}

TEST(Endpoints, UnknownRegionsAreRefused) {
  EndpointResolver r(models().endpoints());
  EXPECT_THROW(r.resolve(*models().find("ec2"), "moon-base-1"), std::invalid_argument);
  EXPECT_THROW(r.resolve(*models().find("ec2"), ""), std::invalid_argument);
}

TEST(Endpoints, OverridesWinPerServiceFirst) {
  EndpointOverrides o;
  o.all = "http://127.0.0.1:5000/";
  o.per_service["ELASTIC_LOAD_BALANCING_V2"] = "http://127.0.0.1:6000";
  EndpointResolver r(models().endpoints(), o);
  auto ec2 = r.resolve(*models().find("ec2"), "eu-west-1");
  EXPECT_EQ(ec2.url, "http://127.0.0.1:5000");
  EXPECT_TRUE(ec2.overridden);
  EXPECT_EQ(ec2.signing_region, "eu-west-1");
  EXPECT_EQ(r.resolve(*models().find("elbv2"), "eu-west-1").url, "http://127.0.0.1:6000");
  EXPECT_EQ(r.resolve(*models().find("iam"), "eu-west-1").signing_region, "us-east-1");
  EXPECT_EQ(EndpointOverrides::env_key(*models().find("elbv2")), "ELASTIC_LOAD_BALANCING_V2");
  EXPECT_EQ(EndpointOverrides::env_key(*models().find("s3")), "S3");
}

TEST(Endpoints, EnvironmentOverridesAreRead) {
  setenv("AWS_ENDPOINT_URL", "http://localhost:1234", 1);
  setenv("AWS_ENDPOINT_URL_S3", "http://localhost:9999", 1);
  auto o = EndpointOverrides::from_environment();
  unsetenv("AWS_ENDPOINT_URL");
  unsetenv("AWS_ENDPOINT_URL_S3");
  EXPECT_EQ(o.all, "http://localhost:1234");
  EXPECT_EQ(o.per_service["S3"], "http://localhost:9999");
}

TEST(Endpoints, KnownRegionsAreThePartitionsRegionsOnly) {
  auto known = known_regions(models().endpoints());
  for (const char* region : {"us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1"})
    EXPECT_NE(std::find(known.begin(), known.end(), region), known.end()) << region;
  auto check = check_regions({"us-east-1", "us-nowhere-1", "us-est-1", "us-nowhere-1", ""}, models().endpoints());
  EXPECT_EQ(check.field, "regions");
  EXPECT_EQ(check.unknown, (std::vector<std::string>{"us-nowhere-1", "us-est-1", ""})) << "shaped like a region is not enough; each once";
  EXPECT_EQ(check.message.rfind("unknown region(s): us-nowhere-1, us-est-1 (did you mean us-east-1?), ''; known: ", 0), 0u) << check.message;
  EXPECT_TRUE(check_regions({"eu-west-1", "ap-southeast-2"}, models().endpoints()).ok());
  EXPECT_TRUE(check_regions({}, models().endpoints()).ok());
}
