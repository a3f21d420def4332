#pragma once
// Reading a scan's results back from the store for the output forms, a page at a time, so a
// large scan is never held whole (scan_output.cpp).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/scan.h"
#include "store/store.h"

namespace signet::cli {

// A row's field as text: strings as they are, null as "", anything else as JSON.
std::string text_of(const nlohmann::json& value);
// The scans a report covers: each account's, or its own.
std::vector<std::int64_t> scans_of(const engine::ScanReport& report);
// Every row a query matches, a page at a time.
void each_row(const store::Store& store, store::ResultQuery query, const std::function<void(const nlohmann::json&)>& visit);
// Every result of the report's scans, in the order they were written.
void each_result(const store::Store& store, const engine::ScanReport& report, const std::function<void(const nlohmann::json&)>& visit);

}  // namespace signet::cli
