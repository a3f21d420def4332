#pragma once
// The response fuzz targets' body (response_fuzz.cpp), compiled once and shared by the five
// protocol targets, each a two-line entry point (response_fuzz_entry.cpp).
#include <cstddef>
#include <cstdint>
#include <string>

namespace signet::aws::fuzz {

// Lists the protocol's services (their models are read when an input first picks one).
void load_protocol(const std::string& protocol);
// One fuzz input (fuzz_response.h) through the protocol's parsers; aborts on a finding.
int parse_response(const std::string& protocol, const std::uint8_t* data, std::size_t size);

}  // namespace signet::aws::fuzz
