// Routes: compliance frameworks read from the latest complete scans (every account's, or
// ?account=, or ?scan=): every framework's summary, one framework control by control, and
// one framework's standalone HTML report (?format=html).
#include "server/server_impl.h"

#include "common/invalid_fields.h"
#include "compliance/compliance.h"

namespace signet::server {

using nlohmann::json;

namespace {

compliance::Reading reading_for(const store::Store& store, const Call& c) {
  std::int64_t scan = 0;
  if (std::string text = c.query("scan"); !text.empty()) {
    if (text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
      throw InvalidFields("scan must be a scan id", {{"scan", "must be a scan id"}});
    scan = std::stoll(text);
  }
  try {
    return compliance::read(store, c.query("account"), scan);
  } catch (const std::invalid_argument& e) {
    throw ApiError(404, "not_found", e.what());
  }
}

}  // namespace

void Server::Impl::register_compliance_routes() {
  route("GET", "/api/compliance", viewer, [this](Call& c) {
    auto r = reading_for(store, c);
    json frameworks = json::array();
    for (const auto& f : compliance::frameworks())
      frameworks.push_back(compliance::to_json(compliance::assess(f, r.signatures, r.counts), false));
    c.reply({{"scans", compliance::scans_json(r.scans)}, {"frameworks", frameworks}});
  });
  route("GET", R"(/api/compliance/([A-Za-z0-9._-]+))", viewer, [this](Call& c) {
    const auto* framework = compliance::find_framework(c.param(1));
    if (!framework) throw ApiError(404, "not_found", compliance::unknown_framework_message(c.param(1)));
    std::string format = c.query("format");
    if (!format.empty() && format != "json" && format != "html") throw InvalidFields("format must be json or html", {{"format", "json or html"}});
    auto r = reading_for(store, c);
    auto report = compliance::assess(*framework, r.signatures, r.counts);
    if (format == "html") {
      c.res.status = 200;
      c.res.set_header("Content-Disposition", "attachment; filename=\"" + framework->id + "-compliance.html\"");
      c.res.set_content(compliance::to_html(report, compliance::scans_json(r.scans)), "text/html; charset=utf-8");
      return;
    }
    json out = compliance::to_json(report);
    out["scans"] = compliance::scans_json(r.scans);
    c.reply(out);
  });
}

}  // namespace signet::server
