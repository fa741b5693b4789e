#!/usr/bin/env bash
# Callbacks before/after, back to back in one run (issue 9 "within 5 %"): the throughput run of callbacks-bench.sh on
# a "before" checkout and on this one, alternately, ROUNDS times, each with every pg_stat_statements row kept, then a
# table per build of what each statement costs PER DELIVERED CALLBACK (calls, execution µs, rows, shared blocks, WAL
# records) and the CPU per callback of each process.
#   BEFORE=/work/wt/base ROUNDS=2 bench/callbacks/back-to-back.sh
#   MODE=lag RATE=100 SECONDS_LOAD=20 BEFORE=... bench/callbacks/back-to-back.sh   (status changes through the admin
#   API, each with its callback and audit entry: latency, and the database time of the audited statements)
# Both checkouts must be built in Release (src/Gateway and bench/callbacks/Receiver); each uses its own
# callbacks-bench.sh (the "before" one may write an older outbox table), patched here only to keep the statistics.
# Environment: BEFORE (required), MODE=throughput|lag, ROUNDS=2, TOTAL=20000, HULPVRAGEN=2000, OUT=dir (default: a temp dir, removed).
set -euo pipefail
cd "$(dirname "$0")/../.."
after=$(pwd)
before=${BEFORE:?set BEFORE to the checkout to compare with}
rounds=${ROUNDS:-2}
mode=${MODE:-throughput}
export TOTAL=${TOTAL:-20000} HULPVRAGEN=${HULPVRAGEN:-2000} NOBUILD=1 INSTANCES=1
out=${OUT:-}
own_out=""
if [ -z "$out" ]; then out=$(mktemp -d /tmp/callbacks-b2b.XXXXXX); own_out=1; fi
mkdir -p "$out"
trap '[ -z "$own_out" ] || rm -rf "$out"' EXIT

# A copy of a checkout's script that runs in that checkout and also writes every statement's figures to
# $STATEMENTS_OUT (the line that prints the top statements exists in both versions).
patched() { # $1 = checkout, $2 = target file
  sed -e "s#^cd \"\$(dirname \"\$0\")/../..\"#cd \"$1\"#" \
      -e "s#^\(  top_statements | sed 's/^/  /'\)\$#\1\n  [ -z \"\${STATEMENTS_OUT:-}\" ] || sql \"COPY (SELECT calls, total_exec_time, rows, shared_blks_hit + shared_blks_read, wal_records, regexp_replace(query, '\\\\s+', ' ', 'g') FROM pg_stat_statements WHERE query !~* '^(SELECT pg_stat_statements_reset|COPY)') TO STDOUT\" >\"\$STATEMENTS_OUT\"#" \
      "$1/bench/callbacks/callbacks-bench.sh" >"$2"
  grep -q STATEMENTS_OUT "$2" || { echo "could not patch $1/bench/callbacks/callbacks-bench.sh"; exit 1; }
}
patched "$before" "$out/before.sh"
patched "$after" "$out/after.sh"

for r in $(seq 1 "$rounds"); do
  for b in before after; do
    echo "== round $r: $b ($( [ $b = before ] && git -C "$before" rev-parse --short HEAD || git rev-parse --short HEAD))"
    STATEMENTS_OUT="$out/$b.$r.tsv" bash "$out/$b.sh" "$mode" | tee "$out/$b.$r.log" \
      | grep -E "^(delivered|cpu seconds|calibration|cpu per|load average|CPU per|sent|latency|oldest|delay|  [0-9]+ calls)" || true
  done
done
[ "$mode" = throughput ] || exit 0

python3 - "$out" "$rounds" "$TOTAL" <<'PY'
import re, sys, collections
out, rounds, total = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def norm(q):
    q = re.sub(r'\bcallback\b', 'T', q); q = re.sub(r'\baflevering\b', 'T', q)
    return q[:150]
for b in ('before', 'after'):
    agg = collections.defaultdict(lambda: [0, 0.0, 0, 0, 0])
    cpu = []
    for r in range(1, rounds + 1):
        for line in open(f'{out}/{b}.{r}.tsv'):
            calls, t, rows, blks, wal, q = line.rstrip('\n').split('\t', 5)
            if q.startswith(('INSERT INTO callback (gebeurtenis_id, volgorde_sleutel, soort', 'INSERT INTO aflevering (gebeurtenis_id, kanaal, dossiernummer, volgorde_sleutel, bestemming, brin, payload, toestand, pogingen, volgende_poging_op, aangemaakt_op) SELECT', 'ANALYZE', 'TRUNCATE', 'SELECT extract', 'SELECT count', 'SELECT round')):
                continue  # the bench's own set-up and read-out
            a = agg[norm(q)]
            a[0] += int(calls); a[1] += float(t); a[2] += int(rows); a[3] += int(blks); a[4] += int(wal or 0)
        m = re.search(r'cpu seconds: gateway\(s\) ([\d.]+), postgres ([\d.]+), receiver ([\d.]+)', open(f'{out}/{b}.{r}.log').read())
        d = re.search(r'delivered (\d+) of', open(f'{out}/{b}.{r}.log').read())
        rate = re.search(r'= (\d+)/s', open(f'{out}/{b}.{r}.log').read())
        if m and d:
            n = int(d.group(1))
            cpu.append((rate.group(1) if rate else '?', *(round(float(x) * 1e6 / n) for x in m.groups())))
    n = total * rounds
    print(f'\n== {b}: per delivered callback over {rounds} round(s)')
    print('calls | exec µs | rows | blocks | WAL records | statement')
    tw = [0, 0.0, 0, 0, 0]
    for q, a in sorted(agg.items(), key=lambda kv: -kv[1][1]):
        if a[1] / n < 0.5 and a[0] / n < 0.01:
            continue
        print(f'{a[0]/n:.3f} | {a[1]*1000/n:.1f} | {a[2]/n:.2f} | {a[3]/n:.1f} | {a[4]/n:.2f} | {q}')
    for a in agg.values():
        for i in range(5): tw[i] += a[i]
    print(f'all statements: {tw[0]/n:.3f} calls, {tw[1]*1000/n:.1f} µs, {tw[3]/n:.1f} blocks, {tw[4]/n:.2f} WAL records per callback')
    for i, c in enumerate(cpu, 1):
        print(f'round {i}: {c[0]} callbacks/s; CPU µs per callback: gateway {c[1]} / PostgreSQL {c[2]} / receiver {c[3]}')
PY
