#!/usr/bin/env bash
# OSO signature verification figures (docs/performance.md, "OSO signature verification").
#   bench/Gateway.Benchmarks/run.sh [bdn|phases|xmlsec|all]   (default: all, about 6 minutes)
# Everything runs pinned to one core (CORE, default 1) with taskset. Results go to $OUT (default /tmp/oso-sigbench).
# Pinned, .NET sees one processor and delays tiered compilation tenfold (TC_DelaySingleProcMultiplier), which keeps
# the XML code in slower PGO-instrumented tiers for ~50 s; the gateway runs on two cores, so the multiplier is set
# back to 1 here (the BenchmarkDotNet job sets it for its own child process).
# Needs: .NET 10 SDK, taskset; for xmlsec: xmlsec1 and hyperfine (apt-get install -y xmlsec1 hyperfine).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CORE="${CORE:-1}"
OUT="${OUT:-/tmp/oso-sigbench}"
PHASE_ITERATIONS="${PHASE_ITERATIONS:-10000}"
XMLSEC_BATCH="${XMLSEC_BATCH:-1000}"   # files verified by one xmlsec1 process
XMLSEC_LOOP="${XMLSEC_LOOP:-200}"      # files verified by one xmlsec1 process each
DLL="$HERE/bin/Release/net10.0/Gateway.Benchmarks.dll"
what="${1:-all}"

mkdir -p "$OUT"
note() { echo "== $* (load average: $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$OUT/notes.txt"; }

dotnet build -c Release "$HERE/Gateway.Benchmarks.csproj" -nologo -v q

if [[ "$what" == bdn || "$what" == all ]]; then
  note "BenchmarkDotNet, (a) ours vs (b) plain SignedXml, taskset -c $CORE"
  (cd "$HERE" && taskset -c "$CORE" dotnet "$DLL" --filter '*OsoSignatureVerification*' --artifacts "$OUT/bdn") | tee "$OUT/bdn.txt"
fi

if [[ "$what" == phases || "$what" == all ]]; then
  note "phase profile, $PHASE_ITERATIONS iterations, taskset -c $CORE"
  DOTNET_TC_DelaySingleProcMultiplier=1 taskset -c "$CORE" dotnet "$DLL" phases "$PHASE_ITERATIONS" | tee "$OUT/phases.md"
fi

if [[ "$what" == xmlsec || "$what" == all ]]; then
  command -v xmlsec1 >/dev/null && command -v hyperfine >/dev/null || { echo "apt-get install -y xmlsec1 hyperfine" >&2; exit 1; }
  rm -rf "$OUT/xmlsec"
  dotnet "$DLL" export-xmlsec "$OUT/xmlsec" "$XMLSEC_BATCH"
  cd "$OUT/xmlsec"
  # xmlsec1 finds reference targets only by declared id attributes; KeyInfo is a wsse:SecurityTokenReference it cannot
  # follow, so the key comes from the leaf PEM (no chain, no profile, no Timestamp: cryptography only).
  W=http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd
  A=http://www.w3.org/2005/08/addressing
  S=http://schemas.xmlsoap.org/soap/envelope/
  X="xmlsec1 --verify --pubkey-cert-pem leaf.pem --id-attr:Id $S:Body --id-attr:Id $W:Timestamp --id-attr:Id $A:To --id-attr:Id $A:Action --id-attr:Id $A:MessageID --id-attr:Id $A:From"
  ls envelopes/*.xml | sed -n "1,${XMLSEC_LOOP}p" > loop-files.txt
  note "xmlsec1 $(xmlsec1 --version | cut -d' ' -f2-), hyperfine, taskset -c $CORE"
  taskset -c "$CORE" hyperfine -N --warmup 2 --runs 10 --export-markdown xmlsec-batch.md \
    -n "one xmlsec1 process, $XMLSEC_BATCH files" "$X $(ls envelopes/*.xml | tr '\n' ' ')" | tee "$OUT/xmlsec.txt"
  taskset -c "$CORE" hyperfine --warmup 1 --runs 5 --export-markdown xmlsec-loop.md \
    -n "one xmlsec1 process per file, $XMLSEC_LOOP files (shell loop)" "while read -r f; do $X \"\$f\" 2>/dev/null || exit 1; done < loop-files.txt" \
    | tee -a "$OUT/xmlsec.txt"
  taskset -c "$CORE" hyperfine -N --warmup 5 --runs 50 --export-markdown xmlsec-one.md \
    -n "one xmlsec1 process, 1 file" "$X envelopes/env-00000.xml" \
    -n "xmlsec1 --version (process start, libraries loaded)" "xmlsec1 --version" | tee -a "$OUT/xmlsec.txt"
fi

echo "results in $OUT"
