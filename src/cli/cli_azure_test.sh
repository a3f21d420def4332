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

# The fake kept up, reached as a service principal with a secret, like a real tenant.
"$signet" demo --provider azure --db "$tmp/kept.db" --keep-running >"$tmp/kept" 2>&1 &
demo_pid=$!
# The demo scans before it says so: up to 5 minutes on a slow, busy machine.
for _ in $(seq 3000); do grep -q "^The fake stays up" "$tmp/kept" && break; sleep 0.1; done
url=$(sed -n 's/^The fake stays up at \(http:[^ ]*\)\. .*/\1/p' "$tmp/kept")
check "the kept fake says where it is" test -n "$url"
eval "$(python3 -c "
import json
t = json.load(open('$root/src/emulator/azure_tenant.json'))
c = next(c for c in t['clients'] if 'secret' in c)
print('export AZURE_TENANT_ID=%s AZURE_CLIENT_ID=%s AZURE_CLIENT_SECRET=%s; subscription=%s' % (t['tenantId'], c['clientId'], c['secret'], t['subscriptions'][0]['subscriptionId']))")"
reach=(--resource-manager-url "$url" --graph-url "$url" --authority-host "$url" --key-vault-url "$url/keyvault")
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

# Stored Azure accounts: a subscription, and a tenant source listing every subscription the
# credentials read; `scan --accounts` reaches each as itself.
"$signet" accounts add azure-prod --provider azure --account-id "$subscription" --regions westeurope >"$tmp/out" 2>"$tmp/err"
check "accounts add --provider azure" test $? -eq 0
"$signet" accounts add bad-azure --provider azure --account-id 123456789012 >"$tmp/out" 2>"$tmp/err"
check "an Azure account needs its subscription id" grep -q "the subscription id" "$tmp/err"
"$signet" accounts test azure-prod "${reach[@]}" >"$tmp/out" 2>"$tmp/err"
check "accounts test reaches the subscription" grep -qF "account azure-prod: subscription $subscription (Signet test subscription)" "$tmp/out"
"$signet" organizations add contoso --provider azure >"$tmp/out" 2>"$tmp/err"
check "organizations add --provider azure" test $? -eq 0
"$signet" organizations members contoso "${reach[@]}" >"$tmp/out" 2>"$tmp/err"
check "a tenant's members are its subscriptions" grep -Eq "$subscription +Signet test subscription +ACTIVE" "$tmp/out"
"$signet" scan --accounts azure-prod "${reach[@]}" --output json >"$tmp/stored.json" 2>"$tmp/err"
check "scan --accounts of a stored subscription" python3 -c "
import json; d = json.load(open('$tmp/stored.json'))
assert d['results'] and all(r['provider'] == 'azure' for r in d['results'])
assert all(r['region'] in ('westeurope', 'global') for r in d['results']), sorted({r['region'] for r in d['results']})"
"$signet" scan --accounts contoso "${reach[@]}" --output json >"$tmp/tenant.json" 2>"$tmp/err"
check "scan --accounts of a tenant scans its subscription as a member" python3 -c "
import json; d = json.load(open('$tmp/tenant.json'))
assert d['results'] and all(r['accountId'] == '$subscription' for r in d['results'])
assert any(r['region'] == 'eastus' for r in d['results']), 'the member has every location, not the stored account\'s'"
"$signet" scan --accounts all "${reach[@]}" >"$tmp/out" 2>"$tmp/err"
check "scan --accounts all: the tenant's subscription is scanned once, as the stored account" grep -q "is scanned as a stored account" "$tmp/err"

# `signet test`: the provider is the signature's own.
sig="$root/signatures/azure/AZ-STOR-001"
"$signet" test "$sig.js" --meta "$sig.yaml" --subscription "$subscription" "${reach[@]}" >"$tmp/out" 2>"$tmp/err"
check "azure test exits 0" test $? -eq 0
check "azure test fails the open account" grep -Eq "Microsoft.Storage +westeurope +- +cctstorageopen +Fail" "$tmp/out"
check "azure test passes the locked one" grep -Eq "Microsoft.Storage +westeurope +- +cctstoragelocked +Pass" "$tmp/out"

echo "$passed passed, $failures failed"
exit $((failures > 0))
