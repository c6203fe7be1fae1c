#!/usr/bin/env bash
# Feeds, sitemaps and QR codes (issue #8) on 1,000,000 synthetic articles: wrk on a channel feed, an article sitemap
# file and the sitemap index (all served from cache), against /healthz in the same run; the cold cost of building
# each; and the server's memory while it generates the whole sitemap set from a cold cache.
# Usage: bench/run-feeds.sh [duration-seconds] [articles]      Prints a markdown report; needs wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
ARTICLES=${2:-1000000}
PORT=5097
WORK=$(mktemp -d)
APP="$WORK/app"
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
BASE="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { echo "error: wrk is missing (apt-get install wrk)" >&2; exit 1; }
dotnet publish src/Tidings.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$APP" >/dev/null
(cd "$APP" && dotnet Tidings.Web.dll seed --synthetic "$ARTICLES" --data-dir "$WORK/data") >"$WORK/seed.log"
# Background related-list maintenance would spend the run indexing a million fresh articles, and its memory would
# mix with the sitemaps'; this node only serves, as a reader node in a cluster would.
(cd "$APP" && Tidings__DataDirectory="$WORK/data" ASPNETCORE_URLS="$BASE" Tidings__PublicBaseUrl="$BASE" Logging__LogLevel__Default=Warning \
  Tidings__Related__BackgroundMaintenance=false exec dotnet Tidings.Web.dll) >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 3000); do curl -sf -o /dev/null "$BASE/healthz" && break; sleep 0.01; done

measure() { # url [header]
  local args=(-t2 -c32 -d"${DURATION}s" --latency)
  [ -n "${2:-}" ] && args+=(-H "$2")
  local out; out=$(wrk "${args[@]}" "$1")
  if grep -q "Socket errors" <<<"$out"; then echo "$out" >&2; echo "error: failures in $1" >&2; exit 1; fi
  if grep -q "Non-2xx" <<<"$out"; then echo "$out" >&2; echo "error: non-2xx answers from $1" >&2; exit 1; fi
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out")|$(awk '$1 == "50%" {print $2}' <<<"$out")|$(awk '$1 == "99%" {print $2}' <<<"$out")"
}
kib() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$SERVER_PID/status"; }
seconds() { curl -s -o /dev/null -w '%{time_total}' "$@"; }

echo "# bench/run-feeds.sh — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk -t2 -c32 -d${DURATION}s, $ARTICLES synthetic articles"
echo
# Warm the server up on ordinary pages, so the memory baseline is a working node's, not a fresh process's.
for _ in $(seq 1 50); do curl -s -o /dev/null "$BASE/"; curl -s -o /dev/null "$BASE/channel/finance"; done
rss_before=$(kib VmRSS)

# Cold: the first request builds (and caches) each document.
index_cold=$(seconds "$BASE/sitemap.xml")
files=$(curl -s "$BASE/sitemap.xml" | grep -o 'sitemaps/articles-[0-9]*\.xml' | sort -u)
count=$(wc -l <<<"$files")
max_rss=$rss_before
start=$(date +%s.%N)
first_file=""
gz_total=0
for f in $files; do
  t=$(seconds -H 'Accept-Encoding: gzip' "$BASE/$f")
  [ -z "$first_file" ] && first_file=$t
  gz_total=$(( gz_total + $(curl -s -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "$BASE/$f") ))
  r=$(kib VmRSS); (( r > max_rss )) && max_rss=$r
  n=$(( ${n:-0} + 1 )); rss_trail="${rss_trail:-}${rss_trail:+, }$((r / 1024))"
done
all_files=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
rss_after=$(kib VmRSS)
hwm=$(kib VmHWM)
xml_one=$(curl -s -o /dev/null -w '%{size_download}' "$BASE/sitemaps/articles-1.xml")
feed_cold=$(seconds "$BASE/feeds/channel/finance.rss")
atom_cold=$(seconds "$BASE/feeds/atom.xml")
news_cold=$(seconds "$BASE/sitemaps/news.xml")
article=$(curl -s "$BASE/api/v1/articles?pageSize=1" | python3 -c 'import sys, json; print(json.load(sys.stdin)["items"][0]["id"])')
qr_cold=$(seconds "$BASE/article/$article/qr")

health=$(measure "$BASE/healthz")
feed=$(measure "$BASE/feeds/channel/finance.rss")
sitemap=$(measure "$BASE/sitemaps/articles-1.xml" "Accept-Encoding: gzip")
index=$(measure "$BASE/sitemap.xml")
qr=$(measure "$BASE/article/$article/qr")
h=${health%%|*}
echo "| request (cached) | req/s | p50 | p99 | ÷ /healthz |"
echo "|---|---|---|---|---|"
for row in "/healthz|$health" "/feeds/channel/finance.rss|$feed" "/sitemaps/articles-1.xml (gzip, 50,000 URLs)|$sitemap" \
  "/sitemap.xml ($count files)|$index" "/article/{id}/qr (PNG)|$qr"; do
  IFS='|' read -r name rps p50 p99 <<<"$row"
  echo "| $name | $rps | $p50 | $p99 | $(awk -v a="$rps" -v b="$h" 'BEGIN { printf "%.3f", a / b }') |"
done
echo
echo "| cold build | seconds |"
echo "|---|---|"
echo "| sitemap index (one grouped pass over $ARTICLES rows) | $index_cold |"
echo "| first article sitemap file (50,000 rows streamed into gzip) | $first_file |"
echo "| all $count article sitemap files, one after another | $all_files |"
echo "| channel RSS feed (30 items) | $feed_cold |"
echo "| site Atom feed | $atom_cold |"
echo "| Google News sitemap | $news_cold |"
echo "| QR code | $qr_cold |"
echo
echo "- Server RSS: $((rss_before / 1024)) MiB warmed up before the sitemaps; at most $((max_rss / 1024)) MiB while generating all $count files; $((rss_after / 1024)) MiB after; process peak (VmHWM) $((hwm / 1024)) MiB."
echo "- RSS (MiB) after each file in turn: $rss_trail."
echo "- The $count files are kept compressed: $((gz_total / 1024)) KiB in all; one file is $((xml_one / 1024)) KiB as XML."
