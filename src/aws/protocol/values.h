#pragma once
// Scalar conversions shared by every protocol: timestamps and numbers (base64: common/base64.h).
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/base64.h"  // base64_encode, base64_decode: every protocol uses them

namespace signet::aws {

// Seconds since the epoch from "2019-12-16T23:48:18Z", "...-01:00", "...18.123Z",
// "Mon, 16 Dec 2019 23:48:18 GMT", or "1576540098(.5)"; nullopt when none of those, or
// outside the years 0001 to 9999.
std::optional<double> parse_timestamp(std::string_view text);
// A timestamp parameter: epoch seconds (number) or any text parse_timestamp reads.
std::optional<double> timestamp_param(const nlohmann::json& value);

std::string format_iso8601(double epoch);      // "2019-12-16T23:48:18Z", ".123Z" when fractional
std::string format_rfc822(double epoch);       // "Mon, 16 Dec 2019 23:48:18 GMT"
std::string format_cli_timestamp(double epoch);  // as the AWS CLI prints: "2019-12-16T23:48:18+00:00"
nlohmann::json epoch_number(double epoch);     // integer when whole, else float
// Serializes `epoch` in a model's timestampFormat: iso8601, rfc822 or unixTimestamp.
std::string format_timestamp(double epoch, std::string_view format);

// Doubles as AWS protocols write them: "NaN", "Infinity", "-Infinity", else shortest form.
std::string format_double(double value);

}  // namespace signet::aws
