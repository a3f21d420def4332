// The body of the response fuzz targets: one protocol's response parser (query, ec2, json,
// rest-json or rest-xml) over the real operations of the embedded botocore models. The
// input names the operation and gives status, headers and body (fuzz_response.h); the
// parser reads it in both value styles, then the client's next steps on a readable answer
// run (redaction, the paginator's keys and token), and the error parser reads it too.
// A ParseError is the documented outcome of a malformed answer; anything else is a finding.
#include <map>
#include <memory>
#include <vector>

#include "aws/client/path.h"
#include "aws/parse/fuzz/fuzz_response.h"
#include "aws/parse/fuzz/response_fuzz.h"
#include "aws/parse/parser.h"
#include "aws/policy/policy.h"
#include "testing/fuzz_check.h"

namespace {

using namespace signet::aws;
using nlohmann::json;

struct Operation {
  std::shared_ptr<const ServiceModel> service;
  const json* definition;
};

// Every operation with an output of every service of the protocol, in name order.
struct Catalog {
  std::vector<Operation> all;
  std::map<std::string, std::size_t> by_name;  // "service Operation" -> index
};

const Catalog& catalog(const std::string& protocol) {
  static std::map<std::string, Catalog> by_protocol;  // a fuzz target runs one protocol
  auto [it, added] = by_protocol.try_emplace(protocol);
  if (added) {
    Catalog& c = it->second;
    auto models = Models::embedded();
    for (const auto& name : models->service_names()) {
      auto service = models->find(name);
      if (!service || service->protocol() != protocol) continue;
      for (const auto& op : service->operation_names()) {
        const json* definition = service->operation(op);
        if (!definition->contains("output")) continue;
        c.by_name[service->name() + " " + op] = c.all.size();
        c.all.push_back({service, definition});
      }
    }
    SIGNET_FUZZ_CHECK(!c.all.empty(), "the models have operations of this protocol");
  }
  return it->second;
}

// What AwsClient::on_answer reads from a parsed page outside its own try (client.cpp).
void paginate(const ServiceModel& service, const std::string& operation, const json& output) {
  const json* pg = service.paginator(operation);
  if (!pg) return;
  auto keys = [&](const char* field) {
    std::vector<std::string> out;
    json v = pg->value(field, json());
    if (v.is_string()) out.push_back(v.get<std::string>());
    if (v.is_array())
      for (const auto& k : v) out.push_back(k.get<std::string>());
    return out;
  };
  for (const auto& key : keys("result_key")) (void)json_path_get(output, key);
  if (pg->contains("more_results")) (void)(json_path_get(output, (*pg)["more_results"].get<std::string>()) == true);
  auto inputs = keys("input_token"), outputs = keys("output_token");
  json next = json::object();
  for (std::size_t i = 0; i < inputs.size() && i < outputs.size(); ++i)
    if (json token = json_path_get(output, outputs[i]); !token.is_null()) next[inputs[i]] = token;
  (void)next.dump();  // the client remembers each page's token text
}

}  // namespace

namespace signet::aws::fuzz {

void load_protocol(const std::string& protocol) { catalog(protocol); }

int parse_response(const std::string& protocol, const std::uint8_t* data, std::size_t size) {
  const Catalog& c = catalog(protocol);
  auto input = fuzz::decode_response(data, size);
  auto named = c.by_name.find(input.selector);
  const Operation& target = c.all[named != c.by_name.end() ? named->second : fuzz::fnv1a(input.selector) % c.all.size()];
  const std::string operation = (*target.definition)["name"];
  static std::map<std::string, std::unique_ptr<Parser>> parsers;
  auto& parser = parsers[protocol];
  if (!parser) parser = make_parser(protocol);
  for (const ValueStyle& style : {ValueStyle{}, ValueStyle{false, false}}) {
    json output;
    try {
      output = parser->parse(*target.service, *target.definition, input.response, style);
    } catch (const ParseError&) {
      continue;
    }
    SIGNET_FUZZ_CHECK(output.is_object(), "an operation's output is an object");
    if (style.base64_blobs) {  // the client's style: raw blobs (the other) may be any bytes
      SIGNET_FUZZ_CHECK(!json::parse(output.dump(), nullptr, false).is_discarded(), "a parsed answer is JSON text");
      ReadOnlyPolicy::builtin().redact(*target.service, operation, output);
      paginate(*target.service, operation, output);
    }
  }
  ApiError error = parser->parse_error(*target.service, input.response);
  SIGNET_FUZZ_CHECK(!error.code.empty() && error.status == input.response.status, "an error has a code and the answer's status");
  SIGNET_FUZZ_CHECK(json::parse(json{error.code, error.message}.dump(), nullptr, false).size() == 2, "an error is JSON text");
  return 0;
}

}  // namespace signet::aws::fuzz
