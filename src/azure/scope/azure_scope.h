#pragma once
// Azure behind the provider interface (provider/scope.h): one subscription reached through an
// AzureClient. Its identity is the subscription itself (GET /subscriptions/{id}), its catalog
// catalog/catalog.json, its inventory each type's listing (children once per parent), and
// apiCaller goes through the session's call cache. Resource Manager is global: a call is made
// once whatever the regions asked, each region's entry getting the same answer (SPEC 1.6).
#include <memory>
#include <string>

#include "azure/client/client.h"
#include "cloud/call_cache.h"
#include "provider/scope.h"

namespace signet::azure {

// The embedded Azure resource catalog.
const inventory::Catalog& catalog();

// A resource in the spec's shape (SPEC 1.6) from one listed item of `type`: id the ARM id,
// accountId the subscription, region the location ("global" for global types), vpc the
// virtual network it lives in, data the item; a child without a location is where its parent
// is (`parent_region`). Exposed for tests.
nlohmann::json make_resource(const inventory::ResourceType& type, const nlohmann::json& item, const std::string& subscription,
                             const std::string& parent_region = "");

class AzureScope : public provider::Scope {
 public:
  AzureScope(AzureClient& client, std::string subscription) : client_(&client), subscription_(std::move(subscription)) {}
  AzureScope(std::unique_ptr<AzureClient> client, std::string subscription)
      : owned_(std::move(client)), client_(owned_.get()), subscription_(std::move(subscription)) {}

  std::string provider() const override { return "azure"; }
  const inventory::Catalog& catalog() const override { return azure::catalog(); }
  io::EventLoop& loop() const override { return client_->loop(); }
  std::shared_ptr<provider::Session> open_session() override;
  const cloud::ClientStats& stats() const override { return client_->stats(); }
  void set_rate_caps(const cloud::RateCaps& caps) override { client_->set_rate_caps(caps); }
  bool refused_access(const std::string& error_text) const override;

  AzureClient& client() { return *client_; }
  const std::string& subscription() const { return subscription_; }

 private:
  std::unique_ptr<AzureClient> owned_;
  AzureClient* client_;
  std::string subscription_;
};

}  // namespace signet::azure
