#!/usr/bin/env bash
# Esis figures for docs/performance.md, against the running gateway on this machine (loopback only).
#   bench/esis-bench.sh sqlite|postgres [seconds] [connections]
# Needs: wrk (apt-get install -y wrk), python3; for postgres the local initdb/pg_ctl.
set -euo pipefail
cd "$(dirname "$0")/.."
provider=${1:-sqlite}; seconds=${2:-20}; conns=${3:-32}
work=$(mktemp -d); port=18080; url=http://127.0.0.1:$port
code="12AB00-benchmark-code-2026"
dotnet build -c Release -v q src/Gateway >/dev/null
gw=src/Gateway/bin/Release/net10.0/gateway
args=(--Urls "$url" --Storage:Provider "$provider" --Esis:CodePepper "bench-pepper-with-enough-characters-0123456789" --Logging:MinimumLevel Warning --RateLimits:PerAdresPerSeconde 0
  --Esis:MaxMislukkingenPerSchool 10000 --Esis:MaxMislukkingenPerAdresEnSchool 10000 --Esis:MaxMislukkingenPerAdres 100000)
# The failure limits are raised only so the timing probe measures the code check, not the 429 short-cut.
if [ "$provider" = postgres ]; then
  pgdata=$work/pg; mkdir -p "$pgdata"; chown postgres "$work" "$pgdata" 2>/dev/null || true
  pgport=15432
  run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  initdb_bin=$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -1); pgctl_bin=$(dirname "$initdb_bin")/pg_ctl
  run "$initdb_bin" -D "$pgdata" -U postgres --auth=trust >/dev/null
  run "$pgctl_bin" -D "$pgdata" -l "$work/pg.log" -o "-p $pgport -h 127.0.0.1 -k $work -c max_connections=200" -w start >/dev/null
  trap 'run "$pgctl_bin" -D "$pgdata" -m fast stop >/dev/null; rm -rf "$work"' EXIT
  args+=(--ConnectionStrings:Gateway "Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres;Maximum Pool Size=64")
else
  args+=(--ConnectionStrings:Gateway "Data Source=$work/gateway.db")
  trap 'rm -rf "$work"' EXIT
fi
echo "$code" | $gw esis register --brin 12AB --vestiging 00 --callback-url https://esis.example/swv "${args[@]}" > "$work/register.log" 2>&1 || { cat "$work/register.log"; exit 1; }
$gw serve "${args[@]}" > "$work/gw.log" 2>&1 & pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; '"$(trap -p EXIT | sed "s/^trap -- '//; s/' EXIT$//")" EXIT
for _ in $(seq 1 100); do curl -sf "$url/health/ready" >/dev/null && break; sleep 0.2; done
wrk -t2 -c"$conns" -d5s -s bench/esis-put.lua "$url" -- "$code" >/dev/null   # warm-up (JIT, pools)
echo "== $provider: $conns connections, ${seconds}s"
wrk -t2 -c"$conns" -d"${seconds}s" --latency -s bench/esis-put.lua "$url" -- "$code" | grep -E "Requests/sec|requests|p50|p90|p99|Non-2xx"
echo "== memory (RSS growth while one 10 MiB attachment arrives)"
python3 bench/esis-memory.py "$url" "$code" "$pid"
echo "== code check timing (wrong first vs wrong last character)"
python3 bench/esis-timing.py "$url" "$code"
