"""Response time of a code wrong in its first character (another BRIN6: the unknown-school path), wrong in the
first character after the BRIN6, and wrong in its last character: 1,000 tries each, interleaved on one keep-alive
connection so all see the same conditions. The bench raises the failure limits, so every try reaches the check."""
import http.client, statistics, sys, time

url, code = sys.argv[1], sys.argv[2]
host, port = url.replace("http://", "").split(":")
c = http.client.HTTPConnection(host, int(port))
def probe(candidate):
    t = time.perf_counter_ns()
    c.request("GET", "/esis/v1/aanvragen/X-1", headers={"X-Esis-Verificatiecode": candidate})
    r = c.getresponse(); r.read()
    return time.perf_counter_ns() - t, r.status
allereerste = ("2" if code[0] != "2" else "3") + code[1:]
first = code[:6] + ("X" if code[6] != "X" else "Y") + code[7:]
last = code[:-1] + ("X" if code[-1] != "X" else "Y")
z, a, b, statuses = [], [], [], set()
for i in range(1000):
    rondes = [(z, allereerste), (a, first), (b, last)]
    for lst, cand in (rondes if i % 2 == 0 else rondes[::-1]):
        d, s = probe(cand); lst.append(d); statuses.add(s)
def summary(x):
    x = sorted(x); return statistics.mean(x[50:-50]) / 1000, statistics.median(x) / 1000, statistics.stdev(x[50:-50]) / 1000
mz, medz, sz = summary(z); ma, meda, sa = summary(a); mb, medb, sb = summary(b)
print(f"statuses seen: {sorted(statuses)}")
print(f"wrong 1st char (unknown school): trimmed mean {mz:.1f} us, median {medz:.1f} us, sd {sz:.1f} us")
print(f"wrong 7th char (after BRIN6):  trimmed mean {ma:.1f} us, median {meda:.1f} us, sd {sa:.1f} us")
print(f"wrong last char:                trimmed mean {mb:.1f} us, median {medb:.1f} us, sd {sb:.1f} us")
print(f"difference 7th vs last {abs(ma-mb):.1f} us ({abs(ma-mb)/max(sa,sb):.2f} sd); unknown school vs last {abs(mz-mb):.1f} us ({abs(mz-mb)/max(sz,sb):.2f} sd)")
