#!/usr/bin/env bash
# Sourced by the hostile-input scripts: builds and starts a gateway on SQLite in a temporary folder (loopback only),
# registers one Esis code, and sets $url, $code, $pid, $work. Everything is removed and stopped on exit.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d); port=${PORT:-18090}; url=http://127.0.0.1:$port
code="12AB00-vijandig-bench-2026"
admin_key="hostile-bench-bootstrap-key-0123456789abcdef"
[ "${NO_BUILD:-0}" = 1 ] || dotnet build -c Release -v q "$root/src/Gateway" >/dev/null   # NO_BUILD=1: use the existing Release build
gw=${GW_BIN:-$root/src/Gateway/bin/Release/net10.0/gateway}   # GW_BIN: another build of the gateway
args=(--Urls "$url" --Storage:Provider sqlite --ConnectionStrings:Gateway "Data Source=$work/gateway.db"
  --Esis:CodePepper "hostile-bench-pepper-with-enough-characters-0123" --Admin:BootstrapKey "$admin_key"
  --Logging:MinimumLevel Warning --RateLimits:PerAdresPerSeconde 0
  --Esis:MaxMislukkingenPerSchool 10000 --Esis:MaxMislukkingenPerAdresEnSchool 10000 --Esis:MaxMislukkingenPerAdres 100000)
"$gw" migrate "${args[@]}" > "$work/migrate.log" 2>&1 || { cat "$work/migrate.log"; rm -rf "$work"; exit 1; }
echo "$code" | "$gw" esis register --brin 12AB --vestiging 00 --callback-url https://esis.example/swv "${args[@]}" > "$work/register.log" 2>&1 \
  || { cat "$work/register.log"; rm -rf "$work"; exit 1; }
"$gw" serve "${args[@]}" > "$work/gw.log" 2>&1 & pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 150); do curl -sf "$url/health/ready" >/dev/null && break; sleep 0.2; done
export url code pid admin_key
