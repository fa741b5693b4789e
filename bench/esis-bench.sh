#!/usr/bin/env bash
# Esis figures for docs/performance.md, against gateways started here (loopback only).
#   bench/esis-bench.sh sqlite|postgres [seconds] [connections]
# Every measured run prints a calibration of the machine's speed beside it and the CPU per submission of each
# process (gateway, PostgreSQL, load generator; bench/lib/cpu.sh): on a shared machine the rates move by ±25 %
# between runs minutes apart, the CPU per submission much less. Compare before/after only within one run.
# Environment (default after the =):
#   PHASES="throughput memory timing"   throughput: wrk PUTs of new hulpvragen; memory: RSS growth while a 10 MiB
#                       attachment arrives; timing: the code check, wrong first vs wrong last character
#   SRC=.               the source tree built and measured (e.g. a worktree at an older commit); the binaries run from a
#                       copy, so a build elsewhere during the run cannot swap them
#   NOBUILD=1           skip the Release build of SRC (use its bin/Release); BUILD_LOCK=/work/build.lock builds under flock
#   INSTANCES=1         gateways on one database (postgres); wrk runs against each with connections/INSTANCES
#   GW_EXTRA=""         more gateway settings, e.g. "--RateLimits:PerAdresPerSeconde 20000 --RateLimits:Burst 10" (the
#                       shared per-address limit on, one upsert per 10 requests as at the default 200/s)
#   RUNS=1              measured runs per phase (same gateways, back to back)
#   RETENTION_ROWS=0    postgres: that many delivered callbacks, 60 days old, seeded first; the throughput run is then
#                       repeated while a retention worker (one more gateway, Retentie:EersteRonde 1 s, the default batch
#                       and pause) deletes them: intake p99 before and during
#   EXTRA_SQL=""        postgres: SQL run after the migrations, to try a schema change (e.g. without an index) under the same load
#   PG_OPTS=""          postgres: more server settings, e.g. "-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=0"
#   PGSTAT=0            postgres: the top statements of the last measured run (pg_stat_statements)
# Needs: wrk (apt-get install -y wrk), curl, python3, openssl; for postgres the local initdb/pg_ctl and psql.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/cpu.sh
provider=${1:-sqlite}; seconds=${2:-20}; conns=${3:-32}
phases=${PHASES:-"throughput memory timing"}; src=${SRC:-.}; instances=${INSTANCES:-1}; runs=${RUNS:-1}
retention_rows=${RETENTION_ROWS:-0}
case "$provider" in sqlite|postgres) ;; *) echo "usage: $0 sqlite|postgres [seconds] [connections]"; exit 1;; esac
code="12AB00-benchmark-code-2026"
pepper="bench-pepper-with-enough-characters-0123456789"
work=$(mktemp -d /tmp/esis-bench.XXXXXX)
pids=()
pg_started=""
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -z "$pg_started" ] || run "$pgctl_bin" -D "$work/pg" -m fast stop >/dev/null || true
  [ -z "${KEEP_PG_LOG:-}" ] || cp "$work/pg.log" "$KEEP_PG_LOG" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

echo "== source: $(git -C "$src" rev-parse --short HEAD) ($src), uncommitted files under src/: $(git -C "$src" status --porcelain -- src | wc -l)"
if [ -z "${NOBUILD:-}" ]; then
  ${BUILD_LOCK:+flock "$BUILD_LOCK"} dotnet build -c Release -v q "$src/src/Gateway" >"$work/build.log" 2>&1 || { grep -E "error" "$work/build.log" | sort -u | head; exit 1; }
fi
cp -r "$src/src/Gateway/bin/Release/net10.0" "$work/gw-bin"
gw=(dotnet "$work/gw-bin/gateway.dll")
# The failure limits are raised only so the timing probe measures the code check, not the 429 short-cut.
args=(--Storage:Provider "$provider" --Esis:CodePepper "$pepper" --Logging:MinimumLevel Warning --RateLimits:PerAdresPerSeconde 0
  --Esis:MaxMislukkingenPerSchool 10000 --Esis:MaxMislukkingenPerAdresEnSchool 10000 --Esis:MaxMislukkingenPerAdres 100000
  --Retentie:EersteRonde 1.00:00:00)
if [ "$provider" = postgres ]; then
  mkdir -p "$work/pg"; chown postgres "$work" "$work/pg" 2>/dev/null || true
  pgport=$(free_port)
  initdb_bin=$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -1); pgctl_bin=$(dirname "$initdb_bin")/pg_ctl
  run "$initdb_bin" -D "$work/pg" -U postgres --auth=trust >/dev/null
  run "$pgctl_bin" -D "$work/pg" -l "$work/pg.log" -o "-p $pgport -h 127.0.0.1 -k $work -c max_connections=300 -c shared_preload_libraries=pg_stat_statements ${PG_OPTS:-}" -w start >/dev/null
  pg_started=1
  BENCH_PGDATA=$work/pg
  args+=(--ConnectionStrings:Gateway "Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres;Maximum Pool Size=64")
  sql() { psql -X -q -t -A -h 127.0.0.1 -p "$pgport" -U postgres -d postgres -v ON_ERROR_STOP=1 -c "$1"; }
  sql "CREATE EXTENSION pg_stat_statements" >/dev/null
  echo "PostgreSQL $(sql 'SHOW server_version') (fsync and synchronous_commit on, the defaults)"
else
  args+=(--ConnectionStrings:Gateway "Data Source=$work/gateway.db")
fi
# shellcheck disable=SC2206
extra=(${GW_EXTRA:-})
"${gw[@]}" migrate "${args[@]}" >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log"; exit 1; }
[ -z "${EXTRA_SQL:-}" ] || [ "$provider" != postgres ] || sql "$EXTRA_SQL" >/dev/null
echo "$code" | "${gw[@]}" esis register --brin 12AB --vestiging 00 --callback-url https://esis.example/swv "${args[@]}" >"$work/register.log" 2>&1 \
  || { cat "$work/register.log"; exit 1; }

urls=(); gw_pids=()
for i in $(seq 1 "$instances"); do
  port=$(free_port)
  "${gw[@]}" serve "${args[@]}" "${extra[@]}" --Urls "http://127.0.0.1:$port" >"$work/gw$i.log" 2>&1 &
  gw_pids+=($!); pids+=($!); urls+=("http://127.0.0.1:$port")
done
for i in "${!urls[@]}"; do
  for _ in $(seq 1 150); do curl -sf "${urls[$i]}/health/ready" >/dev/null && break; sleep 0.2; done
  { curl -sf "${urls[$i]}/health/ready" >/dev/null && kill -0 "${gw_pids[$i]}" 2>/dev/null; } || { echo "gateway $((i + 1)) not ready"; cat "$work/gw$((i + 1)).log"; exit 1; }
done
BENCH_GW_PIDS="${gw_pids[*]}"
url=${urls[0]}; pid=${gw_pids[0]}
per=$(( conns / instances )); [ "$per" -ge 1 ] || per=1
echo "== $provider: $instances gateway(s)${GW_EXTRA:+ with $GW_EXTRA}, wrk -t2 -c$per against each, ${seconds}s per run; $(nproc) cores"

# One measured wrk run against every instance at once; prints the rate, latency and the CPU per submission.
tag=0
wrk_all() { # $1 = seconds, $2 = label
  local i out=()
  tag=$((tag + 1))
  for i in "${!urls[@]}"; do
    wrk -t2 -c"$per" -d"$1s" --latency -s bench/esis-put.lua "${urls[$i]}" -- "$code" "r$tag.$i." >"$work/wrk.$i" 2>&1 &
    out+=($!)
  done
  for i in "${out[@]}"; do wait "$i" || true; done
  [ -n "${2:-}" ] || return 0
  python3 - "$work" "${#urls[@]}" "$2" <<'PY'
import re, sys
work, n, label = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rate = ok = total = 0; p = {}
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s)", v); x = float(m.group(1))
    return x / 1000 if m.group(2) == "us" else x * 1000 if m.group(2) == "s" else x
for i in range(n):
    t = open(f"{work}/wrk.{i}").read()
    rate += float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    req = int(re.search(r"(\d+) requests in", t).group(1)); total += req
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
    ok += req - (int(bad.group(1)) if bad else 0)
    for q in ("50", "90", "99"):
        m = re.search(rf"^\s+{q}%\s+(\S+)", t, re.M)
        if m: p[q] = max(p.get(q, 0), ms(m.group(1)))
print(f"{label}: {rate:,.0f} submissions/s ({ok} answered 2xx of {total}); latency p50 {p.get('50', 0):.1f} / p90 {p.get('90', 0):.1f} / p99 {p.get('99', 0):.1f} ms" + (" (worst instance)" if n > 1 else ""))
open(f"{work}/ok", "w").write(str(ok))
PY
}

measured() { # $1 = label
  bench_calibrate
  [ "$provider" != postgres ] || sql "SELECT pg_stat_statements_reset(), pg_stat_reset(), pg_stat_reset_shared('wal')" >/dev/null
  bench_cpu_start
  wrk_all "$seconds" "$1"
  bench_cpu_stop "$(cat "$work/ok")" submission
}

if [[ " $phases " == *" throughput "* ]]; then
  wrk_all 10 ""   # warm-up (JIT, pools)
  # A production database has statistics; a bench's fresh tables would otherwise keep plans made while they were empty
  # (the foreign-key checks of statushistorie and ontvangst then scan hulpvraag, dearer with every row).
  [ "$provider" != postgres ] || [ -n "${NO_ANALYZE:-}" ] || sql "ANALYZE" >/dev/null
  for r in $(seq 1 "$runs"); do measured "run $r"; done
  if [ "$retention_rows" -gt 0 ] && [ "$provider" = postgres ]; then
    echo "== retention: seeding $retention_rows delivered callbacks, 60 days old"
    sql "INSERT INTO aflevering (gebeurtenis_id, kanaal, dossiernummer, volgorde_sleutel, bestemming, brin, payload, toestand, pogingen,
           volgende_poging_op, aangemaakt_op, afgeleverd_op)
         SELECT gen_random_uuid(), 'esis-callback', k, 'esis:12AB:R-' || k, 'esis:12AB', '12AB',
           '{\"gebeurtenisId\":\"00000000-0000-0000-0000-000000000000\",\"soort\":\"statuswijziging\",\"systeem\":\"esis\",\"referentie\":\"R\",\"statusCode\":\"in-behandeling\"}',
           'afgeleverd', 1, now() - interval '60 days', now() - interval '60 days', now() - interval '60 days'
         FROM generate_series(1, $retention_rows) k" >/dev/null
    sql "VACUUM ANALYZE aflevering" >/dev/null
    wrk_all 5 ""
    measured "before retention"
    port=$(free_port)
    "${gw[@]}" serve "${args[@]}" --Urls "http://127.0.0.1:$port" --Retentie:EersteRonde 00:00:01 >"$work/retentie.log" 2>&1 &
    rpid=$!; pids+=("$rpid")
    for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.2; done
    r0=$(date +%s%N); rc0=$(bench_jiffies "$rpid"); n0=$(sql "SELECT count(*) FROM aflevering WHERE toestand = 'afgeleverd'")
    sleep 1
    measured "during retention"
    n1=$(sql "SELECT count(*) FROM aflevering WHERE toestand = 'afgeleverd' AND afgeleverd_op < now() - interval '30 days'")
    t1=$(date +%s%N); rc1=$(bench_jiffies "$rpid")
    echo "retention worker: $((n0 - n1)) rows deleted in $(( (t1 - r0) / 1000000 )) ms ($(( (n0 - n1) * 1000000000 / (t1 - r0) ))/s), its CPU $(awk -v j=$((rc1 - rc0)) -v hz="$BENCH_HZ" 'BEGIN{printf "%.2f", j/hz}') s; $n1 still to go"
    for _ in $(seq 1 600); do
      [ "$(sql "SELECT count(*) FROM aflevering WHERE toestand = 'afgeleverd' AND afgeleverd_op < now() - interval '30 days'")" = 0 ] && break
      sleep 1
    done
    t2=$(date +%s%N); rc2=$(bench_jiffies "$rpid")
    echo "retention worker: all $retention_rows gone $(( (t2 - r0) / 1000000 )) ms after it started, its CPU $(awk -v j=$((rc2 - rc0)) -v hz="$BENCH_HZ" 'BEGIN{printf "%.2f", j/hz}') s in all; audit: $(sql "SELECT onderwerp || ' ' || details FROM audit WHERE actie = 'retentie.verwijderd' ORDER BY id" | tr '\n' ';')"
    kill "$rpid" 2>/dev/null || true; wait "$rpid" 2>/dev/null || true
    measured "after retention"
  fi
  if [ -n "${PGSTAT:-}" ] && [ "$provider" = postgres ]; then
    echo "database time per statement of the last run (pg_stat_statements; µs mean execution, shared blocks per call):"
    sql "SELECT calls || ' calls, ' || round(mean_exec_time::numeric * 1000) || ' µs mean, '
         || round((shared_blks_hit + shared_blks_read)::numeric / greatest(calls, 1), 1) || ' blocks each: ' || regexp_replace(left(query, 120), '\s+', ' ', 'g')
         FROM pg_stat_statements WHERE query !~* 'pg_stat_statements' ORDER BY total_exec_time DESC LIMIT 8" | sed 's/^/  /'
    n=$(cat "$work/ok")
    echo "per submission: $(sql "SELECT round(sum(calls)::numeric / $n, 2) || ' statements, ' || round(sum(shared_blks_hit + shared_blks_read)::numeric / $n, 1)
           || ' blocks, ' || round(sum(shared_blks_dirtied)::numeric / $n, 2) || ' dirtied, ' || round(sum(wal_records)::numeric / $n, 1) || ' WAL records, '
           || round(sum(wal_bytes)::numeric / $n) || ' WAL bytes, ' || round(sum(wal_fpi)::numeric / $n, 2) || ' full-page images'
         FROM pg_stat_statements WHERE query !~* 'pg_stat_statements'"); $(sql "SELECT 'sessions started ' || sum(sessions) || ', commits ' || sum(xact_commit)
         || ', rollbacks ' || sum(xact_rollback) FROM pg_stat_database"); WAL $(sql "SELECT wal_records || ' records, ' || wal_fpi || ' fpi, ' || wal_bytes || ' bytes, ' || wal_sync || ' syncs' FROM pg_stat_wal")"
  fi
fi
if [[ " $phases " == *" memory "* ]]; then
  echo "== memory (RSS growth while one 10 MiB attachment arrives)"
  python3 bench/esis-memory.py "$url" "$code" "$pid"
fi
if [[ " $phases " == *" timing "* ]]; then
  echo "== code check timing (wrong first vs wrong last character)"
  python3 bench/esis-timing.py "$url" "$code"
fi
