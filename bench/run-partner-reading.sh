#!/usr/bin/env bash
# Reader pages while partner feeds are polled (issue 20): wrk on the home, article and channel pages of a 10k-article
# site, quiet (feeds paused, nothing in flight, no related-list backlog) and busy (the serving node's background poller
# taking a first poll of FEEDS feeds × ITEMS new items: fetch, parse, sanitise, segment, store, story clusters,
# related lists), alternately, twice per page, in one run, as ratios.
# Usage: bench/run-partner-reading.sh [feeds] [items] [seconds]      Prints a markdown report; needs wrk and sqlite3.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
FEEDS=${1:-200}
ITEMS=${2:-50}
DURATION=${3:-15}
PORT=5097
FEED_PORT=5096
WORK=$(mktemp -d)
APP="$WORK/app"
SERVER_PID=""
FEED_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; [ -n "$FEED_PID" ] && kill "$FEED_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
export ASPNETCORE_ENVIRONMENT=Development Tidings__Aggregation__AllowPrivateNetworks=true

command -v wrk >/dev/null || { echo "error: wrk is missing (apt-get install wrk)" >&2; exit 1; }
dotnet publish src/Tidings.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$APP" >/dev/null
tidings() { (cd "$APP" && dotnet Tidings.Web.dll "$@"); }

dir="$WORK/data"
tidings seed --data-dir "$dir" >/dev/null
seed_out=$(tidings seed --synthetic 10000 --data-dir "$dir" | tail -1)
tidings topics train --data-dir "$dir" >/dev/null
tidings related rebuild --data-dir "$dir" >/dev/null
range=$(grep -o 'ids [0-9]*-[0-9]*' <<<"$seed_out")
FIRST_ID=${range#ids }; FIRST_ID=${FIRST_ID%-*}; LAST_ID=${range##*-}
export FIRST_ID LAST_ID

python3 bench/partner-feed-server.py "$FEED_PORT" "$FEEDS" "$ITEMS" &
FEED_PID=$!
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$FEED_PORT/feed/0.xml" && break; sleep 0.1; done
tidings feeds add "http://127.0.0.1:$FEED_PORT/feed/0.xml" --source 合作媒体联盟 --every 10m --full-text --data-dir "$dir" >/dev/null
[ "$FEEDS" -gt 1 ] && sqlite3 "$dir/tidings.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $FEEDS - 1)
  INSERT INTO PartnerFeeds (Url, SourceId, ChannelId, RegionId, PollMinutes, Review, FullText, Paused, NextPollAt, Failures, ItemsTaken, CreatedAt)
  SELECT 'http://127.0.0.1:$FEED_PORT/feed/' || i || '.xml', SourceId, ChannelId, RegionId, PollMinutes, Review, FullText, 0, NextPollAt, 0, 0, CreatedAt
  FROM PartnerFeeds, n WHERE Url = 'http://127.0.0.1:$FEED_PORT/feed/0.xml'"

start_server() { # poll: true|false
  (cd "$APP" && Tidings__DataDirectory="$dir" ASPNETCORE_URLS="http://127.0.0.1:$PORT" Tidings__PublicBaseUrl="http://127.0.0.1:$PORT" \
    Tidings__Aggregation__Poll="$1" Tidings__Aggregation__PollerSeconds=1 Logging__LogLevel__Default=Warning exec dotnet Tidings.Web.dll) >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 1000); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && return 0; sleep 0.01; done
  echo "error: server did not come up" >&2; cat "$WORK/server.log" >&2; exit 1
}
stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

# wrk → "req/s|p99" (fails loudly on errors or non-2xx answers).
measure() { # path [lua-script]
  local args=(-t2 -c32 -d"${DURATION}s" --latency)
  [ -n "${2:-}" ] && args+=(-s "$2")
  local out; out=$(wrk "${args[@]}" "http://127.0.0.1:$PORT$1")
  if grep -q "Non-2xx" <<<"$out" || grep -q "Socket errors" <<<"$out"; then echo "$out" >&2; echo "error: failures in $1" >&2; exit 1; fi
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out")|$(awk '$1 == "99%" {print $2}' <<<"$out")"
}
taken() { sqlite3 "$dir/tidings.db" "SELECT COUNT(*) FROM Articles WHERE PartnerFeedId IS NOT NULL"; }

pages=("/" "/article" "/channel/local")
declare -A quiet busy
paused() { sqlite3 -cmd ".timeout 10000" "$dir/tidings.db" "UPDATE PartnerFeeds SET Paused=$1"; }
# Quiet: feeds paused, the polls in flight finished (no lease held, nothing added for 3 s) and the related-list
# backlog they left worked off. Gives up loudly after two minutes rather than measure a busy phase as quiet.
settle() {
  paused 1
  local last="" same=0
  for _ in $(seq 1 120); do
    local state; state=$(sqlite3 -cmd ".timeout 10000" "$dir/tidings.db" "SELECT (SELECT COUNT(*) FROM PartnerFeeds WHERE LeasedUntil IS NOT NULL) || ' ' || (SELECT COUNT(*) FROM RelatedLists WHERE Stale = 1) || ' ' || (SELECT COUNT(*) FROM Articles)")
    if [ "$state" = "$last" ] && [[ "$state" == "0 0 "* ]]; then same=$((same + 1)); else same=0; fi
    [ "$same" -ge 3 ] && return 0
    last=$state
    sleep 1
  done
  echo "error: the poller did not settle (leases, stale lists, articles: $state)" >&2; exit 1
}
run() { # page
  if [ "$1" = "/article" ]; then measure "/" bench/wrk/article.lua; else measure "$1"; fi
}
paused 1
start_server true
wrk -t2 -c16 -d3s "http://127.0.0.1:$PORT/" >/dev/null
# Quiet and busy alternate, twice per page, so the machine's drift (it is shared) falls on both columns alike.
busy_seconds=0
during=0
for p in "${pages[@]}"; do
  for round in 1 2; do
    settle
    quiet[$p,$round]=$(run "$p")
    paused 0
    sleep 1
    before=$(taken); t0=$(date +%s)
    busy[$p,$round]=$(run "$p")
    during=$((during + $(taken) - before)); busy_seconds=$((busy_seconds + $(date +%s) - t0))
  done
done
paused 1
stop_server

mean() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (a + b) / 2 }'; }
ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.1f", v }'; }
echo "# bench/run-partner-reading.sh — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, 10k articles, $FEEDS feeds × $ITEMS items, wrk -t2 -c32 -d${DURATION}s"
echo
echo "Each page is measured quiet (feeds paused, no related-list backlog) and busy (the node's poller taking new partner items) twice, alternately. While wrk measured the busy phases the poller took **$during partner articles in $busy_seconds s** ($(awk -v a="$during" -v s="$busy_seconds" 'BEGIN { printf "%.1f", a / s }') items/s of a first poll, paced by \`Tidings:Aggregation:ImportShare\`)."
echo
echo "| page | req/s quiet | req/s busy | ratio | p99 quiet | p99 busy |"
echo "|---|---|---|---|---|---|"
for p in "${pages[@]}"; do
  IFS='|' read -r q1 qp1 <<<"${quiet[$p,1]}"; IFS='|' read -r q2 qp2 <<<"${quiet[$p,2]}"
  IFS='|' read -r b1 bp1 <<<"${busy[$p,1]}"; IFS='|' read -r b2 bp2 <<<"${busy[$p,2]}"
  qr=$(mean "$q1" "$q2"); br=$(mean "$b1" "$b2")
  echo "| $p | $qr | $br | $(awk -v a="$br" -v b="$qr" 'BEGIN { printf "%.2f", a / b }') | $(ms "$qp1") / $(ms "$qp2") ms | $(ms "$bp1") / $(ms "$bp2") ms |"
done
