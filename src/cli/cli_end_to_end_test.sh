#!/usr/bin/env bash
# End-to-end checks of `signet test` through the real binary, as a user runs it.
set -u
signet="$1"; root="$2"; ex="$root/examples/mfa"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
failures=0; passed=0
check() { # name, condition-command...
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAILED: $name"; failures=$((failures + 1)); fi
}

# The shipped example: a Pass and a Fail, exit 0.
"$signet" test "$ex/mfa.js" --meta "$ex/mfa.yaml" --resources "$ex/resources.json" --responses "$ex/calls.json" >"$tmp/out" 2>"$tmp/err"
check "example exits 0" test $? -eq 0
check "console line shown" grep -q "\[alice\] alice has 1 MFA device(s)" "$tmp/out"
check "alice passes" grep -Eq "IAM +us-east-1 +- +alice +Pass +MFA is enabled" "$tmp/out"
check "bob fails" grep -Eq "IAM +us-east-1 +- +bob +Fail +MFA is not enabled" "$tmp/out"
check "counts" grep -q "2 resources: 1 Pass, 1 Fail, 0 Error" "$tmp/out"

# --json for machines.
"$signet" test "$ex/mfa.js" --resources "$ex/resources.json" --responses "$ex/calls.json" --json >"$tmp/json"
check "json exits 0" test $? -eq 0
check "json shape" python3 -c "
import json,sys; d=json.load(open('$tmp/json'))
assert d['counts']=={'Pass':1,'Fail':1,'Error':0}, d['counts']
assert [r['status'] for r in d['results']]==['Pass','Fail']
assert d['results'][0]['console'][0]=={'level':'log','text':'alice has 1 MFA device(s)'}
assert d['results'][1]['resource']['name']=='bob' and d['missingCalls']==[]"

# A syntax error: reported with line and column, nothing runs, exit non-zero.
printf 'module.exports = async function (apiCaller, resource) {\n  const x = ;\n};\n' >"$tmp/broken.js"
"$signet" test "$tmp/broken.js" --resources "$ex/resources.json" --responses "$ex/calls.json" >"$tmp/out" 2>"$tmp/err"
check "syntax error exits 1" test $? -eq 1
check "syntax error located" grep -Eq "^SyntaxError: .*\(broken.js:2:13\)$" "$tmp/err"

# A call with no recorded answer: an Error result, and the exact call to add.
cat >"$tmp/calls.json" <<'JSON'
{"calls":[{"service":"IAM","endpoint":"ListMFADevices","region":"us-east-1","params":{"UserName":"alice"},"apiResponse":[]}]}
JSON
"$signet" test "$ex/mfa.js" --resources "$ex/resources.json" --responses "$tmp/calls.json" >"$tmp/out" 2>"$tmp/err"
check "missing call still exits 0" test $? -eq 0
check "missing call is an Error for bob" grep -Eq "bob +Error +Error: no recorded answer for" "$tmp/out"
check "missing call listed to add" grep -q '{"apiResponse":null,"endpoint":"ListMFADevices","params":{"UserName":"bob"},"region":"us-east-1","service":"IAM"}' "$tmp/out"

# Bad input files: a clear reason and exit 2.
echo '[{"name": "no id"}]' >"$tmp/res.json"
"$signet" test "$ex/mfa.js" --resources "$tmp/res.json" --responses "$ex/calls.json" >"$tmp/out" 2>"$tmp/err"
check "bad resources exit 2" test $? -eq 2
check "bad resources say why" grep -q "resources\[0\]: 'id' is required" "$tmp/err"
echo '{not json' >"$tmp/bad.json"
"$signet" test "$ex/mfa.js" --resources "$ex/resources.json" --responses "$tmp/bad.json" >"$tmp/out" 2>"$tmp/err"
check "bad responses exit 2" test $? -eq 2
check "bad responses say why" grep -q "not valid JSON" "$tmp/err"
printf 'description: x\nriskLevel: Severe\n' >"$tmp/bad.yaml"
"$signet" test "$ex/mfa.js" --meta "$tmp/bad.yaml" --resources "$ex/resources.json" --responses "$ex/calls.json" >"$tmp/out" 2>"$tmp/err"
check "bad metadata exit 2" test $? -eq 2
check "bad metadata per field" grep -q "riskLevel: 'Severe' must be High, Medium or Low" "$tmp/err"
"$signet" test "$tmp/nope.js" --resources "$ex/resources.json" --responses "$ex/calls.json" >"$tmp/out" 2>"$tmp/err"
check "missing signature file exit 2" test $? -eq 2

# The time limit is a command-line option and ends runaway signatures as Error.
echo 'module.exports = () => { for (;;) {} };' >"$tmp/loop.js"
"$signet" test "$tmp/loop.js" --resources "$ex/resources.json" --responses "$ex/calls.json" --time-limit 1 >"$tmp/out" 2>"$tmp/err"
check "runaway exits 0" test $? -eq 0
check "runaway is time limit exceeded" grep -Eq "alice +Error +time limit exceeded" "$tmp/out"

# Signatures kept in the store: add, list, disable, export, import back, delete.
export SIGNET_DB="$tmp/signet.db"
"$signet" signatures add "$ex/mfa.yaml" >"$tmp/out" 2>"$tmp/err"
check "add exits 0" test $? -eq 0
check "add gives an id" grep -q "saved CUSTOM-0001 (mfa)" "$tmp/out"
"$signet" signatures list >"$tmp/out"
check "list shows it" grep -Eq "CUSTOM-0001 +IAM +High +yes +Ensure MFA" "$tmp/out"
"$signet" signatures disable CUSTOM-0001 >/dev/null
"$signet" signatures export "$tmp/exported" >/dev/null
check "export writes yaml and js" test -s "$tmp/exported/CUSTOM-0001.yaml" -a -s "$tmp/exported/CUSTOM-0001.js"
check "export keeps enabled=false" grep -q "enabled: false" "$tmp/exported/CUSTOM-0001.yaml"
sed -i 's/^description: .*/description: Edited in git/' "$tmp/exported/CUSTOM-0001.yaml"
"$signet" signatures import "$tmp/exported" >/dev/null
"$signet" signatures show CUSTOM-0001 >"$tmp/out"
check "import replaces by id" grep -q "description: Edited in git" "$tmp/out"
mkdir -p "$tmp/bad"; printf 'description: x\nprovider: oracle\nservice: IAM\nriskLevel: High\npassMessage: a\nfailMessage: b\n' >"$tmp/bad/x.yaml"
"$signet" signatures import "$tmp/bad" >"$tmp/out" 2>"$tmp/err"
check "bad import exits 2" test $? -eq 2
check "bad import names the field" grep -q "provider: 'oracle' is not a provider" "$tmp/err"
check "bad import reports the missing code" grep -q "code: .*x.js cannot be read" "$tmp/err"
"$signet" signatures delete CUSTOM-0001 >/dev/null
"$signet" signatures show CUSTOM-0001 >/dev/null 2>&1
check "deleted" test $? -eq 1
unset SIGNET_DB

# Users, API tokens and the server, as an operator sets them up.
export SIGNET_DB="$tmp/serve.db"
echo "short" | "$signet" users add ada --role editor --password-stdin >"$tmp/out" 2>"$tmp/err"
check "a short password is refused" grep -q "at least 10 characters" "$tmp/err"
echo "a long enough password" | "$signet" users add ada --role editor --password-stdin >/dev/null
check "users add" test $? -eq 0
"$signet" users list >"$tmp/out"
check "users list" grep -Eq "^ *ada +editor" "$tmp/out"
token=$("$signet" users token ada --name ci 2>/dev/null)
check "users token prints a token" grep -q "^sgt_" <<<"$token"
"$signet" serve --listen 127.0.0.1:0 >"$tmp/serve.out" 2>"$tmp/serve.err" &
serve_pid=$!
for _ in $(seq 100); do grep -q "Web console at" "$tmp/serve.out" && break; sleep 0.1; done
url=$(grep -o "http://127.0.0.1:[0-9]*" "$tmp/serve.out" | head -1)
check "serve says where it listens" test -n "$url"
check "serve needs no setup token once a user exists" bash -c "! grep -q 'setup token' '$tmp/serve.out'"
code=$(curl -s -o "$tmp/body" -w '%{http_code}' "$url/api/signatures")
check "the API refuses a request without a session" test "$code" = 401
code=$(curl -s -o "$tmp/body" -w '%{http_code}' -H "Authorization: Bearer $token" "$url/api/signatures?builtin=1&q=aws-iam-00")
check "the API answers an API token" test "$code" = 200
check "the API lists the built-ins" grep -q "AWS-IAM-001" "$tmp/body"
code=$(curl -s -o "$tmp/body" -w '%{http_code}' "$url/")
check "the pages are served" grep -q '<div id="app">' "$tmp/body"
kill -TERM $serve_pid; wait $serve_pid
check "serve stops cleanly on SIGTERM" test $? -eq 0
"$signet" users remove ada >/dev/null
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$url/api/signatures" 2>/dev/null)
check "serve is gone" test "$code" = 000
"$signet" serve --listen nonsense >/dev/null 2>"$tmp/err"
check "a bad --listen is refused" grep -q "is not ADDRESS:PORT" "$tmp/err"
unset SIGNET_DB

# Names that match nothing (signature ids, services, regions) are refused in every command
# that takes them: exit 2, every unknown value named, before any call. Known ones still work.
# Nothing here listens on port 1, so a command that gets past its checks fails at once.
export SIGNET_DB="$tmp/names.db" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_EC2_METADATA_DISABLED=true
nowhere=(--endpoint-url http://127.0.0.1:1 --max-attempts 1)
refused() { # name, exit code, expected text in stderr
  check "$1 exits 2" test "$2" -eq 2
  check "$1 names them" grep -qF -- "$3" "$tmp/err"
}
"$signet" scan --signatures NO-SUCH-ID,AWS-IAM-001,X-2 "${nowhere[@]}" >"$tmp/out" 2>"$tmp/err"
refused "scan --signatures" $? "signet scan: unknown signature id(s): NO-SUCH-ID, X-2"
check "scan --signatures scans nothing" test ! -s "$tmp/out"
"$signet" scan --services EC3,iam,Spaceships "${nowhere[@]}" >"$tmp/out" 2>"$tmp/err"
refused "scan --services" $? "signet scan: unknown service(s): EC3 (did you mean EC2?), Spaceships; known: "
check "scan --services lists the known ones" grep -qF ", EC2, " "$tmp/err"
"$signet" scan --regions us-east-1,us-nowhere-1,mars "${nowhere[@]}" >"$tmp/out" 2>"$tmp/err"
refused "scan --regions" $? "signet scan: unknown region(s): us-nowhere-1, mars; known: af-south-1"
"$signet" scan --signatures NOPE --services EC3 --regions us-nowhere-1 "${nowhere[@]}" >"$tmp/out" 2>"$tmp/err"
refused "scan with all three" $? "unknown signature id(s): NOPE; unknown service(s): EC3"
check "scan with all three names the region too" grep -qF "unknown region(s): us-nowhere-1" "$tmp/err"
"$signet" signatures disable AWS-IAM-001 >/dev/null
"$signet" scan --signatures AWS-IAM-001 --services iam --regions us-east-1 "${nowhere[@]}" >"$tmp/out" 2>"$tmp/err"
check "scan with known names gets to the account" grep -q "no account could be scanned" "$tmp/err"
check "a disabled signature named in --signatures runs" grep -q "^Scan [0-9]*: 1 signatures" "$tmp/out"
"$signet" inventory --services Kafka,EC3 --regions us-nowhere-1 "${nowhere[@]}" >"$tmp/out" 2>"$tmp/err"
refused "inventory --services" $? "signet inventory: unknown service(s): Kafka, EC3 (did you mean EC2?); known: "
check "inventory --services lists the known ones" grep -qF ", IAM, " "$tmp/err"
check "inventory --regions names them" grep -qF "unknown region(s): us-nowhere-1" "$tmp/err"
"$signet" inventory --services ec2 --regions eu-west-1 "${nowhere[@]}" >"$tmp/out" 2>"$tmp/err"
check "inventory with known names runs" test $? -eq 0 -a -n "$(grep 'could not list EC2 instance in eu-west-1' "$tmp/err")"
"$signet" test "$ex/mfa.js" --meta "$ex/mfa.yaml" --regions us-nowhere-1,eu-wets-1 "${nowhere[@]}" >"$tmp/out" 2>"$tmp/err"
refused "test --regions" $? "signet test: unknown region(s): us-nowhere-1, eu-wets-1 (did you mean eu-west-1?)"
"$signet" test "$ex/mfa.js" --meta "$ex/mfa.yaml" --resources "$ex/resources.json" --responses "$ex/calls.json" --regions us-east-1 >"$tmp/out" 2>"$tmp/err"
check "test with a known region runs" grep -q "2 resources: 1 Pass, 1 Fail, 0 Error" "$tmp/out"
"$signet" call IAM listUsers --region us-nowhere-1 "${nowhere[@]}" >"$tmp/out" 2>"$tmp/err"
refused "call --region" $? "signet call: unknown region(s): us-nowhere-1"
"$signet" call IAM listUsers --region eu-west-1 "${nowhere[@]}" >"$tmp/out" 2>"$tmp/err"
check "call with a known region makes the call" test $? -eq 1 -a -n "$(grep 'NetworkError' "$tmp/err")"
"$signet" serve --listen 127.0.0.1:0 --regions eu-west-1,us-nowhere-1 >"$tmp/out" 2>"$tmp/err"
refused "serve --regions" $? "signet serve: unknown region(s): us-nowhere-1"
check "serve --regions does not listen" bash -c "! grep -q 'Web console at' '$tmp/out'"
"$signet" channels add --name team --type webhook --url https://hooks.example.com/x --services EC3,S3,Spaceships \
  --signatures NO-SUCH-ID,aws-iam-001,X-2 >"$tmp/out" 2>"$tmp/err"
refused "channels add --services" $? "unknown service(s): EC3 (did you mean EC2?), Spaceships"
check "channels add --signatures names them" grep -qF "unknown signature id(s): NO-SUCH-ID, X-2" "$tmp/err"
"$signet" channels add --name team --type webhook --url https://hooks.example.com/x --services ec2,S3 --signatures aws-iam-001 >"$tmp/out" 2>"$tmp/err"
check "channels add with known names" grep -q "Added channel" "$tmp/out"
id=$(grep -o "channel [0-9]*" "$tmp/out" | grep -o "[0-9]*")
"$signet" channels change "$id" --signatures CUSTOM-0099 >"$tmp/out" 2>"$tmp/err"
refused "channels change --signatures" $? "unknown signature id(s): CUSTOM-0099"
"$signet" channels list >"$tmp/out"
check "a refused change keeps the filters" grep -q "signatures=aws-iam-001" "$tmp/out"
"$signet" schedules add --name nightly --every 1d --regions eu-west-1,us-nowhere-1 >"$tmp/out" 2>"$tmp/err"
refused "schedules add --regions" $? "signet schedules: unknown region(s): us-nowhere-1"
"$signet" schedules add --name nightly --every 1d --regions eu-west-1 >"$tmp/out" 2>"$tmp/err"
check "schedules add with a known region" grep -q "Added schedule" "$tmp/out"
unset SIGNET_DB AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY

# Mute rules: add, list, export, import (Signet's form and Prowler's), remove; bad ones refused.
export SIGNET_DB="$tmp/mutelist.db"
"$signet" mutelist add --reason "Break-glass user: MFA is a hardware token in the safe" --signature AWS-IAM-005 \
  --resource breakglass --account 123456789012 --expires 2099-12-31 --author ada >"$tmp/out" 2>"$tmp/err"
check "mutelist add exits 0" test $? -eq 0
check "mutelist add prints the id" grep -qx "Added mute rule 1" "$tmp/out"
"$signet" mutelist add --signature AWS-S3-001 --region "" --expires 2026-02-30 --tag env >"$tmp/out" 2>"$tmp/err"
check "a bad rule exits 2" test $? -eq 2
check "a bad rule names the missing reason" grep -qF "reason (--reason): is required" "$tmp/err"
check "a bad rule names the bad date" grep -qF "expires (--expires): '2026-02-30' is not a date" "$tmp/err"
check "a bad rule names the bad tag" grep -qF "match.tags (--tag): 'env' is not KEY=VALUE-PATTERN" "$tmp/err"
check "a bad rule names the empty pattern" grep -qF "match.regions[0] (--region): pattern is empty" "$tmp/err"
"$signet" mutelist add --reason "everything" >"$tmp/out" 2>"$tmp/err"
check "a rule naming nothing to match is refused" grep -qF "match (--account, --region, --signature, --resource or --tag): names nothing to match" "$tmp/err"
"$signet" mutelist list >"$tmp/out"
check "mutelist list shows the rule" grep -Eq "^ *1 +accounts=123456789012; signatures=AWS-IAM-005; resources=breakglass +- +Break-glass user: MFA is a hardware token in the safe +ada +2099-12-31 +active +never$" "$tmp/out"
check "refused rules are not saved" test "$(grep -c 'everything' "$tmp/out")" -eq 0
"$signet" mutelist list --output json >"$tmp/json"
check "mutelist list --output json" python3 -c "
import json; d=json.load(open('$tmp/json'))
assert len(d)==1 and d[0]['id']==1 and d[0]['state']=='active', d
assert d[0]['match']['signatures']==['AWS-IAM-005'] and d[0]['expires']=='2099-12-31' and d[0]['createdAt'].endswith('Z'), d"
"$signet" mutelist export --out "$tmp/mutes.yaml" >"$tmp/out"
check "mutelist export" grep -qF "Exported 1 mute rule(s) to $tmp/mutes.yaml" "$tmp/out"
check "export writes Signet's YAML" grep -qF 'reason: "Break-glass user: MFA is a hardware token in the safe"' "$tmp/mutes.yaml"
cat >"$tmp/prowler.yaml" <<'YAML'
Mutelist:
  Accounts:
    "123456789012":
      Checks:
        "iam_user_mfa_enabled_console_access":
          Regions: ["*"]
          Resources: ["^ci-.*", "deploy"]
          Description: "CI users sign in with SSO"
        "s3_bucket_level_public_access_block":
          Regions: ["us-east-1"]
          Resources: ["[0-9]+-website"]
        "wellarchitected_workload_no_high_or_medium_risks":
          Regions: ["*"]
          Resources: ["*"]
YAML
"$signet" mutelist import "$tmp/prowler.yaml" --dry-run >"$tmp/out" 2>"$tmp/err"
check "import --dry-run exits 0" test $? -eq 0
check "import --dry-run says what it would do" grep -qF "Would import 1 mute rule(s) from $tmp/prowler.yaml (dry run: nothing saved)" "$tmp/out"
check "import names the regex it cannot convert" grep -qF "note: account '123456789012', check 's3_bucket_level_public_access_block': Resources[0] '[0-9]+-website' has no glob equivalent: the character class '[0-9]'; not imported" "$tmp/out"
check "import names the check with no equivalent" grep -qF "note: account '123456789012', check 'wellarchitected_workload_no_high_or_medium_risks': no Signet signature checks what this Prowler check checks; not imported" "$tmp/out"
"$signet" mutelist list --output json >"$tmp/json"
check "a dry run saves nothing" python3 -c "import json; assert len(json.load(open('$tmp/json')))==1"
"$signet" mutelist import "$tmp/prowler.yaml" >"$tmp/out" 2>"$tmp/err"
check "import of a Prowler file" grep -qF "Imported 1 mute rule(s) from $tmp/prowler.yaml" "$tmp/out"
"$signet" mutelist list >"$tmp/out"
check "the imported rule is listed" grep -Eq "^ *2 +accounts=123456789012; signatures=AWS-IAM-005; resources=ci-\*, \*deploy\* +- +CI users sign in with SSO " "$tmp/out"
printf 'mutelist:\n  - match: {signatures: ["*"]}\n    reason: fine\n  - reason: [unclosed\n' >"$tmp/bad-mutes.yaml"
"$signet" mutelist import "$tmp/bad-mutes.yaml" >"$tmp/out" 2>"$tmp/err"
check "a bad file exits 2" test $? -eq 2
check "a bad file says where" grep -Eq "yaml: not valid YAML: .*\(line [0-9]+, column [0-9]+\)" "$tmp/err"
"$signet" mutelist list --output json >"$tmp/json"
check "nothing of a bad file is imported" python3 -c "import json; assert len(json.load(open('$tmp/json')))==2"
"$signet" mutelist import "$tmp/mutes.yaml" --replace >"$tmp/out" 2>"$tmp/err"
check "import --replace" grep -qF "Imported 1 mute rule(s) from $tmp/mutes.yaml, replacing the 2 stored" "$tmp/out"
"$signet" mutelist list --output json >"$tmp/json"
check "the exported rule comes back" python3 -c "
import json; d=json.load(open('$tmp/json'))
assert len(d)==1 and d[0]['reason']=='Break-glass user: MFA is a hardware token in the safe' and d[0]['author']=='ada', d
assert d[0]['match']['resources']==['breakglass'] and d[0]['expires']=='2099-12-31', d"
id=$(python3 -c "import json; print(json.load(open('$tmp/json'))[0]['id'])")
"$signet" mutelist remove "$id" >"$tmp/out"
check "mutelist remove" grep -qx "Removed mute rule $id" "$tmp/out"
"$signet" mutelist remove "$id" >"$tmp/out" 2>"$tmp/err"
check "removing it twice exits 2" test $? -eq 2
check "removing it twice says so" grep -qF "no mute rule $id" "$tmp/err"
unset SIGNET_DB

"$signet" version >"$tmp/out"
check "version" grep -q "SpiderMonkey 102" "$tmp/out"

echo "$passed passed, $failures failed"
exit $((failures > 0))
