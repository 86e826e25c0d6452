#!/bin/sh
# Installs Debian's chromium (for the HTML report's browser test) when it is missing.
# Usage: .ci/install-chromium.sh      (needs root or sudo; idempotent; prints the browser path)
set -eu

find_browser() {
    for b in chromium chromium-browser google-chrome; do
        if command -v "$b" >/dev/null 2>&1; then
            command -v "$b"
            return 0
        fi
    done
    return 1
}

if path=$(find_browser); then
    echo "chromium already installed: $path"
    exit 0
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "error: chromium is missing and this script needs root (or sudo) to install it" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
# poppler-utils gives pdfinfo, which the test prefers for counting pages (it falls back otherwise).
$SUDO apt-get install -y --no-install-recommends chromium poppler-utils fonts-dejavu-core

path=$(find_browser) || { echo "error: chromium still not found after installing" >&2; exit 1; }
echo "chromium installed: $path"
"$path" --version || true
