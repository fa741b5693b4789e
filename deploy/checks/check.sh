#!/usr/bin/env bash
# Checks the deploy/ files with real tools; exit 0 only when every check passed.
#   deploy/checks/check.sh [DEPLOY_DIR]     (default: the deploy/ folder beside this script)
# Needs: node + npm (apt-get install -y nodejs npm), `npm ci` in deploy/checks, and promtool
# (apt-get install -y prometheus). .ci/run does both before the tests.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
deploy="$(cd "${1:-$here/..}" && pwd)"

missing=()
command -v node >/dev/null 2>&1 || missing+=("node (apt-get install -y nodejs npm)")
command -v promtool >/dev/null 2>&1 || missing+=("promtool (apt-get install -y prometheus)")
[ -d "$here/node_modules/dockerfilelint" ] || missing+=("the npm tools (cd deploy/checks && npm ci)")
if [ ${#missing[@]} -gt 0 ]; then
  printf 'deploy checks cannot run, missing: %s\n' "${missing[@]}" >&2
  exit 2
fi

failed=0
step() { echo "== $1"; }

step "Dockerfile: dockerfilelint"
# dockerfilelint lints its argument as Dockerfile text when no such file exists: make a missing file a failure.
if [ ! -f "$deploy/Dockerfile" ]; then echo "no Dockerfile in $deploy" >&2; failed=1
elif ! "$here/node_modules/.bin/dockerfilelint" "$deploy/Dockerfile"; then failed=1; fi

step "compose.yaml, k8s/: compose specification and Kubernetes schemas"
if ! node "$here/check-schemas.mjs" "$deploy"; then failed=1; fi

step "prometheus/alerts.yaml: promtool check rules + rule unit tests"
if ! promtool check rules "$deploy/prometheus/alerts.yaml"; then failed=1; fi
if [ -f "$deploy/prometheus/alerts.test.yaml" ]; then
  if ! (cd "$deploy/prometheus" && promtool test rules alerts.test.yaml); then failed=1; fi
fi

step "hulpvraag-gateway.service: systemd-analyze verify"
if command -v systemd-analyze >/dev/null 2>&1; then
  # verify insists that the programs exist: check a copy that points at /bin/true instead of the installed gateway.
  unit_dir="$(mktemp -d)"
  sed 's#/opt/hulpvraag-gateway/gateway#/bin/true#g' "$deploy/hulpvraag-gateway.service" > "$unit_dir/hulpvraag-gateway.service"
  out="$(systemd-analyze verify --man=no "$unit_dir/hulpvraag-gateway.service" 2>&1)"; rc=$?
  rm -rf "$unit_dir"
  # Warnings about the machine itself (no running systemd, other units) are not about this file.
  problems="$(printf '%s\n' "$out" | grep 'hulpvraag-gateway.service' || true)"
  if [ $rc -ne 0 ] || [ -n "$problems" ]; then printf '%s\n' "$out" >&2; failed=1; else echo "ok"; fi
else
  echo "systemd-analyze not installed: unit not verified"
fi

if [ $failed -ne 0 ]; then
  echo "deploy checks FAILED" >&2
  exit 1
fi
echo "deploy checks passed"
