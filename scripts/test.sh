#!/usr/bin/env bash
# Runs every test of the solution. PostgreSQL: set GATEWAY_TEST_POSTGRES to use a running server; otherwise the
# tests start a throwaway one from the local initdb/pg_ctl (apt-get install -y postgresql).
set -uo pipefail
cd "$(dirname "$0")/.."
results="$(mktemp -d)"
dotnet test Gateway.sln -c Release --logger "trx" --results-directory "$results" "$@"
rc=$?

# Per test class (so the storage contract shows it ran on SQLite and on PostgreSQL) and one plain summary line.
python3 - "$results" <<'PY'
import collections, glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
per_class = collections.defaultdict(collections.Counter)
total = collections.Counter()
for path in glob.glob(sys.argv[1] + "/*.trx"):
    root = ET.parse(path).getroot()
    names = {d.get("id"): d.find("t:TestMethod", ns).get("className") for d in root.iterfind("t:TestDefinitions/t:UnitTest", ns)}
    for r in root.iterfind("t:Results/t:UnitTestResult", ns):
        outcome = {"Passed": "passed", "Failed": "failed", "NotExecuted": "skipped"}.get(r.get("outcome"), "failed")
        per_class[names.get(r.get("testId"), "?").rsplit(".", 1)[-1]][outcome] += 1
        total[outcome] += 1
for cls in sorted(per_class):
    c = per_class[cls]
    print(f"  {cls}: {c['passed']} passed, {c['failed']} failed" + (f", {c['skipped']} skipped" if c['skipped'] else ""))
print(f"{total['passed']} passed, {total['failed']} failed" + (f", {total['skipped']} skipped" if total['skipped'] else ""))
PY
exit $rc
