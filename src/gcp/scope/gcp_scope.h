#pragma once
// Google Cloud behind the provider interface (provider/scope.h): one project reached through
// a GcpClient. Its identity is the project itself (Resource Manager projects.get), its catalog
// catalog/catalog.json, its inventory each type's listing (children once per parent, a
// `detail` call per resource where the catalog asks), and apiCaller goes through the
// session's call cache: a call is made once whatever the regions asked, each region's entry
// getting the same answer (SPEC 1.6); a method's `project` parameter defaults to the scope's.
#include <memory>
#include <string>

#include "cloud/call_cache.h"
#include "gcp/client/client.h"
#include "provider/scope.h"

namespace signet::gcp {

// The embedded Google Cloud resource catalog.
const inventory::Catalog& catalog();

// A resource in the spec's shape (SPEC 1.6) from one listed item of `type`: id its self link
// (or the catalog's id path), accountId the project, region its region (a zone's region;
// "global" for global types; a child without one is where its parent is), vpc the network
// URL, tags its labels, data the item. Exposed for tests.
nlohmann::json make_resource(const inventory::ResourceType& type, const nlohmann::json& item, const std::string& project,
                             const std::string& parent_region = "");

// The region a zone, region or location value names: ".../zones/us-central1-a" and
// "us-central1-a" give "us-central1"; ".../locations/europe-west1/..." gives "europe-west1";
// "US" gives "us". "" for none.
std::string region_of(const std::string& value);

class GcpScope : public provider::Scope {
 public:
  GcpScope(GcpClient& client, std::string project) : client_(&client), project_(std::move(project)) {}
  GcpScope(std::unique_ptr<GcpClient> client, std::string project) : owned_(std::move(client)), client_(owned_.get()), project_(std::move(project)) {}

  std::string provider() const override { return "gcp"; }
  const inventory::Catalog& catalog() const override { return gcp::catalog(); }
  io::EventLoop& loop() const override { return client_->loop(); }
  std::shared_ptr<provider::Session> open_session() override;
  const cloud::ClientStats& stats() const override { return client_->stats(); }
  void set_rate_caps(const cloud::RateCaps& caps) override { client_->set_rate_caps(caps); }
  bool refused_access(const std::string& error_text) const override;

  GcpClient& client() { return *client_; }
  const std::string& project() const { return project_; }

 private:
  std::unique_ptr<GcpClient> owned_;
  GcpClient* client_;
  std::string project_;
};

}  // namespace signet::gcp
