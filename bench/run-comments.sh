#!/usr/bin/env bash
# 跟贴 over HTTP (issue #6): posting throughput through the JSON API (antiforgery, sensitive-word scan, duplicate
# check, committed before the answer), then the article page of the thread that posting grew to ≥ 10,000 comments,
# against the same page with no comments and /healthz in the same run.
# Usage: bench/run-comments.sh [duration-seconds]      Prints a markdown report; needs wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
PORT=5096
WORK=$(mktemp -d)
APP="$WORK/app"
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
BASE="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { echo "error: wrk is missing (apt-get install wrk)" >&2; exit 1; }
dotnet publish src/Tidings.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$APP" >/dev/null
# One visitor on one address posts everything: lift the limits so the benchmark measures the write path.
(cd "$APP" && Tidings__DataDirectory="$WORK/data" ASPNETCORE_URLS="$BASE" Tidings__PublicBaseUrl="$BASE" Logging__LogLevel__Default=Warning \
  Tidings__Comments__PosterBurst=100000000 Tidings__Comments__PosterPerMinute=100000000 \
  Tidings__Comments__AddressBurst=100000000 Tidings__Comments__AddressPerMinute=100000000 \
  exec dotnet Tidings.Web.dll) >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 2000); do curl -sf -o /dev/null "$BASE/healthz" && break; sleep 0.01; done

measure() { # url [lua-script] [connections]
  local c=${3:-32}
  local args=(-t"$(( c < 2 ? c : 2 ))" -c"$c" -d"${DURATION}s" --latency)
  [ -n "${2:-}" ] && args+=(-s "$2")
  local out; out=$(wrk "${args[@]}" "$1")
  if grep -q "Socket errors" <<<"$out"; then echo "$out" >&2; echo "error: failures in $1" >&2; exit 1; fi
  if grep -q "Non-2xx" <<<"$out"; then echo "$out" >&2; echo "error: non-2xx answers from $1" >&2; exit 1; fi
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out")|$(awk '$1 == "50%" {print $2}' <<<"$out")|$(awk '$1 == "99%" {print $2}' <<<"$out")"
}

# Two quiet demo articles: one takes the flood of comments, the other stays empty as the yardstick.
read -r busy quiet < <(curl -s "$BASE/api/v1/articles?pageSize=50&page=2" | python3 -c '
import sys, json
items = [i for i in json.load(sys.stdin)["items"] if i["commentCount"] == 0]
print(items[0]["id"], items[1]["id"])')
busy_url=$(curl -s "$BASE/api/v1/articles/$busy" | python3 -c 'import sys, json; print(json.load(sys.stdin)["url"])')
quiet_url=$(curl -s "$BASE/api/v1/articles/$quiet" | python3 -c 'import sys, json; print(json.load(sys.stdin)["url"])')
jar="$WORK/cookies"
token=$(curl -s -c "$jar" -A "Mozilla/5.0 Chrome/131.0" "$BASE/api/v1/antiforgery" | python3 -c 'import sys, json; print(json.load(sys.stdin)["token"])')
# curl marks HttpOnly cookies with a "#HttpOnly_" prefix, which would otherwise read as a comment.
cookie=$(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }')

echo "# bench/run-comments.sh — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk -t2 -d${DURATION}s, demo portal"
echo
health=$(measure "$BASE/healthz")
posting=$(ARTICLE_ID=$busy TOKEN=$token COOKIE=$cookie measure "$BASE/" bench/wrk/comments.lua 8)
# Grow the thread past 10,000 if the posting run left it short.
while [ "$(curl -s "$BASE/api/v1/articles/$busy/comments" | python3 -c 'import sys, json; print(json.load(sys.stdin)["total"])')" -lt 10000 ]; do
  ARTICLE_ID=$busy TOKEN=$token COOKIE=$cookie wrk -t2 -c8 -d5s -s bench/wrk/comments.lua "$BASE/" >/dev/null
done
total=$(curl -s "$BASE/api/v1/articles/$busy/comments" | python3 -c 'import sys, json; print(json.load(sys.stdin)["total"])')
chained=$(curl -s "$BASE/api/v1/articles/$busy/comments" | python3 -c 'import sys, json; print(max(i["floors"] for i in json.load(sys.stdin)["items"]))')
busy_page=$(measure "$busy_url" "" 32)
quiet_page=$(measure "$quiet_url" "" 32)
# Server time: one connection, so latency is the page's own time (plus loopback).
busy_one=$(measure "$busy_url" "" 1)
quiet_one=$(measure "$quiet_url" "" 1)
api_page=$(measure "$BASE/api/v1/articles/$busy/comments?sort=hot&page=3" "" 32)
h=${health%%|*}
echo "| request | req/s | p50 | p99 | ÷ /healthz |"
echo "|---|---|---|---|---|"
for row in "/healthz|$health" "POST /api/v1/articles/{id}/comments (8 connections)|$posting" \
  "article page, $total comments (32 conn.)|$busy_page" "article page, no comments (32 conn.)|$quiet_page" \
  "article page, $total comments (1 conn.)|$busy_one" "article page, no comments (1 conn.)|$quiet_one" \
  "GET comments API, hot, page 3 of $total|$api_page"; do
  IFS='|' read -r name rps p50 p99 <<<"$row"
  echo "| $name | $rps | $p50 | $p99 | $(awk -v a="$rps" -v b="$h" 'BEGIN { printf "%.3f", a / b }') |"
done
echo
echo "- The posting run left article $busy with $total published comments; the first page's deepest chain quotes $chained floors."
echo "- Page weight: $(curl -s -o /dev/null -w '%{size_download}' "$busy_url") bytes with the comments, $(curl -s -o /dev/null -w '%{size_download}' "$quiet_url") without."
echo "- Posting commits each comment with synchronous=FULL (an fsync per comment) on the one SQLite writer."
