#!/usr/bin/env python3
"""CPU split of a `perf record -a -g -e cpu-clock` run (bench/oso/oso-bench.sh, phase profile).

    perf script -i perf.data -F comm,pid,tid,ip,sym,dso | bench/oso/oso-perfsplit.py GATEWAY_PID SECONDS COUNT

Prints (1) CPU per process group (gateway, PostgreSQL, wrk, everything else on the machine) and (2) the gateway's
samples put in buckets by their call chain: GC and JIT if any frame is theirs; otherwise the OWNER bucket of the frame
nearest the leaf that matches one (so XML parsing inside WsSecurityVerifier counts as verification, and the
endpoint's code that runs as an async continuation inside Npgsql's completion counts as the endpoint's, not as
database); else the fall-backs by the leaf's DSO. Frames are .NET methods (perf map: DOTNET_PerfMapEnabled=1 and
DOTNET_EnableWriteXorExecute=0, else JIT code is an anonymous memfd) and native symbols. Native code without frame
pointers (libcrypto, libcoreclr) cuts a chain short: such samples land in the fall-backs.
COUNT = notificaties stored during the recording, for CPU microseconds per notificatie.
"""
import re
import sys
from collections import Counter

gw_pid = sys.argv[1]
seconds = float(sys.argv[2])
count = int(sys.argv[3]) if len(sys.argv) > 3 else 0

ANYWHERE = [
    ("GC (runtime gc_heap)", r"(SVR|WKS)::|GCHeap::|gc_heap::|GarbageCollect"),
    ("JIT (libclrjit)", r"libclrjit\.so"),
]
OWNERS = [
    ("database: Npgsql/Dapper (replay, mandaat, endpoint, insert)", r"Npgsql|Dapper|Microsoft\.Data\.Sqlite|SQLitePCL|libe_sqlite3"),
    ("WS-Security verification (WsSecurityVerifier, SignedXml)", r"WsSecurityVerifier|StrictSignedXml|ExclusiveC14n"),
    ("WS-Security signing of the response (WsSecuritySigner)", r"WsSecuritySigner"),
    ("OSO schema validation (OsoContract.Valideer)", r"OsoContract"),
    ("logging (Serilog, Microsoft.Extensions.Logging)", r"Serilog|Microsoft\.Extensions\.Logging"),
    ("metrics (OpenTelemetry, System.Diagnostics.Metrics)", r"OpenTelemetry|System\.Diagnostics\.Metrics"),
    ("OSO endpoint, rest (body read, fields, checks, result)", r"OsoEndpoints"),
    ("Kestrel / HTTP / routing (rest of ASP.NET Core)", r"Microsoft\.AspNetCore|System\.IO\.Pipelines|System\.Net\.Sockets"),
]
FALLBACKS = [
    ("thread pool / async machinery", r"System\.Threading\.|PortableThreadPool|ThreadPoolWorkQueue"),
    ("OpenSSL, caller unknown (RSA, SHA-256)", r"libcrypto|libssl|libSystem\.Security\.Cryptography\.Native"),
    ("kernel, caller unknown (syscalls: network, futex, epoll)", r"\[kernel\.kallsyms\]"),
    ("runtime native, caller unknown (libcoreclr: allocation, casts, stubs, GC)", r"libcoreclr\.so|libSystem\.Native|libc\.so"),
]
BUCKETS = ANYWHERE + OWNERS + FALLBACKS
anywhere = [(name, re.compile(rx)) for name, rx in ANYWHERE]
owners = [(name, re.compile(rx)) for name, rx in OWNERS]
fallbacks = [(name, re.compile(rx)) for name, rx in FALLBACKS]
others = Counter()

per_group = Counter()
buckets = Counter()
leaf_syms = Counter()
total_gw = 0
total = 0


def group(comm, pid):
    if pid == gw_pid:
        return "gateway"
    if comm.startswith("postgres") or comm.startswith("postmaster"):
        return "PostgreSQL"
    if comm.startswith("wrk"):
        return "wrk (load generator)"
    if comm.startswith("perf"):
        return "perf (this profiler)"
    others[comm] += 1
    return "everything else on the machine (other sessions, kernel threads)"


def flush(head, frames):
    global total, total_gw
    if head is None:
        return
    comm, pid = head
    total += 1
    per_group[group(comm, pid)] += 1
    if pid != gw_pid:
        return
    total_gw += 1
    if frames:
        leaf_syms[frames[0]] += 1
    def pick():
        for name, rx in anywhere:
            if any(rx.search(f) for f in frames):
                return name
        for f in frames:  # leaf first
            for name, rx in owners:
                if rx.search(f):
                    return name
        for name, rx in fallbacks:
            if any(rx.search(f) for f in frames):
                return name
        return "other"
    buckets[pick()] += 1


head_re = re.compile(r"^(\S.*?)\s+(\d+)/(\d+)\s*$|^(\S.*?)\s+(\d+)/(\d+)\s")
head = None
frames = []
for line in sys.stdin:
    if not line.strip():
        flush(head, frames)
        head, frames = None, []
        continue
    if line[0] not in " \t":
        flush(head, frames)
        frames = []
        m = re.match(r"^(.*?)\s+(\d+)/(\d+)", line)
        head = (m.group(1).strip(), m.group(2)) if m else None
        continue
    parts = line.strip().split(None, 1)
    frames.append(parts[1] if len(parts) > 1 else parts[0])
flush(head, frames)

if total == 0:
    print("no samples")
    sys.exit(1)
cores = total / seconds / 499.0  # samples at 499 Hz per busy CPU
print(f"samples: {total} in {seconds:.0f} s = {cores:.2f} of 2 cores busy on average")
print("| process | share of all CPU samples | cores |")
print("|---|---|---|")
for g, n in per_group.most_common():
    print(f"| {g} | {100.0 * n / total:.1f} % | {n / seconds / 499.0:.2f} |")
print("everything else, by command: " + ", ".join(f"{c} {100.0 * n / total:.1f} %" for c, n in others.most_common(8)))
print()
us_per = (lambda n: f"{n / 499.0 * 1e6 / count:.0f}") if count else (lambda n: "-")
print(f"gateway samples: {total_gw}" + (f"; {count} notificaties stored while recording" if count else ""))
print("| gateway CPU bucket (by call chain, see the header of oso-perfsplit.py) | share | CPU µs per notificatie |")
print("|---|---|---|")
for name, _ in BUCKETS + [("other", None)]:
    n = buckets.get(name, 0)
    if n:
        print(f"| {name} | {100.0 * n / total_gw:.1f} % | {us_per(n)} |")
print(f"| total | 100 % | {us_per(total_gw)} |")
print()
print("top leaf symbols in the gateway:")
for s, n in leaf_syms.most_common(25):
    print(f"  {100.0 * n / total_gw:5.1f} %  {s[:150]}")
