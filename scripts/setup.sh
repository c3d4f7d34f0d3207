#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine: the npm packages and Debian's
# Chromium (Playwright drives /usr/bin/chromium; it never downloads a browser of its own).
set -euo pipefail
cd "$(dirname "$0")/.."

# Playwright must use the system Chromium; the Electron runtime is fetched on first use
# (npm start) where the network allows, so neither download belongs in an install.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export ELECTRON_SKIP_BINARY_DOWNLOAD=1

# `npm install`, not `npm ci`: npm 11 writes a lock without some of @biomejs/biome's
# optional platform packages and then refuses that same lock in `npm ci`. With the lock
# present, `npm install` still installs exactly the locked versions.
npm install --no-audit --no-fund

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian's chromium (needed by the end-to-end tests)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: /usr/bin/chromium is missing; install it (sudo apt-get install chromium) and run again" >&2
    exit 1
  fi
fi

# Chinese text in screenshots and traces needs a CJK font; the tests themselves read text.
if command -v fc-list >/dev/null && ! fc-list :lang=zh | grep -q . && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "setup: installing a CJK font (fonts-wqy-microhei)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null || echo "setup: note: no CJK font installed" >&2
fi

if ! (command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432); then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    echo "setup: starting the local PostgreSQL cluster"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  fi
fi
pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || echo "setup: note: no PostgreSQL on 127.0.0.1:5432; the PostgreSQL store tests will fail (set BORDERDESK_SKIP_PG=1 to skip them)" >&2
echo "setup: done"
