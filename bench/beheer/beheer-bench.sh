#!/usr/bin/env bash
# The /beheer pages on 1,000,000 hulpvragen in PostgreSQL (issue 10), for docs/performance.md "Helpdesk UI".
#   bench/beheer/beheer-bench.sh [rows]
# Starts a throwaway PostgreSQL (local initdb/pg_ctl, loopback, removed at the end), migrates it with the gateway,
# fills it with bench/beheer/vul.sql (set-based, no HTTP), prints the EXPLAIN (ANALYZE, BUFFERS) plans of
# bench/beheer/plannen.sql, starts one gateway, creates an admin person and signs in as a person does
# (bench/beheer/pagina-bench.py): Hulpvragen page 1 and 100 per filter, Hulpvraag page, CSV export with RSS.
# Beside the figures: a calibration of the machine (bench/lib/cpu.sh) and the CPU per page request of gateway and
# PostgreSQL (pagina-bench.py, per measurement), since the machine is shared.
# Environment (default after the =):
#   SRC=.             the source tree built and measured; the binaries run from a copy
#   NOBUILD=1         skip the Release build of SRC; BUILD_LOCK=/work/build.lock builds under flock
#   PG=""             a connection string of an existing, already filled database: no cluster, no fill
#   PG_PID=0          with PG: its postmaster's pid, for PostgreSQL's CPU per request
#   HERHAAL=30        timed requests per measurement
#   EXPORT="vanaf=2025-09-01&tot=2025-12-31"   the CSV export's filter (about 100,000 of the 1,000,000 rows)
# Needs: python3 with requests, psql, the local initdb/pg_ctl.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib/cpu.sh
rows=${1:-1000000}; src=${SRC:-.}; herhaal=${HERHAAL:-30}
export_filter=${EXPORT:-"vanaf=2025-09-01&tot=2025-12-31"}
pepper="bench-pepper-with-enough-characters-0123456789"
work=$(mktemp -d /tmp/beheer-bench.XXXXXX)
pids=(); pg_started=""
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -z "$pg_started" ] || run "$pgctl_bin" -D "$work/pg" -m fast stop >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

echo "== source: $(git -C "$src" rev-parse --short HEAD) ($src), uncommitted files under src/: $(git -C "$src" status --porcelain -- src | wc -l)"
if [ -z "${NOBUILD:-}" ]; then
  ${BUILD_LOCK:+flock -o "$BUILD_LOCK"} dotnet build -c Release -v q "$src/src/Gateway" >"$work/build.log" 2>&1 || { grep -E "error" "$work/build.log" | sort -u | head; exit 1; }
fi
cp -r "$src/src/Gateway/bin/Release/net10.0" "$work/gw-bin"
gw=(dotnet "$work/gw-bin/gateway.dll")

if [ -z "${PG:-}" ]; then
  mkdir -p "$work/pg"; chown postgres "$work" "$work/pg" 2>/dev/null || true
  pgport=$(free_port)
  initdb_bin=$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -1); pgctl_bin=$(dirname "$initdb_bin")/pg_ctl
  run "$initdb_bin" -D "$work/pg" -U postgres --auth=trust >/dev/null
  run "$pgctl_bin" -D "$work/pg" -l "$work/pg.log" -o "-p $pgport -h 127.0.0.1 -k $work -c shared_buffers=256MB" -w start >/dev/null
  pg_started=1
  BENCH_PGDATA=$work/pg
  PG="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres"
fi
psql_args=$(python3 -c 'import sys; d=dict(p.split("=", 1) for p in sys.argv[1].split(";") if p); print("-h %s -p %s -U %s -d %s" % (d["Host"], d.get("Port", 5432), d["Username"], d["Database"]))' "$PG")
# shellcheck disable=SC2086
sql() { psql -X -q $psql_args -v ON_ERROR_STOP=1 "$@"; }
args=(--Storage:Provider postgres --ConnectionStrings:Gateway "$PG" --Esis:CodePepper "$pepper" --Logging:MinimumLevel Warning
  --Retentie:EersteRonde 1.00:00:00)
"${gw[@]}" migrate "${args[@]}" >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log"; exit 1; }
echo "PostgreSQL $(sql -t -A -c 'SHOW server_version'), shared_buffers $(sql -t -A -c 'SHOW shared_buffers')"
if [ -n "$pg_started" ]; then
  t0=$(date +%s)
  sql -v n="$rows" -v seed=0.42 -f bench/beheer/vul.sql >/dev/null
  echo "filled: $(sql -t -A -c 'SELECT count(*) FROM hulpvraag') hulpvragen, $(sql -t -A -c 'SELECT count(*) FROM statushistorie') history rows in $(( $(date +%s) - t0 )) s; database $(sql -t -A -c "SELECT pg_size_pretty(pg_database_size(current_database()))")"
fi
max=$(sql -t -A -c 'SELECT max(dossiernummer) FROM hulpvraag')
# A large school (the 11th of 300 by number of hulpvragen; the median one has fewer than 100 pages).
school=$(sql -t -A -c "SELECT brin || vestiging FROM hulpvraag GROUP BY brin, vestiging ORDER BY count(*) DESC OFFSET 10 LIMIT 1")
ref=$(sql -t -A -c "SELECT referentie FROM hulpvraag WHERE dossiernummer = $((max - 7))")
echo "== plans (bench/beheer/plannen.sql, school $school)"
sql -v brin="'${school:0:4}'" -v vestiging="'${school:4:2}'" -f bench/beheer/plannen.sql

port=$(free_port); url="http://127.0.0.1:$port"
"${gw[@]}" serve "${args[@]}" --Urls "$url" --Beheer:BasisUrl "$url" >"$work/gw.log" 2>&1 &
gw_pid=$!; pids+=($gw_pid); BENCH_GW_PIDS=$gw_pid
for _ in $(seq 1 120); do curl -fs "$url/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
email="bench-$(date +%s)@swv.example"
link=$("${gw[@]}" gebruiker create --email "$email" --naam "Bench Beheerder" --rol admin "${args[@]}" --Beheer:BasisUrl "$url" 2>&1 | grep -o 'http[^ ]*/beheer/activeren/[^ ]*' | head -1)
[ -n "$link" ] || { echo "no activation link"; exit 1; }

bench_calibrate "before"
pg_pid=$( [ -n "${BENCH_PGDATA:-}" ] && head -1 "$BENCH_PGDATA/postmaster.pid" || echo "${PG_PID:-0}")
python3 bench/beheer/pagina-bench.py --url "$url" --activatie "$link" --email "$email" --pid "$gw_pid" --pg-pid "$pg_pid" --herhaal "$herhaal" \
  --max-dossier "$max" --export "$export_filter" \
  --scenario "zonder filter=" \
  --scenario "één status (in-behandeling)=status=in-behandeling" \
  --scenario "drie statussen=status=aanmelding&status=in-behandeling&status=dossier-incompleet" \
  --scenario "BRIN (${school:0:4})=school=${school:0:4}" \
  --scenario "BRIN6 ($school)=school=$school" \
  --scenario "titel (tlv-nieuw)=titel=tlv-nieuw" \
  --scenario "zeldzame titel (stapcoach-vo)=titel=stapcoach-vo" \
  --scenario "periode (okt 2025)=vanaf=2025-10-01&tot=2025-10-31" \
  --scenario "tekst: achternaam (Jansen)=tekst=Jansen" \
  --scenario "tekst: zeldzame achternaam (Ramdin)=tekst=Ramdin" \
  --scenario "tekst: referentie=tekst=$ref" \
  --scenario "tekst: dossiernummer=tekst=$((max - 12))" \
  --scenario "tekst: niets gevonden (Zwaluw)=tekst=Zwaluw" \
  --scenario "BRIN6 + drie statussen=school=$school&status=aanmelding&status=in-behandeling&status=dossier-incompleet"
bench_calibrate "after"
