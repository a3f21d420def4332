#!/usr/bin/env bash
# Google Cloud through the real binary, as a user runs it: the demo over the Google Cloud
# fake's organization, then `scan`, `inventory`, `test`, `call` and stored projects and
# organizations reaching the fake the demo keeps up, as its scanner service account (a key file).
set -u
signet="$1"; root="$2"
tmp=$(mktemp -d)
demo_pid=""
trap '[ -n "$demo_pid" ] && kill "$demo_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
failures=0; passed=0
check() { # name, condition-command...
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAILED: $name"; failures=$((failures + 1)); fi
}

"$signet" demo --provider gcp --db "$tmp/kept.db" --keep-running >"$tmp/kept" 2>&1 &
demo_pid=$!
# The demo scans before it says so: up to 5 minutes on a slow, busy machine.
for _ in $(seq 3000); do grep -q "^The fake stays up" "$tmp/kept" && break; sleep 0.1; done
url=$(sed -n 's/^The fake stays up at \(http:[^ ]*\)\. .*/\1/p' "$tmp/kept")
key=$(sed -n 's/.*GOOGLE_APPLICATION_CREDENTIALS=\([^ ]*\) .*/\1/p' "$tmp/kept")
check "the kept fake says where it is and which key reaches it" test -n "$url" -a -f "$key"
check "the gcp demo's scans (each project of the organization) had no Error" grep -Eq "Scans [0-9]+\.\.: .*, 0 Error\)" "$tmp/kept"
export GOOGLE_APPLICATION_CREDENTIALS="$key" SIGNET_DB="$tmp/cli.db"
reach=(--google-endpoint-url "$url")

# A signature of one's own: SSH open to the Internet, through lib.gcp.
mkdir -p "$tmp/sigs"
cat >"$tmp/sigs/ssh.yaml" <<'YAML'
description: "Firewall rules do not open SSH to the Internet"
provider: gcp
service: compute
resourceType: firewall
riskLevel: High
passMessage: "SSH is not open to the Internet"
failMessage: "SSH is open to the Internet"
YAML
cat >"$tmp/sigs/ssh.js" <<'JS'
module.exports = async function (apiCaller, resource, lib) {
  const open = lib.gcp.firewallOpenToInternet(resource.data, [22]);
  return { statusSig: open.length === 0, statusMessage: open.length ? resource.name + " lets the Internet in on port 22" : undefined };
};
JS
"$signet" test "$tmp/sigs/ssh.js" --meta "$tmp/sigs/ssh.yaml" --project signet-prod "${reach[@]}" >"$tmp/out" 2>"$tmp/err"
check "gcp test exits 0" test $? -eq 0
check "gcp test fails the rule open to the Internet" grep -Eq "compute +global +\S+ +default-allow-ssh +Fail" "$tmp/out"
check "gcp test passes the one from IAP's range" grep -Eq "compute +global +\S+ +prod-allow-ssh-from-iap +Pass" "$tmp/out"

"$signet" signatures import "$tmp/sigs" >"$tmp/out" 2>"$tmp/err"
check "a Google Cloud signature is imported" test $? -eq 0
"$signet" scan --provider gcp --project signet-prod --signatures CUSTOM-0001 "${reach[@]}" --output json >"$tmp/scan.json" 2>"$tmp/err"
check "gcp scan exits 0" test $? -eq 0
check "gcp scan's results are the project's" python3 -c "
import json; d = json.load(open('$tmp/scan.json'))
rs = d['results']
assert rs and all(r['provider'] == 'gcp' and r['accountId'] == 'signet-prod' for r in rs), rs[:2]
assert {r['resourceName'] for r in rs if r['status'] == 'Fail'} == {'default-allow-ssh'}, rs"
"$signet" scan --provider gcp --project signet-prod --services computer "${reach[@]}" >"$tmp/out" 2>"$tmp/err"
check "an unknown Google Cloud service is named" grep -qF "unknown service(s): computer (did you mean compute?)" "$tmp/err"
"$signet" scan --provider gcp --project signet-prod --regions us-centrall1 "${reach[@]}" >"$tmp/out" 2>"$tmp/err"
check "an unknown Google Cloud region is named" grep -qF "us-centrall1 (did you mean us-central1?)" "$tmp/err"

"$signet" inventory --provider gcp --project signet-prod --services compute --regions europe-west1 "${reach[@]}" --json >"$tmp/inv.json"
check "gcp inventory exits 0" test $? -eq 0
check "gcp inventory lists europe-west1's instances and global firewalls" python3 -c "
import json; d = json.load(open('$tmp/inv.json'))
regions = {r['region'] for r in d['resources']}
assert regions <= {'europe-west1', 'global'} and 'europe-west1' in regions, regions
assert any(r['type'] == 'firewall' for r in d['resources'])
assert d['accountId'] == 'signet-prod' and d['problems'] == [], d['problems']"

"$signet" call gcp compute firewalls.list --project signet-prod "${reach[@]}" >"$tmp/call.json" 2>"$tmp/err"
check "call gcp lists the project's firewalls" python3 -c "
import json; assert any(f['name'] == 'default-allow-ssh' for f in json.load(open('$tmp/call.json')))"
"$signet" call gcp compute firewalls.delete --params '{"project": "signet-prod", "firewall": "x"}' "${reach[@]}" >"$tmp/out" 2>"$tmp/err"
check "call gcp refuses a write" grep -q "Signet only reads" "$tmp/err"

# Stored projects, and an organization source listing every project the credentials read.
"$signet" accounts add gcp-prod --provider gcp --account-id signet-prod >"$tmp/out" 2>"$tmp/err"
check "accounts add --provider gcp" test $? -eq 0
"$signet" accounts test gcp-prod "${reach[@]}" >"$tmp/out" 2>"$tmp/err"
check "accounts test reaches the project" grep -qF "account gcp-prod: project signet-prod as service account key" "$tmp/out"
"$signet" organizations add example --provider gcp --exclude-accounts signet-sandbox >"$tmp/out" 2>"$tmp/err"
check "organizations add --provider gcp" test $? -eq 0
"$signet" organizations members example "${reach[@]}" >"$tmp/out" 2>"$tmp/err"
check "an organization's members are its projects" grep -Eq "signet-dev +.* +ACTIVE" "$tmp/out"
"$signet" scan --accounts example --signatures CUSTOM-0001 "${reach[@]}" --output json >"$tmp/org.json" 2>"$tmp/err"
check "scan --accounts of an organization scans each project as itself" python3 -c "
import json; d = json.load(open('$tmp/org.json'))
assert {r['accountId'] for r in d['results']} == {'signet-prod', 'signet-dev'}, {r['accountId'] for r in d['results']}"

echo "$passed passed, $failures failed"
exit $((failures > 0))
