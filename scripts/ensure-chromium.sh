#!/bin/sh
# Make sure headless Chromium is available for the HTML report test (tests/test_report.py).
#
# Installs Debian's `chromium` package with apt-get, only if /usr/bin/chromium is missing
# and we run as root (CI: a clean Debian machine running as root). Otherwise it changes
# nothing and only says what to do: the rest of the test suite still runs, and the
# Chromium test fails with a message pointing here. Idempotent.
set -eu

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "ensure-chromium: $CHROMIUM is missing and we are not root; install it with" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium" >&2
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-chromium: $CHROMIUM is missing and apt-get is not available: install Chromium by hand" >&2
    exit 0
fi

echo "ensure-chromium: installing Debian's chromium package" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium
