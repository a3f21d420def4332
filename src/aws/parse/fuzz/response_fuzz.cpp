// The body of the response fuzz targets: one protocol's response parser (query, ec2, json,
// rest-json or rest-xml) over the real operations of the embedded botocore models. The
// input names the operation and gives status, headers and body (fuzz_response.h); the
// parser reads it in both value styles, then the client's next steps on a readable answer
// run (redaction, the paginator's keys and token), and the error parser reads it too.
// A ParseError is the documented outcome of a malformed answer; anything else is a finding.
#include <algorithm>
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

// The protocol's services, known from the models' index; each service's operations with an
// output are read when an input first picks it. A service model takes a tenth of a second to
// load under the sanitizers: loading every one up front cost each target a minute.
class Catalog {
 public:
  explicit Catalog(const std::string& protocol) : models_(Models::embedded()) {
    for (const auto& name : models_->service_names())
      if (models_->protocol_of(name) == protocol) services_.push_back(name);
    SIGNET_FUZZ_CHECK(!services_.empty(), "the models have services of this protocol");
  }

  // "service Operation" names one; any other selector picks one by its hash.
  Operation pick(const std::string& selector) {
    auto space = selector.find(' ');
    if (space != std::string::npos) {
      auto named = std::lower_bound(services_.begin(), services_.end(), selector.substr(0, space));
      if (named != services_.end() && *named == selector.substr(0, space))
        for (const auto& op : operations(*named).list)
          if (op.definition == op.service->operation(selector.substr(space + 1))) return op;
    }
    std::uint64_t hash = fuzz::fnv1a(selector);
    for (std::size_t attempt = 0; attempt < services_.size(); ++attempt) {
      const auto& ops = operations(services_[(hash + attempt) % services_.size()]);
      if (!ops.list.empty()) return ops.list[(hash / services_.size()) % ops.list.size()];
    }
    SIGNET_FUZZ_CHECK(false, "some service of the protocol has an operation with an output");
    return {};
  }

 private:
  struct Operations {
    std::vector<Operation> list;  // in name order
  };
  const Operations& operations(const std::string& service_name) {
    auto [it, added] = by_service_.try_emplace(service_name);
    if (added) {
      auto service = models_->find(service_name);
      for (const auto& op : service->operation_names())
        if (const json* definition = service->operation(op); definition->contains("output")) it->second.list.push_back({service, definition});
    }
    return it->second;
  }

  std::shared_ptr<const Models> models_;
  std::vector<std::string> services_;  // sorted
  std::map<std::string, Operations> by_service_;
};

Catalog& catalog(const std::string& protocol) {
  static std::map<std::string, Catalog> by_protocol;  // a fuzz target runs one protocol
  auto it = by_protocol.find(protocol);
  if (it == by_protocol.end()) it = by_protocol.try_emplace(protocol, protocol).first;
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
  auto input = fuzz::decode_response(data, size);
  const Operation target = catalog(protocol).pick(input.selector);
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
