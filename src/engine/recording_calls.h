#pragma once
// Records a live run: a CallSource that passes every call to another source and keeps each
// answer it gave, in the recorded-responses form (README "Recorded responses") that
// RecordedCalls reads back, so one run against a real account gives an offline test that
// replays to the same results. It keeps only what apiCaller already handed the signature;
// secret-revealing calls never get that far (the read-only policy refuses them).
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/api_request.h"
#include "engine/resource.h"

namespace signet::engine {

class RecordingCalls : public CallSource {
 public:
  explicit RecordingCalls(std::shared_ptr<CallSource> source) : source_(std::move(source)), kept_(std::make_shared<Kept>()) {}
  void call(const Call& call, std::function<void(CallAnswer)> answer, std::function<void(std::string)> refuse) override;
  EndpointForm endpoint_form() const override { return source_->endpoint_form(); }
  bool refused_access(const CallAnswer& answer) const override { return source_->refused_access(answer); }

  // {"calls": [...]}: each distinct call once, in the order first answered: service,
  // endpoint, region, params and one of apiResponse, error or refused (plus truncated, when
  // the item cap cut a paginated answer).
  nlohmann::json document() const;
  std::size_t size() const { return kept_->entries.size(); }

 private:
  // What was recorded; shared with the answer callbacks, which may outlive this object (an
  // answer arriving after its run ended).
  struct Kept {
    std::vector<nlohmann::json> entries;
    std::set<std::string> keys;
    void keep(const Call& call, nlohmann::json entry);
  };
  std::shared_ptr<CallSource> source_;
  std::shared_ptr<Kept> kept_;
};

// The resources-file form of a run's resources ({"resources": [...]}, as `signet test
// --resources` reads it).
nlohmann::json resources_document(const std::vector<Resource>& resources);

}  // namespace signet::engine
