// Discovery documents: the 30 recorded ones (../shared/testdata/cloud-recordings/gcp-flights/
// discovery) read from a folder as --models-dir gives one.
#include "gcp/discovery/discovery.h"

#include <gtest/gtest.h>

#include "gcp/test_helpers.h"

using namespace signet;
using namespace signet::gcp;
using nlohmann::json;

TEST(Discovery, EveryRecordedDocumentParsesAndNamesItsMethods) {
  gcp::testing::DiscoveryFolder folder;
  ASSERT_GE(folder.documents.size(), 29u);
  std::size_t methods = 0;
  for (const auto& entry : folder.documents) {
    const std::string& file = entry.first;
    const json& doc = entry.second;  // not a structured binding: clang 14 cannot capture one
    if (doc.contains("error")) {  // one recording is Google's 404 for an API that has none
      EXPECT_THROW([&] { Api api(doc); }(), DiscoveryError) << file;
      continue;
    }
    Api api(doc);
    EXPECT_FALSE(api.method_ids().empty()) << file;
    methods += api.method_ids().size();
    for (const auto& id : api.method_ids()) {
      const Method* m = api.method(id);
      ASSERT_TRUE(m) << id;
      EXPECT_FALSE(m->path.empty()) << id;
      EXPECT_TRUE(m->http_method == "GET" || m->http_method == "POST" || m->http_method == "PUT" || m->http_method == "PATCH" ||
                  m->http_method == "DELETE")
          << id << " " << m->http_method;
    }
  }
  EXPECT_GT(methods, 1900u);  // 1,985 in the 29 documents
}

TEST(Discovery, ListsPagingAndAggregatedListsComeFromTheSchemas) {
  gcp::testing::DiscoveryFolder folder;
  Discovery discovery(folder.options());
  auto compute = discovery.api("compute", "v1");
  const Method* aggregated = compute->method("instances.aggregatedList");
  ASSERT_TRUE(aggregated);
  EXPECT_EQ(aggregated->id, "compute.instances.aggregatedList");
  EXPECT_TRUE(compute->aggregated(*aggregated));
  EXPECT_EQ(compute->list_field(*aggregated), "items");
  EXPECT_TRUE(aggregated->paged());
  const Method* firewalls = compute->method("compute.firewalls.list");
  ASSERT_TRUE(firewalls);
  EXPECT_FALSE(compute->aggregated(*firewalls));
  EXPECT_EQ(compute->list_field(*firewalls), "items");
  EXPECT_EQ(firewalls->path, "projects/{project}/global/firewalls");
  EXPECT_TRUE(firewalls->parameters.at("project").required);
  EXPECT_EQ(firewalls->parameters.at("project").location, "path");
  EXPECT_EQ(compute->root_url(), "https://compute.googleapis.com/");
  EXPECT_EQ(compute->service_path(), "compute/v1/");

  auto kms = discovery.api("cloudkms", "v1");
  const Method* rings = kms->method("projects.locations.keyRings.list");
  ASSERT_TRUE(rings);
  EXPECT_EQ(kms->list_field(*rings), "keyRings");
  EXPECT_EQ(rings->parameters.at("parent").pattern, "^projects/[^/]+/locations/[^/]+$");
  const Method* policy = kms->method("projects.locations.keyRings.cryptoKeys.getIamPolicy");
  ASSERT_TRUE(policy);
  EXPECT_EQ(kms->list_field(*policy), "") << "a policy's bindings are not a list of items";

  // The document's own prefix differs from the directory's name: sqladmin's ids are "sql.".
  auto sql = discovery.api("sqladmin", "v1beta4");
  ASSERT_TRUE(sql->method("instances.list"));
  EXPECT_EQ(sql->method("instances.list")->id, "sql.instances.list");
  EXPECT_EQ(sql->list_field(*sql->method("instances.list")), "items");
  // GKE's list is not paged, and still a list.
  auto gke = discovery.api("container", "v1");
  const Method* clusters = gke->method("projects.locations.clusters.list");
  ASSERT_TRUE(clusters);
  EXPECT_FALSE(clusters->paged());
  EXPECT_EQ(gke->list_field(*clusters), "clusters");
}

TEST(Discovery, AFolderDefaultsToTheNewestStableVersionAndSaysWhatIsMissing) {
  gcp::testing::DiscoveryFolder folder;
  DiscoveryOptions options = folder.options();
  Discovery discovery(options);
  EXPECT_EQ(discovery.preferred_version("compute"), "v1") << "v1 over beta";
  EXPECT_EQ(discovery.preferred_version("cloudresourcemanager"), "v2");
  EXPECT_EQ(discovery.api("compute")->version(), "v1");
  try {
    discovery.api("compute", "v9");
    FAIL() << "no such version in the folder, and fetching is off";
  } catch (const DiscoveryError& e) {
    EXPECT_NE(std::string(e.what()).find("compute v9"), std::string::npos) << e.what();
  }
  EXPECT_THROW(discovery.api("Compute/../x"), DiscoveryError);
  EXPECT_THROW(discovery.api("compute", "v1/../../etc"), DiscoveryError);

  EXPECT_EQ(newest_stable({"v1beta4", "v1"}), "v1");
  EXPECT_EQ(newest_stable({"beta", "v1"}), "v1");
  EXPECT_EQ(newest_stable({"v1", "v2"}), "v2");
  EXPECT_EQ(newest_stable({"v1beta1", "v1beta2"}), "v1beta2");
  EXPECT_EQ(newest_stable({}), "");
}
