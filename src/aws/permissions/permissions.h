#pragma once
// Least privilege for the scanner: the IAM actions scans of a set of signatures need, from
// the catalog (how their resource types are listed), the signatures' code (the apiCaller
// requests it writes literally) and the calls the newest complete scan made; as an IAM
// policy or a CloudFormation template for the member-account role (see README.md).
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "aws/models/models.h"
#include "aws/inventory/inventory.h"
#include "store/store.h"

namespace signet::permissions {

struct Needed {
  // "iam:ListUsers" -> what needs it ("inventory: IAM user listing", "signature AWS-IAM-005",
  // "last scan #12"), as aws::iam_action() names actions.
  std::map<std::string, std::set<std::string>> actions;
  // What could not be known: calls built at run time, unknown services and operations.
  std::vector<std::string> notes;
  // The AWS services (botocore names) the signatures reach: their resource types' calls and
  // their literal calls. The newest scan's calls count only for these services.
  std::set<std::string> services;
};

// What scans of `signatures` need (all of them: the caller chooses), given `last_scans`: the
// newest complete scan, with the other accounts' scans of its run (none: no scan yet).
// Every scan's own calls are included (ec2:DescribeRegions, for scans not given regions).
Needed needed(const std::vector<store::StoredSignature>& signatures, const aws::Models& models,
              const std::vector<store::ScanSummary>& last_scans, const inventory::Catalog& catalog = aws::catalog());
// The same for the store's signatures named by `ids` (empty: every enabled one) and its
// newest complete scans. Built-ins must already be installed (builtins::install).
Needed needed(const store::Store& store, const aws::Models& models, const std::set<std::string>& ids = {});

// {"Version": "2012-10-17", "Statement": [{"Sid": "SignetReadOnly", "Effect": "Allow",
// "Action": [sorted, unique], "Resource": "*"}]}, its keys in that order.
nlohmann::ordered_json iam_policy(const Needed& needed);

// A CloudFormation template (JSON; StackSet-ready: no account-specific literal) making the
// member role: the policy inline, trusted by the scanner's principal with sts:ExternalId.
// Given values become the parameters' defaults; throws std::invalid_argument for a value
// the template's own parameter pattern would refuse.
struct TemplateDefaults {
  std::string scanner_principal;  // arn:aws:iam::ACCOUNT:role/NAME, :user/NAME or :root
  std::string external_id;
};
std::string cloudformation(const Needed& needed, const TemplateDefaults& defaults = {});

// Each action and what needs it, one per line ("--why").
std::string explain(const Needed& needed);

// The apiCaller requests a signature's code writes: object literals with an `endpoint` key
// (and `service`), and those of the lib functions it names (`lib.s3.publicAccess`: what lib's
// documentation says each makes). A request whose service or endpoint is not a string literal, or a call
// of apiCaller with a request built elsewhere, is `dynamic` (its line, and the service when
// that one is literal).
struct CodeCall {
  std::string service, endpoint;  // as written
  int line = 0;
};
struct CodeCalls {
  std::vector<CodeCall> literal;
  std::vector<CodeCall> dynamic;  // endpoint empty; service empty unless literal
};
CodeCalls calls_in_code(const std::string& code);

}  // namespace signet::permissions
