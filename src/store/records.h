#pragma once
// A typed view of one kind of store record (channels, schedules, ...): the owning module
// says how its type reads from and writes to the record's JSON; ids come from the store.
#include <functional>

#include "store/store.h"

namespace signet::store {

template <typename T>  // T has a std::int64_t id
class Records {
 public:
  using Decode = std::function<T(std::int64_t id, const nlohmann::json& body)>;
  using Encode = std::function<nlohmann::json(const T&)>;

  Records(Store& store, std::string kind, Decode decode, Encode encode)
      : store_(store), kind_(std::move(kind)), decode_(std::move(decode)), encode_(std::move(encode)) {}

  std::vector<T> all() const {
    std::vector<T> out;
    for (const auto& [id, body] : store_.records(kind_)) out.push_back(decode_(id, body));
    return out;
  }
  std::optional<T> find(std::int64_t id) const {
    auto body = store_.record(kind_, id);
    if (!body) return std::nullopt;
    return decode_(id, *body);
  }
  std::int64_t add(const T& item) { return store_.add_record(kind_, encode_(item)); }
  void update(const T& item) {
    if (!store_.update_record(kind_, item.id, encode_(item))) throw StoreError("no " + kind_ + " " + std::to_string(item.id));
  }
  bool remove(std::int64_t id) { return store_.remove_record(kind_, id); }

 private:
  Store& store_;
  std::string kind_;
  Decode decode_;
  Encode encode_;
};

}  // namespace signet::store
