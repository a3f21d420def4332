#pragma once
// The forms a scan is written in: table and html (people), json, csv, junit, sarif, ocsf and
// asff (tools).
// Results are read from the store as they are written out, scan by scan (one per account
// of the run), so a large scan is never held whole.
#include <ostream>
#include <string>

#include "engine/scan.h"
#include "store/store.h"

namespace signet::cli {

// Throws std::invalid_argument for an unknown format.
void check_scan_format(const std::string& format);
// Throws std::invalid_argument for an unknown format (before writing anything).
void render_scan(std::ostream& out, const store::Store& store, const engine::ScanReport& report, const std::string& format);

}  // namespace signet::cli
