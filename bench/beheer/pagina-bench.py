#!/usr/bin/env python3
"""Response times of the /beheer pages on a filled database (bench/beheer/beheer-bench.sh starts everything).

Signs in the way a person does (activation link, password, TOTP computed here), then, one request at a time (no
concurrency, so a response time is the server's time plus a loopback round trip):
  * the Hulpvragen page, first page and page 100 (the keyset cursor of the "Volgende pagina" link, followed 99
    times), per filter: p50 / p95 / max over --herhaal requests;
  * the Hulpvraag page of random dossiernummers;
  * the CSV export of one filter with --export-rijen rows or more, streamed to nowhere, while the gateway's RSS
    (/proc/PID/status VmRSS) is sampled every 20 ms: growth = peak - before.
Needs python3-requests. Prints one line per measurement (the lines docs/performance.md quotes)."""
import argparse, base64, hashlib, hmac, os, random, re, statistics, struct, sys, threading, time

import requests



def af(html):
    m = re.search(r'<input[^>]*name="__af"[^>]*value="([^"]+)"', html) or re.search(r'<input[^>]*value="([^"]+)"[^>]*name="__af"', html)
    if not m:
        sys.exit("geen antiforgery-veld (__af) in het formulier")
    return m.group(1)


def totp(geheim, stap):
    sleutel = base64.b32decode(geheim.replace(" ", "").upper() + "=" * (-len(geheim.replace(" ", "")) % 8))
    h = hmac.new(sleutel, struct.pack(">Q", stap), hashlib.sha1).digest()
    o = h[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def aanmelden(s, basis, activatie, email, wachtwoord):
    r = s.get(activatie)
    r.raise_for_status()
    geheim = re.search(r'data-testid="totp-geheim">([^<]+)<', r.text).group(1).strip()
    stap = int(time.time()) // 30
    r = s.post(activatie, data={"__af": af(r.text), "wachtwoord": wachtwoord, "herhaling": wachtwoord, "code": totp(geheim, stap)})
    if r.status_code != 200 or "Uw account is actief" not in r.text:
        sys.exit(f"activeren mislukt: {r.status_code}")
    # A code is accepted once: sign in with the next time step's code.
    while int(time.time()) // 30 == stap:
        time.sleep(0.5)
    r = s.get(basis + "/beheer/inloggen")
    r = s.post(basis + "/beheer/inloggen", data={"__af": af(r.text), "email": email, "wachtwoord": wachtwoord,
                                                 "code": totp(geheim, int(time.time()) // 30), "terug": "/beheer"})
    if "Uitloggen" not in r.text and "uitloggen" not in r.text:
        sys.exit(f"inloggen mislukt: {r.status_code}")


def tijd(s, url):
    t0 = time.perf_counter()
    r = s.get(url)
    ms = (time.perf_counter() - t0) * 1000
    if CPU:
        CPU.n += 1
    if r.status_code != 200:
        sys.exit(f"{url}: HTTP {r.status_code}")
    return ms, r.text


def p(waarden, q):
    w = sorted(waarden)
    return w[min(len(w) - 1, int(round(q * (len(w) - 1))))]


def regel(naam, tijden, extra=""):
    print(f"{naam:<44} n={len(tijden):<3} p50={statistics.median(tijden):7.1f} ms  p95={p(tijden, 0.95):7.1f} ms  "
          f"max={max(tijden):7.1f} ms{extra}", flush=True)


def lijst(s, basis, naam, query, herhaal, diep):
    url = basis + "/beheer/hulpvragen" + ("?" + query if query else "")
    for _ in range(2):
        tijd(s, url)
    eerste = [tijd(s, url)[0] for _ in range(herhaal)]
    _, html = tijd(s, url)
    rijen = max(0, html.count("<tr") - 1)
    regel(f"Hulpvragen {naam}, pagina 1", eerste, f"  ({rijen} rijen)")
    lopen, volgende = [], url
    for _ in range(diep - 1):
        m = re.search(r'href="([^"]*na=[0-9-]+)" rel="next"', html)
        if not m:
            print(f"{'':<44} (maar {len(lopen) + 1} pagina's)")
            return
        volgende = basis + m.group(1).replace("&amp;", "&")
        ms, html = tijd(s, volgende)
        lopen.append(ms)
    diepe = [tijd(s, volgende)[0] for _ in range(herhaal)]
    regel(f"Hulpvragen {naam}, pagina {diep}", diepe, f"  (doorbladeren 2..{diep}: p95 {p(lopen, 0.95):.1f} ms)")


def jiffies(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            v = f.read().rsplit(")", 1)[1].split()
        return int(v[11]) + int(v[12]) + int(v[13]) + int(v[14])
    except OSError:
        return 0


def cpu(pids):
    """utime+stime (and reaped children) of the processes and their children, in clock ticks."""
    alle = set(pids)
    for pid in pids:
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as f:
                alle.update(int(c) for c in f.read().split())
        except OSError:
            pass
    return sum(jiffies(p) for p in alle)


class Cpu:
    """CPU per request of gateway and PostgreSQL over one phase (the machine is shared: this moves less than time)."""

    def __init__(self, gw, pg):
        self.gw, self.pg = gw, pg
        self.hz = os.sysconf("SC_CLK_TCK")

    def start(self):
        self.n = 0
        self.g0, self.p0 = cpu([self.gw]), cpu([self.pg]) if self.pg else 0

    def stop(self, wat):
        g, q = cpu([self.gw]) - self.g0, (cpu([self.pg]) - self.p0) if self.pg else 0
        n = max(1, self.n)
        print(f"  CPU per request ({wat}, {n} requests): gateway {g * 1000 / self.hz / n:.1f} ms, "
              f"PostgreSQL {q * 1000 / self.hz / n:.1f} ms", flush=True)


CPU = None


def rss(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) * 1024


def export(s, basis, query, pid):
    url = basis + "/beheer/hulpvragen/export.csv?" + query
    voor = rss(pid)
    piek, stop = [voor], threading.Event()

    def meet():
        while not stop.is_set():
            piek.append(rss(pid))
            time.sleep(0.02)

    t = threading.Thread(target=meet)
    t.start()
    t0 = time.perf_counter()
    n = b = 0
    with s.get(url, stream=True) as r:
        r.raise_for_status()
        for blok in r.iter_content(65536):
            b += len(blok)
            n += blok.count(b"\r\n")
    sec = time.perf_counter() - t0
    stop.set()
    t.join()
    print(f"CSV export ({query}): {n - 1} rijen, {b / 1e6:.1f} MB in {sec:.1f} s; gateway RSS voor {voor / 1e6:.0f} MB, "
          f"piek {max(piek) / 1e6:.0f} MB, groei {(max(piek) - voor) / 1e6:.0f} MB", flush=True)


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--url", required=True)
    a.add_argument("--activatie", required=True)
    a.add_argument("--email", required=True)
    a.add_argument("--pid", type=int, required=True)
    a.add_argument("--pg-pid", type=int, default=0, help="the postmaster, for PostgreSQL's CPU (its backends are its children)")
    a.add_argument("--herhaal", type=int, default=30)
    a.add_argument("--diep", type=int, default=100)
    a.add_argument("--scenario", action="append", default=[], help="naam=querystring; herhaalbaar")
    a.add_argument("--export", default="")
    a.add_argument("--max-dossier", type=int, default=1000)
    a.add_argument("--alleen", default="lijst,hulpvraag,export")
    o = a.parse_args()
    s = requests.Session()
    aanmelden(s, o.url, o.activatie, o.email, "bench-wachtwoord-lang-genoeg-2026")
    global CPU
    CPU = Cpu(o.pid, o.pg_pid)
    if "lijst" in o.alleen:
        for sc in o.scenario:
            naam, _, query = sc.partition("=")
            CPU.start()
            lijst(s, o.url, naam, query, o.herhaal, o.diep)
            CPU.stop("Hulpvragen " + naam)
    if "hulpvraag" in o.alleen:
        rnd = random.Random(42)
        nummers = [rnd.randint(1001, o.max_dossier) for _ in range(o.herhaal * 3)]
        for n in nummers[:3]:
            tijd(s, f"{o.url}/beheer/hulpvragen/{n}")
        CPU.start()
        regel("Hulpvraag (willekeurige dossiers)", [tijd(s, f"{o.url}/beheer/hulpvragen/{n}")[0] for n in nummers])
        CPU.stop("Hulpvraag")
    if "export" in o.alleen and o.export:
        CPU.start()
        export(s, o.url, o.export, o.pid)
        CPU.stop("CSV export, one request")


if __name__ == "__main__":
    main()
