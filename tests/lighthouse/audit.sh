#!/usr/bin/env bash
# Starts the built app as in production (demo content, a temporary SQLite file, 127.0.0.1 on a free
# port), waits for /health, audits it with Lighthouse (run.mjs) and stops it. Exit 1 when an audit fails.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
dll="$root/src/MepCms.Web/bin/Debug/net10.0/MepCms.Web.dll"
[ -f "$dll" ] || dotnet build "$root/src/MepCms.Web" -v q -nologo || exit 1

(cd "$root/src/MepCms.Web" && ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS=http://127.0.0.1:0 \
  Seed__DemoContent=true ConnectionStrings__MepCms="Data Source=$work/mepcms.db" \
  Admin__PasswordFile="$work/initial-admin-password.txt" exec dotnet "$dll" >"$work/app.log" 2>&1) &
app=$!
trap 'kill "$app" 2>/dev/null; wait "$app" 2>/dev/null; rm -rf "$work"' EXIT

(cd "$root/tests/lighthouse" && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed"; exit 1; }

url=""
for _ in $(seq 120); do
  url=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$work/app.log" | head -1)
  if [ -n "$url" ] && curl -sf "$url/health" >/dev/null; then break; fi
  if ! kill -0 "$app" 2>/dev/null; then echo "The app stopped:"; cat "$work/app.log"; exit 1; fi
  url=""
  sleep 0.5
done
[ -n "$url" ] || { echo "The app did not answer /health in 60 s:"; cat "$work/app.log"; exit 1; }

CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}" node "$root/tests/lighthouse/run.mjs" "$url"
