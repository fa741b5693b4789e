"""Peak RSS growth of the gateway while a 10 MiB attachment arrives as multipart and as base64 JSON.
VmHWM is the process's peak RSS; it is reset through /proc/<pid>/clear_refs before each upload."""
import base64, http.client, json, os, sys, uuid

url, code, pid = sys.argv[1], sys.argv[2], int(sys.argv[3])
host, port = url.replace("http://", "").split(":")

def hwm():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1]) * 1024
def rss():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) * 1024
def reset():
    with open(f"/proc/{pid}/clear_refs", "w") as f:
        f.write("5")

def send(method, path, body, ctype):
    c = http.client.HTTPConnection(host, int(port), timeout=120)
    c.request(method, path, body=body, headers={"Content-Type": ctype, "X-Esis-Verificatiecode": code})
    r = c.getresponse(); data = r.read(); c.close()
    return r.status, data

pdf = b"%PDF-1.4\n" + os.urandom(10 * 1024 * 1024 - 16) + b"\n%%EOF\n"
pdf = pdf[: 10 * 1024 * 1024]
aanvraag = {"samenwerkingsverband": "PO2806", "school": {"brin": "12AB", "vestiging": "00"},
            "contactpersoon": {"naam": "J. de Vries"}, "korteOmschrijving": "Ambulante Begeleiding", "zorgvraag": "Gedrag",
            "leerling": {"achternaam": "Berg", "geboortedatum": "2017-03-17"}}
aid = "MEM-" + uuid.uuid4().hex[:8]
print("create", send("PUT", f"/esis/v1/aanvragen/{aid}", json.dumps(aanvraag), "application/json")[0])

for i in range(2):  # second round is the figure: the first also pays for JIT and pool growth
    boundary = "grens" + uuid.uuid4().hex
    mp = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"Verslag {i}.pdf\"\r\n"
          f"Content-Type: application/pdf\r\n\r\n").encode() + pdf[:-8] + os.urandom(8) + f"\r\n--{boundary}--\r\n".encode()
    base, _ = rss(), reset()
    status, _ = send("POST", f"/esis/v1/aanvragen/{aid}/bijlagen", mp, f"multipart/form-data; boundary={boundary}")
    mp_growth = hwm() - base

    inhoud = pdf[:-8] + os.urandom(8)
    body = json.dumps({"bijlagen": [{"bestandsnaam": f"Onderzoek {i}.pdf", "categorie": "onderzoeksverslag",
                                     "inhoud": base64.b64encode(inhoud).decode()}]})
    base, _ = rss(), reset()
    status2, _ = send("POST", f"/esis/v1/aanvragen/{aid}/bijlagen", body, "application/json")
    js_growth = hwm() - base
    print(f"round {i}: multipart {status} RSS growth {mp_growth/1e6:.1f} MB; base64 JSON ({len(body)/1e6:.1f} MB) {status2} RSS growth {js_growth/1e6:.1f} MB = {js_growth/len(body):.2f}x")
