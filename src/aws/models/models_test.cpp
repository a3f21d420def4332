#include "aws/models/models.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace signet::aws;

TEST(Models, EveryBotocoreServiceIsEmbedded) {
  auto models = Models::embedded();
  EXPECT_GT(models->service_count(), 400u);
  EXPECT_FALSE(models->botocore_version().empty());
  EXPECT_TRUE(models->endpoints().contains("partitions"));
}

TEST(Models, ServicesAreFoundByEveryNameUsersGive) {
  auto models = Models::embedded();
  struct Case { const char* given; const char* folder; };
  for (auto c : {Case{"IAM", "iam"}, Case{"iam", "iam"}, Case{"EC2", "ec2"}, Case{"ELBv2", "elbv2"}, Case{"elbv2", "elbv2"},
                 Case{"Elastic Load Balancing v2", "elbv2"}, Case{"ELB", "elb"}, Case{"CloudTrail", "cloudtrail"},
                 Case{"ConfigService", "config"}, Case{"CloudWatchLogs", "logs"}, Case{"CloudWatch", "cloudwatch"},
                 Case{"S3", "s3"}, Case{"SecretsManager", "secretsmanager"}, Case{"StepFunctions", "stepfunctions"},
                 Case{"CognitoIdentityServiceProvider", "cognito-idp"}, Case{"Route53", "route53"}, Case{"DynamoDB", "dynamodb"},
                 Case{"ACMPCA", "acm-pca"}}) {
    auto s = models->find(c.given);
    ASSERT_TRUE(s) << c.given;
    EXPECT_EQ(s->name(), c.folder) << c.given;
  }
  EXPECT_FALSE(models->find("NoSuchService"));
  EXPECT_FALSE(models->find(""));
}

TEST(Models, OperationsShapesProtocolsAndPaginators) {
  auto models = Models::embedded();
  auto iam = models->find("iam");
  EXPECT_EQ(iam->protocol(), "query");
  EXPECT_EQ(iam->api_version(), "2010-05-08");
  const auto* op = iam->operation("listMFADevices");
  ASSERT_TRUE(op);
  EXPECT_EQ((*op)["name"], "ListMFADevices");
  EXPECT_EQ(iam->shape((*op)["input"]["shape"])["type"], "structure");
  EXPECT_FALSE((*op).contains("documentation"));
  ASSERT_TRUE(iam->paginator("ListMFADevices"));
  EXPECT_EQ((*iam->paginator("ListMFADevices"))["result_key"], "MFADevices");
  EXPECT_THROW(iam->shape("NoSuchShape"), ModelError);
  // An operation whose wire name differs from its key is found by either (scan statistics
  // count requests by wire name).
  auto cloudfront = models->find("cloudfront");
  ASSERT_TRUE(cloudfront->operation("GetDistributionConfig"));
  EXPECT_EQ(cloudfront->operation("GetDistributionConfig2020_05_31"), cloudfront->operation("GetDistributionConfig"));
  EXPECT_EQ(models->find("ec2")->protocol(), "ec2");
  EXPECT_EQ(models->find("s3")->protocol(), "rest-xml");
  EXPECT_EQ(models->find("dynamodb")->protocol(), "json");
  EXPECT_EQ(models->find("lambda")->protocol(), "rest-json");
  EXPECT_GT(models->find("ec2")->versions().size(), 1u);
  for (const auto& name : models->service_names()) {
    const std::string& p = models->find(name)->protocol();
    EXPECT_TRUE(p == "query" || p == "ec2" || p == "json" || p == "rest-json" || p == "rest-xml") << name << ": " << p;
    EXPECT_EQ(models->protocol_of(name), p) << name << ": the index and the model agree";
  }
  EXPECT_EQ(models->protocol_of("Elastic Load Balancing v2"), "query");
  EXPECT_EQ(models->protocol_of("NoSuchService"), "");
}

TEST(Models, ABotocoreDataFolderCanReplaceTheEmbeddedModels) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("signet-models-" + std::to_string(getpid()));
  fs::create_directories(dir / "data" / "widgets" / "2030-01-01");
  std::ofstream(dir / "data" / "endpoints.json") << R"({"partitions": []})";
  std::ofstream(dir / "data" / "widgets" / "2030-01-01" / "service-2.json")
      << R"({"metadata":{"protocol":"json","apiVersion":"2030-01-01","serviceId":"Widget Service","endpointPrefix":"widgets"},
            "operations":{"ListWidgets":{"name":"ListWidgets","http":{"method":"POST","requestUri":"/"},"documentation":"<p>x</p>"}},
            "shapes":{}})";
  std::ofstream(dir / "__init__.py") << "__version__ = '9.9.9'\n";
  auto models = Models::from_botocore_dir((dir / "data").string());
  EXPECT_EQ(models->botocore_version(), "9.9.9");
  EXPECT_EQ(models->service_count(), 1u);
  auto widgets = models->find("WidgetService");
  ASSERT_TRUE(widgets);
  EXPECT_TRUE(widgets->operation("listWidgets"));
  EXPECT_FALSE(widgets->operation("ListWidgets")->contains("documentation"));
  EXPECT_EQ(models->protocol_of("widgets"), "json");
  EXPECT_THROW(Models::from_botocore_dir((dir / "nope").string()), ModelError);
  fs::remove_all(dir);
}
