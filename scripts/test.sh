#!/usr/bin/env bash
# The tests on a fresh machine, set-up included: Debian's Chromium and the CJK fonts for the browser tests
# (installed with apt-get when missing: as root, or through sudo), a virtual environment with the pinned
# packages, then pytest. Arguments go to pytest: scripts/test.sh -m "not slow"
# Exits with pytest's status: non-zero when a test fails, and 5 when no test ran.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "noto.*cjk"; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q -r requirements-dev.txt
exec .venv/bin/python -m pytest "$@"
