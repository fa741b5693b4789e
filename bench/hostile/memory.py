"""Three chunked 70 MB bodies holding one JSON string each, against a running gateway; RSS before, peak, 30 s after.
VmHWM (peak RSS) is reset through /proc/<pid>/clear_refs before the bodies, so the peak is theirs."""
import http.client, sys, time

url, code, pid = sys.argv[1], sys.argv[2], int(sys.argv[3])
host, port = url.replace("http://", "").split(":")

def status_kb(veld):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(veld):
            return int(line.split()[1]) * 1024

def cpu_s():
    velden = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(velden[11]) + int(velden[12])) / 100.0

def chunked_string(mb):
    yield b'{"zorgvraag":"'
    blok = b"x" * (1024 * 1024)
    for _ in range(mb):
        yield blok
    yield b'"}'

def send(mb):
    c = http.client.HTTPConnection(host, int(port), timeout=120)
    try:
        c.request("PUT", "/esis/v1/aanvragen/HOSTILE-MEM", body=chunked_string(mb), encode_chunked=True,
                  headers={"Content-Type": "application/json", "X-Esis-Verificatiecode": code, "Transfer-Encoding": "chunked"})
        r = c.getresponse(); r.read(); return r.status
    except (BrokenPipeError, ConnectionResetError) as e:
        # The gateway may answer and close before the client has sent everything: that is the limit working.
        return type(e).__name__
    finally:
        c.close()

time.sleep(5)
voor, cpu0 = status_kb("VmRSS"), cpu_s()
with open(f"/proc/{pid}/clear_refs", "w") as f:
    f.write("5")
statussen = [send(70) for _ in range(3)]
piek = status_kb("VmHWM")
direct = status_kb("VmRSS")
time.sleep(30)
na = status_kb("VmRSS")
print(f"answers: {statussen}; gateway CPU for the three bodies: {cpu_s() - cpu0:.2f} s")
print(f"RSS before {voor/1e6:.0f} MB, peak {piek/1e6:.0f} MB, right after {direct/1e6:.0f} MB, 30 s after {na/1e6:.0f} MB "
      f"(after - before = {(na - voor)/1e6:+.0f} MB)")
