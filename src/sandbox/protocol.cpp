#include "sandbox/protocol.h"

#include <cstring>
#include <stdexcept>

namespace signet::sandbox::protocol {

namespace {
void put_u32(std::string& out, std::uint32_t v) {
  char b[4];
  std::memcpy(b, &v, 4);
  out.append(b, 4);
}
std::uint32_t get_u32(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
}  // namespace

void append_frame(std::string& out, const nlohmann::json& header, std::string_view payload) {
  std::string h = header.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  put_u32(out, static_cast<std::uint32_t>(h.size()));
  put_u32(out, static_cast<std::uint32_t>(payload.size()));
  out += h;
  out.append(payload.data(), payload.size());
}

// `consumed` is an offset into `in` so a reader can take many frames and erase once.
std::optional<Frame> take_frame(std::string& in, std::size_t& consumed) {
  if (in.size() - consumed < 8) return std::nullopt;
  const char* p = in.data() + consumed;
  std::uint32_t hlen = get_u32(p), plen = get_u32(p + 4);
  if (hlen > kMaxFrameBytes || plen > kMaxFrameBytes)
    throw std::runtime_error("sandbox protocol: frame of " + std::to_string(hlen + std::uint64_t(plen)) + " bytes is too large");
  if (in.size() - consumed < 8 + std::size_t(hlen) + plen) return std::nullopt;
  Frame f;
  f.header = nlohmann::json::parse(p + 8, p + 8 + hlen);
  if (!f.header.is_object()) throw std::runtime_error("sandbox protocol: frame header is not an object");
  f.payload.assign(p + 8 + hlen, plen);
  consumed += 8 + hlen + plen;
  return f;
}

namespace {

[[noreturn]] void malformed(const std::string& type, const std::string& what) {
  throw std::runtime_error("'" + type + "' message: " + what);
}

std::uint64_t id_field(const nlohmann::json& h, const std::string& type, const char* name) {
  auto it = h.find(name);
  if (it == h.end() || !it->is_number_unsigned()) malformed(type, std::string(name) + " must be a non-negative integer");
  return it->get<std::uint64_t>();
}

std::string text_field(const nlohmann::json& h, const std::string& type, const char* name) {
  auto it = h.find(name);
  if (it == h.end() || !it->is_string()) malformed(type, std::string(name) + " must be a string");
  return it->get<std::string>();
}

Outcome done_outcome(const nlohmann::json& h) {
  Outcome o;
  const std::string status = text_field(h, "done", "status");
  if (status == "pass") o.status = Status::Pass;
  else if (status == "fail") o.status = Status::Fail;
  else if (status == "error") o.status = Status::Error;
  else malformed("done", "unknown status");
  if (h.contains("message")) o.message = text_field(h, "done", "message");
  if (o.status == Status::Error && !o.message) o.message = "the evaluation failed without saying why";
  auto console = h.find("console");
  if (console == h.end() || !console->is_array()) malformed("done", "console must be a list");
  for (const auto& line : *console) {
    if (!line.is_array() || line.size() != 2 || !line[0].is_string() || !line[1].is_string())
      malformed("done", "each console line must be [level, text]");
    o.console.push_back({line[0].get<std::string>(), line[1].get<std::string>()});
  }
  auto truncated = h.find("consoleTruncated");
  if (truncated != h.end() && !truncated->is_boolean()) malformed("done", "consoleTruncated must be a boolean");
  o.console_truncated = truncated != h.end() && truncated->get<bool>();
  auto duration = h.find("durationMs");
  if (duration != h.end()) {
    if (!duration->is_number() || duration->get<double>() < 0) malformed("done", "durationMs must be a non-negative number");
    o.duration_ms = duration->get<double>();
  }
  auto rss = h.find("workerPeakRssKiB");
  if (rss != h.end()) {
    if (!rss->is_number_unsigned() || rss->get<std::uint64_t>() > (std::uint64_t(1) << 40)) malformed("done", "workerPeakRssKiB must be a plausible size");
    o.worker_peak_rss_bytes = rss->get<std::uint64_t>() * 1024;
  }
  if (h.contains("limit")) {
    const std::string limit = text_field(h, "done", "limit");
    if (limit == "time") o.limit = Limit::Time;
    else if (limit == "memory") o.limit = Limit::Memory;
    else malformed("done", "unknown limit");
    if (o.status != Status::Error) malformed("done", "a broken limit must be an error");
  }
  return o;
}

}  // namespace

FromWorker parse_from_worker(const Frame& frame) {
  const auto& h = frame.header;
  auto type_it = h.find("type");
  if (type_it == h.end() || !type_it->is_string()) throw std::runtime_error("message without a type");
  const std::string type = type_it->get<std::string>();
  FromWorker m{};
  if (type == "call") {
    m.type = FromWorker::Type::Call;
    m.job = id_field(h, type, "job");
    m.call = id_field(h, type, "call");
  } else if (type == "started") {
    m.type = FromWorker::Type::Started;
    m.job = id_field(h, type, "job");
    auto at = h.find("atNs");
    if (at == h.end() || !at->is_number_integer()) malformed(type, "atNs must be an integer");
    m.at_ns = at->get<std::int64_t>();
  } else if (type == "done") {
    m.type = FromWorker::Type::Done;
    m.job = id_field(h, type, "job");
    m.outcome = done_outcome(h);
  } else if (type == "compiled") {
    m.type = FromWorker::Type::Compiled;
    m.script = id_field(h, type, "script");
    if (h.contains("error")) {
      const auto& e = h["error"];
      if (!e.is_object()) malformed(type, "error must be an object");
      auto number = [&](const char* name) {
        auto it = e.find(name);
        if (it == e.end() || !it->is_number_integer() || it->get<std::int64_t>() < 0 || it->get<std::int64_t>() > (1 << 30))
          malformed(type, std::string("error.") + name + " must be a small non-negative integer");
        return static_cast<int>(it->get<std::int64_t>());
      };
      m.error = ScriptError{text_field(e, type, "message"), number("line"), number("column"), ""};
    }
  } else if (type == "measured") {
    m.type = FromWorker::Type::Measured;
    auto us = h.find("usPerRealm");
    if (us == h.end() || !us->is_number()) malformed(type, "usPerRealm must be a number");
    m.us_per_realm = us->get<double>();
  } else if (type == "retire") {
    m.type = FromWorker::Type::Retire;
  } else if (type == "ready") {
    m.type = FromWorker::Type::Ready;
  } else if (type == "fatal") {
    m.type = FromWorker::Type::Fatal;
    m.message = h.contains("message") && h["message"].is_string() ? h["message"].get<std::string>() : "unknown error";
  } else {
    throw std::runtime_error("unknown message type");  // the type itself is not echoed: it may be anything
  }
  return m;
}

}  // namespace signet::sandbox::protocol
