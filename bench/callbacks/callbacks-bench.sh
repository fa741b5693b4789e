#!/usr/bin/env bash
# Callback (outbox) figures for docs/performance.md, on this machine, loopback only, against a throwaway PostgreSQL.
#   bench/callbacks/callbacks-bench.sh [throughput|lag|parts|all]      (default all)
# throughput: TOTAL callbacks written at once, delivered by 1 and by 3 instances to bench/callbacks/Receiver;
# lag: RATE real status changes per second through the admin API for SECONDS_LOAD s, the age of the oldest waiting
# callback sampled every 500 ms; parts: the pieces of one delivery timed on their own (bench/callbacks/Parts).
# Environment (default after the =):
#   INSTANCES="1 3"     instance counts for the throughput runs
#   TOTAL=20000 HULPVRAGEN=2000   callbacks written at once for the throughput runs (TOTAL/HULPVRAGEN per hulpvraag)
#   HISTORY=0           delivered rows already in the outbox table before a throughput run (the table keeps them)
#   EXTRA_SQL=""        SQL run after the migrations, to try a schema change (e.g. an index) against the same load
#   BATCH=100 PARALLEL=16 POLL=00:00:00.100   Callbacks:BatchSize, MaxParallel, PollInterval of every instance
#   RATE=200 SECONDS_LOAD=60    status changes per second and for how long in the lag run
#   TRACE_OUT=path      also sample the first instance's stacks (dotnet-trace) into path.N.nettrace
#   NOBUILD=1           skip the Release builds (already built)
#   HANG=0              lag run: also HANG hulpvragen of a second school whose callback receiver hangs (TRAAG_MS, 30 s)
#   GW_EXTRA=""         more settings for every instance, e.g. e-mail on: "--Email:Smtp:Host 127.0.0.1 --Email:Smtp:Port 2525
#                       --Email:Smtp:Security None --Email:Afzender noreply@bench.example --Email:BasisUrl http://127.0.0.1:18081"
#   LOGLEVEL=Warning    Logging:MinimumLevel of the instances (Information writes one log line per delivered callback)
# Needs: the local initdb/pg_ctl and psql (apt-get install -y postgresql), python3, curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib/cpu.sh   # CPU per operation per process and the machine calibration (issue 12)
mode=${1:-all}
instances=${INSTANCES:-"1 3"}
total=${TOTAL:-20000}; hulpvragen=${HULPVRAGEN:-2000}
batch=${BATCH:-100}; parallel=${PARALLEL:-16}; poll=${POLL:-00:00:00.100}
rate=${RATE:-200}; seconds_load=${SECONDS_LOAD:-60}
loglevel=${LOGLEVEL:-Warning}
pepper="bench-pepper-with-enough-characters-0123456789"
code="12AB00-callback-bench-code-2026"; code_traag="34CD00-callback-bench-code-2026"
adminkey="bench-admin-bootstrap-key-0123456789abcdef"
receiver_url=http://127.0.0.1:18090
work=$(mktemp -d /tmp/callbacks-bench.XXXXXX)
pids=()

if [ -z "${NOBUILD:-}" ]; then
  echo "== build (Release)"
  ${BUILD_LOCK:+flock "$BUILD_LOCK"} dotnet build -c Release -v q src/Gateway >/dev/null
  for p in Receiver StatusLoad Parts; do ${BUILD_LOCK:+flock "$BUILD_LOCK"} dotnet build -c Release -v q "bench/callbacks/$p" >/dev/null; done
fi
gw=(dotnet src/Gateway/bin/Release/net10.0/gateway.dll)
load=(dotnet bench/callbacks/StatusLoad/bin/Release/net10.0/status-load.dll)

# Throwaway PostgreSQL 15 cluster (as bench/esis-bench.sh), with pg_stat_statements to see where database time goes.
pgdata=$work/pg; mkdir -p "$pgdata"; chown postgres "$work" "$pgdata" 2>/dev/null || true
pgport=15433
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
initdb_bin=$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -1); pgctl_bin=$(dirname "$initdb_bin")/pg_ctl
run "$initdb_bin" -D "$pgdata" -U postgres --auth=trust >/dev/null
BENCH_PGDATA=$pgdata
run "$pgctl_bin" -D "$pgdata" -l "$work/pg.log" -o "-p $pgport -h 127.0.0.1 -k $work -c max_connections=300 -c shared_preload_libraries=pg_stat_statements" -w start >/dev/null
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  run "$pgctl_bin" -D "$pgdata" -m fast stop >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cs="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres;Maximum Pool Size=64"
sql() { psql -X -q -t -A -h 127.0.0.1 -p "$pgport" -U postgres -d postgres -v ON_ERROR_STOP=1 -c "$1"; }
sql "CREATE EXTENSION pg_stat_statements" >/dev/null
common=(--Storage:Provider postgres --ConnectionStrings:Gateway "$cs" --Esis:CodePepper "$pepper" --Logging:MinimumLevel "$loglevel" --RateLimits:PerAdresPerSeconde 0 --Callbacks:ToegestaneNetwerken:0 127.0.0.0/8)
"${gw[@]}" migrate "${common[@]}" >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log"; exit 1; }
# EXTRA_SQL: a schema change to try out (e.g. an index) before the runs; empty = the gateway's own migrations only.
[ -z "${EXTRA_SQL:-}" ] || sql "$EXTRA_SQL" >/dev/null
echo "$code" | "${gw[@]}" esis register --brin 12AB --vestiging 00 --omgeving test --callback-url "$receiver_url/swv" --json "${common[@]}" >"$work/register.json" 2>"$work/register.err" \
  || { cat "$work/register.json" "$work/register.err"; exit 1; }
registratie=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["registratie"]["id"])' "$work/register.json")
secret=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["callbackSecret"])' "$work/register.json")

CALLBACK_SECRET=$secret TRAAG_MS=${TRAAG_MS:-30000} dotnet bench/callbacks/Receiver/bin/Release/net10.0/callback-receiver.dll --urls "$receiver_url" >"$work/receiver.log" 2>&1 &
receiver_pid=$!; pids+=("$receiver_pid")
for _ in $(seq 1 100); do curl -sf "$receiver_url/stats" >/dev/null && break; sleep 0.1; done
kill -0 "$receiver_pid" 2>/dev/null || { echo "receiver did not start"; cat "$work/receiver.log"; exit 1; }

gw_pids=()
start_instances() { # $1 = count
  gw_pids=()
  for i in $(seq 1 "$1"); do
    "${gw[@]}" serve "${common[@]}" --Urls "http://127.0.0.1:1808$i" --Admin:BootstrapKey "$adminkey" \
      --Callbacks:BatchSize "$batch" --Callbacks:MaxParallel "$parallel" --Callbacks:PollInterval "$poll" ${GW_EXTRA:-} >"$work/gw$i.log" 2>&1 &
    gw_pids+=($!); pids+=($!)
  done
  for i in $(seq 1 "$1"); do
    for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:1808$i/health/ready" >/dev/null && break; sleep 0.2; done
    # Ready, and ours: an instance that could not bind its port has exited (someone else may answer there).
    { curl -sf "http://127.0.0.1:1808$i/health/ready" >/dev/null && kill -0 "${gw_pids[$((i - 1))]}" 2>/dev/null; } \
      || { echo "instance $i not ready"; cat "$work/gw$i.log"; exit 1; }
  done
}
stop_instances() {
  for p in "${gw_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${gw_pids[@]}"; do wait "$p" 2>/dev/null || true; done
  gw_pids=()
}
# CPU seconds (user+system) of a set of processes; postgres = every process of the cluster.
cpu_of() { local s=0; for p in "$@"; do [ -r "/proc/$p/stat" ] && s=$((s + $(awk '{print $14+$15}' "/proc/$p/stat"))); done; echo "$s"; }
pg_pids() { local pm; pm=$(head -1 "$pgdata/postmaster.pid"); echo "$pm $(pgrep -d ' ' -P "$pm" || true)"; }
cpu_pg() { local s=0; for p in $(pg_pids); do [ -r "/proc/$p/stat" ] && s=$((s + $(awk '{print $14+$15}' "/proc/$p/stat"))); done; echo "$s"; }
hz=$(getconf CLK_TCK)
top_statements() {
  sql "SELECT to_char(calls,'FM9999999') || ' calls, ' || to_char(total_exec_time,'FM9999990.0') || ' ms total, '
         || to_char(mean_exec_time*1000,'FM999990') || ' us mean: ' || regexp_replace(left(query, 110), '\s+', ' ', 'g')
       FROM pg_stat_statements WHERE query !~* 'pg_stat_statements|^(TRUNCATE|CREATE|INSERT INTO aflevering \(gebeurtenis_id, kanaal, dossiernummer, volgorde_sleutel, bestemming, brin, payload,\s+toestand)' ORDER BY total_exec_time DESC LIMIT 8"
}

throughput() { # $1 = instances
  local n=$1
  sql "TRUNCATE aflevering" >/dev/null
  if [ "${HISTORY:-0}" -gt 0 ]; then
    # Delivered rows of the past stay in the table (nothing removes them): HISTORY of them, 100,000 hulpvragen' worth.
    sql "INSERT INTO aflevering (gebeurtenis_id, kanaal, dossiernummer, volgorde_sleutel, bestemming, brin, payload,
          toestand, pogingen, volgende_poging_op, aangemaakt_op, afgeleverd_op)
        SELECT g, 'esis-callback', k, 'esis:12AB:A-' || (k % 100000), 'esis:12AB', '12AB',
          json_build_object('gebeurtenisId', g, 'soort', 'statuswijziging', 'systeem', 'esis', 'kanaal', '$registratie',
            'referentie', 'A-' || (k % 100000), 'brin', '12AB', 'vestiging', '00', 'dossiernummer', k, 'statusCode', 'in-behandeling',
            'weergave', 'In behandeling', 'gewijzigdOp', now())::text,
          'afgeleverd', 1, now(), now(), now()
        FROM (SELECT gen_random_uuid() AS g, k FROM generate_series(1, ${HISTORY}) k) x" >/dev/null
    sql "VACUUM ANALYZE aflevering" >/dev/null
  fi
  sql "SELECT pg_stat_statements_reset()" >/dev/null
  curl -sf -X POST "$receiver_url/reset" >/dev/null
  start_instances "$n"
  local load0; load0=$(cut -d' ' -f1-3 /proc/loadavg)
  bench_calibrate; BENCH_GW_PIDS="${gw_pids[*]}"; BENCH_LOADGEN_PIDS=$receiver_pid; bench_cpu_start
  local c_gw0 c_pg0 c_rc0; c_gw0=$(cpu_of "${gw_pids[@]}"); c_pg0=$(cpu_pg); c_rc0=$(cpu_of "$receiver_pid")
  # One transaction: TOTAL rows, round-robin over HULPVRAGEN hulpvragen (ids interleave as real changes would), each
  # hulpvraag's rows 1 ms apart in gewijzigd_op so the receiver can check the order. The rows fall due together 3 s
  # after the insert, once ANALYZE has run (a claim planned on an unanalysed table is a different story, see
  # docs/performance.md), so the clock starts at a known moment with the instances already warm and polling.
  local per=$((total / hulpvragen))
  local due
  due=$(sql "INSERT INTO aflevering (gebeurtenis_id, kanaal, dossiernummer, volgorde_sleutel, bestemming, brin, payload,
        toestand, pogingen, volgende_poging_op, aangemaakt_op)
      SELECT g, 'esis-callback', 1000 + h, 'esis:12AB:B-' || h, 'esis:12AB', '12AB',
        json_build_object('gebeurtenisId', g, 'soort', 'statuswijziging', 'systeem', 'esis', 'kanaal', '$registratie',
          'referentie', 'B-' || h, 'brin', '12AB', 'vestiging', '00', 'dossiernummer', 1000 + h, 'statusCode', 'in-behandeling',
          'weergave', 'In behandeling', 'toelichting', 'stap ' || k, 'gewijzigdOp', now() + k * interval '1 ms')::text,
        'wachtend', 0, now() + interval '3 s', now() + interval '3 s'
      FROM (SELECT gen_random_uuid() AS g, k, h FROM generate_series(1, $per) k, generate_series(1, $hulpvragen) h) x ORDER BY k, h;
      SELECT extract(epoch FROM now() + interval '3 s')" | tail -1)
  sql "ANALYZE aflevering"
  # Optional: TRACE_OUT=file.nettrace samples the first instance's stacks for 8 s (needs dotnet-trace on PATH).
  local tracer=""
  if [ -n "${TRACE_OUT:-}" ]; then
    dotnet-trace collect -p "${gw_pids[0]}" --profile dotnet-sampled-thread-time --duration 00:00:00:08 -o "$TRACE_OUT.$n.nettrace" >"$work/trace.log" 2>&1 &
    tracer=$!
  fi
  local klaar=0
  for _ in $(seq 1 3000); do # at most ~300 s; the receiver's count (curl + sed), so polling costs the database nothing
    klaar=$(curl -sf "$receiver_url/stats" | sed -E 's/.*"uniek":([0-9]+).*/\1/')
    [ "$klaar" -ge "$total" ] && break
    sleep 0.1
  done
  klaar=$(sql "SELECT count(*) FROM aflevering WHERE toestand = 'afgeleverd'")
  [ -z "$tracer" ] || wait "$tracer" || true
  local c_gw1 c_pg1 c_rc1; c_gw1=$(cpu_of "${gw_pids[@]}"); c_pg1=$(cpu_pg); c_rc1=$(cpu_of "$receiver_pid")
  local load1; load1=$(cut -d' ' -f1-3 /proc/loadavg)
  local window; window=$(sql "SELECT round((extract(epoch FROM max(afgeleverd_op)) - $due)::numeric, 3) FROM aflevering WHERE volgorde_sleutel LIKE 'esis:12AB:B-%'")
  local first; first=$(sql "SELECT round((extract(epoch FROM min(afgeleverd_op)) - $due)::numeric, 3) FROM aflevering WHERE volgorde_sleutel LIKE 'esis:12AB:B-%'")
  local multi; multi=$(sql "SELECT count(*) FROM aflevering WHERE pogingen > 1")
  local dood; dood=$(sql "SELECT count(*) FROM aflevering WHERE toestand <> 'afgeleverd'")
  klaar=$((klaar - ${HISTORY:-0}))
  echo "== throughput: $n instance(s), $total callbacks over $hulpvragen hulpvragen (${HISTORY:-0} delivered rows already in the table), BatchSize $batch, MaxParallel $parallel, PollInterval $poll"
  echo "delivered $klaar of $total; rows due to the last afgeleverd_op: ${window} s (first delivery after ${first} s) = $(python3 -c "print(round($klaar/$window))")/s"
  echo "rows claimed more than once: $multi; rows not afgeleverd: $dood"
  echo "receiver: $(curl -sf "$receiver_url/stats")"
  echo "cpu seconds: gateway(s) $(python3 -c "print(round(($c_gw1-$c_gw0)/$hz,1))"), postgres $(python3 -c "print(round(($c_pg1-$c_pg0)/$hz,1))"), receiver $(python3 -c "print(round(($c_rc1-$c_rc0)/$hz,1))")"
  bench_cpu_stop "$klaar" "callback (load generator = the receiver and this script's psql/curl polling)"
  echo "load average before/after: $load0 / $load1"
  echo "database time per statement (pg_stat_statements):"
  top_statements | sed 's/^/  /'
  stop_instances
}

lag() {
  sql "TRUNCATE aflevering; SELECT pg_stat_statements_reset()" >/dev/null
  start_instances 1
  "${load[@]}" create http://127.0.0.1:18081 "$code" "$hulpvragen"
  if [ "${HANG:-0}" -gt 0 ]; then
    # A second school whose system hangs (the receiver answers its path only after TRAAG_MS): HANG of its hulpvragen
    # take part in the status changes, so HANG/(HULPVRAGEN+HANG) of them have a callback that cannot be delivered.
    echo "$code_traag" | "${gw[@]}" esis register --brin 34CD --vestiging 00 --omgeving test --callback-url "$receiver_url/traag" "${common[@]}" >/dev/null
    "${load[@]}" create http://127.0.0.1:18081 "$code_traag" "$HANG" 34CD00
  fi
  local eerste laatste; eerste=$(sql "SELECT min(dossiernummer) FROM hulpvraag"); laatste=$(sql "SELECT max(dossiernummer) FROM hulpvraag")
  for _ in $(seq 1 300); do [ "$(sql "SELECT count(*) FROM aflevering WHERE toestand = 'wachtend'")" = 0 ] && break; sleep 0.1; done
  sql "TRUNCATE aflevering; SELECT pg_stat_statements_reset()" >/dev/null
  curl -sf -X POST "$receiver_url/reset" >/dev/null
  local load0; load0=$(cut -d' ' -f1-3 /proc/loadavg)
  local c_gw0 c_pg0; c_gw0=$(cpu_of "${gw_pids[@]}"); c_pg0=$(cpu_pg)
  bench_calibrate; BENCH_GW_PIDS="${gw_pids[*]}"; BENCH_LOADGEN_PIDS=$receiver_pid; bench_cpu_start
  # Sampler: age of the oldest waiting callback every 500 ms while the load runs (bounded).
  (for _ in $(seq 1 $((seconds_load * 2 + 10))); do
     sql "SELECT round(coalesce(extract(epoch FROM now() - min(aangemaakt_op)), 0)::numeric, 3), count(*),
            round(coalesce(extract(epoch FROM now() - min(aangemaakt_op) FILTER (WHERE brin = '12AB')), 0)::numeric, 3)
          FROM aflevering WHERE toestand = 'wachtend'" >>"$work/lag.txt" || true
     sleep 0.5
   done) &
  local sampler=$!; pids+=("$sampler")
  "${load[@]}" status http://127.0.0.1:18081 "$adminkey" "$eerste" "$laatste" "$rate" "$seconds_load" | tee "$work/load.txt" || true   # a 409 (two changes of one hulpvraag crossing) is counted, not fatal
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  for _ in $(seq 1 300); do [ "$(sql "SELECT count(*) FROM aflevering WHERE toestand = 'wachtend' AND brin = '12AB'")" = 0 ] && break; sleep 0.1; done
  local c_gw1 c_pg1; c_gw1=$(cpu_of "${gw_pids[@]}"); c_pg1=$(cpu_pg)
  bench_cpu_stop "$((rate * seconds_load))" "status change with its callback (load generator = status-load, the receiver, the sampler)"
  local load1; load1=$(cut -d' ' -f1-3 /proc/loadavg)
  echo "== lag: 1 instance, $rate status changes/s for $seconds_load s through POST /admin/v1/hulpvragen/{n}/status ($eerste..$laatste), BatchSize $batch, MaxParallel $parallel, PollInterval $poll"
  python3 - "$work/lag.txt" <<'PY'
import sys
rows = [l.strip().split('|') for l in open(sys.argv[1]) if '|' in l]
ages = sorted(float(r[0]) for r in rows)
waiting = sorted(int(r[1]) for r in rows)
healthy = sorted(float(r[2]) for r in rows)
p = lambda xs, q: xs[min(len(xs) - 1, int(q * len(xs)))]
print(f"oldest waiting callback over {len(ages)} samples: max {ages[-1]:.3f} s, p95 {p(ages, .95):.3f} s, p50 {p(ages, .5):.3f} s; "
      f"rows waiting: max {waiting[-1]}, p95 {p(waiting, .95)}")
if healthy != ages:
    print(f"  of school 12AB00 only (the healthy one): max {healthy[-1]:.3f} s, p95 {p(healthy, .95):.3f} s, p50 {p(healthy, .5):.3f} s")
PY
  sql "SELECT 'callbacks of ' || brin || ': ' || count(*) FILTER (WHERE toestand = 'afgeleverd') || ' afgeleverd, '
         || count(*) FILTER (WHERE toestand = 'wachtend') || ' wachtend, ' || count(*) FILTER (WHERE toestand = 'dood') || ' dood, '
         || count(*) FILTER (WHERE pogingen > 1) || ' claimed more than once' FROM aflevering WHERE kanaal = 'esis-callback' GROUP BY brin ORDER BY brin"
  echo "delay change -> delivered (12AB00): $(sql "SELECT 'p50 ' || round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM afgeleverd_op - aangemaakt_op)))::numeric * 1000, 1) || ' ms, p95 ' || round((percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM afgeleverd_op - aangemaakt_op)))::numeric * 1000, 1) || ' ms, max ' || round(max(extract(epoch FROM afgeleverd_op - aangemaakt_op))::numeric * 1000, 1) || ' ms' FROM aflevering WHERE toestand = 'afgeleverd' AND brin = '12AB'")"
  echo "receiver: $(curl -sf "$receiver_url/stats")"
  echo "cpu seconds: gateway $(python3 -c "print(round(($c_gw1-$c_gw0)/$hz,1))"), postgres $(python3 -c "print(round(($c_pg1-$c_pg0)/$hz,1))")"
  echo "load average before/after: $load0 / $load1"
  echo "database time per statement (pg_stat_statements):"
  top_statements | sed 's/^/  /'
  stop_instances
}

parts() {
  echo "== parts of one delivery, in isolation (callback-parts: 16 at a time, CPU of that process only)"
  dotnet bench/callbacks/Parts/bin/Release/net10.0/callback-parts.dll "$receiver_url" "$secret" "$cs" "$registratie"
}

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
case "$mode" in
  throughput) for n in $instances; do throughput "$n"; done ;;
  lag) lag ;;
  parts) parts ;;
  all) for n in $instances; do throughput "$n"; done; lag; parts ;;
  *) echo "usage: $0 [throughput|lag|parts|all]"; exit 1 ;;
esac
