#!/usr/bin/env bash
# Runs every test of the solution (extra arguments go to `dotnet test`, e.g. --filter). PostgreSQL: set
# GATEWAY_TEST_POSTGRES to use a running server; otherwise the tests start a throwaway one from the local
# initdb/pg_ctl (apt-get install -y postgresql).
#
# Everything the tests write to the temp folder (SQLite files, the PostgreSQL cluster, spool folders, the results)
# goes under one folder per run, $TMPDIR/gw-test-run.*, removed at the end together with any PostgreSQL server
# started from it: also when a test fails or the run is interrupted. A run first sweeps what an earlier, killed run
# left behind.
set -uo pipefail
cd "$(dirname "$0")/.."
base="${TMPDIR:-/tmp}"

# Stops every PostgreSQL server whose data folder lies under $1 (immediate shutdown, then kill), then removes $1.
remove_run_folder() {
  local dir=$1 pidfile pid
  while IFS= read -r pidfile; do
    pid=$(head -n 1 "$pidfile" 2>/dev/null)
    [[ "$pid" =~ ^[0-9]+$ ]] || continue
    # Only a postgres process started from this folder (a pid may have been reused since).
    if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF "$(dirname "$pidfile")"; then
      kill -QUIT "$pid" 2>/dev/null
      for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.3; done
      kill -KILL "$pid" 2>/dev/null
    fi
  done < <(find "$dir" -name postmaster.pid 2>/dev/null)
  rm -rf "$dir"
}

# What earlier runs left: run folders whose script is gone, and the older per-test folders of runs made before the
# per-run folder existed (those carrying a process id only when that process is gone; the others after an hour).
for dir in "$base"/gw-test-run.*; do
  [ -d "$dir" ] || continue
  owner=$(cat "$dir/owner.pid" 2>/dev/null)
  if [ -z "$owner" ] || [ ! -d "/proc/$owner" ]; then remove_run_folder "$dir"; fi
done
for dir in "$base"/gw-pg-* "$base"/gw-sqlite-*; do
  [ -d "$dir" ] || continue
  pid=$(basename "$dir" | cut -d- -f3)
  if [[ "$pid" =~ ^[0-9]+$ ]] && [ ! -d "/proc/$pid" ]; then remove_run_folder "$dir"; fi
done
find "$base" -maxdepth 1 -mmin +60 \( -name 'gw-start-*' -o -name 'gw-pepper-*' -o -name 'gw-oso-*' \) \
  -exec rm -rf {} + 2>/dev/null

# The deploy/ checks (tests/Gateway.Tests/Deploy) run npm linters and schema validators: install them on a fresh clone
# too, not only under .ci/run (which has installed them already, so this is a no-op there).
if [ -f deploy/checks/package.json ] && [ ! -d deploy/checks/node_modules ] && command -v npm >/dev/null 2>&1; then
  (cd deploy/checks && npm ci --no-audit --no-fund --loglevel=error) || echo "test.sh: npm ci in deploy/checks failed; the Deploy tests will say what is missing" >&2
fi

run=$(mktemp -d "$base/gw-test-run.XXXXXX")
echo $$ > "$run/owner.pid"
chmod 755 "$run"   # the throwaway PostgreSQL runs as user postgres when the tests run as root
test_pid=

# Ends the test processes (dotnet test, its test hosts) on Ctrl-C or kill, then removes the run folder.
descendants() { local c; for c in $(cat /proc/"$1"/task/*/children 2>/dev/null); do descendants "$c"; echo "$c"; done; }
cleanup() {
  if [ -n "$test_pid" ] && kill -0 "$test_pid" 2>/dev/null; then
    kill -TERM $(descendants "$test_pid") "$test_pid" 2>/dev/null
    sleep 1
    kill -KILL $(descendants "$test_pid") "$test_pid" 2>/dev/null
  fi
  remove_run_folder "$run"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Build without build servers (MSBuild nodes, the compiler and Razor servers would outlive the run: a server left
# running) and with the run's temp folder (the SDK leaves two empty folders in the temp folder per build).
TMPDIR="$run" dotnet build Gateway.sln -c Release -v q -nologo --disable-build-servers || exit 1

TMPDIR="$run" MSBUILDDISABLENODEREUSE=1 dotnet test Gateway.sln -c Release --no-build \
  --logger "trx" --results-directory "$run/results" "$@" &
test_pid=$!
wait "$test_pid"
rc=$?
test_pid=

# Per test class (so the storage contract shows it ran on SQLite and on PostgreSQL), the reasons for any skipped
# tests (one line each), and one plain summary line.
python3 - "$run/results" <<'PY'
import collections, glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
per_class = collections.defaultdict(collections.Counter)
total = collections.Counter()
skip_reasons = collections.Counter()
for path in glob.glob(sys.argv[1] + "/*.trx"):
    root = ET.parse(path).getroot()
    names = {d.get("id"): d.find("t:TestMethod", ns).get("className") for d in root.iterfind("t:TestDefinitions/t:UnitTest", ns)}
    for r in root.iterfind("t:Results/t:UnitTestResult", ns):
        outcome = {"Passed": "passed", "Failed": "failed", "NotExecuted": "skipped"}.get(r.get("outcome"), "failed")
        per_class[names.get(r.get("testId"), "?").rsplit(".", 1)[-1]][outcome] += 1
        total[outcome] += 1
        if outcome == "skipped":
            reason = r.find("t:Output/t:StdOut", ns)
            reason = reason if reason is not None else r.find("t:Output/t:ErrorInfo/t:Message", ns)
            skip_reasons[(reason.text or "").strip() if reason is not None else "no reason given"] += 1
for cls in sorted(per_class):
    c = per_class[cls]
    print(f"  {cls}: {c['passed']} passed, {c['failed']} failed" + (f", {c['skipped']} skipped" if c['skipped'] else ""))
for reason, n in skip_reasons.items():
    print(f"Skipped {n}: {reason}")
print(f"{total['passed']} passed, {total['failed']} failed" + (f", {total['skipped']} skipped" if total['skipped'] else ""))
PY
exit $rc
