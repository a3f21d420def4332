#include "aws/protocol/values.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace signet::aws {

namespace {

// Timestamps are years 0001 to 9999, as ISO 8601 writes them; past those, converting to
// time_t or a calendar overflows.
constexpr double kFirstEpoch = -62135596800.0;  // 0001-01-01T00:00:00Z
constexpr double kLastEpoch = 253402300799.0;   // 9999-12-31T23:59:59Z

std::optional<double> in_range(std::optional<double> epoch) {
  if (epoch && std::isfinite(*epoch) && *epoch >= kFirstEpoch && *epoch < kLastEpoch + 1) return epoch;
  return std::nullopt;
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

double from_civil(int y, int mo, int d, int h, int mi, int s) {
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return static_cast<double>(timegm(&tm));
}

std::optional<double> parse_iso8601(std::string_view s) {
  int y, mo, d, h = 0, mi = 0, sec = 0;
  if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' || !digits(s, 8, 2, d))
    return std::nullopt;
  std::size_t pos = 10;
  double fraction = 0;
  int offset = 0;
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == 't' || s[pos] == ' ')) {
    if (!digits(s, pos + 1, 2, h) || s.size() < pos + 6 || s[pos + 3] != ':' || !digits(s, pos + 4, 2, mi)) return std::nullopt;
    pos += 6;
    if (pos < s.size() && s[pos] == ':') {
      if (!digits(s, pos + 1, 2, sec)) return std::nullopt;
      pos += 3;
    }
    if (pos < s.size() && s[pos] == '.') {
      double scale = 0.1;
      for (++pos; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, scale /= 10) fraction += (s[pos] - '0') * scale;
    }
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
      ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
      int oh, om = 0;
      if (!digits(s, pos + 1, 2, oh)) return std::nullopt;
      std::size_t next = pos + 3;
      if (next < s.size() && s[next] == ':') ++next;
      if (next < s.size() && !digits(s, next, 2, om)) return std::nullopt;
      if (next < s.size()) next += 2;
      offset = (oh * 3600 + om * 60) * (s[pos] == '-' ? -1 : 1);
      pos = next;
    }
  }
  if (pos != s.size()) return std::nullopt;
  return from_civil(y, mo, d, h, mi, sec) + fraction - offset;
}

std::optional<double> parse_rfc822(std::string_view s) {
  // "Mon, 16 Dec 2019 23:48:18 GMT"
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto comma = s.find(", ");
  if (comma == std::string_view::npos) return std::nullopt;
  std::string rest(s.substr(comma + 2));
  int d, y, h, mi, sec;
  char mon[4] = {0};
  double frac = 0;
  if (std::sscanf(rest.c_str(), "%d %3s %d %d:%d:%d", &d, mon, &y, &h, &mi, &sec) != 6) return std::nullopt;
  if (y < 1 || y > 9999 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60) return std::nullopt;
  auto dot = rest.find('.');
  if (dot != std::string::npos) frac = std::atof(("0" + rest.substr(dot, rest.find(' ', dot) - dot)).c_str());
  for (int m = 0; m < 12; ++m)
    if (std::strcmp(mon, months[m]) == 0) return from_civil(y, m + 1, d, h, mi, sec) + frac;
  return std::nullopt;
}

std::string civil(double epoch, const char* format, int& micros) {
  if (!std::isfinite(epoch)) epoch = 0;
  epoch = std::fmin(std::fmax(epoch, kFirstEpoch), kLastEpoch);  // parse_timestamp's range: no overflow below
  double whole = std::floor(epoch);
  micros = static_cast<int>(std::llround((epoch - whole) * 1e6));
  if (micros >= 1000000) {
    whole += 1;
    micros -= 1000000;
  }
  std::time_t t = static_cast<std::time_t>(whole);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

}  // namespace

std::optional<double> parse_timestamp(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  if (auto iso = parse_iso8601(text)) return in_range(iso);
  if (auto rfc = parse_rfc822(text)) return in_range(rfc);
  char* end = nullptr;
  std::string copy(text);
  double v = std::strtod(copy.c_str(), &end);
  if (end && *end == '\0') return in_range(v);
  return std::nullopt;
}

std::optional<double> timestamp_param(const nlohmann::json& value) {
  if (value.is_number()) return in_range(value.get<double>());
  if (value.is_string()) return parse_timestamp(value.get<std::string>());
  return std::nullopt;
}

std::string format_iso8601(double epoch) {
  int micros;
  std::string base = civil(epoch, "%Y-%m-%dT%H:%M:%S", micros);
  if (micros == 0) return base + "Z";
  char frac[16];
  std::snprintf(frac, sizeof frac, ".%03dZ", micros / 1000);
  if (micros % 1000 != 0) std::snprintf(frac, sizeof frac, ".%06dZ", micros);
  return base + frac;
}

std::string format_rfc822(double epoch) {
  int micros;
  return civil(epoch, "%a, %d %b %Y %H:%M:%S GMT", micros);
}

std::string format_cli_timestamp(double epoch) {
  int micros;
  std::string base = civil(epoch, "%Y-%m-%dT%H:%M:%S", micros);
  if (micros == 0) return base + "+00:00";
  char frac[16];
  std::snprintf(frac, sizeof frac, ".%06d", micros);
  return base + frac + "+00:00";
}

nlohmann::json epoch_number(double epoch) {
  if (epoch == std::floor(epoch) && std::fabs(epoch) < 9e15) return static_cast<std::int64_t>(epoch);
  return epoch;
}

std::string format_timestamp(double epoch, std::string_view format) {
  if (format == "rfc822") return format_rfc822(epoch);
  if (format == "unixTimestamp") {
    nlohmann::json n = epoch_number(epoch);
    return n.is_number_integer() ? std::to_string(n.get<std::int64_t>()) : format_double(epoch);
  }
  return format_iso8601(epoch);
}

std::string format_double(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", value);
    return buf;
  }
  char buf[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, value);
    if (std::strtod(buf, nullptr) == value) break;
  }
  return buf;
}

}  // namespace signet::aws
