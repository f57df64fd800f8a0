#!/usr/bin/env bash
# Makes the self-signed TLS certificate that the e2e tests use to serve look-alike YouTube and Drive
# pages over HTTPS on loopback (Chromium maps www.youtube.com to 127.0.0.1 with
# --host-resolver-rules and is started with --ignore-certificate-errors).
#
# Output (committed, so the tests never need openssl): tests/fixtures/tls/key.pem and
# tests/fixtures/tls/cert.pem. The key is public test material: never trust this
# certificate anywhere, never use it for anything but loopback tests.
#
# Usage: bash scripts/make-test-cert.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/tests/fixtures/tls"
mkdir -p "$OUT"
command -v openssl >/dev/null || { echo "openssl is required (apt-get install openssl)" >&2; exit 1; }

HOSTS=(www.youtube.com m.youtube.com youtube.com www.youtube-nocookie.com drive.google.com youtube.googleapis.com)
SAN=$(printf 'DNS:%s,' "${HOSTS[@]}")
SAN=${SAN%,}
DAYS=10000 # about 27 years

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 \
  -keyout "$OUT/key.pem" -out "$OUT/cert.pem" -days "$DAYS" \
  -subj "/O=FrameCoach loopback tests/CN=${HOSTS[0]}" \
  -addext "subjectAltName=$SAN" \
  -addext "basicConstraints=critical,CA:FALSE" \
  -addext "keyUsage=critical,digitalSignature" \
  -addext "extendedKeyUsage=serverAuth" 2>/dev/null

# Public test material: readable like any other fixture.
chmod 644 "$OUT/key.pem" "$OUT/cert.pem"

# Check what was written.
openssl x509 -in "$OUT/cert.pem" -noout -checkend $((60 * 60 * 24 * 365 * 20)) >/dev/null \
  || { echo "certificate expires too soon" >&2; exit 1; }
for h in "${HOSTS[@]}"; do
  openssl x509 -in "$OUT/cert.pem" -noout -checkhost "$h" | grep -q 'does match' \
    || { echo "certificate does not cover $h" >&2; exit 1; }
done
openssl pkey -in "$OUT/key.pem" -pubout | cmp -s - <(openssl x509 -in "$OUT/cert.pem" -noout -pubkey) \
  || { echo "key and certificate do not match" >&2; exit 1; }
echo "wrote $OUT/key.pem and $OUT/cert.pem:"
openssl x509 -in "$OUT/cert.pem" -noout -subject -enddate -ext subjectAltName
