#!/usr/bin/env bash
# Fetches the public reference data the conformance tests read (the OSO gegevensset examples and real Edukoppeling
# signed messages) into reference/ (ignored by git; the data may not be committed to this repository).
# Needs internet access to raw.githubusercontent.com. Every file comes from a pinned commit and is checked against the
# sha256 in scripts/reference-files.txt; on any mismatch nothing is installed.
#
#   scripts/fetch-reference.sh [target-folder]     (default: reference/ in the repository root)
#
# The tests find the folder by themselves; GATEWAY_REFERENCE_DIR=<folder> points them elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

OSO_REPO=edustandaard/oso-gegevensset
OSO_COMMIT=5ef550f7babedc5ac1dce6a185c49252d93c1787
RIO_REPO=jomco/eduhub-rio-mapper            # licence AGPL: the recorded messages are used as test data only
RIO_COMMIT=b8c134260e63dd70c33fe400feeffb1cf7c00faf

target="${1:-reference}"
staging="$target.partial"
rm -rf "$staging"
trap 'rm -rf "$staging"' EXIT

python3 - "$staging" scripts/reference-files.txt \
  "https://raw.githubusercontent.com/$OSO_REPO/$OSO_COMMIT" \
  "https://raw.githubusercontent.com/$RIO_REPO/$RIO_COMMIT" <<'PY'
import hashlib, os, re, sys, urllib.request

staging, manifest, oso_base, rio_base = sys.argv[1:5]
bases = {"oso": oso_base, "rio": rio_base}
cache = {}

def download(source, path):
    key = (source, path)
    if key not in cache:
        with urllib.request.urlopen(f"{bases[source]}/{path}", timeout=60) as response:
            cache[key] = response.read()
    return cache[key]

def edn_bodies(text):
    """The :body strings of a recorded exchange (EDN string literals), request first, then response."""
    escapes = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", '"': '"', "\\": "\\"}
    bodies = []
    for match in re.finditer(r':body\s+"', text):
        i, chars = match.end(), []
        while text[i] != '"':
            if text[i] == "\\":
                if text[i + 1] == "u":
                    chars.append(chr(int(text[i + 2:i + 6], 16)))
                    i += 6
                    continue
                chars.append(escapes[text[i + 1]])
                i += 2
                continue
            chars.append(text[i])
            i += 1
        bodies.append("".join(chars))
    return bodies

failures = 0
count = 0
for line in open(manifest, encoding="utf-8"):
    if not line.strip() or line.startswith("#"):
        continue
    sha256, source, path, body, destination = line.split()
    data = download(source, path)
    if body != "-":
        data = edn_bodies(data.decode("utf-8"))[int(body)].encode("utf-8")
    if hashlib.sha256(data).hexdigest() != sha256:
        print(f"checksum mismatch: {destination} (from {source}:{path})", file=sys.stderr)
        failures += 1
        continue
    full = os.path.join(staging, destination)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data)
    count += 1

if failures:
    sys.exit(f"{failures} file(s) did not match their checksum; nothing installed.")
print(f"{count} files fetched and verified.")
PY

rm -rf "$target"
mv "$staging" "$target"
echo "Reference data in $target/ (the tests find it there)."
