#pragma once
// AWS behind the provider interface (provider/scope.h): one account reached through an
// AwsClient. Its identity is STS GetCallerIdentity, its catalog the embedded AWS catalog, its
// inventory aws::discover (aws/inventory), and apiCaller goes through the session's call cache (global
// services called once whatever the regions asked).
#include <memory>

#include "aws/client/call_cache.h"
#include "aws/client/client.h"
#include "aws/inventory/inventory.h"
#include "provider/scope.h"

namespace signet::aws {

class AwsScope : public provider::Scope {
 public:
  explicit AwsScope(AwsClient& client) : client_(&client) {}
  explicit AwsScope(std::unique_ptr<AwsClient> client) : owned_(std::move(client)), client_(owned_.get()) {}

  std::string provider() const override { return "aws"; }
  const inventory::Catalog& catalog() const override { return aws::catalog(); }
  io::EventLoop& loop() const override { return client_->loop(); }
  std::shared_ptr<provider::Session> open_session() override;
  const cloud::ClientStats& stats() const override { return client_->stats(); }
  void set_rate_caps(const cloud::RateCaps& caps) override { client_->set_rate_caps(caps); }
  bool refused_access(const std::string& error_text) const override;

  AwsClient& client() { return *client_; }

 private:
  std::unique_ptr<AwsClient> owned_;
  AwsClient* client_;
};

// Whether an AWS error's text says the credentials may not do this.
bool refused_access(const std::string& error_text);

// A session on its own: apiCaller answered live through a fresh call cache (a Test run's).
class AwsSession : public provider::Session, public std::enable_shared_from_this<AwsSession> {
 public:
  explicit AwsSession(AwsClient& client) : cache_(client) {}
  void call(const cloud::Call& call, std::function<void(cloud::CallAnswer)> answer, std::function<void(std::string)> refuse) override;
  cloud::EndpointForm endpoint_form() const override { return cloud::EndpointForm::Operation; }
  bool refused_access(const cloud::CallAnswer& answer) const override;
  void identify(const std::vector<std::string>& regions, std::function<void(provider::Identity)> done) override;
  void discover(const inventory::InventoryOptions& options, std::function<void(inventory::Inventory)> done) override;
  provider::SessionStats stats() const override;

 private:
  CallCache cache_;
};

}  // namespace signet::aws
