#!/usr/bin/env bash
# The cost of a failed sign-in on /beheer, known against unknown e-mail address (issue 10, docs/performance.md
# "Helpdesk UI"): builds bench/beheer/AanmeldKosten and runs it. Usage: bench/beheer/aanmeld-kosten.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/AanmeldKosten"
dotnet build -c Release -v q -nologo >/dev/null
exec dotnet bin/Release/net10.0/aanmeld-kosten.dll "${1:-40}"
