#!/usr/bin/env bash
# Makes the TLS certificates the tests use (__fixtures__/tls/): a test CA, a
# valid server certificate it signed (for sampleplatform.test, localhost and
# 127.0.0.1), an expired one, one for the wrong host, and a self-signed one.
# They are committed, so tests need no openssl; run this again to replace them.
set -euo pipefail
cd "$(dirname "$0")/../__fixtures__/tls"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/ca.key" -out ca.pem \
  -days 36500 -subj "/CN=sample-result-action test CA" 2>/dev/null

# A certificate signed by the test CA, for the names given, valid between two dates.
sign() { # name, subjectAltName, startdate, enddate
  openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$work/$1.csr" -subj "/CN=$1" 2>/dev/null
  mkdir -p "$work/ca/newcerts"
  : > "$work/ca/index.txt"
  printf '%s\n' "$(openssl rand -hex 8)" > "$work/ca/serial"
  cat > "$work/ca.cnf" <<CNF
[ca]
default_ca = test
[test]
dir = $work/ca
database = \$dir/index.txt
new_certs_dir = \$dir/newcerts
serial = \$dir/serial
default_md = sha256
policy = any
copy_extensions = none
x509_extensions = leaf
[any]
commonName = supplied
[leaf]
basicConstraints = CA:FALSE
subjectAltName = $2
CNF
  openssl ca -batch -config "$work/ca.cnf" -cert ca.pem -keyfile "$work/ca.key" \
    -in "$work/$1.csr" -out "$1.pem" -notext -startdate "$3" -enddate "$4" 2>/dev/null
}

sign valid 'DNS:sampleplatform.test,DNS:localhost,IP:127.0.0.1' 20250101000000Z 21250101000000Z
sign expired 'DNS:sampleplatform.test,DNS:localhost,IP:127.0.0.1' 20200101000000Z 20210101000000Z
sign wrong-host 'DNS:other.example' 20250101000000Z 21250101000000Z

openssl req -x509 -newkey rsa:2048 -nodes -keyout self-signed.key -out self-signed.pem \
  -days 36500 -subj "/CN=localhost" -addext 'subjectAltName=DNS:localhost,IP:127.0.0.1' 2>/dev/null
echo "certificates written to $(pwd)"
