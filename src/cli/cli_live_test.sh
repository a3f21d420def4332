#!/usr/bin/env bash
# End-to-end checks of `signet call` and live `signet test` against moto server, through
# the real binary, with credentials from the environment as a user would give them.
set -u
signet="$1"; root="$2"; ex="$root/examples/mfa"
tmp=$(mktemp -d)
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
MOTO_EC2_LOAD_DEFAULT_AMIS=false moto_server -H 127.0.0.1 -p "$port" >"$tmp/moto.log" 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null; wait $moto 2>/dev/null; rm -rf "$tmp"' EXIT
endpoint="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$endpoint/moto-api/" >/dev/null && break; sleep 0.1; done
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_EC2_METADATA_DISABLED=true
# One try per call, as the AWS SDKs read it: moto answers 500 for the operations it lacks, and
# retrying those (1 s, then 2 s) only makes every full inventory here slow.
export AWS_MAX_ATTEMPTS=1
python3 - "$endpoint" <<'PY'
import sys, boto3
iam = boto3.client("iam", endpoint_url=sys.argv[1], region_name="us-east-1")
for name in ["alice", "bob"]:
    iam.create_user(UserName=name)
serial = iam.create_virtual_mfa_device(VirtualMFADeviceName="alice")["VirtualMFADevice"]["SerialNumber"]
iam.enable_mfa_device(UserName="alice", SerialNumber=serial, AuthenticationCode1="123456", AuthenticationCode2="654321")
PY

failures=0; passed=0
check() { local name="$1"; shift; if "$@"; then passed=$((passed + 1)); else echo "FAILED: $name"; failures=$((failures + 1)); fi; }

"$signet" call IAM listUsers --endpoint-url "$endpoint" >"$tmp/out" 2>"$tmp/err"
check "call exits 0" test $? -eq 0
check "call prints the users" python3 -c "import json; d=json.load(open('$tmp/out')); assert sorted(u['UserName'] for u in d)==['alice','bob'], d"
AWS_ENDPOINT_URL="$endpoint" "$signet" call iam GetUser --params '{"UserName": "nobody"}' >"$tmp/out" 2>"$tmp/err"
check "cloud error exits 1" test $? -eq 1
check "cloud error printed like the AWS CLI" grep -q "An error occurred (NoSuchEntity) when calling the GetUser operation" "$tmp/err"
"$signet" call iam CreateUser --params '{"UserName": "eve"}' --endpoint-url "$endpoint" >"$tmp/out" 2>"$tmp/err"
check "writes are refused with exit 2" test $? -eq 2
check "refusal says why" grep -q "iam:CreateUser is refused" "$tmp/err"
"$signet" call iam ListUsers --params '[1]' --endpoint-url "$endpoint" >"$tmp/out" 2>"$tmp/err"
check "bad params exit 2" test $? -eq 2

"$signet" test "$ex/mfa.js" --meta "$ex/mfa.yaml" --resources "$ex/resources.json" --endpoint-url "$endpoint" >"$tmp/out" 2>"$tmp/err"
check "live test exits 0" test $? -eq 0
check "live: alice passes" grep -Eq "alice +Pass +MFA is enabled" "$tmp/out"
check "live: bob fails" grep -Eq "bob +Fail +MFA is not enabled" "$tmp/out"

"$signet" inventory --regions us-east-1 --services IAM --endpoint-url "$endpoint" >"$tmp/out" 2>"$tmp/err"
check "inventory exits 0" test $? -eq 0
check "inventory lists the users" grep -Eq "IAM +user +us-east-1 +- +alice" "$tmp/out"
"$signet" inventory --regions us-east-1 --endpoint-url "$endpoint" --json >"$tmp/out" 2>"$tmp/err"
check "inventory json" python3 -c "import json; d=json.load(open('$tmp/out')); assert d['accountId']=='123456789012'; assert {r['name'] for r in d['resources'] if r['service']=='IAM' and r['type']=='user'}=={'alice','bob'}"
"$signet" inventory --endpoint-url not-a-url >"$tmp/out" 2>"$tmp/err"
check "a bad endpoint is refused up front" test $? -eq 2 -a -n "$(grep "is not a URL" "$tmp/err")"
AWS_MAX_ATTEMPTS=lots "$signet" inventory --services IAM --endpoint-url "$endpoint" >"$tmp/out" 2>"$tmp/err"
check "a bad AWS_MAX_ATTEMPTS is refused, named" test $? -eq 2 -a -n "$(grep "AWS_MAX_ATTEMPTS='lots'" "$tmp/err")"
"$signet" inventory --services Spaceships --endpoint-url "$endpoint" >"$tmp/out" 2>"$tmp/err"
check "unknown service exits 2" test $? -eq 2

"$signet" test "$ex/mfa.js" --meta "$ex/mfa.yaml" --regions us-east-1 --endpoint-url "$endpoint" >"$tmp/out" 2>"$tmp/err"
check "live test finds the account's users itself" grep -Eq "IAM +us-east-1 +- +alice +Pass" "$tmp/out"
check "live test: bob too" grep -Eq "IAM +us-east-1 +- +bob +Fail" "$tmp/out"

# One live run recorded, then replayed offline to the same results (lib, a cloud error, a refused call).
cat >"$tmp/rec.js" <<'JS'
module.exports = async function (apiCaller, resource, lib) {
  const [mfa, login] = await Promise.all([
    apiCaller({ service: "IAM", endpoint: "listMFADevices", params: { UserName: resource.name } }),
    apiCaller({ service: "IAM", endpoint: "getLoginProfile", params: { UserName: resource.name } }),
  ]);
  console.log(lib.arn.parse(resource.arn).resourceType, resource.name, "login:", login[0][0].error ? login[0][0].error.code : "set");
  if (resource.name === "bob") await apiCaller({ service: "IAM", endpoint: "deleteUser", params: { UserName: "alice" } });
  return { statusSig: mfa[0][0].apiResponse.length > 0, statusMessage: mfa[0][0].apiResponse.length + " device(s)" };
};
JS
"$signet" test "$tmp/rec.js" --meta "$ex/mfa.yaml" --regions us-east-1 --endpoint-url "$endpoint" --json \
  --record "$tmp/calls.json" --record-resources "$tmp/res.json" >"$tmp/live.json" 2>"$tmp/err"
check "a recorded live test exits 0" test $? -eq 0
check "it says what it recorded" python3 -c "import json; d=json.load(open('$tmp/live.json')); assert d['recorded']['calls']['count'] >= 4 and d['recorded']['resources']['count'] == 2, d['recorded']"
"$signet" test "$tmp/rec.js" --meta "$ex/mfa.yaml" --resources "$tmp/res.json" --responses "$tmp/calls.json" --json >"$tmp/replay.json" 2>"$tmp/err"
check "the replay exits 0" test $? -eq 0
check "the replay gives the same results, messages and console" python3 - "$tmp/live.json" "$tmp/replay.json" <<'PY'
import json, sys
live, replay = (json.load(open(p)) for p in sys.argv[1:3])
strip = lambda d: [{k: v for k, v in r.items() if k != "durationMs"} for r in d["results"]]
assert strip(live) == strip(replay), (strip(live), strip(replay))
assert live["counts"] == replay["counts"] == {"Pass": 1, "Fail": 0, "Error": 1}, (live["counts"], replay["counts"])
assert replay["missingCalls"] == []
assert any("refused" in c for c in json.load(open(sys.argv[1].replace("live.json", "calls.json")))["calls"])
PY
"$signet" test "$tmp/rec.js" --resources "$tmp/res.json" --responses "$tmp/calls.json" --record "$tmp/again.json" >"$tmp/out" 2>"$tmp/err"
check "--record with --responses is refused" test $? -eq 2 -a -n "$(grep "nothing is called live" "$tmp/err")"
"$signet" test "$tmp/rec.js" --meta "$ex/mfa.yaml" --regions us-east-1 --endpoint-url "$endpoint" --record "$tmp/no/such/dir/calls.json" >"$tmp/out" 2>"$tmp/err"
check "an unwritable recording is refused before the run" test $? -eq 2 -a -n "$(grep "calls.json: cannot be written" "$tmp/err")" -a ! -s "$tmp/out"

# A scan of the stored signatures, in every output form.
export SIGNET_DB="$tmp/scan.db"
"$signet" signatures add "$ex/mfa.yaml" >/dev/null
# A webhook receiver that keeps each message, and a channel that sends to it.
hook_port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
python3 - "$hook_port" "$tmp" <<'PY' &
import http.server, sys, itertools
count = itertools.count(1)
class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        open(f"{sys.argv[2]}/hook-{next(count)}.json", "wb").write(body)
        self.send_response(204); self.end_headers()
    def log_message(self, *args): pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Hook).serve_forever()
PY
hook=$!
trap 'kill $moto $hook 2>/dev/null; wait $moto $hook 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$hook_port/" && break; sleep 0.1; done
"$signet" channels add --name hook --type webhook --url "http://127.0.0.1:$hook_port/in" --min-level High >/dev/null
check "channels add" test $? -eq 0
"$signet" scan --signatures CUSTOM-0001 --regions us-east-1 --endpoint-url "$endpoint" >"$tmp/out" 2>"$tmp/err"
check "scan exits 0" test $? -eq 0
check "scan tells the channel" grep -q "notified hook: sent" "$tmp/err"
check "the webhook got bob's new risk" python3 -c "import json; d=json.load(open('$tmp/hook-1.json')); assert [r['resourceName'] for r in d['new']]==['bob'], d"
check "scan lists bob's risk as new" grep -Eq "High +CUSTOM-0001 +IAM +us-east-1 +- +bob +new +MFA is not enabled" "$tmp/out"
check "scan counts" grep -q "1 risks: 1 High, 0 Medium, 0 Low" "$tmp/out"
check "scan logs progress when not a terminal" grep -q "scan: 1/1 signatures, 2/2 evaluations" "$tmp/err"
"$signet" scan --signatures CUSTOM-0001 --regions us-east-1 --endpoint-url "$endpoint" --fail-on High >"$tmp/out" 2>"$tmp/err"
check "--fail-on High exits 3" test $? -eq 3
check "second scan: still open" grep -Eq "bob +open" "$tmp/out"
check "nothing new: no second message" test ! -e "$tmp/hook-2.json"
"$signet" channels deliveries >"$tmp/out"
check "the delivery is recorded" grep -Eq "hook +scan +1 +1 +0 +sent" "$tmp/out"
"$signet" channels remove 1 >/dev/null
for format in json sarif ocsf asff; do
  "$signet" scan --signatures CUSTOM-0001 --regions us-east-1 --endpoint-url "$endpoint" --output $format --out "$tmp/scan.$format" 2>/dev/null
  check "$format output parses" python3 -c "import json; json.load(open('$tmp/scan.$format'))"
done
check "json has the results" python3 -c "import json; d=json.load(open('$tmp/scan.json')); assert {r['resourceName']:r['status'] for r in d['results']}=={'alice':'Pass','bob':'Fail'}"
check "sarif has one result" python3 -c "import json; d=json.load(open('$tmp/scan.sarif')); r=d['runs'][0]['results']; assert len(r)==1 and r[0]['level']=='error', r"
# Microsoft's SARIF validator (tools/validators): the schema and its rules, errors and warnings.
# It exits 0 whatever it finds, so its own SARIF log is read. (Invariant globalization: the
# tool is .NET, and needs no ICU then.)
DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$root/tools/validators/node_modules/.bin/sarif-multitool" validate "$tmp/scan.sarif" \
  -o "$tmp/validation.sarif" >"$tmp/validator.out" 2>&1
check "sarif passes Microsoft's SARIF validator" python3 - "$tmp/validation.sarif" "$tmp/validator.out" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
found = [(r["ruleId"], r.get("level"), r["message"]) for run in log["runs"] for r in run.get("results", [])]
assert log["runs"] and not found, (found, open(sys.argv[2]).read()[-2000:])
PY
check "ocsf: compliance findings with their status, standards and remediation" python3 - "$tmp/scan.ocsf" <<'PY'
import json, sys
d = {f["resources"][0]["name"]: f for f in json.load(open(sys.argv[1]))}
assert set(d) == {"alice", "bob"}, list(d)
bob, alice = d["bob"], d["alice"]
assert bob["class_uid"] == 2003 and bob["severity_id"] == 4 and bob["status_code"] == "Fail", bob
assert bob["compliance"]["status_id"] == 3 and alice["compliance"]["status_id"] == 1, (bob["compliance"], alice["compliance"])
assert bob["compliance"]["control"] == "CUSTOM-0001" and bob["compliance"]["standards"], bob["compliance"]
assert bob["remediation"]["desc"].strip(), bob["remediation"]
PY
check "asff: bob's failure only, as Security Hub reads it" python3 - "$tmp/scan.asff" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d) == 1, d
f = d[0]
assert f["SchemaVersion"] == "2018-10-08" and f["AwsAccountId"] == "123456789012", f
assert f["ProductArn"] == "arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default", f["ProductArn"]
assert f["Compliance"]["Status"] == "FAILED" and f["Severity"]["Label"] == "HIGH" and f["Workflow"]["Status"] == "NEW", f
assert f["Resources"][0]["Type"] == "AwsIamUser" and f["Resources"][0]["Id"].endswith(":user/bob"), f["Resources"]
assert f["Remediation"]["Recommendation"]["Text"], f
PY
"$signet" scan --signatures CUSTOM-0001 --regions us-east-1 --endpoint-url "$endpoint" --output html --out "$tmp/report.html" 2>/dev/null
check "html report: bob's risk with its remediation, inert" python3 - "$tmp/report.html" <<'PY'
import sys, html.parser
text = open(sys.argv[1]).read()
class Page(html.parser.HTMLParser):
    tags, words = [], []
    def handle_starttag(self, tag, attrs): self.tags.append(tag)
    def handle_data(self, data): self.words.append(data)
p = Page(); p.feed(text)
body = " ".join(p.words)
assert "script" not in p.tags and "svg" in p.tags, set(p.tags)
assert "High risks: 1 in 1 signature" in body and "bob" in body and "alice" not in body, body[:2000]
assert "Remediation" in body, body[:2000]
PY
# Security Hub: the findings imported into the account's hub (the one write Signet makes).
"$signet" scan --signatures CUSTOM-0001 --regions us-east-1 --endpoint-url "$endpoint" --security-hub >"$tmp/out" 2>"$tmp/err"
check "--security-hub exits 0" test $? -eq 0
check "--security-hub says what it imported" grep -q "security hub: 123456789012: 1 of 1 findings imported" "$tmp/err"
check "the hub holds bob's finding" python3 - "$endpoint" <<'PY'
import sys, boto3
hub = boto3.client("securityhub", endpoint_url=sys.argv[1], region_name="us-east-1")
found = hub.get_findings()["Findings"]
assert [f["Resources"][0]["Id"].split("/")[-1] for f in found] == ["bob"], found
assert found[0]["Compliance"]["Status"] == "FAILED" and found[0]["GeneratorId"] == "signet/CUSTOM-0001", found[0]
PY
"$signet" call securityhub BatchImportFindings --params '{"Findings": []}' --endpoint-url "$endpoint" >"$tmp/out" 2>"$tmp/err"
check "a signature's calls still cannot import findings" test $? -eq 2 -a -n "$(grep "is refused" "$tmp/err")"
"$signet" scan --signatures CUSTOM-0001 --regions us-east-1 --endpoint-url "$endpoint" --output junit >"$tmp/junit.xml" 2>/dev/null
check "junit parses" python3 -c "import xml.etree.ElementTree as E; s=E.parse('$tmp/junit.xml').getroot().find('testsuite'); assert s.get('failures')=='1', s.attrib"
"$signet" scan --signatures CUSTOM-0001 --regions us-east-1 --endpoint-url "$endpoint" --output csv >"$tmp/out.csv" 2>/dev/null
check "csv has a header and two rows" test "$(wc -l <"$tmp/out.csv")" -eq 3
"$signet" scan --signatures CUSTOM-0001 --regions us-east-1 --endpoint-url http://127.0.0.1:1 --max-attempts 1 >"$tmp/out" 2>"$tmp/err"
check "a scan that can list nothing exits 1" test $? -eq 1
check "and says why" grep -q "no account could be scanned; check the credentials, the endpoint and the regions" "$tmp/err"
check "naming the cause" grep -q "the default account: cannot reach the account: NetworkError" "$tmp/err"
"$signet" scan --output yaml --endpoint-url "$endpoint" >"$tmp/out" 2>"$tmp/err"
check "unknown format exits 2" test $? -eq 2
# An incomplete scan has its own exit code, and the summary counts the Errors by cause; a
# runaway signature is skipped after --limit-strikes broken limits.
cat >"$tmp/runaway.yaml" <<'YAML'
description: Loops forever
provider: aws
service: IAM
resourceType: user
riskLevel: Low
passMessage: never
failMessage: never
YAML
echo 'module.exports = () => { for (;;) {} };' >"$tmp/runaway.js"
runaway=$("$signet" signatures add "$tmp/runaway.yaml" "$tmp/runaway.js" | grep -o 'CUSTOM-[0-9]*' | head -1)
"$signet" scan --signatures "$runaway" --regions us-east-1 --endpoint-url "$endpoint" --evaluation-time-limit 1 --limit-strikes 1 --workers 1 \
  >"$tmp/out" 2>"$tmp/err"
check "an incomplete scan exits 4" test $? -eq 4
check "the summary says it is incomplete, by cause" grep -Eq "The scan is incomplete: 2 evaluation\(s\) ended in Error \(1 skipped, 1 time limit\)" "$tmp/out"
check "and names the skipped signature" grep -q "Skipped: $runaway broke its time limit on 1 resources" "$tmp/out"
unset SIGNET_DB

# Accounts and an organization: stored, tested, listed, scanned together.
export SIGNET_DB="$tmp/estate.db"
python3 - "$endpoint" >"$tmp/members" <<'PY'
import sys, boto3
kw = dict(endpoint_url=sys.argv[1], region_name="us-east-1")
org = boto3.client("organizations", **kw)
org.create_organization(FeatureSet="ALL")
for n in range(1, 4):
    member = org.create_account(AccountName=f"team-{n}", Email=f"team-{n}@example.com")["CreateAccountStatus"]["AccountId"]
    creds = boto3.client("sts", **kw).assume_role(RoleArn=f"arn:aws:iam::{member}:role/OrganizationAccountAccessRole", RoleSessionName="seed")["Credentials"]
    iam = boto3.client("iam", aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"], **kw)
    for u in range(n):
        iam.create_user(UserName=f"user-{n}-{u}")
    print(member)
PY
"$signet" signatures add "$ex/mfa.yaml" >/dev/null
"$signet" accounts add home --regions us-east-1 >"$tmp/out" 2>"$tmp/err"
check "accounts add" grep -q "Added account home (default credentials, regions us-east-1)" "$tmp/out"
"$signet" accounts add broken --role-arn role/x --regions moon-1 >"$tmp/out" 2>"$tmp/err"
check "a bad account is refused field by field" test $? -eq 2 -a -n "$(grep 'access.roleArn: must be a role ARN' "$tmp/err")" -a -n "$(grep "regions: unknown region(s): moon-1" "$tmp/err")"
"$signet" accounts add home >"$tmp/out" 2>"$tmp/err"
check "a taken name is refused" test $? -eq 2 -a -n "$(grep "already an account" "$tmp/err")"
"$signet" accounts test home --endpoint-url "$endpoint" >"$tmp/out" 2>"$tmp/err"
check "accounts test says who it is" grep -q "account home: account 123456789012 as arn:aws:" "$tmp/out"
check "accounts test finds nothing refused" grep -q "every one of the .* listing calls Signet makes was allowed" "$tmp/out"
check "accounts list shows the learned id" grep -Eq "home +123456789012 +default credentials +us-east-1 +yes" <("$signet" accounts list)
"$signet" organizations add acme --regions us-east-1 >"$tmp/out" 2>"$tmp/err"
check "organizations add" grep -q "Added organization acme" "$tmp/out"
"$signet" organizations members acme --endpoint-url "$endpoint" --json >"$tmp/out" 2>"$tmp/err"
check "organizations members lists every member" python3 -c "import json; d=json.load(open('$tmp/out')); assert len(d)==4 and sum(m['management'] for m in d)==1 and all(m['scanned'] for m in d), d"
"$signet" scan --accounts acme --signatures CUSTOM-0001 --endpoint-url "$endpoint" --output json --out "$tmp/estate.json" >"$tmp/out" 2>"$tmp/err"
check "an organization scan exits 0" test $? -eq 0
check "each member's users are its own" python3 - "$tmp/estate.json" "$tmp/members" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); members = open(sys.argv[2]).read().split()
by = {}
for r in d["results"]:
    assert r["resourceArn"].split(":")[4] == r["accountId"], r
    by.setdefault(r["accountId"], []).append(r["resourceName"])
for n, m in enumerate(members, 1):
    assert sorted(by[m]) == [f"user-{n}-{u}" for u in range(n)], (m, by.get(m))
assert len(d["scan"]["stats"]["accounts"]) == 4, d["scan"]["stats"]
PY
check "the summary lists the accounts" grep -q "4 accounts:" "$tmp/err"
check "each account says when it is done" test "$(grep -c "scan: account .* done" "$tmp/err")" -eq 4
"$signet" scan --accounts acme --signatures CUSTOM-0001 --endpoint-url "$endpoint" >"$tmp/out" 2>"$tmp/err"
check "risks name their account" grep -Eq "team-3 +High +CUSTOM-0001 +IAM +us-east-1 +- +user-3-0 +open" "$tmp/out"
"$signet" scan --accounts acme,nope --endpoint-url "$endpoint" >"$tmp/out" 2>"$tmp/err"
check "an unknown account is refused" test $? -eq 2 -a -n "$(grep "unknown account(s): nope" "$tmp/err")"
"$signet" scan --accounts home --profile x --endpoint-url "$endpoint" >"$tmp/out" 2>"$tmp/err"
check "--accounts and --profile do not mix" test $? -eq 2
unset SIGNET_DB

# The demo: emulator, seeded account, built-ins, risks, no Error.
"$signet" demo --db "$tmp/demo.db" >"$tmp/out" 2>"$tmp/err"
check "demo exits 0" test $? -eq 0
check "demo seeds two regions" grep -q "Seeded a demo account in 2 regions" "$tmp/out"
check "demo finds High risks" grep -Eq "^[0-9]+ risks: [1-9][0-9]* High" "$tmp/out"
check "demo runs without Error results" grep -Eq "Fail, 0 Error\)" "$tmp/out"
check "demo leaves out the built-ins over types moto cannot list" grep -Eq "^Disabled [1-9][0-9]* built-ins over the [1-9][0-9]* resource types" "$tmp/out"
check "demo's four scans are complete (every listing answered)" test "$(grep -Ec '^  (master|member-[0-9]) .* yes$' "$tmp/out")" -eq 4
check "demo lists no failed listing" bash -c "! grep -q 'listing(s) failed' '$tmp/out'"
check "demo flags the open SSH port" grep -Eq "AWS-EC2-002 +EC2 +us-east-1 .* bastion .*port 22" "$tmp/out"

# Compliance, read from the demo's scans.
"$signet" compliance --db "$tmp/demo.db" >"$tmp/out" 2>"$tmp/err"
check "compliance lists every framework" grep -Eq "^  CIS-AWS-3.0 +62 +" "$tmp/out"
"$signet" compliance --db "$tmp/demo.db" --framework cis-aws-3.0 --output json >"$tmp/cis.json" 2>"$tmp/err"
check "compliance: CIS 3.0 control by control" python3 -c "
import json; d=json.load(open('$tmp/cis.json')); c={x['id']: x for x in d['controls']}
assert d['id']=='CIS-AWS-3.0' and len(c)==62, d['id']
assert d['summary']['fail'] >= 1 and any(x['status']=='fail' and x['failing']>0 and x['signatures'] for x in c.values())
hand=[x for x in c.values() if x['assessment']=='Manual' and not x['signatures']]
assert hand and all(x['status']=='manual' for x in hand), hand
assert sum(d['summary'][k] for k in ['pass','fail','error','no results','not checked','manual'])==62"
"$signet" compliance --db "$tmp/demo.db" --framework AWS-FSBP --output csv >"$tmp/fsbp.csv" 2>"$tmp/err"
check "compliance csv: a header and a row a control" python3 -c "
import csv; rows=list(csv.DictReader(open('$tmp/fsbp.csv'))); assert len(rows)==286 and rows[0]['control'], len(rows)"
"$signet" compliance --db "$tmp/demo.db" --framework PCI-DSS-4.0 --output html --out "$tmp/pci.html" 2>"$tmp/err"
check "compliance html report" grep -q "<h1>PCI DSS" "$tmp/pci.html"
"$signet" compliance --db "$tmp/demo.db" --framework CIS-AWS-3.1 >"$tmp/out" 2>"$tmp/err"
check "an unknown framework exits 2 with a suggestion" test $? -eq 2 -a -n "$(grep "did you mean CIS-AWS-3.0" "$tmp/err")"
"$signet" compliance --db "$tmp/demo.db" --account nobody >"$tmp/out" 2>"$tmp/err"
check "an account never scanned exits 2" test $? -eq 2

echo "$passed passed, $failures failed"
exit $((failures > 0))
