#!/usr/bin/env bash
# End-to-end checks of `signet permissions` through the real binary, as a user runs it.
set -u
signet="$1"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export SIGNET_DB="$tmp/signet.db"
failures=0; passed=0
check() { # name, condition-command...
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAILED: $name"; failures=$((failures + 1)); fi
}

# Every enabled built-in: the policy in IAM's order, actions sorted and unique, no notes.
"$signet" permissions >"$tmp/policy.json" 2>"$tmp/err"
check "policy exits 0" test $? -eq 0
check "built-ins need no note" test ! -s "$tmp/err"
check "policy shape" python3 -c "
import json; from collections import OrderedDict
d = json.load(open('$tmp/policy.json'), object_pairs_hook=OrderedDict)
assert list(d) == ['Version', 'Statement'] and d['Version'] == '2012-10-17', list(d)
s = d['Statement'][0]
assert list(s) == ['Sid', 'Effect', 'Action', 'Resource'] and s['Resource'] == '*', list(s)
a = s['Action']
assert a == sorted(set(a)), a
for needed in ['cloudtrail:GetTrailStatus', 's3:ListAllMyBuckets', 's3:GetBucketPublicAccessBlock', 'iam:GenerateCredentialReport']:
    assert needed in a, needed
assert not any(x.startswith('sts:') for x in a), a"

# One signature: its type's listing, its own calls and every scan's regions.
"$signet" permissions --signatures AWS-CT-001 >"$tmp/one.json"
check "one signature" python3 -c "
import json; a = json.load(open('$tmp/one.json'))['Statement'][0]['Action']
assert a == ['cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus', 'ec2:DescribeRegions'], a"
"$signet" permissions --signatures AWS-CT-001 --why >"$tmp/why"
check "why names the signature" grep -Eq "^cloudtrail:GetTrailStatus +signature AWS-CT-001$" "$tmp/why"
check "why names the listing" grep -Eq "^cloudtrail:DescribeTrails +inventory: CloudTrail trail listing; signature AWS-CT-001$" "$tmp/why"

# A signature that builds its request at run time: a note naming it.
cat >"$tmp/dyn.yaml" <<'YAML'
description: "A request built at run time"
provider: aws
service: IAM
resourceType: user
riskLevel: Low
passMessage: "ok"
failMessage: "not ok"
YAML
cat >"$tmp/dyn.js" <<'JS'
module.exports = async function (apiCaller, resource) {
  const endpoint = resource.data.PasswordLastUsed ? "getLoginProfile" : "getUser";
  const res = await apiCaller({ service: "IAM", endpoint: endpoint, params: { UserName: resource.name } });
  return { statusSig: !res[0][0].error };
};
JS
"$signet" signatures add "$tmp/dyn.yaml" "$tmp/dyn.js" >"$tmp/out" 2>&1
check "custom signature added" test $? -eq 0
id=$(grep -Eo "CUSTOM-[0-9]+" "$tmp/out" | head -1)
"$signet" permissions --signatures "$id" >"$tmp/out" 2>"$tmp/err"
check "dynamic request still exits 0" test $? -eq 0
check "dynamic request noted" grep -q "note: signature $id (line 3): an apiCaller request to IAM whose endpoint is not a literal; run a scan so its calls are known" "$tmp/err"

# The member-role template, StackSet-ready.
"$signet" permissions --format cloudformation --scanner-principal arn:aws:iam::111122223333:role/signet --external-id ext-123 >"$tmp/cfn.json" 2>"$tmp/err"
check "template exits 0" test $? -eq 0
check "template shape" python3 -c "
import json; t = json.load(open('$tmp/cfn.json')); p = t['Parameters']
assert p['ScannerPrincipalArn']['Default'] == 'arn:aws:iam::111122223333:role/signet' and p['ExternalId']['Default'] == 'ext-123'
r = t['Resources']['SignetScannerRole']['Properties']
assert r['Policies'][0]['PolicyDocument'] == json.load(open('$tmp/policy.json'))
c = r['AssumeRolePolicyDocument']['Statement'][0]['Condition']['StringEquals']['sts:ExternalId']
assert c == {'Ref': 'ExternalId'}, c"

# Bad input: exit 2, saying why.
"$signet" permissions --signatures AWS-CT-001,AWS-CT-0001 >"$tmp/out" 2>"$tmp/err"
check "unknown signature exits 2" test $? -eq 2
check "unknown signature named" grep -q "unknown signature id(s): AWS-CT-0001 (did you mean AWS-CT-001?)" "$tmp/err"
"$signet" permissions --format yaml >"$tmp/out" 2>"$tmp/err"
check "unknown format exits 2" test $? -eq 2
"$signet" permissions --external-id ext-123 >"$tmp/out" 2>"$tmp/err"
check "template options without the template exit 2" test $? -eq 2
"$signet" permissions --format cloudformation --scanner-principal bob >"$tmp/out" 2>"$tmp/err"
check "bad principal exits 2" test $? -eq 2
check "bad principal said" grep -q "the scanner principal 'bob' is not an IAM role, user or account root ARN" "$tmp/err"

echo "$passed passed, $failures failed"
test "$failures" -eq 0
