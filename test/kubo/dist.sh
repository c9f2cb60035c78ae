#!/usr/bin/env bash
# Builds the Kubo that each installer carries, from the same Go tool module as build.sh (go.mod pins
# the version and raises go-libp2p; see there why), for every target electron-builder packages:
# build/kubo/<os>-<arch>/ipfs[.exe] with ${os} and ${arch} spelled as electron-builder's macros, so
# electron-builder.yml picks the right one per target, plus build/kubo/SHA256SUMS.
# Cross builds take minutes each: they are cached per version under
# ${XDG_CACHE_HOME:-~/.cache}/cairn/kubo-<version>/dist/, and run niced on one core unless
# KUBO_DIST_JOBS says otherwise.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v go >/dev/null 2>&1; then
  echo "kubo:dist: Go 1.26 is needed to build the Kubo binaries the installers carry" >&2
  exit 1
fi
version=$(go list -m -f '{{.Version}}' github.com/ipfs/kubo)
cache="${XDG_CACHE_HOME:-$HOME/.cache}/cairn/kubo-${version}/dist"
out="$(cd ../.. && pwd)/build/kubo"
jobs="${KUBO_DIST_JOBS:-1}"
# sha256sum on Linux and Windows (Git Bash), shasum on macOS; the same output either way.
sha256() { if command -v sha256sum >/dev/null 2>&1; then sha256sum "$@"; else shasum -a 256 "$@"; fi; }
targets="linux/amd64/linux-x64 linux/arm64/linux-arm64 darwin/amd64/mac-x64 darwin/arm64/mac-arm64 windows/amd64/win-x64"

mkdir -p "$out"
rm -f "$out/SHA256SUMS"
for target in $targets; do
  IFS=/ read -r goos goarch folder <<<"$target"
  name=ipfs
  [ "$goos" = windows ] && name=ipfs.exe
  cached="$cache/$folder/$name"
  if [ -s "$cached" ]; then
    echo "kubo ${version} ${folder}: cached"
  else
    echo "kubo ${version} ${folder}: building (minutes)"
    mkdir -p "$(dirname "$cached")"
    # Static binaries (no cgo), as Kubo's own releases are; -trimpath keeps build paths out of them.
    CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch GOMAXPROCS=$jobs nice -n 19 \
      go build -p "$jobs" -trimpath -ldflags='-s -w' -o "$cached.partial" github.com/ipfs/kubo/cmd/ipfs
    mv "$cached.partial" "$cached"
  fi
  rm -rf "${out:?}/$folder"
  mkdir -p "$out/$folder"
  cp "$cached" "$out/$folder/$name"
  (cd "$out" && sha256 "$folder/$name" >>SHA256SUMS)
done
# Licences: Kubo's own (MIT and Apache-2.0), then every Go module linked into it, as the module ships them.
licenses="$cache/licenses"
if [ ! -s "$licenses/THIRD_PARTY_LICENSES.txt" ]; then
  mkdir -p "$licenses"
  kubo_dir=$(go list -m -f '{{.Dir}}' github.com/ipfs/kubo)
  cp "$kubo_dir"/LICENSE "$kubo_dir"/LICENSE-MIT "$kubo_dir"/LICENSE-APACHE "$licenses/"
  # The Go runtime and standard library are linked in too.
  { echo "go@$(go env GOVERSION) $(go env GOROOT)"
    go list -deps -f '{{with .Module}}{{.Path}}@{{.Version}} {{.Dir}}{{end}}' github.com/ipfs/kubo/cmd/ipfs | sort -u; } |
    while read -r module dir; do
      [ -n "$dir" ] || continue
      for file in "$dir"/LICENSE* "$dir"/LICENCE* "$dir"/COPYING* "$dir"/NOTICE*; do
        [ -f "$file" ] || continue
        printf '==== %s: %s ====\n\n' "$module" "$(basename "$file")"
        cat "$file"
        printf '\n\n'
      done
    done >"$licenses/THIRD_PARTY_LICENSES.txt.partial"
  mv "$licenses/THIRD_PARTY_LICENSES.txt.partial" "$licenses/THIRD_PARTY_LICENSES.txt"
fi
rm -rf "$out/licenses"
cp -r "$licenses" "$out/licenses"
echo "$version" >"$out/VERSION"
cat "$out/SHA256SUMS"
