#!/usr/bin/env bash
# Peak live managed memory of each step of handling one pulled documentResponse, outside the gateway: for each step,
# the smallest DOTNET_GCHeapHardLimit (workstation GC) under which `oso-load memstep` still succeeds, found by
# bisection to 1 MiB. The step's own peak = its limit minus the limit of step "none" (the message bytes + runtime).
#   bench/oso/oso-memsplit.sh PKI-DIR [ATTACHMENT-BYTES]      (PKI-DIR from `oso-load pki`; default 10481664)
# Needs a Release build of bench/oso/OsoLoad (or OSO_LOAD_DLL=path/to/oso-load.dll).
set -euo pipefail
cd "$(dirname "$0")/../.."
pki=$1; bytes=${2:-10481664}
load=(dotnet "${OSO_LOAD_DLL:-bench/oso/OsoLoad/bin/Release/net10.0/oso-load.dll}")
msg=$(mktemp /tmp/oso-memsplit.XXXXXX.xml); trap 'rm -f "$msg"' EXIT
"${load[@]}" memparts "$pki" "$bytes" "$msg"
# The subshell waits for the step (no exec), so the shell's "Aborted" notice of an out-of-memory run goes to /dev/null too.
fits() { ( DOTNET_gcServer=0 DOTNET_GCHeapHardLimit=$(printf "%X" $(($1 * 1048576))) timeout 120 "${load[@]}" memstep "$pki" "$msg" "$2" || exit 1 ) >/dev/null 2>&1; }
base=""
for step in none dom signedxml verifier mapped; do
  lo=1; hi=1024   # MiB
  fits "$hi" "$step" || { echo "$step: fails even with $hi MiB: $("${load[@]}" memstep "$pki" "$msg" "$step" 2>&1 | tail -1)"; continue; }
  for _ in $(seq 1 12); do
    [ $((hi - lo)) -le 1 ] && break
    mid=$(((lo + hi) / 2))
    if fits "$mid" "$step"; then hi=$mid; else lo=$mid; fi
  done
  [ -n "$base" ] || base=$hi
  echo "$step: smallest heap limit $hi MiB (step adds $((hi - base)) MiB over 'none')"
done
