#!/usr/bin/env python3
"""Cost of one /beheer sign-in's password check: PBKDF2-HMAC-SHA256 with the gateway's iteration count
(WachtwoordHasher.Iteraties). Python's hashlib and .NET on Linux both call OpenSSL's PBKDF2, so this measures the
same primitive without building the gateway. Known and unknown e-mail take the same path (the unknown one is checked
against a dummy hash with the same count), so one figure covers both. Short: 20 hashes; wall and CPU time per hash."""
import hashlib, os, re, statistics, sys, time

bron = os.path.join(os.path.dirname(__file__), "..", "..", "src", "Gateway", "Beheer", "Aanmelding", "WachtwoordHasher.cs")
iteraties = int(re.search(r"Iteraties = ([0-9_]+);", open(bron).read()).group(1).replace("_", ""))
n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
wand, cpu = [], []
for i in range(n):
    w0, c0 = time.perf_counter(), time.process_time()
    hashlib.pbkdf2_hmac("sha256", b"correct-paard-batterij-niet", os.urandom(16), iteraties, 32)
    wand.append((time.perf_counter() - w0) * 1000)
    cpu.append((time.process_time() - c0) * 1000)
wand.sort()
print(f"iteraties={iteraties} n={n} wand_ms mediaan={statistics.median(wand):.1f} p95={wand[int(0.95 * (n - 1))]:.1f} "
      f"cpu_ms mediaan={statistics.median(cpu):.1f} (machine gedeeld met andere sessies)")
