#include "aws/permissions/permissions.h"

#include <regex>
#include <sstream>

#include "aws/policy/policy.h"
#include "engine/api_request.h"

namespace signet::permissions {

using nlohmann::json;
using ojson = nlohmann::ordered_json;  // what is printed keeps the order IAM and CloudFormation write

namespace {

// Adds actions to `needed`, each operation resolved through the models.
class Collector {
 public:
  Collector(Needed& needed, const aws::Models& models) : needed_(needed), models_(models) {}

  // The service by any name Models::find takes; nullptr with a note (prefixed by `who`).
  std::shared_ptr<const aws::ServiceModel> service(const std::string& service, const std::string& who) {
    auto model = models_.find(service);
    if (!model) note(who + ": the AWS models have no service '" + service + "'");
    return model;
  }

  // `reached`: the service counts as one the signatures reach (not for every scan's own calls).
  void add(const std::string& service_name, const std::string& operation, const std::string& reason, const std::string& who,
           bool reached = true) {
    auto model = service(service_name, who);
    if (!model) return;
    if (!model->operation(operation)) return note(who + ": " + model->name() + " has no operation '" + operation + "'");
    if (reached) needed_.services.insert(model->name());
    std::string action = aws::iam_action(*model, operation);
    if (!action.empty()) needed_.actions[action].insert(reason);  // "": no permission guards it
  }

  // What the catalog says listing `type` takes: its listing, detail, region lookup and
  // enrichment calls (with their preparation), and its parent's listing for a child type.
  // `listing_only`: a parent listed only for its children (its details are not fetched then).
  void add_type(const inventory::ResourceType& type, bool listing_only = false) {
    const json& spec = type.spec;
    const std::string what = "inventory: " + type.service() + " " + type.type();
    const std::string who = "catalog (" + type.service() + " " + type.type() + ")";
    const std::string service = spec["list"]["service"];
    add(service, spec["list"]["operation"], what + " listing", who);
    // A child type is listed once per resource of its parent, which is listed first.
    if (spec.contains("parent"))
      if (const auto* parent = aws::catalog().find(type.service(), spec["parent"]["type"].get<std::string>())) add_type(*parent, true);
    if (listing_only) return;
    if (spec.contains("detail")) add(service, spec["detail"]["operation"], what + " detail", who);
    if (spec.contains("regionLookup")) add(service, spec["regionLookup"]["operation"], what + " region lookup", who);
    if (!spec.contains("enrich")) return;
    const json& enrich = spec["enrich"];
    for (const json& e : enrich.is_array() ? enrich : json::array({enrich})) {
      const std::string from = e.value("service", service), into = e.value("into", "");
      add(from, e["operation"], what + " " + into, who);
      if (e.contains("prepare")) add(from, e["prepare"]["operation"], what + " " + into + " (prepare)", who);
    }
  }

  // A signature's literal apiCaller request, resolved as the engine resolves requests;
  // operations the read-only policy refuses are never sent, so never granted.
  void add_request(const std::string& id, const CodeCall& call) {
    const std::string who = "signature " + id + " (line " + std::to_string(call.line) + ")";
    engine::Call resolved;
    try {
      resolved = engine::ApiRequest::parse({{"service", call.service}, {"endpoint", call.endpoint}}, "us-east-1").calls().front();
    } catch (const engine::RequestError& e) {
      return note(who + ": " + e.what());
    }
    auto model = service(resolved.service, who);
    if (!model) return;
    const json* operation = model->operation(resolved.operation());
    if (!operation) return note(who + ": " + model->name() + " has no operation '" + resolved.endpoint + "'");
    auto decision = aws::ReadOnlyPolicy::builtin().check(*model, (*operation)["name"], json::object());
    if (!decision.allowed) return note(who + ": " + decision.reason + "; not granted");
    add(model->name(), resolved.operation(), "signature " + id, who);
  }

  // The scan's requests ("service:Operation", botocore names) to the services in
  // `needed.services`: calls signatures build at run time are among them.
  void add_scan(const store::ScanSummary& scan) {
    const std::string reason = "last scan #" + std::to_string(scan.id);
    const json by_operation = scan.stats.value("apiRequestsByOperation", json::object());
    for (const auto& [key, count] : by_operation.items()) {
      auto colon = key.find(':');
      if (colon == std::string::npos) continue;
      auto model = models_.find(key.substr(0, colon));
      if (model && needed_.services.count(model->name())) add(model->name(), key.substr(colon + 1), reason, reason);
    }
  }

  void note(std::string text) { needed_.notes.push_back(std::move(text)); }

 private:
  Needed& needed_;
  const aws::Models& models_;
};

// The patterns CloudFormation checks the template's parameters with (Java regular
// expressions; the same read as ECMAScript here to check the defaults).
const char* const kPrincipalPattern = R"(^arn:aws[a-z-]*:iam::[0-9]{12}:(root|(role|user)/[\w+=,.@/-]+)$)";
const char* const kExternalIdPattern = R"(^[\w+=,.@:/-]{2,1224}$)";

}  // namespace

Needed needed(const std::vector<store::StoredSignature>& signatures, const aws::Models& models,
              const std::vector<store::ScanSummary>& last_scans, const inventory::Catalog& catalog) {
  Needed out;
  Collector collect(out, models);
  // Every scan: who the credentials are (sts:GetCallerIdentity needs no permission), and
  // the account's regions unless the scan is given them.
  collect.add("sts", "GetCallerIdentity", "scan: the account's identity", "scan", false);
  collect.add("ec2", "DescribeRegions", "scan: the account's enabled regions (scans without --regions)", "scan", false);
  std::set<const inventory::ResourceType*> types;
  for (const auto& s : signatures) {
    const std::string& id = s.metadata.id;
    if (const auto* type = catalog.find(s.metadata.service, s.metadata.resource_type)) types.insert(type);
    else collect.note("signature " + id + ": the catalog has no resource type '" + s.metadata.resource_type + "' for service " + s.metadata.service);
    CodeCalls calls = calls_in_code(s.code);
    for (const auto& call : calls.literal) collect.add_request(id, call);
    for (const auto& call : calls.dynamic) {
      std::string which = call.service.empty() ? "an apiCaller request whose service or endpoint is not a literal"
                                               : "an apiCaller request to " + call.service + " whose endpoint is not a literal";
      std::string then = last_scans.empty() ? "run a scan so its calls are known" : "the last scan's calls to its services are included";
      collect.note("signature " + id + " (line " + std::to_string(call.line) + "): " + which + "; " + then);
      if (!call.service.empty())
        if (auto model = collect.service(call.service, "signature " + id)) out.services.insert(model->name());
    }
  }
  for (const auto* type : types) collect.add_type(*type);
  for (const auto& scan : last_scans) collect.add_scan(scan);
  return out;
}

Needed needed(const store::Store& store, const aws::Models& models, const std::set<std::string>& ids) {
  std::vector<store::StoredSignature> chosen;
  std::vector<std::string> other_clouds;  // asked for by id, of another provider: no IAM policy covers them
  for (auto& s : store.signatures()) {
    if (!(ids.empty() ? s.metadata.enabled : ids.count(s.metadata.id) > 0)) continue;
    if (s.metadata.provider == "aws") chosen.push_back(std::move(s));
    else if (!ids.empty()) other_clouds.push_back("signature " + s.metadata.id + " is for " + s.metadata.provider + ": an IAM policy covers AWS signatures only");
  }
  // The newest complete scan, and with it the other accounts' scans of the same run.
  std::vector<store::ScanSummary> last;
  for (auto& scan : store.scans()) {  // newest first
    if (scan.status != "complete") continue;
    if (last.empty()) last.push_back(std::move(scan));
    else if (const std::string run = last.front().stats.value("run", ""); !run.empty() && scan.stats.value("run", "") == run)
      last.push_back(std::move(scan));
  }
  Needed out = needed(chosen, models, last);
  out.notes.insert(out.notes.end(), other_clouds.begin(), other_clouds.end());
  return out;
}

ojson iam_policy(const Needed& needed) {
  ojson actions = ojson::array();
  for (const auto& [action, reasons] : needed.actions) actions.push_back(action);
  return {{"Version", "2012-10-17"},
          {"Statement", ojson::array({{{"Sid", "SignetReadOnly"}, {"Effect", "Allow"}, {"Action", actions}, {"Resource", "*"}}})}};
}

std::string cloudformation(const Needed& needed, const TemplateDefaults& defaults) {
  ojson principal = {{"Type", "String"},
                    {"Description", "The IAM principal Signet scans from (a role, a user or an account root), in the scanner's account"},
                    {"AllowedPattern", kPrincipalPattern},
                    {"ConstraintDescription", "an IAM ARN: arn:aws:iam::ACCOUNT:role/NAME, :user/NAME or :root"}};
  ojson external_id = {{"Type", "String"},
                      {"Description", "The external id Signet gives when it assumes the role (sts:ExternalId)"},
                      {"NoEcho", true},
                      {"AllowedPattern", kExternalIdPattern},
                      {"ConstraintDescription", "2 to 1224 characters of letters, digits and +=,.@:/-"}};
  if (!defaults.scanner_principal.empty()) {
    if (!std::regex_match(defaults.scanner_principal, std::regex(kPrincipalPattern)))
      throw std::invalid_argument("the scanner principal '" + defaults.scanner_principal +
                                  "' is not an IAM role, user or account root ARN (arn:aws:iam::ACCOUNT:role/NAME)");
    principal["Default"] = defaults.scanner_principal;
  }
  if (!defaults.external_id.empty()) {
    if (!std::regex_match(defaults.external_id, std::regex(kExternalIdPattern)))
      throw std::invalid_argument("the external id must be 2 to 1224 characters of letters, digits and +=,.@:/- (as STS takes it)");
    external_id["Default"] = defaults.external_id;
  }
  ojson trust = {{"Version", "2012-10-17"},
                {"Statement", ojson::array({{{"Effect", "Allow"},
                                            {"Principal", {{"AWS", {{"Ref", "ScannerPrincipalArn"}}}}},
                                            {"Action", "sts:AssumeRole"},
                                            {"Condition", {{"StringEquals", {{"sts:ExternalId", {{"Ref", "ExternalId"}}}}}}}}})}};
  ojson role = {{"Type", "AWS::IAM::Role"},
               {"Properties",
                {{"RoleName", {{"Ref", "RoleName"}}},
                 {"Description", "Signet's scanner: the read-only calls its signatures make"},
                 {"AssumeRolePolicyDocument", trust},
                 {"Policies", ojson::array({{{"PolicyName", "SignetReadOnly"}, {"PolicyDocument", iam_policy(needed)}}})}}}};
  ojson doc = {{"AWSTemplateFormatVersion", "2010-09-09"},
              {"Description", "The role Signet scans a member account through (signet permissions --format cloudformation); "
                              "deploy it to every member account, e.g. as a StackSet"},
              {"Parameters",
               {{"ScannerPrincipalArn", principal},
                {"ExternalId", external_id},
                {"RoleName", {{"Type", "String"}, {"Default", "SignetScanner"}, {"AllowedPattern", R"(^[\w+=,.@-]{1,64}$)"}}}}},
              {"Resources", {{"SignetScannerRole", role}}},
              {"Outputs", {{"RoleArn", {{"Description", "Give Signet this role to assume"},
                                        {"Value", {{"Fn::GetAtt", ojson::array({"SignetScannerRole", "Arn"})}}}}}}}};
  return doc.dump(2) + "\n";
}

std::string explain(const Needed& needed) {
  std::size_t width = 0;
  for (const auto& [action, reasons] : needed.actions) width = std::max(width, action.size());
  std::ostringstream out;
  for (const auto& [action, reasons] : needed.actions) {
    out << action << std::string(width - action.size() + 2, ' ');
    bool first = true;
    for (const auto& r : reasons) out << (first ? "" : "; ") << r, first = false;
    out << "\n";
  }
  return out.str();
}

}  // namespace signet::permissions
