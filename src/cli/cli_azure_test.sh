#!/usr/bin/env bash
# Azure through the real binary, as a user runs it: the demo over the Azure fake's tenant,
# then `scan`, `inventory` and `test` reaching the fake the demo keeps up.
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

# The demo: the tenant scanned by the built-in Azure signatures, its risks printed.
"$signet" demo --provider azure --db "$tmp/demo.db" >"$tmp/demo" 2>&1
check "azure demo exits 0" test $? -eq 0
check "azure demo finds the open storage account" grep -Eq "AZ-STOR-001 +Microsoft.Storage +westeurope +- +cctstorageopen" "$tmp/demo"
check "azure demo's scan had no Error" grep -Eq "Scan [0-9]+: .*, 0 Error\)" "$tmp/demo"
"$signet" demo --provider azure --serve >"$tmp/out" 2>"$tmp/err"
check "azure demo --serve is refused for now" test $? -eq 2

# The fake kept up, reached as a service principal with a secret, like a real tenant.
"$signet" demo --provider azure --db "$tmp/kept.db" --keep-running >"$tmp/kept" 2>&1 &
demo_pid=$!
for _ in $(seq 600); do grep -q "^The fake stays up" "$tmp/kept" && break; sleep 0.1; done
url=$(sed -n 's/^The fake stays up at \(http:[^ ]*\)\. .*/\1/p' "$tmp/kept")
check "the kept fake says where it is" test -n "$url"
eval "$(python3 -c "
import json
t = json.load(open('$root/src/emulator/azure_tenant.json'))
c = next(c for c in t['clients'] if 'secret' in c)
print('export AZURE_TENANT_ID=%s AZURE_CLIENT_ID=%s AZURE_CLIENT_SECRET=%s; subscription=%s' % (t['tenantId'], c['clientId'], c['secret'], t['subscriptions'][0]['subscriptionId']))")"
reach=(--resource-manager-url "$url" --graph-url "$url" --authority-host "$url")
export SIGNET_DB="$tmp/cli.db"

"$signet" scan --provider azure --subscription "$subscription" "${reach[@]}" --output json >"$tmp/scan.json" 2>"$tmp/err"
check "azure scan exits 0" test $? -eq 0
check "azure scan's results are the subscription's" python3 -c "
import json; d = json.load(open('$tmp/scan.json'))
rs = d['results']
assert rs and all(r['provider'] == 'azure' and r['accountId'] == '$subscription' for r in rs), rs[:2]
assert any(r['status'] == 'Fail' and r['resourceName'] == 'cctstorageopen' for r in rs), rs
assert not any(r['signatureId'].startswith('AWS-') for r in rs)"
"$signet" scan --provider azure "${reach[@]}" >"$tmp/out" 2>"$tmp/err"
check "azure scan without a subscription exits 2" test $? -eq 2
check "azure scan without a subscription says so" grep -q "needs --subscription" "$tmp/err"
"$signet" scan --provider azure --subscription "$subscription" --services Microsoft.Storag "${reach[@]}" >"$tmp/out" 2>"$tmp/err"
check "an unknown Azure service is named" grep -qF "unknown service(s): Microsoft.Storag (did you mean Microsoft.Storage?)" "$tmp/err"
"$signet" scan --provider azure --subscription "$subscription" --accounts all "${reach[@]}" >"$tmp/out" 2>"$tmp/err"
check "azure scan --accounts is refused for now" test $? -eq 2

"$signet" inventory --provider azure --subscription "$subscription" --services Microsoft.Storage --regions westeurope "${reach[@]}" --json >"$tmp/inv.json"
check "azure inventory exits 0" test $? -eq 0
check "azure inventory lists West Europe's storage" python3 -c "
import json; d = json.load(open('$tmp/inv.json'))
names = sorted(r['name'] for r in d['resources'] if r['type'] == 'storageAccount')
assert names == ['cctstoragelocked', 'cctstorageopen'], names
assert d['accountId'] == '$subscription' and d['problems'] == [], d['problems']"

# `signet test`: the provider is the signature's own.
sig="$root/signatures/azure/AZ-STOR-001"
"$signet" test "$sig.js" --meta "$sig.yaml" --subscription "$subscription" "${reach[@]}" >"$tmp/out" 2>"$tmp/err"
check "azure test exits 0" test $? -eq 0
check "azure test fails the open account" grep -Eq "Microsoft.Storage +westeurope +- +cctstorageopen +Fail" "$tmp/out"
check "azure test passes the locked one" grep -Eq "Microsoft.Storage +westeurope +- +cctstoragelocked +Pass" "$tmp/out"

echo "$passed passed, $failures failed"
exit $((failures > 0))
