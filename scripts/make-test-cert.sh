#!/usr/bin/env bash
# Makes a small certificate authority and a server certificate for a test hall, so tablets reach the server over
# HTTPS (a service worker needs a secure context). Usage: scripts/make-test-cert.sh 192.168.1.20 [more IPs or names]
# Output in ./certs: ca.crt (install on the tablets), server.crt and server.key (give to the server).
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 <server IP or host name> [...]" >&2; exit 2; }
out=certs
mkdir -p "$out"
chmod 700 "$out"
san="DNS:localhost,IP:127.0.0.1"
for host in "$@"; do
  if [[ "$host" =~ ^[0-9.]+$ ]]; then san="$san,IP:$host"; else san="$san,DNS:$host"; fi
done
if [ ! -f "$out/ca.key" ]; then
  openssl req -x509 -newkey rsa:3072 -nodes -days 825 -subj "/CN=HaoChaPing test hall CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$out/ca.key" -out "$out/ca.crt" 2>/dev/null
fi
openssl req -newkey rsa:2048 -nodes -subj "/CN=$1" -keyout "$out/server.key" -out "$out/server.csr" 2>/dev/null
openssl x509 -req -in "$out/server.csr" -CA "$out/ca.crt" -CAkey "$out/ca.key" -CAcreateserial -days 397 \
  -extfile <(printf "subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n" "$san") \
  -out "$out/server.crt" 2>/dev/null
rm -f "$out/server.csr"
chmod 600 "$out"/*.key
echo "Made $out/server.crt for $san"
echo "Start:   TLS_CERT=$out/server.crt TLS_KEY=$out/server.key npm start"
echo "Tablets: install $out/ca.crt as a trusted CA certificate, then open https://$1:8787/"
