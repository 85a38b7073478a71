#!/usr/bin/env bash
# The tests need two programs npm cannot bring: Debian's Chromium (the docs-site test drives
# it headless; no tool may download its own browser) and redis-server (the fleet rate-limit
# test). Installed here from Debian's packages when missing, so `npm test` on a fresh machine
# of this kind needs nothing else; elsewhere it says what to install.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} from Debian's packages (needed by the docs and fleet tests)…"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing ${missing[*]}: install them (Debian: apt-get install ${missing[*]}) — the docs and fleet tests need them." >&2
  exit 1
fi
