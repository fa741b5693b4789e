#!/usr/bin/env bash
# Issue 14.2: RSS of the gateway before, at its peak during, and 30 s after three chunked 70 MB bodies that each hold
# one JSON string (refused with 413). Prints one line per phase. Short and bounded: about a minute.
#   bench/hostile/memory.sh
set -euo pipefail
source "$(dirname "$0")/start-gateway.sh"
python3 "$(dirname "$0")/memory.py" "$url" "$code" "$pid"
