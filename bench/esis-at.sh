#!/usr/bin/env bash
# The Esis throughput bench (PostgreSQL, 15 s, 32 connections) on other commits, one line each, to find where the CPU
# per submission changed (a bisect by hand; docs/performance.md, "Esis on a quiet machine").
#   bench/esis-at.sh <commit> [<commit> ...]
# Each commit is built in Release in one throwaway git worktree, removed at the end. Run it on a machine otherwise idle,
# and measure the old and new ends again in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
wt=$(mktemp -d)
trap 'git worktree remove --force "$wt" >/dev/null 2>&1 || rm -rf "$wt"; git worktree prune' EXIT
git worktree add --detach -q "$wt" HEAD
for c in "$@"; do
  git -C "$wt" checkout -q --detach "$c"
  if ! dotnet build -c Release -v q --disable-build-servers "$wt/src/Gateway" >"$wt/build.log" 2>&1; then
    echo "$c: build failed"; continue
  fi
  out=$(SRC=$wt NOBUILD=1 PHASES=throughput bench/esis-bench.sh postgres 15 32 2>&1) || true
  echo "$(git log -1 --format='%h %s' "$c" | cut -c1-60) | $(echo "$out" | grep -E '^run 1' | cut -d' ' -f3)/s | $(echo "$out" | grep '^CPU per' | sed -E 's/.*\): //; s/; CPU s.*//') | $(echo "$out" | grep -m1 -o 'rest of the machine.*') | $(echo "$out" | grep -m1 -o 'sha256 [0-9]* MB/s')"
done
