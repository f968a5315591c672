#!/usr/bin/env bash
# System packages of the end-to-end browser test (tests/test_browser.py), installed only when
# missing (Debian/Ubuntu, run as root or with sudo): Debian's Chromium and its chromedriver.
# No browser is downloaded from anywhere else; Selenium is given these programs' paths.
set -euo pipefail
# shellcheck source=ci_apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/ci_apt.sh"

need=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
    || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)

apt_install "browser packages" "${need[@]}"

# The browser and the driver must come from the same release, or Selenium refuses the pair.
browser=$(command -v chromium || command -v chromium-browser)
browser_version=$("$browser" --version 2>/dev/null | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1)
driver_version=$(chromedriver --version | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1)
if [ "${browser_version%%.*}" != "${driver_version%%.*}" ]; then
    echo "chromium $browser_version and chromedriver $driver_version do not match" >&2
    exit 1
fi
echo "browser: chromium $browser_version, chromedriver $driver_version"
