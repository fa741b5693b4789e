"""Replays bench/hostile/corpus.json against a running gateway and prints, per case and in total: sent, refused with
the expected code, accepted, 5xx, uncoded refusals and mismatches, and the gateway's peak RSS when its pid is given.
    python3 bench/hostile/replay.py http://127.0.0.1:8080 <esis-code of 12AB00> <admin key> [gateway pid]
The Esis code must be registered for school 12AB00 with a callback URL; the corpus's preparation PUT is sent first."""
import http.client, json, os, re, socket, sys, time

url, code, admin = sys.argv[1], sys.argv[2], sys.argv[3]
pid = int(sys.argv[4]) if len(sys.argv) > 4 else None
host, port = url.replace("http://", "").split(":")
port = int(port)
corpus = json.load(open(os.path.join(os.path.dirname(__file__), "corpus.json")))

BASIS = {
    "samenwerkingsverband": "PO2806",
    "school": {"brin": "12AB", "vestiging": "00", "naam": "OBS De Regenboog"},
    "contactpersoon": {"naam": "J. de Vries", "email": "ib@regenboog.nl", "telefoon": "0101234567"},
    "korteOmschrijving": "Ambulante Begeleiding", "zorgvraag": "Op het gebied van gedrag", "oppToevoegen": False,
    "niveau": "leerling",
    "leerling": {"leerlingId": "E-778", "roepnaam": "Daan", "voornamen": "Daan Pieter", "tussenvoegsel": "van de",
                 "achternaam": "Berg", "geboortedatum": "2017-03-17", "geslacht": "man", "groep": "5"},
    "bijlagen": [],
}

def vervang(tekst):
    tekst = tekst.replace("{code}", code)
    return re.sub(r"\{herhaal:(.):(\d+)\}", lambda m: m.group(1) * int(m.group(2)), tekst)

def breid(waarde):
    if isinstance(waarde, dict):
        if "$herhaal" in waarde:
            return waarde["$herhaal"] * waarde["aantal"]
        if "$lijst" in waarde:
            return [breid(waarde["$lijst"]) for _ in range(waarde["aantal"])]
        return {k: breid(v) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [breid(v) for v in waarde]
    return vervang(waarde) if isinstance(waarde, str) else waarde

def aanvraag(wijzigingen):
    a = json.loads(json.dumps(BASIS))
    for pad, waarde in wijzigingen.items():
        delen = pad.split(".")
        ouder = a
        for d in delen[:-1]:
            ouder = ouder[d]
        if waarde is None:
            ouder.pop(delen[-1], None)
        else:
            ouder[delen[-1]] = breid(waarde)
    return a

def code_uit(tekst):
    m = re.search(r'"code":"([A-Z_]+)"', tekst) or re.search(r"<gw:code>([A-Z_]+)</gw:code>", tekst)
    return m.group(1) if m else None

def stuur(geval):
    body = geval.get("body") or {}
    if "raw" in body:
        s = socket.create_connection((host, port), timeout=60)
        s.sendall(vervang(body["raw"]).encode())
        if body.get("halfSluiten"):
            s.shutdown(socket.SHUT_WR)
        data = b""
        while True:
            stuk = s.recv(65536)
            if not stuk:
                break
            data += stuk
        s.close()
        tekst = data.decode("utf-8", "replace")
        m = re.match(r"HTTP/1\.1 (\d{3}) ", tekst)
        return (int(m.group(1)) if m else 0), code_uit(tekst)
    headers = {}
    inhoud = None
    if body:
        inhoud = (vervang(body["tekst"]) if "tekst" in body else json.dumps(breid(body["json"])) if "json" in body
                  else json.dumps(aanvraag(body["aanvraag"]))).encode()
        headers["Content-Type"] = geval.get("contentType") or "application/json"
    if geval.get("auth") == "esis":
        headers["X-Esis-Verificatiecode"] = code
    elif geval.get("auth") == "admin":
        headers["Authorization"] = "Bearer " + admin
    if geval.get("accept"):
        headers["Accept"] = geval["accept"]
    c = http.client.HTTPConnection(host, port, timeout=60)
    try:
        c.request(geval["methode"], vervang(geval["pad"]), body=inhoud, headers=headers)
        r = c.getresponse()
        tekst = r.read().decode("utf-8", "replace")
        return r.status, code_uit(tekst)
    finally:
        c.close()

def hwm():
    if pid is None:
        return None
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1]) * 1024

if pid is not None:
    with open(f"/proc/{pid}/clear_refs", "w") as f:
        f.write("5")
status, _ = stuur(corpus["voorbereiding"])
print(f"preparation: {status}")
tellers = {"sent": 0, "refused with code": 0, "accepted": 0, "5xx": 0, "uncoded refusal": 0, "not as expected": 0}
begin = time.monotonic()
for geval in corpus["gevallen"]:
    try:
        status, code_ = stuur(geval)
    except OSError as e:
        status, code_ = 0, type(e).__name__
    tellers["sent"] += 1
    if status >= 500:
        tellers["5xx"] += 1
    elif status >= 400 and code_:
        tellers["refused with code"] += 1
    elif status >= 400 or status == 0:
        tellers["uncoded refusal"] += 1
    else:
        tellers["accepted"] += 1
    verwacht = (geval["status"], geval.get("code"))
    goed = (status, code_) == verwacht
    if not goed:
        tellers["not as expected"] += 1
    print(f"{'ok ' if goed else 'NOK'} {status} {code_ or '-':<32} {geval['naam']}" + ("" if goed else f"   (expected {verwacht[0]} {verwacht[1]})"))
print("; ".join(f"{k}: {v}" for k, v in tellers.items()) + f"; {time.monotonic() - begin:.1f} s")
if pid is not None:
    print(f"gateway peak RSS during the replay: {hwm() / 1e6:.0f} MB")
sys.exit(1 if tellers["5xx"] or tellers["uncoded refusal"] or tellers["not as expected"] else 0)
