#!/usr/bin/env bash
# Issue 14.7: starts a throwaway gateway (SQLite, loopback), replays the hostile corpus against it and prints
# sent / refused with code / accepted / 5xx / uncoded and the peak RSS. Exit 1 when any answer is not as expected.
#   bench/hostile/replay.sh                      # against a fresh gateway built from this checkout
#   python3 bench/hostile/replay.py URL CODE ADMINKEY [PID]   # against one you run yourself
set -euo pipefail
source "$(dirname "$0")/start-gateway.sh"
python3 "$(dirname "$0")/replay.py" "$url" "$code" "$admin_key" "$pid"
