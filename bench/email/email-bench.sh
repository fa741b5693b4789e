#!/usr/bin/env bash
# E-mail figures for docs/performance.md (issue 11), on this machine, loopback only, against a throwaway PostgreSQL and
# a local SMTP relay (bench/email/SmtpSink, the SmtpServer package: counts messages, unique Message-IDs, sessions).
#   bench/email/email-bench.sh [throughput|beside|status|all]      (default all)
# throughput: MAILS e-mail rows due at once over HULPVRAGEN real hulpvragen, sent by ONE instance (connection reuse:
#             sessions << messages); target >= 300 e-mails/s.
# beside:     the bench/callbacks throughput load (CALLBACKS Esis callback rows due at once, to bench/callbacks/Receiver)
#             once with e-mail off and once with MAILS e-mail rows due at the same moment: the callback rate with mails
#             flowing beside it must stay within 10 % (issue 11: of 1,956/s).
# status:     the admin status-change path (POST /admin/v1/hulpvragen/{n}/status at RATE/s for SECONDS_LOAD s) with e-mail
#             off and on: latency, CPU per status change per process, and INSERT INTO aflevering statements per change
#             (pg_stat_statements; must stay 1: the e-mail row rides in the callback's INSERT) and rows per change.
# Every mode prints CPU seconds per process (gateway, postgres, smtp sink, receiver) and per operation; the machine
# may be shared, so read rates beside the CPU per operation and the load average printed with them.
# Environment (default after the =):
#   MAILS=6000 HULPVRAGEN=600   e-mail rows and the hulpvragen they belong to (throughput, beside)
#   CALLBACKS=20000             callback rows in the beside run (as bench/callbacks: 2000 hulpvragen)
#   BATCH=100 PARALLEL=16 POLL=00:00:00.100 CONNECTIONS=8   Callbacks:BatchSize, MaxParallel, PollInterval; Email:Smtp:MaxVerbindingen
#   RATE=100 SECONDS_LOAD=30    status changes per second and for how long (status)
#   NOBUILD=1                   skip the Release builds
# Needs: the local initdb/pg_ctl and psql (apt-get install -y postgresql), python3, curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
mode=${1:-all}
mails=${MAILS:-6000}; hulpvragen=${HULPVRAGEN:-600}; callbacks=${CALLBACKS:-20000}
batch=${BATCH:-100}; parallel=${PARALLEL:-16}; poll=${POLL:-00:00:00.100}; connections=${CONNECTIONS:-8}
rate=${RATE:-100}; seconds_load=${SECONDS_LOAD:-30}
pepper="bench-pepper-with-enough-characters-0123456789"
code="12AB00-email-bench-code-2026"
adminkey="bench-admin-bootstrap-key-0123456789abcdef"
receiver_url=http://127.0.0.1:18190; sink_url=http://127.0.0.1:18191; smtp_port=12525; gw_url=http://127.0.0.1:18181
work=$(mktemp -d)
pids=()

if [ -z "${NOBUILD:-}" ]; then
  echo "== build (Release)"
  dotnet build -c Release -v q src/Gateway >/dev/null
  for p in bench/callbacks/Receiver bench/callbacks/StatusLoad bench/email/SmtpSink; do dotnet build -c Release -v q "$p" >/dev/null; done
fi
gw=(dotnet src/Gateway/bin/Release/net10.0/gateway.dll)
load=(dotnet bench/callbacks/StatusLoad/bin/Release/net10.0/status-load.dll)

# Throwaway PostgreSQL cluster (as bench/callbacks), with pg_stat_statements to count statements.
pgdata=$work/pg; mkdir -p "$pgdata"; chown postgres "$work" "$pgdata" 2>/dev/null || true
pgport=15443
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
initdb_bin=$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -1); pgctl_bin=$(dirname "$initdb_bin")/pg_ctl
run "$initdb_bin" -D "$pgdata" -U postgres --auth=trust >/dev/null
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
common=(--Storage:Provider postgres --ConnectionStrings:Gateway "$cs" --Esis:CodePepper "$pepper" --Logging:MinimumLevel Warning
  --RateLimits:PerAdresPerSeconde 0 --Callbacks:ToegestaneNetwerken:0 127.0.0.0/8)
email_on=(--Email:Smtp:Host 127.0.0.1 --Email:Smtp:Port "$smtp_port" --Email:Smtp:Security None --Email:Smtp:MaxVerbindingen "$connections"
  --Email:Afzender "Hulpvraag PPO Rotterdam <noreply@pporotterdam.nl>" --Email:BasisUrl http://127.0.0.1:18181)
"${gw[@]}" migrate "${common[@]}" >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log"; exit 1; }
echo "$code" | "${gw[@]}" esis register --brin 12AB --vestiging 00 --omgeving test --callback-url "$receiver_url/swv" --json "${common[@]}" >"$work/register.json" 2>"$work/register.err" \
  || { cat "$work/register.json" "$work/register.err"; exit 1; }
registratie=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["registratie"]["id"])' "$work/register.json")
secret=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["callbackSecret"])' "$work/register.json")

CALLBACK_SECRET=$secret dotnet bench/callbacks/Receiver/bin/Release/net10.0/callback-receiver.dll --urls "$receiver_url" >"$work/receiver.log" 2>&1 &
receiver_pid=$!; pids+=("$receiver_pid")
dotnet bench/email/SmtpSink/bin/Release/net10.0/smtp-sink.dll "$smtp_port" --urls "$sink_url" >"$work/sink.log" 2>&1 &
sink_pid=$!; pids+=("$sink_pid")
for u in "$receiver_url" "$sink_url"; do
  for _ in $(seq 1 100); do curl -sf "$u/stats" >/dev/null && break; sleep 0.1; done
  curl -sf "$u/stats" >/dev/null || { echo "$u did not start"; cat "$work/receiver.log" "$work/sink.log"; exit 1; }
done

gw_pid=""
start_instance() { # $@ = extra arguments (e-mail on or not)
  "${gw[@]}" serve "${common[@]}" "$@" --Urls "$gw_url" --Admin:BootstrapKey "$adminkey" \
    --Callbacks:BatchSize "$batch" --Callbacks:MaxParallel "$parallel" --Callbacks:PollInterval "$poll" >"$work/gw.log" 2>&1 &
  gw_pid=$!; pids+=("$gw_pid")
  for _ in $(seq 1 150); do curl -sf "$gw_url/health/ready" >/dev/null && break; sleep 0.2; done
  { curl -sf "$gw_url/health/ready" >/dev/null && kill -0 "$gw_pid" 2>/dev/null; } || { echo "instance not ready"; cat "$work/gw.log"; exit 1; }
}
stop_instance() { kill "$gw_pid" 2>/dev/null || true; wait "$gw_pid" 2>/dev/null || true; gw_pid=""; }
cpu_of() { local s=0; for p in "$@"; do [ -r "/proc/$p/stat" ] && s=$((s + $(awk '{print $14+$15}' "/proc/$p/stat"))); done; echo "$s"; }
cpu_pg() { local pm; pm=$(head -1 "$pgdata/postmaster.pid"); cpu_of "$pm" $(pgrep -d ' ' -P "$pm" || true); }
hz=$(getconf CLK_TCK)
snap() { echo "$(cpu_of "$gw_pid") $(cpu_pg) $(cpu_of "$sink_pid") $(cpu_of "$receiver_pid")"; }
# cpu_report "before" "after" operations label: CPU seconds per process and milliseconds per operation.
cpu_report() {
  python3 - "$1" "$2" "$3" "$4" "$hz" <<'PY'
import sys
b, a, n, label, hz = sys.argv[1].split(), sys.argv[2].split(), int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
names = ["gateway", "postgres", "smtp-sink", "receiver"]
d = [(int(y) - int(x)) / hz for x, y in zip(b, a)]
print("cpu seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in zip(names, d)))
if n > 0:
    print(f"cpu ms per {label}: " + ", ".join(f"{k} {v * 1000 / n:.2f}" for k, v in zip(names, d)) + f"; total {sum(d) * 1000 / n:.2f}")
PY
}

# Real hulpvragen (the e-mail channel reads its recipient from the hulpvraag when it sends): created once through the
# Esis API with e-mail off, so their receipts do not enter the runs.
prepare_hulpvragen() {
  [ "$(sql "SELECT count(*) FROM hulpvraag")" -ge "$1" ] && return
  start_instance
  "${load[@]}" create "$gw_url" "$code" "$1" >/dev/null
  stop_instance
  sql "TRUNCATE aflevering; ANALYZE" >/dev/null
}

# wait_for URL N: until the receiver or sink counted N unique deliveries (curl + sed: polling costs the database nothing).
wait_for() {
  for _ in $(seq 1 3000); do
    [ "$(curl -sf "$1/stats" | sed -E 's/.*"uniek":([0-9]+).*/\1/')" -ge "$2" ] && return
    sleep 0.1
  done
}

# insert_mails N due_sql: N e-mail rows round-robin over the hulpvragen (each hulpvraag's rows in order), due together.
insert_mails() {
  sql "INSERT INTO aflevering (gebeurtenis_id, kanaal, dossiernummer, volgorde_sleutel, bestemming, brin, payload, toestand,
        pogingen, volgende_poging_op, aangemaakt_op)
      SELECT gen_random_uuid(), 'email', h.dossiernummer, h.dossiernummer::text, 'smtp', '12AB',
        json_build_object('eerste', false, 'statusCode', 'in-behandeling', 'kwalificatie', 'SCP',
          'toelichting', 'Stap ' || k || ': het gesprek met de ouders is gepland (é/ö blijven heel).', 'op', now())::text,
        'wachtend', 0, $2, $2
      FROM generate_series(1, $1 / (SELECT count(*) FROM hulpvraag)) k, hulpvraag h ORDER BY k, h.dossiernummer" >/dev/null
}

throughput() {
  prepare_hulpvragen "$hulpvragen"
  sql "TRUNCATE aflevering; SELECT pg_stat_statements_reset()" >/dev/null
  curl -sf -X POST "$sink_url/reset" >/dev/null
  start_instance "${email_on[@]}"
  local load0; load0=$(cut -d' ' -f1-3 /proc/loadavg)
  local c0; c0=$(snap)
  local due; due=$(sql "SELECT extract(epoch FROM now() + interval '3 s')")
  insert_mails "$mails" "to_timestamp($due)"
  sql "ANALYZE aflevering" >/dev/null
  local n; n=$(sql "SELECT count(*) FROM aflevering")
  wait_for "$sink_url" "$n"
  for _ in $(seq 1 50); do [ "$(sql "SELECT count(*) FROM aflevering WHERE toestand = 'wachtend'")" = 0 ] && break; sleep 0.1; done
  local c1; c1=$(snap)
  local window; window=$(sql "SELECT round((extract(epoch FROM max(afgeleverd_op)) - $due)::numeric, 3) FROM aflevering")
  local klaar; klaar=$(sql "SELECT count(*) FROM aflevering WHERE toestand = 'afgeleverd'")
  echo "== throughput: 1 instance, $n e-mails over $hulpvragen hulpvragen due at once, MaxParallel $parallel, MaxVerbindingen $connections"
  echo "sent $klaar of $n in ${window} s = $(python3 -c "print(round($klaar/$window))")/s; not afgeleverd: $(sql "SELECT count(*) FROM aflevering WHERE toestand <> 'afgeleverd'"); sent more than once (pogingen > 1): $(sql "SELECT count(*) FROM aflevering WHERE pogingen > 1")"
  echo "smtp sink: $(curl -sf "$sink_url/stats")   (sessies << ontvangen: connections reused)"
  cpu_report "$c0" "$c1" "$klaar" "e-mail"
  echo "load average before/after: $load0 / $(cut -d' ' -f1-3 /proc/loadavg)"
  stop_instance
}

# One callback throughput run as bench/callbacks does it; $1 = e-mail rows due at the same moment (0 = e-mail off).
beside_run() {
  local m=$1
  sql "TRUNCATE aflevering; SELECT pg_stat_statements_reset()" >/dev/null
  curl -sf -X POST "$receiver_url/reset" >/dev/null; curl -sf -X POST "$sink_url/reset" >/dev/null
  if [ "$m" -gt 0 ]; then start_instance "${email_on[@]}"; else start_instance; fi
  local load0; load0=$(cut -d' ' -f1-3 /proc/loadavg)
  local c0; c0=$(snap)
  local due; due=$(sql "SELECT extract(epoch FROM now() + interval '3 s')")
  local per=$((callbacks / 2000))
  sql "INSERT INTO aflevering (gebeurtenis_id, kanaal, dossiernummer, volgorde_sleutel, bestemming, brin, payload,
        toestand, pogingen, volgende_poging_op, aangemaakt_op)
      SELECT g, 'esis-callback', 100000 + h, 'esis:12AB:C-' || h, 'esis:12AB', '12AB',
        json_build_object('gebeurtenisId', g, 'soort', 'statuswijziging', 'systeem', 'esis', 'kanaal', '$registratie',
          'referentie', 'C-' || h, 'brin', '12AB', 'vestiging', '00', 'dossiernummer', 100000 + h, 'statusCode', 'in-behandeling',
          'weergave', 'In behandeling', 'toelichting', 'stap ' || k, 'gewijzigdOp', now() + k * interval '1 ms')::text,
        'wachtend', 0, to_timestamp($due), to_timestamp($due)
      FROM (SELECT gen_random_uuid() AS g, k, h FROM generate_series(1, $per) k, generate_series(1, 2000) h) x ORDER BY k, h" >/dev/null
  [ "$m" -eq 0 ] || insert_mails "$m" "to_timestamp($due)"
  sql "ANALYZE aflevering" >/dev/null
  wait_for "$receiver_url" "$callbacks"
  [ "$m" -eq 0 ] || wait_for "$sink_url" "$(sql "SELECT count(*) FROM aflevering WHERE kanaal = 'email'")"
  for _ in $(seq 1 50); do [ "$(sql "SELECT count(*) FROM aflevering WHERE toestand = 'wachtend'")" = 0 ] && break; sleep 0.1; done
  local c1; c1=$(snap)
  local cb; cb=$(sql "SELECT count(*) || ' in ' || round((extract(epoch FROM max(afgeleverd_op)) - $due)::numeric, 3) || ' s = '
      || round(count(*) / (extract(epoch FROM max(afgeleverd_op)) - $due)::numeric) || '/s'
      FROM aflevering WHERE kanaal = 'esis-callback' AND toestand = 'afgeleverd'")
  echo "== beside: $callbacks callbacks$( [ "$m" -gt 0 ] && echo " + $m e-mails due at the same moment" || echo ", e-mail off"), 1 instance"
  echo "callbacks delivered: $cb"
  [ "$m" -eq 0 ] || echo "e-mails sent: $(sql "SELECT count(*) || ' in ' || round((extract(epoch FROM max(afgeleverd_op)) - $due)::numeric, 3) || ' s' FROM aflevering WHERE kanaal = 'email' AND toestand = 'afgeleverd'"); smtp sink: $(curl -sf "$sink_url/stats")"
  echo "not afgeleverd: $(sql "SELECT count(*) FROM aflevering WHERE toestand <> 'afgeleverd'")"
  cpu_report "$c0" "$c1" "$(sql "SELECT count(*) FROM aflevering WHERE toestand = 'afgeleverd'")" "delivery (callback or e-mail)"
  echo "load average before/after: $load0 / $(cut -d' ' -f1-3 /proc/loadavg)"
  stop_instance
}

beside() {
  prepare_hulpvragen "$hulpvragen"
  beside_run 0
  beside_run "$mails"
}

# The admin status-change path with e-mail off, then on; $1 = "off" or "on".
status_run() {
  local eerste laatste; eerste=$(sql "SELECT min(dossiernummer) FROM hulpvraag"); laatste=$(sql "SELECT max(dossiernummer) FROM hulpvraag")
  sql "TRUNCATE aflevering" >/dev/null
  if [ "$1" = on ]; then start_instance "${email_on[@]}"; else start_instance; fi
  sql "SELECT pg_stat_statements_reset()" >/dev/null
  local load0; load0=$(cut -d' ' -f1-3 /proc/loadavg)
  local c0; c0=$(snap)
  "${load[@]}" status "$gw_url" "$adminkey" "$eerste" "$laatste" "$rate" "$seconds_load" | tee "$work/load.txt" || true  # a refused change (e.g. 409 on a busy hulpvraag) is counted above, not fatal
  for _ in $(seq 1 300); do [ "$(sql "SELECT count(*) FROM aflevering WHERE toestand = 'wachtend'")" = 0 ] && break; sleep 0.1; done
  local c1; c1=$(snap)
  local wijzigingen; wijzigingen=$(sql "SELECT count(*) FROM aflevering WHERE kanaal = 'esis-callback'")
  echo "== status: e-mail $1, $rate status changes/s for $seconds_load s through POST /admin/v1/hulpvragen/{n}/status"
  echo "rows per status change: $(sql "SELECT string_agg(kanaal || ' ' || round(count::numeric / greatest($wijzigingen, 1), 2), ', ') FROM (SELECT kanaal, count(*) AS count FROM aflevering GROUP BY kanaal) x")"
  echo "INSERT INTO aflevering statements per status change: $(sql "SELECT round(coalesce(sum(calls), 0)::numeric / greatest($wijzigingen, 1), 2) FROM pg_stat_statements WHERE query ILIKE 'INSERT INTO aflevering%'")"
  echo "all statements per status change (incl. delivery): $(sql "SELECT round(sum(calls)::numeric / greatest($wijzigingen, 1), 1) FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat_statements%'")"
  cpu_report "$c0" "$c1" "$wijzigingen" "status change (delivery included)"
  echo "load average before/after: $load0 / $(cut -d' ' -f1-3 /proc/loadavg)"
  stop_instance
}

status() {
  prepare_hulpvragen "$hulpvragen"
  status_run off
  status_run on
}

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
case "$mode" in
  throughput) throughput ;;
  beside) beside ;;
  status) status ;;
  all) throughput; beside; status ;;
  *) echo "usage: $0 [throughput|beside|status|all]"; exit 1 ;;
esac
