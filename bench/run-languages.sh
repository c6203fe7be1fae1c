#!/usr/bin/env bash
# Issue 22: does the localised interface cost throughput? The same demo data served by the build before localisation
# (BASE, default: the last commit before issue 22's English search and interface) and by this tree, in Chinese and in English, on the
# home page, an article page and a search; interleaved in one run, reported as ratios to the baseline's Chinese.
# Usage: bench/run-languages.sh [duration-seconds] [base-commit]     Needs wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
BASE=${2:-38da838}
PORT=5098
WORK=$(mktemp -d)
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; git worktree remove --force "$WORK/base-src" 2>/dev/null || true; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { echo "error: wrk is missing (apt-get install wrk)" >&2; exit 1; }

git worktree add --detach "$WORK/base-src" "$BASE" >/dev/null 2>&1
dotnet publish "$WORK/base-src/src/Tidings.Web" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/base" >/dev/null
dotnet publish src/Tidings.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/new" >/dev/null

start_server() { # app data-dir
  (cd "$1" && Tidings__DataDirectory="$2" ASPNETCORE_URLS="http://127.0.0.1:$PORT" Tidings__PublicBaseUrl="http://127.0.0.1:$PORT" \
    Logging__LogLevel__Default=Warning exec dotnet Tidings.Web.dll) >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 3000); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && return 0; sleep 0.02; done
  echo "error: server did not come up" >&2; cat "$WORK/server.log" >&2; exit 1
}
stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

rps() { # path
  local out; out=$(wrk -t2 -c32 -d"${DURATION}s" "http://127.0.0.1:$PORT$1")
  if grep -q "Non-2xx\|Socket errors" <<<"$out"; then echo "$out" >&2; echo "error: failures in $1" >&2; exit 1; fi
  awk '/Requests\/sec/ {print $2}' <<<"$out"
}

tidings() { local app=$1; shift; (cd "$app" && dotnet Tidings.Web.dll "$@"); }
# Each build seeds its own demo (the same stories), so each has the search index its own code builds, and computes
# its topic model and related lists first, as an operator does after a load: otherwise that background work would
# share the CPU with whichever measurement came first after a start.
for build in base new; do
  tidings "$WORK/$build" seed --data-dir "$WORK/data-$build" >/dev/null
  tidings "$WORK/$build" topics train --data-dir "$WORK/data-$build" >/dev/null
  tidings "$WORK/$build" related rebuild --data-dir "$WORK/data-$build" >/dev/null
done
ARTICLE=$(sqlite3 "$WORK/data-new/tidings.db" \
  "SELECT '/article/' || Id || '/' || Slug FROM Articles WHERE Status = 3 AND Slug IS NOT NULL AND EmbargoUntil IS NULL ORDER BY PublishedAt DESC LIMIT 1")
[ -n "$ARTICLE" ] || { echo "error: no article in the demo" >&2; exit 1; }
[ "$(sqlite3 "$WORK/data-base/tidings.db" "SELECT count(*) FROM Articles")" = "$(sqlite3 "$WORK/data-new/tidings.db" "SELECT count(*) FROM Articles")" ] \
  || { echo "error: the two demos differ" >&2; exit 1; }

declare -A R
PAGES=("/" "$ARTICLE" "/search?q=%E5%9C%B0%E9%93%81")
# Rounds alternate which build goes first and, in this tree, which language goes first.
for round in 1 2 3; do
  builds=(base new); [ $((round % 2)) -eq 0 ] && builds=(new base)
  for build in "${builds[@]}"; do
    start_server "$WORK/$build" "$WORK/data-$build"
    for page in "${PAGES[@]}"; do
      sep='?'; [[ "$page" == *\?* ]] && sep='&'
      wrk -t2 -c16 -d3s "http://127.0.0.1:$PORT$page" >/dev/null
      [ "$build" = new ] && wrk -t2 -c16 -d3s "http://127.0.0.1:$PORT$page${sep}lang=en" >/dev/null
    done
    for page in "${PAGES[@]}"; do
      sep='?'; [[ "$page" == *\?* ]] && sep='&'
      if [ "$build" = new ] && [ $((round % 2)) -eq 0 ]; then
        R[$build,en,$page]="${R[$build,en,$page]:-} $(rps "$page${sep}lang=en")"
      fi
      R[$build,zh,$page]="${R[$build,zh,$page]:-} $(rps "$page")"
      if [ "$build" = new ] && [ $((round % 2)) -eq 1 ]; then
        R[$build,en,$page]="${R[$build,en,$page]:-} $(rps "$page${sep}lang=en")"
      fi
    done
    stop_server
  done
done

mean() { awk '{s=0; for (i=1;i<=NF;i++) s+=$i; printf "%.0f", s/NF}' <<<"$1"; }
echo "# bench/run-languages.sh — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk -t2 -c32 -d${DURATION}s, 3 interleaved rounds, base $BASE"
echo
echo "| page | before (zh) req/s | now, 中文 req/s | now, English req/s | 中文 ÷ before | English ÷ before | rounds (before / 中文 / English) |"
echo "|---|---|---|---|---|---|---|"
for page in "${PAGES[@]}"; do
  b=$(mean "${R[base,zh,$page]}"); z=$(mean "${R[new,zh,$page]}"); e=$(mean "${R[new,en,$page]}")
  name=$page; [ "$page" = "$ARTICLE" ] && name="/article/{id}/{slug}"
  echo "| \`$name\` | $b | $z | $e | $(awk -v a="$z" -v b="$b" 'BEGIN{printf "%.2f", a/b}') | $(awk -v a="$e" -v b="$b" 'BEGIN{printf "%.2f", a/b}') |${R[base,zh,$page]} /${R[new,zh,$page]} /${R[new,en,$page]} |"
done
