#!/usr/bin/env bash
# OSO figures for docs/performance.md ("OSO notificaties and dossier pull"), against the running gateway on this
# machine, loopback only.
#   bench/oso/oso-bench.sh sqlite|postgres [phases]   phases: any of "notificaties memory breakdown pipeline" (default all)
# notificaties: pre-signed notificatieRequests replayed with wrk at full speed (each message once), then an open-loop
#   fixed rate with `oso-load send`; the fetch job is dormant (see below), so this is the inbound path alone.
# memory: peak RSS of a freshly started gateway while it pulls, verifies, maps and stores one dossier with one big
#   attachment from the fake ParnasSys endpoint (`oso-load endpoint`); VmHWM reset through /proc/PID/clear_refs.
# breakdown: bench/oso/oso-memsplit.sh, the peak live managed memory of each step outside the gateway.
# pipeline: notificaties at PIPE_RATE/s with the fetch job on and small attachments: how fast dossiers are pulled.
# The memory phase alone, for a before/after of the pull path (~3 min with the build; 4 fresh gateways):
#   bench/oso/oso-bench.sh postgres memory                      the working tree
#   REF=c7006f3 bench/oso/oso-bench.sh postgres memory          the DOM pull path before the streaming one (d4da451)
#   SIZES=10481664 GCS=server bench/oso/oso-bench.sh postgres memory    one gateway only
# Environment (default after the =):
#   CONNS=32 WARM_SECONDS=15 SECONDS_FULL=15    wrk connections, warm-up and measured seconds (2 wrk threads); a 5 s
#                                               warm-up leaves the JIT busy (15 % of the gateway's CPU in a profile)
#   WARM_COUNT=15000 FULL_COUNT=30000           pre-signed messages for warm-up and the full-speed run
#   RATES="500 400 250" SECONDS_RATE=20         the fixed-rate runs (rate x SECONDS_RATE messages each)
#   SIZES="10485760 10481664"                   attachment (PDF) sizes for the memory phase, one fresh gateway each
#   BREAKDOWN_SIZE=10481664                     attachment size for the breakdown phase
#   GCS="server workstation"                    GC mode of the gateway in the memory phase (DOTNET_gcServer=1/0)
#   PIPE_RATE=100 PIPE_COUNT=2000 PIPE_BYTES=20480   pipeline phase
#   LOGLEVEL=Warning                            Logging:MinimumLevel of the gateway
#   NOBUILD=1                                   skip the Release builds (use the existing bin/Release outputs)
#   SRC=<dir>                                   measure the gateway of that checkout (with NOBUILD=1: as built there),
#                                               with this checkout's load tool; BUILD_LOCK=/work/build.lock builds under flock
#   REF=<commit>                                build and measure that commit (git archive into the temp dir), not the
#                                               working tree; the working tree's bin/ is never used then
#   PG_CS_EXTRA=                                appended to the Npgsql connection string, e.g. "No Reset On Close=true"
#   PROFILE_OUT=/tmp/oso-profile                phase profile: where perf.data, perf.txt and split.md stay
#   GW_ENV=                                     extra environment of the gateway, e.g. DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0
#   QUIET_BUSY=25 QUIET_WAIT=180                before each measured run wait until the machine is below 25 % busy
# profile: the full-speed run again under `perf record -a -g` (needs perf): CPU per process (gateway, PostgreSQL, wrk,
#   everything else) and the gateway's CPU per notificatie by bucket (verification, signing, database, Kestrel, ...),
#   see bench/oso/oso-perfsplit.py; on postgres also pg_stat_statements of that run. Not part of the default phases.
# Needs: wrk, curl, python3; sqlite3 for sqlite; the local initdb/pg_ctl and psql for postgres.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib/cpu.sh   # CPU per operation per process and the machine calibration (issue 12)
provider=${1:-sqlite}
phases=${2:-"notificaties memory breakdown pipeline"}
conns=${CONNS:-32}; warm_seconds=${WARM_SECONDS:-15}; seconds_full=${SECONDS_FULL:-15}
warm_count=${WARM_COUNT:-15000}; full_count=${FULL_COUNT:-30000}
rates=${RATES:-"500 400 250"}; seconds_rate=${SECONDS_RATE:-20}
sizes=${SIZES:-"10485760 10481664"}; gcs=${GCS:-"server workstation"}
pipe_rate=${PIPE_RATE:-100}; pipe_count=${PIPE_COUNT:-2000}; pipe_bytes=${PIPE_BYTES:-20480}
loglevel=${LOGLEVEL:-Warning}
profile_out=${PROFILE_OUT:-/tmp/oso-profile}
supplier_oin=00000099000000001234; gateway_oin=00000099000000002806
kenmerk=0000000700012AB00001
pepper="bench-pepper-with-enough-characters-0123456789"
case "$provider" in sqlite|postgres) ;; *) echo "usage: $0 sqlite|postgres [phases]"; exit 1;; esac

work=$(mktemp -d /tmp/oso-bench.XXXXXX)
pids=()
pg_started=""
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -z "$pg_started" ] || run "$pgctl_bin" -D "$work/pg" -m fast stop >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
hz=$(getconf CLK_TCK)
cpu_of() { local s=0; for p in "$@"; do [ -r "/proc/$p/stat" ] && s=$((s + $(awk '{print $14+$15}' "/proc/$p/stat"))); done; echo "$s"; }
pg_pids() { [ -n "$pg_started" ] || return 0; local pm; pm=$(head -1 "$work/pg/postmaster.pid"); echo "$pm $(pgrep -d ' ' -P "$pm" || true)"; }
cpu_pg() { [ -n "$pg_started" ] || { echo 0; return; }; cpu_of $(pg_pids); }
cpu_all() { awk '/^cpu / {print $2+$3+$4+$7+$8+$9}' /proc/stat; }   # busy jiffies of the whole machine
# Other sessions share this machine: before a measured run, wait (at most QUIET_WAIT=180 s) until the machine is
# below QUIET_BUSY=25 % busy over 3 s, and report how busy it was.
quiet() {
  local t0 a b pct waited=0
  while :; do
    a=$(cpu_all); sleep 3; b=$(cpu_all)
    pct=$(( (b - a) * 100 / (3 * hz * $(nproc)) ))
    { [ "$pct" -le "${QUIET_BUSY:-25}" ] || [ "$waited" -ge "${QUIET_WAIT:-180}" ]; } && break
    waited=$((waited + 3))
  done
  echo "machine ${pct} % busy over 3 s before the run (waited ${waited} s)"
}
# Warns when the rest of the machine (minus gateway, PostgreSQL and, roughly, the load generator's LOADGEN_CORES=0.15)
# used more than 0.25 cores during a run: then the figure is not a quiet-machine figure. $1 = rest jiffies, $2 = seconds.
contaminated() { awk -v r="$1" -v s="$2" -v hz="$hz" -v lg="${LOADGEN_CORES:-0.15}" 'BEGIN{c=r/hz/s; if (c - lg > 0.25) printf "WARNING: the rest of the machine used %.2f cores during this run (other sessions?): not a quiet-machine figure\n", c}'; }
secs() { awk -v t="$1" -v hz="$hz" 'BEGIN{printf "%.1f", t/hz}'; }
kb() { awk -v k="$1" 'BEGIN{printf "%.1f", k/1024}'; }   # kB -> MB (MiB)
status_kb() { awk -v k="$2:" '$1==k {print $2}' "/proc/$1/status"; }

# The gateway and oso-load run from copies in $work, so a build in the shared working tree during the run (other
# sessions) cannot swap the binaries under it.
src_root=.
load_root=.
if [ -n "${SRC:-}" ]; then
  # SRC=dir: the gateway of another checkout (e.g. a worktree at an older commit, already built with NOBUILD=1),
  # driven by this checkout's load tool, so before and after see the same load.
  src_root=$SRC
  echo "== source: $SRC at $(git -C "$SRC" rev-parse --short HEAD); load tool from this checkout"
elif [ -n "${REF:-}" ]; then
  src_root=$work/src; load_root=$src_root; mkdir -p "$src_root"
  git archive "$REF" | tar -x -C "$src_root"
  echo "== source: commit $(git rev-parse --short "$REF") (git archive)"
else
  echo "== source: working tree at $(git rev-parse --short HEAD), uncommitted changes under src/: $(git status --porcelain -- src | wc -l) files"
fi
if [ -z "${NOBUILD:-}" ] || [ -n "${REF:-}" ]; then
  echo "== build (Release)"
  ${BUILD_LOCK:+flock "$BUILD_LOCK"} dotnet build -c Release -v q "$src_root/src/Gateway" >"$work/build.log" 2>&1 || { grep -E "error" "$work/build.log" | sort -u | head; exit 1; }
  ${BUILD_LOCK:+flock "$BUILD_LOCK"} dotnet build -c Release -v q "$load_root/bench/oso/OsoLoad" >"$work/build.log" 2>&1 || { grep -E "error" "$work/build.log" | sort -u | head; exit 1; }
fi
cp -r "$src_root/src/Gateway/bin/Release/net10.0" "$work/gw-bin"
cp -r "$load_root/bench/oso/OsoLoad/bin/Release/net10.0" "$work/load-bin"
gw=(dotnet "$work/gw-bin/gateway.dll")
load=(dotnet "$work/load-bin/oso-load.dll")
pki=$work/pki
"${load[@]}" pki "$pki"

if [ "$provider" = postgres ]; then
  mkdir -p "$work/pg"; chown postgres "$work" "$work/pg" 2>/dev/null || true
  pgport=$(free_port)
  initdb_bin=$(command -v initdb || ls /usr/lib/postgresql/*/bin/initdb | tail -1); pgctl_bin=$(dirname "$initdb_bin")/pg_ctl
  run "$initdb_bin" -D "$work/pg" -U postgres --auth=trust >/dev/null
  run "$pgctl_bin" -D "$work/pg" -l "$work/pg.log" -o "-p $pgport -h 127.0.0.1 -k $work -c max_connections=200 -c shared_preload_libraries=pg_stat_statements" -w start >/dev/null
  pg_started=1
  BENCH_PGDATA=$work/pg
  echo "PostgreSQL $(psql -X -t -A -h 127.0.0.1 -p "$pgport" -U postgres -d postgres -c 'SHOW server_version') on port $pgport (fsync and synchronous_commit on, the defaults)"
fi
# One database per phase, so pending fetch jobs of one phase never run in another.
db_setup() { # $1 = name; sets cs
  if [ "$provider" = postgres ]; then
    psql -X -q -h 127.0.0.1 -p "$pgport" -U postgres -d postgres -c "CREATE DATABASE $1" >/dev/null
    cs="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=$1;Maximum Pool Size=64${PG_CS_EXTRA:+;$PG_CS_EXTRA}"
    psql -X -q -h 127.0.0.1 -p "$pgport" -U postgres -d "$1" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
  else
    cs="Data Source=$work/$1.db"
  fi
}
sql() { # $1 = database name, $2 = query
  if [ "$provider" = postgres ]; then psql -X -q -t -A -h 127.0.0.1 -p "$pgport" -U postgres -d "$1" -c "$2"
  else sqlite3 -cmd ".timeout 5000" "$work/$1.db" "$2"; fi
}
gw_args() { # $1 = database name
  db_setup "$1"
  args=(--Storage:Provider "$provider" --ConnectionStrings:Gateway "$cs" --Esis:CodePepper "$pepper" --Logging:MinimumLevel "$loglevel" --RateLimits:PerAdresPerSeconde 0
    --Oso:Oin "$gateway_oin" --Oso:TrustAnchors:0 "$pki/root.pem" --Oso:SigningCertificate:Path "$pki/gateway.pfx"
    --Oso:SigningCertificate:Password bench --Oso:MessageTtl 01:00:00)
}
register() { # $1 = endpoint URL; mandate 12AB -> supplier, endpoint kenmerk -> URL, through the CLI
  "${gw[@]}" migrate "${args[@]}" >"$work/cli.log" 2>&1 || { cat "$work/cli.log"; exit 1; }
  "${gw[@]}" oso mandaat set --brin 12AB --leverancier-oin "$supplier_oin" --leverancier-naam "Bench leverancier" "${args[@]}" >"$work/cli.log" 2>&1 || { cat "$work/cli.log"; exit 1; }
  "${gw[@]}" oso endpoint set --kenmerk "$kenmerk" --brin 12AB --url "$1" --leverancier-oin "$supplier_oin" "${args[@]}" >"$work/cli.log" 2>&1 || { cat "$work/cli.log"; exit 1; }
}
gw_pid=""
start_gateway() { # extra args...; sets gw_pid and url
  local port; port=$(free_port); url=http://127.0.0.1:$port
  env ${GW_ENV:-} "${gw[@]}" serve "${args[@]}" --Urls "$url" "$@" >"$work/gw.log" 2>&1 &
  gw_pid=$!; pids+=("$gw_pid")
  for _ in $(seq 1 150); do curl -sf "$url/health/ready" >/dev/null && break; sleep 0.2; done
  { curl -sf "$url/health/ready" >/dev/null && kill -0 "$gw_pid" 2>/dev/null; } || { echo "gateway not ready"; cat "$work/gw.log"; exit 1; }
}
stop_gateway() { kill "$gw_pid" 2>/dev/null || true; wait "$gw_pid" 2>/dev/null || true; gw_pid=""; }
wait_fetched() { # $1 = database, $2 = koppelsleutel; waits (at most 120 s) until the fetch job is done with it
  local t=""
  for _ in $(seq 1 2400); do
    t=$(sql "$1" "SELECT toestand FROM oso_notificatie WHERE koppelsleutel = '$2'")
    [ -n "$t" ] && [ "$t" != wachtend ] && break
    sleep 0.05
  done
  echo "$t"
}

# ------------------------------------------------------------------------------------------------ notificaties
if [[ " $phases " == *" notificaties "* ]]; then
  gw_args oso_notificaties
  # The endpoint is registered (the notificatie check needs it) but points at a port where nothing listens, and the
  # fetch job is dormant: it polls once at start-up (nothing due) and then sleeps Oso:FetchPollInterval = 10 minutes.
  register "http://127.0.0.1:$(free_port)/oso"
  # Signed after the mandate is registered: its validity starts when it is set, and a notificatie is checked
  # against the mandate at its Timestamp's Created.
  echo "== pre-signing (warm-up $warm_count, full speed $full_count, fixed rates $rates for ${seconds_rate}s)"
  "${load[@]}" sign "$pki" "$warm_count" "$work/warm"
  "${load[@]}" sign "$pki" "$full_count" "$work/full"
  for rate in $rates; do "${load[@]}" sign "$pki" "$((rate * seconds_rate))" "$work/rate$rate"; done
  start_gateway --Oso:FetchPollInterval 00:10:00
  echo "== $provider: warm-up, wrk -t2 -c$conns ${warm_seconds}s"
  wrk -t2 -c"$conns" -d"${warm_seconds}s" -s bench/oso/oso-replay.lua "$url" -- "$work/warm" "$warm_count" 2 | grep -E "Requests/sec|Non-2xx|notificaties sent" || true
  sleep 3
  n0=$(sql oso_notificaties "SELECT count(*) FROM oso_notificatie")
  quiet
  bench_calibrate; BENCH_GW_PIDS=$gw_pid; bench_cpu_start
  l0=$(loadavg); c0=$(cpu_of "$gw_pid"); p0=$(cpu_pg); a0=$(cpu_all)
  echo "== $provider: full speed, wrk -t2 -c$conns ${seconds_full}s (load avg before: $l0)"
  wrk -t2 -c"$conns" -d"${seconds_full}s" --latency -s bench/oso/oso-replay.lua "$url" -- "$work/full" "$full_count" 2 | tee "$work/wrk.out" \
    | grep -E "Requests/sec|requests in|Non-2xx|Socket errors|notificaties sent|^ +(50|75|90|99)%"
  c1=$(cpu_of "$gw_pid"); p1=$(cpu_pg); a1=$(cpu_all); l1=$(loadavg)
  sleep 1
  n1=$(sql oso_notificaties "SELECT count(*) FROM oso_notificatie")
  total=$(awk '/requests in/ {print $1}' "$work/wrk.out")
  bench_cpu_stop $((n1 - n0)) notificatie
  echo "stored notificaties: +$((n1 - n0)) in oso_notificatie (wrk completed $total requests); load avg after: $l1"
  contaminated $((a1 - a0 - (c1 - c0) - (p1 - p0))) "$seconds_full"
  echo "CPU: gateway $(secs $((c1 - c0))) s, PostgreSQL $(secs $((p1 - p0))) s, rest of the machine (load generator + other sessions) $(secs $((a1 - a0 - (c1 - c0) - (p1 - p0)))) s = gateway $(awk -v c=$((c1 - c0)) -v n=$((n1 - n0)) -v hz="$hz" 'BEGIN{printf "%.2f", n ? c*1000/hz/n : 0}') ms per notificatie"
  for rate in $rates; do
    sleep 5
    quiet
    bench_calibrate; bench_cpu_start
    l0=$(loadavg); c0=$(cpu_of "$gw_pid"); p0=$(cpu_pg); a0=$(cpu_all)
    echo "== $provider: fixed rate $rate/s for ${seconds_rate}s, open loop (oso-load send; load avg before: $l0)"
    "${load[@]}" send "$work/rate$rate" "$rate" "$seconds_rate" "$url/oso/v1/swv" || true
    c1=$(cpu_of "$gw_pid"); p1=$(cpu_pg); a1=$(cpu_all); l1=$(loadavg)
    sleep 1
    n2=$(sql oso_notificaties "SELECT count(*) FROM oso_notificatie")
    bench_cpu_stop $((n2 - n1)) notificatie
    echo "stored notificaties: +$((n2 - n1)) of $((rate * seconds_rate)); CPU gateway $(secs $((c1 - c0))) s ($(awk -v c=$((c1 - c0)) -v n=$((n2 - n1)) -v hz="$hz" 'BEGIN{printf "%.2f", n ? c*1000/hz/n : 0}') ms each), PostgreSQL $(secs $((p1 - p0))) s, rest of the machine $(secs $((a1 - a0 - (c1 - c0) - (p1 - p0)))) s; load avg after: $l1"
    contaminated $((a1 - a0 - (c1 - c0) - (p1 - p0))) "$seconds_rate"
    n1=$n2
  done
  echo "rows: oso_notificatie $(sql oso_notificaties "SELECT count(*) FROM oso_notificatie"), oso_replay $(sql oso_notificaties "SELECT count(*) FROM oso_replay"), refusals in ontvangst $(sql oso_notificaties "SELECT count(*) FROM ontvangst WHERE uitkomst = 'geweigerd' AND systeem = 'parnassys'")"
  echo "gateway log: $(grep -c '"@l":"Error"' "$work/gw.log" || true) error events; $(grep -o '"@l":"Error".*"@x":"[^:]*:[^\\]*' "$work/gw.log" | sed -E 's/.*"@x":"//' | sort | uniq -c | sort -rn | head -3 | tr -s ' ' | tr '\n' ';')"
  stop_gateway
fi

# ------------------------------------------------------------------------------------------------ profile
if [[ " $phases " == *" profile "* ]]; then
  command -v perf >/dev/null || { echo "profile: perf not found (apt-get install -y linux-perf)"; exit 1; }
  gw_args oso_profile
  register "http://127.0.0.1:$(free_port)/oso"
  echo "== pre-signing for the profile (warm-up $warm_count, recorded $full_count)"
  "${load[@]}" sign "$pki" "$warm_count" "$work/pwarm"
  "${load[@]}" sign "$pki" "$full_count" "$work/pfull"
  GW_ENV="DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 ${GW_ENV:-}" start_gateway --Oso:FetchPollInterval 00:10:00
  GW_ENV=""
  wrk -t2 -c"$conns" -d"${warm_seconds}s" -s bench/oso/oso-replay.lua "$url" -- "$work/pwarm" "$warm_count" 2 | grep -E "Requests/sec" || true
  sleep 3
  n0=$(sql oso_profile "SELECT count(*) FROM oso_notificatie")
  quiet
  l0=$(loadavg)
  mkdir -p "$profile_out"
  [ "$provider" != postgres ] || sql oso_profile "SELECT pg_stat_statements_reset()" >/dev/null
  echo "== $provider: profile, perf record -a -g -F 499 during wrk -t2 -c$conns ${seconds_full}s (load avg before: $l0)"
  perf record -q -a -g -F 499 -e cpu-clock -o "$profile_out/perf.data" -- \
    wrk -t2 -c"$conns" -d"${seconds_full}s" -s bench/oso/oso-replay.lua "$url" -- "$work/pfull" "$full_count" 2 2>/dev/null \
    | grep -E "Requests/sec|Non-2xx|notificaties sent" || true
  l1=$(loadavg); sleep 1
  n1=$(sql oso_profile "SELECT count(*) FROM oso_notificatie")
  echo "stored notificaties while recording: $((n1 - n0)); load avg after: $l1"
  perf script -i "$profile_out/perf.data" -F comm,pid,tid,ip,sym,dso 2>/dev/null > "$profile_out/perf.txt"
  python3 bench/oso/oso-perfsplit.py "$gw_pid" "$seconds_full" "$((n1 - n0))" < "$profile_out/perf.txt" | tee "$profile_out/split.md"
  cp "/tmp/perf-$gw_pid.map" "$profile_out/" 2>/dev/null || true
  if [ "$provider" = postgres ]; then
    echo "pg_stat_statements of the recorded run (top 8 by total time; µs = mean execution time per call):"
    sql oso_profile "SELECT calls || ' calls, ' || round(mean_exec_time::numeric * 1000) || ' µs, total ' || round(total_exec_time::numeric) || ' ms: ' || regexp_replace(left(query, 110), '\s+', ' ', 'g') FROM pg_stat_statements WHERE query !~* 'pg_stat_statements' ORDER BY total_exec_time DESC LIMIT 8"
  fi
  echo "perf data, script output and split in $profile_out"
  stop_gateway
fi

# ------------------------------------------------------------------------------------------------ endpoint
ep_pid=""
start_endpoint() { # $1 = attachment bytes; sets ep_url
  local port; port=$(free_port); ep_url=http://127.0.0.1:$port
  "${load[@]}" endpoint "$pki" "$port" "$1" >"$work/endpoint.log" 2>&1 &
  ep_pid=$!; pids+=("$ep_pid")
  for _ in $(seq 1 100); do curl -sf "$ep_url/stats" >/dev/null && break; sleep 0.1; done
  kill -0 "$ep_pid" 2>/dev/null || { echo "endpoint did not start"; cat "$work/endpoint.log"; exit 1; }
}

# ------------------------------------------------------------------------------------------------ memory
if [[ " $phases " == *" memory "* ]]; then
  start_endpoint 102400
  gw_args oso_memory
  register "$ep_url/oso"
  for gc in $gcs; do
    for size in $sizes; do
      [ "$gc" = server ] && GW_ENV="DOTNET_gcServer=1" || GW_ENV="DOTNET_gcServer=0"
      curl -sf -X POST "$ep_url/size/102400" >/dev/null
      start_gateway --Oso:FetchPollInterval 00:00:00.100
      # Warm-up: three small dossiers through the whole path (JIT, pools, schema set, HttpClient), then quiet.
      for _ in 1 2 3; do
        k=$("${load[@]}" one "$pki" "$url/oso/v1/swv" | awk '{print $2}')
        t=$(wait_fetched oso_memory "$k")
        [ "$t" = opgehaald ] || { echo "warm-up dossier: $t"; sql oso_memory "SELECT laatste_fout FROM oso_notificatie WHERE koppelsleutel = '$k'"; }
      done
      sleep 3
      rss0=$(status_kb "$gw_pid" VmRSS)
      echo 5 > "/proc/$gw_pid/clear_refs"
      hwm0=$(status_kb "$gw_pid" VmHWM)
      curl -sf -X POST "$ep_url/size/$size" >/dev/null
      l0=$(loadavg)
      start_ns=$(date +%s%N)
      k=$("${load[@]}" one "$pki" "$url/oso/v1/swv" | awk '{print $2}')
      t=$(wait_fetched oso_memory "$k")
      end_ns=$(date +%s%N)
      sleep 2   # the terugkoppeling goes out through the outbox
      hwm1=$(status_kb "$gw_pid" VmHWM); rss1=$(status_kb "$gw_pid" VmRSS)
      stored=$(sql oso_memory "SELECT coalesce(max(b.grootte), 0) FROM oso_notificatie n JOIN bijlage b ON b.dossiernummer = n.dossiernummer WHERE n.koppelsleutel = '$k'")
      fout=$(sql oso_memory "SELECT coalesce(laatste_fout, '') FROM oso_notificatie WHERE koppelsleutel = '$k'")
      echo "== memory: $provider, $gc GC, PDF of $size bytes ($(awk -v s="$size" 'BEGIN{printf "%.4f", s/1048576}') MiB): notificatie -> $t in $(( (end_ns - start_ns) / 1000000 )) ms (load avg $l0)"
      echo "   stored attachment: $stored bytes${fout:+; fout: ${fout:0:200}}"
      echo "   VmRSS before $(kb "$rss0") MB (VmHWM after reset $(kb "$hwm0") MB) -> peak VmHWM $(kb "$hwm1") MB, growth $(kb $((hwm1 - rss0))) MB; VmRSS after $(kb "$rss1") MB"
      echo "   endpoint: $(curl -sf "$ep_url/stats")"
      stop_gateway
    done
  done
  kill "$ep_pid" 2>/dev/null || true; wait "$ep_pid" 2>/dev/null || true
fi

# ------------------------------------------------------------------------------------------------ breakdown
if [[ " $phases " == *" breakdown "* ]]; then
  echo "== breakdown: peak live managed memory per step, outside the gateway (bench/oso/oso-memsplit.sh)"
  OSO_LOAD_DLL="$work/load-bin/oso-load.dll" bench/oso/oso-memsplit.sh "$pki" "${BREAKDOWN_SIZE:-10481664}"
fi

# ------------------------------------------------------------------------------------------------ pipeline
if [[ " $phases " == *" pipeline "* ]]; then
  start_endpoint "$pipe_bytes"
  gw_args oso_pipeline
  register "$ep_url/oso"
  echo "== pre-signing $pipe_count notificaties for the pipeline"
  "${load[@]}" sign "$pki" "$pipe_count" "$work/pipe"
  GW_ENV=""
  start_gateway --Oso:FetchPollInterval 00:00:00.100
  secs_pipe=$((pipe_count / pipe_rate))
  bench_calibrate; BENCH_GW_PIDS=$gw_pid; BENCH_LOADGEN_PIDS=$ep_pid; bench_cpu_start
  l0=$(loadavg); c0=$(cpu_of "$gw_pid"); p0=$(cpu_pg); e0=$(cpu_of "$ep_pid")
  start_ns=$(date +%s%N)
  echo "== pipeline: $provider, $pipe_count notificaties at $pipe_rate/s, fetch job on, PDF of $pipe_bytes bytes each (load avg before: $l0)"
  "${load[@]}" send "$work/pipe" "$pipe_rate" "$secs_pipe" "$url/oso/v1/swv" || true
  sent_ns=$(date +%s%N)
  done_n=0; stored_n=$(sql oso_pipeline "SELECT count(*) FROM oso_notificatie")
  at_send=$(sql oso_pipeline "SELECT count(*) FROM oso_notificatie WHERE toestand <> 'wachtend'")
  for _ in $(seq 1 1200); do # at most 10 minutes
    done_n=$(sql oso_pipeline "SELECT count(*) FROM oso_notificatie WHERE toestand <> 'wachtend'")
    [ "$done_n" -ge "$stored_n" ] && break
    sleep 0.5
  done
  end_ns=$(date +%s%N)
  c1=$(cpu_of "$gw_pid"); p1=$(cpu_pg); e1=$(cpu_of "$ep_pid"); l1=$(loadavg)
  bench_cpu_stop "$done_n" "pulled dossier (load generator = the fake ParnasSys endpoint and oso-load send)"; BENCH_LOADGEN_PIDS=""
  echo "notificaties stored $stored_n of $pipe_count; fetches done when the last was sent: $at_send; all $done_n done $(( (end_ns - start_ns) / 1000000 )) ms after the first notificatie (sending took $(( (sent_ns - start_ns) / 1000000 )) ms) = $(awk -v n="$done_n" -v t=$(( (end_ns - start_ns) / 1000000 )) 'BEGIN{printf "%.1f", n*1000/t}') dossiers/s"
  echo "toestand: $(sql oso_pipeline "SELECT toestand || '=' || count(*) FROM oso_notificatie GROUP BY toestand" | tr '\n' ' '); hulpvragen $(sql oso_pipeline "SELECT count(*) FROM hulpvraag")"
  echo "CPU: gateway $(secs $((c1 - c0))) s, PostgreSQL $(secs $((p1 - p0))) s, fake endpoint $(secs $((e1 - e0))) s; load avg after: $l1"
  sleep 3
  echo "endpoint: $(curl -sf "$ep_url/stats")"
  stop_gateway
fi
