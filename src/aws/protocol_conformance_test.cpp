// The AWS protocol conformance suites (botocore's tests/unit/protocols, in
// ../shared/testdata/aws-protocol-tests): request serialization (input) and response
// parsing (output) for ec2, json 1.0/1.1, query, rest-json and rest-xml. Cases we do not
// pass are listed with their reason in protocol_conformance_skips.json; together they must
// stay under 5% of all cases.
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "aws/parse/parser.h"
#include "aws/serialize/serializer.h"

using namespace signet;
using namespace signet::aws;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const fs::path kSuites = fs::path(SIGNET_TESTDATA_DIR) / "aws-protocol-tests";
const char* kFiles[] = {"ec2", "json", "json_1_0", "query", "rest-json", "rest-xml"};

json read_json(const fs::path& p) {
  std::ifstream in(p);
  return json::parse(in);
}

struct CaseResult {
  std::string file;  // "input/query"
  std::string id;
  std::string skip_reason;
  std::string failure;  // empty = passed
};

const json& skips() {
  static const json s = read_json(fs::path(SIGNET_SOURCE_DIR) / "src/aws/protocol_conformance_skips.json");
  return s;
}

std::vector<std::pair<std::string, std::string>> split_pairs(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('&', pos);
    if (end == std::string::npos) end = text.size();
    std::string pair = text.substr(pos, end - pos);
    if (!pair.empty()) {
      auto eq = pair.find('=');
      out.emplace_back(cloud::uri_decode(pair.substr(0, eq)), eq == std::string::npos ? "" : cloud::uri_decode(pair.substr(eq + 1)));
    }
    pos = end + 1;
  }
  std::sort(out.begin(), out.end());
  return out;
}

// XML bodies compare as trees whose siblings are unordered: the serializer writes params in
// key order (JSON objects here are sorted), the suites in the order they were written.
std::string canonical_xml_node(pugi::xml_node node) {
  if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) return node.value();
  std::vector<std::string> attributes, children;
  for (auto a : node.attributes()) attributes.push_back(std::string(a.name()) + "=" + a.value());
  for (auto c : node.children()) children.push_back(canonical_xml_node(c));
  std::sort(attributes.begin(), attributes.end());
  std::sort(children.begin(), children.end());
  std::string out = "<" + std::string(node.name());
  for (auto& a : attributes) out += " " + a;
  out += ">";
  for (auto& c : children) out += c;
  return out + "</" + node.name() + ">";
}

std::string canonical_xml(const std::string& text) {
  pugi::xml_document doc;
  if (!doc.load_string(text.c_str())) return "<unparseable>" + text;
  return canonical_xml_node(doc.document_element());
}

// Numbers compare by value (an epoch may come back as 1.0 or 1); the rest exactly.
bool same_json(const json& a, const json& b) {
  if (a.is_number() && b.is_number()) return std::fabs(a.get<double>() - b.get<double>()) < 1e-6;
  if (a.is_object() && b.is_object()) {
    if (a.size() != b.size()) return false;
    for (const auto& [k, v] : a.items())
      if (!b.contains(k) || !same_json(v, b[k])) return false;
    return true;
  }
  if (a.is_array() && b.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!same_json(a[i], b[i])) return false;
    return true;
  }
  return a == b;
}

ServiceModel model_for(const json& suite, const json& given) {
  json model = {{"metadata", suite["metadata"]}, {"shapes", suite.value("shapes", json::object())}, {"operations", json::object()}};
  model["operations"][given["name"].get<std::string>()] = given;
  return ServiceModel("test", {}, model, json::object());
}

std::string check_input(const std::string& protocol, const json& suite, const json& c) {
  ServiceModel service = model_for(suite, c["given"]);
  cloud::HttpRequest request = make_serializer(protocol)->serialize(service, c["given"], c.value("params", json::object()));
  cloud::apply_endpoint(request, suite.value("clientEndpoint", "https://example.com"), true);
  const json& want = c["serialized"];
  std::ostringstream why;
  std::string uri = want.value("uri", "/");
  std::string want_path = uri.substr(0, uri.find('?')), want_query = uri.find('?') == std::string::npos ? "" : uri.substr(uri.find('?') + 1);
  if (want.contains("method") && request.method != want["method"]) why << "method " << request.method << " != " << want["method"] << "; ";
  if (request.path != want_path) why << "path " << request.path << " != " << want_path << "; ";
  if (split_pairs(request.query) != split_pairs(want_query)) why << "query " << request.query << " != " << want_query << "; ";
  if (want.contains("body")) {
    std::string body = want["body"];
    bool same;
    if (protocol == "query" || protocol == "ec2") {
      same = split_pairs(request.body) == split_pairs(body);
    } else if ((protocol == "json" || protocol == "rest-json") && !body.empty() && body.front() == '{') {
      same = !request.body.empty() && json::parse(request.body, nullptr, false) == json::parse(body);
    } else if (protocol == "rest-xml" && body.find_first_not_of(" \n") != std::string::npos && body[body.find_first_not_of(" \n")] == '<') {
      same = canonical_xml(request.body) == canonical_xml(body);
    } else {
      same = request.body == body;
    }
    if (!same) why << "body [" << request.body << "] != [" << body << "]; ";
  }
  const json want_headers = want.value("headers", json::object());
  for (const auto& [name, value] : want_headers.items()) {
    const std::string* got = request.header(name);
    if (!got || *got != value.get<std::string>()) why << "header " << name << " = [" << (got ? *got : "<absent>") << "] != [" << value.get<std::string>() << "]; ";
  }
  for (const auto& name : want.value("forbidHeaders", json::array()))
    if (request.header(name.get<std::string>())) why << "forbidden header " << name << " present; ";
  for (const auto& name : want.value("requireHeaders", json::array()))
    if (!request.header(name.get<std::string>())) why << "required header " << name << " absent; ";
  // "host": "example.com/custom" means a host and a base path.
  if (want.contains("host") && request.host != want["host"] && (request.host + request.path).rfind(want["host"].get<std::string>(), 0) != 0) why << "host " << request.host << " != " << want["host"] << "; ";
  return why.str();
}

std::string check_output(const std::string& protocol, const json& suite, const json& c) {
  ServiceModel service = model_for(suite, c["given"]);
  const json& r = c["response"];
  cloud::HttpResponse response;
  response.status = r.value("status_code", 200);
  const json headers = r.value("headers", json::object());
  for (const auto& [name, value] : headers.items()) response.headers.push_back({name, value});
  response.body = r.value("body", "");
  auto parser = make_parser(protocol);
  std::ostringstream why;
  if (c.contains("error") || c.contains("errorCode")) {
    ApiError error = parser->parse_error(service, response);
    if (error.code != c.value("errorCode", "")) why << "error code [" << error.code << "] != [" << c.value("errorCode", "") << "]; ";
    const json& fields = c.value("error", json::object());
    for (const char* key : {"Message", "message"})
      if (fields.contains(key) && fields[key].is_string() && error.message != fields[key].get<std::string>())
        why << "error message [" << error.message << "] != [" << fields[key].get<std::string>() << "]; ";
    return why.str();
  }
  ValueStyle raw{false, false};  // the suites expect epoch numbers and raw blobs
  json result = parser->parse(service, c["given"], response, raw);
  if (!same_json(result, c.value("result", json::object()))) why << "result " << result.dump() << " != " << c["result"].dump();
  return why.str();
}

const std::vector<CaseResult>& all_results() {
  static const std::vector<CaseResult> results = [] {
    std::vector<CaseResult> out;
    for (const char* direction : {"input", "output"}) {
      for (const char* file : kFiles) {
        std::string protocol = file == std::string("json_1_0") ? "json" : file;
        std::string key = std::string(direction) + "/" + file;
        for (const auto& suite : read_json(kSuites / direction / (std::string(file) + ".json"))) {
          for (const auto& c : suite["cases"]) {
            CaseResult r{key, c["id"], "", ""};
            const json& skip = skips().value(key, json::object());
            if (skip.contains(r.id)) {
              r.skip_reason = skip[r.id];
              out.push_back(r);
              continue;
            }
            try {
              r.failure = direction == std::string("input") ? check_input(protocol, suite, c) : check_output(protocol, suite, c);
            } catch (const std::exception& e) {
              r.failure = std::string("threw: ") + e.what();
            }
            out.push_back(r);
          }
        }
      }
    }
    return out;
  }();
  return results;
}

class Conformance : public ::testing::TestWithParam<std::string> {};

TEST_P(Conformance, EveryCaseNotListedAsSkippedPasses) {
  int passed = 0, skipped = 0;
  for (const auto& r : all_results()) {
    if (r.file != GetParam()) continue;
    if (!r.skip_reason.empty()) {
      ++skipped;
      continue;
    }
    EXPECT_EQ(r.failure, "") << r.file << " " << r.id;
    passed += r.failure.empty();
  }
  std::cout << GetParam() << ": " << passed << " passed, " << skipped << " skipped\n";
}

INSTANTIATE_TEST_SUITE_P(Suites, Conformance,
                         ::testing::Values("input/ec2", "input/json", "input/json_1_0", "input/query", "input/rest-json",
                                           "input/rest-xml", "output/ec2", "output/json", "output/json_1_0", "output/query",
                                           "output/rest-json", "output/rest-xml"),
                         [](const auto& info) {
                           std::string n = info.param;
                           for (auto& c : n) if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

TEST(ConformanceCoverage, AtLeast95PercentOfAllCasesPassAndEverySkipSaysWhy) {
  std::size_t total = all_results().size(), passed = 0;
  for (const auto& r : all_results()) {
    if (r.skip_reason.empty()) passed += r.failure.empty();
    else EXPECT_GT(r.skip_reason.size(), 10u) << r.id << ": a skip needs a real reason";
  }
  EXPECT_GE(total, 675u);
  std::cout << passed << " of " << total << " conformance cases pass (" << (100.0 * passed / total) << "%)\n";
  EXPECT_GE(static_cast<double>(passed) / total, 0.95);
  // Every listed skip names a case that exists.
  for (const auto& [file, cases] : skips().items()) {
    if (file.front() == '_') continue;
    for (const auto& [id, reason] : cases.items()) {
      bool found = false;
      for (const auto& r : all_results()) found |= r.file == file && r.id == id;
      EXPECT_TRUE(found) << file << " " << id << " is skipped but does not exist";
    }
  }
}

}  // namespace
