# shellcheck shell=bash
# CPU per operation for each process and a calibration of the machine's speed, for every bench script (issue 12:
# figures that survive a noisy, shared machine). Source it, then:
#
#   bench_calibrate [label]          one line: sha256 over 16 KiB blocks on one core for 2 s (openssl speed), the
#                                    machine's speed at that moment; compare figures only with a calibration beside
#   BENCH_GW_PIDS="pid ..."          gateway process(es)
#   BENCH_PGDATA=dir                 a PostgreSQL cluster's data directory: the postmaster and all its processes,
#                                    including backends that exited during the run (the postmaster's cutime/cstime)
#   BENCH_LOADGEN_PIDS="pid ..."     load generators running in the background (receivers, fake endpoints)
#   bench_cpu_start
#   ... the measured run; commands this shell runs in the foreground (wrk, oso-load send, status-load) and waits
#       for count as load generator too (this shell's cutime/cstime) ...
#   bench_cpu_stop OPS "unit"        one line: µs of CPU per unit for gateway, PostgreSQL and load generator, the
#                                    wall time and how much of the machine the rest (other sessions) used
#
# CPU is user + system time from /proc/<pid>/stat (utime+stime, fields 14/15; cutime/cstime 16/17 for waited-for
# children), in clock ticks (getconf CLK_TCK, 100/s: 10 ms resolution, so runs of 15 s or more).

BENCH_HZ=$(getconf CLK_TCK)
BENCH_GW_PIDS=${BENCH_GW_PIDS:-}
BENCH_PGDATA=${BENCH_PGDATA:-}
BENCH_LOADGEN_PIDS=${BENCH_LOADGEN_PIDS:-}

# utime+stime of live processes (a pid that is gone counts 0).
bench_jiffies() {
  local s=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] && s=$((s + $(sed 's/^.*) //' "/proc/$p/stat" | awk '{print $12+$13}')))
  done
  echo "$s"
}

# Every process of the cluster: postmaster and live children (utime+stime), plus the children the postmaster has
# already reaped (cutime+cstime), so backends that ended during the run are not lost.
bench_pg_jiffies() {
  [ -n "$BENCH_PGDATA" ] && [ -r "$BENCH_PGDATA/postmaster.pid" ] || { echo 0; return; }
  local pm kids
  pm=$(head -1 "$BENCH_PGDATA/postmaster.pid")
  kids=$(pgrep -d ' ' -P "$pm" || true)
  local own reaped
  own=$(bench_jiffies "$pm" $kids)
  reaped=$( [ -r "/proc/$pm/stat" ] && sed 's/^.*) //' "/proc/$pm/stat" | awk '{print $14+$15}' || echo 0)
  echo $((own + reaped))
}

# Waited-for children of this shell (foreground load generators, helpers).
bench_self_children() { sed 's/^.*) //' "/proc/$$/stat" | awk '{print $14+$15}'; }

# Busy ticks of the whole machine (user nice system irq softirq steal).
bench_machine_busy() { awk '/^cpu / {print $2+$3+$4+$7+$8+$9}' /proc/stat; }

bench_calibrate() {
  local k
  k=$(openssl speed -seconds 2 -bytes 16384 sha256 2>/dev/null | awk '/^sha256/ {sub(/k$/, "", $NF); print $NF}')
  echo "calibration${1:+ ($1)}: sha256 $(awk -v k="${k:-0}" 'BEGIN{printf "%.0f", k/1000}') MB/s on one core (openssl speed -seconds 2 -bytes 16384 sha256); load avg $(cut -d' ' -f1-3 /proc/loadavg)"
}

bench_cpu_start() {
  _bench_t0=$(date +%s%N)
  _bench_gw0=$(bench_jiffies $BENCH_GW_PIDS)
  _bench_pg0=$(bench_pg_jiffies)
  _bench_lg0=$(( $(bench_jiffies $BENCH_LOADGEN_PIDS) + $(bench_self_children) ))
  _bench_all0=$(bench_machine_busy)
}

# $1 = operations done in the run, $2 = what one is called. Sets BENCH_US_GW, BENCH_US_PG, BENCH_US_LG (µs per op).
bench_cpu_stop() {
  local ops=$1 unit=${2:-operation}
  local t1 gw pg lg all
  t1=$(date +%s%N)
  gw=$(( $(bench_jiffies $BENCH_GW_PIDS) - _bench_gw0 ))
  pg=$(( $(bench_pg_jiffies) - _bench_pg0 ))
  lg=$(( $(bench_jiffies $BENCH_LOADGEN_PIDS) + $(bench_self_children) - _bench_lg0 ))
  all=$(( $(bench_machine_busy) - _bench_all0 ))
  read -r BENCH_US_GW BENCH_US_PG BENCH_US_LG < <(awk -v n="$ops" -v hz="$BENCH_HZ" -v g="$gw" -v p="$pg" -v l="$lg" \
    'BEGIN{ if (n <= 0) n = 1; printf "%.0f %.0f %.0f\n", g*1e6/hz/n, p*1e6/hz/n, l*1e6/hz/n }')
  awk -v n="$ops" -v u="$unit" -v hz="$BENCH_HZ" -v g="$gw" -v p="$pg" -v l="$lg" -v a="$all" -v ns=$((t1 - _bench_t0)) \
      -v pgon="${BENCH_PGDATA:+1}" -v ug="$BENCH_US_GW" -v up="$BENCH_US_PG" -v ul="$BENCH_US_LG" 'BEGIN{
    s = ns / 1e9; if (n <= 0) n = 1
    rest = (a - g - p - l) / hz / s; if (rest < 0) rest = 0
    printf "CPU per %s (%d in %.1f s): gateway %d µs, %sload generator %d µs = %d µs; CPU s gateway %.2f, %sload generator %.2f; rest of the machine (other sessions) %.2f cores\n",
      u, n, s, ug, (pgon ? sprintf("PostgreSQL %d µs, ", up) : ""), ul, ug + up + ul,
      g / hz, (pgon ? sprintf("PostgreSQL %.2f, ", p / hz) : ""), l / hz, rest
  }'
}
