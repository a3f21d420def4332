#pragma once
// What the engine, the Test run and the console know of a cloud: a scope (an AWS account, an
// Azure subscription, a Google Cloud project) reached through its provider's client. Each
// provider implements it in its own folder (aws/scope, azure/scope); nothing above names one.
//
// A scan opens one session on its scope: one call cache whose answers the inventory and every
// signature's apiCaller share (identical calls made once, a global API called once whatever
// the regions asked).
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cloud/call.h"
#include "cloud/call_cache.h"
#include "cloud/call_source.h"
#include "cloud/rate/rate_control.h"
#include "inventory/inventory.h"
#include "io/event_loop.h"

namespace signet::provider {

// Who a scope's credentials reach.
struct Identity {
  std::string scope_id;     // the account, subscription or project id ("" when the cloud would not say)
  std::string principal;    // who the credentials are (an ARN, a subscription's name)
  std::string unreachable;  // set: nothing else would work either (no credentials, refused, no answer)
};

using SessionStats = cloud::CallCacheStats;  // calls asked for, made, and shared

class Session : public cloud::CallSource {
 public:
  // `regions`: the scan's (the first, if any, is where an identity call goes).
  virtual void identify(const std::vector<std::string>& regions, std::function<void(Identity)> done) = 0;
  // The resources of `options.types` (this provider's catalog's) in the regions asked (empty:
  // every region enabled for the scope); `done` runs once on the loop thread.
  virtual void discover(const inventory::InventoryOptions& options, std::function<void(inventory::Inventory)> done) = 0;
  virtual SessionStats stats() const = 0;
};

class Scope {
 public:
  virtual ~Scope() = default;
  virtual std::string provider() const = 0;  // as signatures' metadata names it: "aws", "azure"
  virtual const inventory::Catalog& catalog() const = 0;
  virtual io::EventLoop& loop() const = 0;
  virtual std::shared_ptr<Session> open_session() = 0;
  virtual const cloud::ClientStats& stats() const = 0;  // the scope's client's, since it was made
  virtual void set_rate_caps(const cloud::RateCaps& caps) = 0;
  // Whether a cloud error's text says the credentials may not do this (as opposed to a
  // missing resource or a fault): every listing refused means the scope cannot be scanned.
  virtual bool refused_access(const std::string& error_text) const = 0;
};

}  // namespace signet::provider
