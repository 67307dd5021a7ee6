#!/usr/bin/env bash
# The browser test of `plainsight serve`, self-contained: installs Debian's
# Chromium and playwright-core when missing, builds the binary, and runs
# page.test.mjs, which starts the server on a free loopback port and stops it.
# Screenshots land in crates/plainsight-server/e2e/out/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cd "$root"

if ! command -v chromium >/dev/null 2>&1; then
  echo "e2e: installing Debian's chromium"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
export CHROMIUM="${CHROMIUM:-$(command -v chromium)}"

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

cargo build -p plainsight-cli --locked --quiet
export PLAINSIGHT_BIN="${CARGO_TARGET_DIR:-$root/target}/debug/plainsight"

cd "$here"
timeout 600 node --test --test-reporter=spec page.test.mjs
