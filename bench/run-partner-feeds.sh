#!/usr/bin/env bash
# Partner feeds at scale (issue 20): FEEDS feeds of ITEMS items from a local partner server. Measures the first poll
# of everything (items/s end to end: fetch, parse, sanitise, segment, store, story clusters, related lists), then a
# steady-state round where nothing changed (every feed answers 304: time, and whether anything was written), and
# the peak memory of each. `feeds poll` polls one feed after another, the same code the background poller runs.
# Usage: bench/run-partner-feeds.sh [feeds] [items]      Prints a markdown report.
set -euo pipefail
cd "$(dirname "$0")/.."
FEEDS=${1:-500}
ITEMS=${2:-50}
PORT=5098
WORK=$(mktemp -d)
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
export Tidings__Aggregation__AllowPrivateNetworks=true ASPNETCORE_ENVIRONMENT=Development

dotnet publish src/Tidings.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/app" >/dev/null
python3 bench/partner-feed-server.py "$PORT" "$FEEDS" "$ITEMS" &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/feed/0.xml" && break; sleep 0.1; done
tidings() { (cd "$WORK/app" && dotnet Tidings.Web.dll "$@"); }
# `feeds poll` exits 1 when any feed failed; that is reported below, not a reason to stop.
timed() { /usr/bin/time -f "%e %M" -o "$WORK/time" bash -c 'cd "$0" && dotnet Tidings.Web.dll "${@}"' "$WORK/app" "$@" >"$WORK/out" || true; grep -m3 'failed:' "$WORK/out" >&2 || true; awk '{printf "%s %.0f\n", $1, $2 / 1024}' "$WORK/time"; }

dir="$WORK/data"
tidings seed --data-dir "$dir" >/dev/null
tidings feeds add "http://127.0.0.1:$PORT/feed/0.xml" --source 合作媒体联盟 --every 10m --full-text --data-dir "$dir" >/dev/null
# The other subscriptions as copies of the first (one CLI start each would take longer than the bench itself).
sqlite3 "$dir/tidings.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $FEEDS - 1)
  INSERT INTO PartnerFeeds (Url, SourceId, ChannelId, RegionId, PollMinutes, Review, FullText, Paused, NextPollAt, Failures, ItemsTaken, CreatedAt)
  SELECT 'http://127.0.0.1:$PORT/feed/' || i || '.xml', SourceId, ChannelId, RegionId, PollMinutes, Review, FullText, 0, NextPollAt, 0, 0, CreatedAt
  FROM PartnerFeeds, n WHERE Url = 'http://127.0.0.1:$PORT/feed/0.xml'"
articles_before=$(sqlite3 "$dir/tidings.db" "SELECT COUNT(*) FROM Articles")

echo "# bench/run-partner-feeds.sh — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $FEEDS feeds × $ITEMS items"
echo
read -r first_s first_mb < <(timed feeds poll --data-dir "$dir")
added=$(grep -o '[0-9]* added' "$WORK/out" | awk '{s += $1} END {print s}')
failed=$(grep -c 'failed:' "$WORK/out" || true)
articles_after=$(sqlite3 "$dir/tidings.db" "SELECT COUNT(*) FROM Articles")
stamp=$(sqlite3 "$dir/tidings.db" "SELECT MAX(UpdatedAt) FROM Articles")
read -r steady_s steady_mb < <(timed feeds poll --data-dir "$dir")
not_modified=$(grep -c 'not modified (304)' "$WORK/out" || true)
stamp_after=$(sqlite3 "$dir/tidings.db" "SELECT MAX(UpdatedAt) FROM Articles")
articles_final=$(sqlite3 "$dir/tidings.db" "SELECT COUNT(*) FROM Articles")

echo "| round | wall time (whole command) | result | peak RSS |"
echo "|---|---|---|---|"
echo "| first poll of everything | ${first_s} s | $added articles added ($((articles_after - articles_before)) new rows), $failed feeds failed: **$(awk -v a="$added" -v s="$first_s" 'BEGIN { printf "%.0f", a / s }') items/s** | ${first_mb} MB |"
echo "| steady state, nothing changed | ${steady_s} s | $not_modified of $FEEDS feeds answered 304; articles $articles_final (unchanged: $([ "$articles_final" = "$articles_after" ] && echo yes || echo NO)), newest change $([ "$stamp" = "$stamp_after" ] && echo unchanged || echo CHANGED) | ${steady_mb} MB |"
