#!/usr/bin/env bash
# Many scanners on one machine: a local PostgreSQL (initdb in a temporary folder, a free
# loopback port) as the store, a local redis-server as the work queue, moto as the cloud
# (seeded with the test account), three `signet worker` processes, one scan run through
# them, then the web console (`signet serve --queue`) on the same store until Ctrl-C.
# Everything is stopped and removed on exit. The production layout is the same with one
# PostgreSQL, one Redis and N workers on any hosts (README: "Many scanners").
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target signet
signet=$PWD/build/signet

work=$(mktemp -d /tmp/signet-cluster-XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "${pg_ctl:-}" ] && $as "$pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# PostgreSQL refuses to run as root: as root it runs as Debian's postgres user.
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_ctl=$bin/pg_ctl
as=""
if [ "$(id -u)" = 0 ]; then chown postgres "$work"; as="runuser -u postgres --"; fi
pg_port=$(free_port)
$as "$bin/initdb" -D "$work/pg" -U signet --auth=trust >/dev/null
$as "$pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1" start >/dev/null
"$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U signet signet
export SIGNET_DB="postgresql://signet@127.0.0.1:$pg_port/signet"
export SIGNET_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
pids+=($!)
queue="redis://127.0.0.1:$redis_port"

moto_port=$(free_port)
MOTO_EC2_LOAD_DEFAULT_AMIS=false MOTO_IAM_LOAD_MANAGED_POLICIES=true moto_server -H 127.0.0.1 -p "$moto_port" >"$work/moto.log" 2>&1 &
pids+=($!)
endpoint="http://127.0.0.1:$moto_port"
for _ in $(seq 100); do curl -s "$endpoint/moto-api/" >/dev/null && break; sleep 0.1; done
python3 src/aws/reference/seed_account.py "$endpoint" >/dev/null
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_EC2_METADATA_DISABLED=true

echo "PostgreSQL: $SIGNET_DB   Redis: $queue   AWS emulator: $endpoint"
for n in 1 2 3; do
  "$signet" worker --queue "$queue" --endpoint-url "$endpoint" --name "worker-$n" >"$work/worker-$n.log" 2>&1 &
  pids+=($!)
done
echo "Three workers started (logs in $work). A scan of the account, through them:"
"$signet" scan --queue "$queue" --endpoint-url "$endpoint" --regions us-east-1,eu-west-1 --no-notify || true
echo
echo "The web console, starting its scans through the same queue:"
"$signet" serve --queue "$queue" --endpoint-url "$endpoint" --regions us-east-1,eu-west-1 "$@"
