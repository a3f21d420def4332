#!/usr/bin/env bash
# `signet demo --provider PROVIDER --serve`: the console over a fake cloud's estate, through
# its REST API as a script would use it: the demo's organization is stored and lists its
# members, the demo's first scans are there, and a scan started from the API reaches every
# member again and completes.
set -u
provider="$1"; signet="$2"
tmp=$(mktemp -d)
served_pid=""
trap '[ -n "$served_pid" ] && kill "$served_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
failures=0; passed=0
check() { # name, condition-command...
  local name="$1"; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAILED: $name"; failures=$((failures + 1)); fi
}
api() { # METHOD PATH [BODY]: the answer in $tmp/body, the status printed
  curl -s -o "$tmp/body" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
    ${3:+--data "$3"} "$url$2"
}

"$signet" demo --provider "$provider" --serve --listen 127.0.0.1:0 --db "$tmp/demo.db" --workers 2 >"$tmp/out" 2>&1 &
served_pid=$!
# The demo scans before it serves: up to 5 minutes on a slow, busy machine (a bound, not a measure).
for _ in $(seq 3000); do grep -q "Web console at" "$tmp/out" && break; kill -0 "$served_pid" 2>/dev/null || break; sleep 0.1; done
url=$(grep -o "Web console at http://127.0.0.1:[0-9]*" "$tmp/out" | grep -o "http://.*")
check "the $provider demo serves its console" test -n "$url"
check "it says how to sign in" grep -Eq "^Sign in as admin with password [0-9a-f]+" "$tmp/out"
check "its first scan had no Error" grep -Eq "Scans? [0-9.]+: .*, 0 Error\)" "$tmp/out"
[ -n "$url" ] || { cat "$tmp/out"; exit 1; }
token=$(SIGNET_DB="$tmp/demo.db" "$signet" users token admin --name ci 2>"$tmp/err")
check "an API token for the demo's admin" grep -q "^sgt_" <<<"$token"
[ "$failures" -eq 0 ] || { cat "$tmp/out" "$tmp/err"; exit 1; }

# The editor completes the provider's calls, offline: from the fake's Discovery service for
# Google Cloud, from the catalog for Azure.
service=$([ "$provider" = gcp ] && echo compute || echo Microsoft.Storage)
code=$(api GET "/api/$provider/services/$service")
check "the console completes $service's calls" python3 -c "
import json
d = json.load(open('$tmp/body'))
assert $code == 200 and 'unavailable' not in d and len(d['operations']) > 0, d"

code=$(api GET /api/organizations)
check "the demo's estate is a stored organization of provider $provider" python3 -c "
import json, sys
items = json.load(open('$tmp/body'))['items']
assert [o['provider'] for o in items] == ['$provider'], items" "$code"
org_id=$(python3 -c "import json; print(json.load(open('$tmp/body'))['items'][0]['id'])")
code=$(api GET "/api/organizations/$org_id/members")
check "the organization lists its members through the $provider connector" python3 -c "
import json
d = json.load(open('$tmp/body'))
members = d.get('items', d.get('members', d)) if isinstance(d, dict) else d
assert $code == 200 and len(members) >= 1, d"
members=$(python3 -c "
import json
d = json.load(open('$tmp/body'))
members = d.get('items', d.get('members', d)) if isinstance(d, dict) else d
print(sum(1 for m in members if m.get('scanned')))")

code=$(api GET /api/scans)
before=$(python3 -c "import json; print(sum(1 for s in json.load(open('$tmp/body'))['items'] if s['status'] == 'complete'))")
check "the demo's first scans are stored, one per member" test "$before" -eq "$members"
code=$(api POST /api/scans '{"accounts": "all"}')
check "a scan of every account starts from the API" test "$code" = 202
# (Polled up to 5 minutes: a bound for a slow machine, not a measure.)
for _ in $(seq 3000); do
  [ "$(api GET /api/scans/current)" = 200 ] || break
  running=$(python3 -c "import json; print(json.load(open('$tmp/body'))['running'])")
  [ "$(api GET /api/scans)" = 200 ] || break
  done_now=$(python3 -c "import json; print(sum(1 for s in json.load(open('$tmp/body'))['items'] if s['status'] == 'complete'))")
  [ "$running" = False ] && [ "$done_now" -ge $((before + members)) ] && break
  sleep 0.1
done
check "the console's scan reaches every member again and completes" python3 -c "
import json
items = json.load(open('$tmp/body'))['items']
latest = [s for s in items if s['status'] == 'complete'][:$members]
assert len(latest) == $members, items
for s in latest:
    stats = s.get('stats', {})
    assert stats.get('complete', True) and stats.get('error', 0) == 0 and stats.get('evaluations', 0) > 0, s"

kill "$served_pid" 2>/dev/null; wait "$served_pid" 2>/dev/null; served_pid=""
echo "$passed passed, $failures failed"
[ "$failures" -eq 0 ]
