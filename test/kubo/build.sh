#!/usr/bin/env bash
# Builds the Kubo that tests, benchmarks and dev:web use, from the Go module proxy, once per
# version: the binary is cached under ${XDG_CACHE_HOME:-~/.cache}/cairn/kubo-<version>/ipfs.
# The version is the one go.mod pins. go-libp2p is raised to v0.50.0 there because Kubo v0.43.1
# builds against an unreleased go-libp2p fork (a replace directive in its own go.mod, which is not
# inherited and is not served by the proxy); v0.50.0 is the first release with the same quic-go
# and webtransport-go versions.
set -euo pipefail
cd "$(dirname "$0")"
if [ -n "${KUBO_BINARY:-}" ]; then
  echo "kubo: using KUBO_BINARY=${KUBO_BINARY}, nothing to build"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "kubo: Go is not installed, so Kubo is not built; tests use KUBO_BINARY, the kubo npm package or ipfs on PATH"
  exit 0
fi
version=$(go list -m -f '{{.Version}}' github.com/ipfs/kubo)
out="${XDG_CACHE_HOME:-$HOME/.cache}/cairn/kubo-${version}/ipfs"
if [ -x "$out" ] && "$out" version --number >/dev/null 2>&1; then
  echo "kubo ${version}: cached at ${out}"
  exit 0
fi
echo "kubo ${version}: building into ${out} (a few minutes on 2 cores)"
mkdir -p "$(dirname "$out")"
go build -trimpath -o "$out.partial" github.com/ipfs/kubo/cmd/ipfs
mv "$out.partial" "$out"
"$out" version
