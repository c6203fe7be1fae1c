#!/usr/bin/env bash
# Soak (issue #19): a long mixed run on one node (SQLite) — readers over 20,000 articles, commenters, reader beacons
# and an editor saving a draft every half second, all at once — reported per segment: reader throughput and latency,
# the server's resident memory, and every error (non-2xx answers, socket errors, failed saves, logged failures).
# Usage: bench/run-soak.sh [total-seconds] [segment-seconds]     (default 1800 and 300). Prints a markdown report.
set -euo pipefail
cd "$(dirname "$0")/.."
TOTAL=${1:-1800}
SEGMENT=${2:-300}
ARTICLES=20000
PORT=5097
WORK=$(mktemp -d)
APP="$WORK/app"
SERVER_PID=""
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
BASE="http://127.0.0.1:$PORT"
UA="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"

command -v wrk >/dev/null || { echo "error: wrk is missing (apt-get install wrk)" >&2; exit 1; }
dotnet publish src/Tidings.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$APP" >/dev/null
cli() { (cd "$APP" && Logging__LogLevel__Default=Warning dotnet Tidings.Web.dll "$@" --data-dir "$WORK/data"); }
cli seed >/dev/null
seed_out=$(cli seed --synthetic "$ARTICLES" | tail -1)
range=$(grep -o 'ids [0-9]*-[0-9]*' <<<"$seed_out")
first=${range#ids }; first=${first%-*}; last=${range##*-}
echo "soak-password-2026" | cli users add soak.editor --role editor --name 长跑编辑 --password-stdin >/dev/null
# Everything comes from one address: lift the per-address limits so the run measures the node, not its throttles.
(cd "$APP" && Tidings__DataDirectory="$WORK/data" ASPNETCORE_URLS="$BASE" Tidings__PublicBaseUrl="$BASE" Logging__LogLevel__Default=Warning \
  Tidings__Newsroom__WriteBurst=100000 Tidings__Newsroom__WritesPerMinute=600000 \
  Tidings__Newsroom__ReadBurst=100000 Tidings__Newsroom__ReadsPerMinute=600000 \
  Tidings__Comments__PosterBurst=100000000 Tidings__Comments__PosterPerMinute=100000000 \
  Tidings__Comments__AddressBurst=100000000 Tidings__Comments__AddressPerMinute=100000000 \
  Tidings__Trending__AddressBurst=100000000 Tidings__Trending__AddressPerSecond=100000000 \
  Tidings__Trending__VisitorBurst=100000000 Tidings__Trending__VisitorPerSecond=100000000 \
  exec dotnet Tidings.Web.dll) >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 3000); do curl -sf -o /dev/null "$BASE/healthz" && break; sleep 0.02; done
rss() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$SERVER_PID/status"; }

read -r thread < <(curl -s "$BASE/api/v1/articles?pageSize=1" | python3 -c 'import sys, json; print(json.load(sys.stdin)["items"][0]["id"])')
jar="$WORK/reader"
token=$(curl -s -c "$jar" -A "$UA" "$BASE/api/v1/antiforgery" | python3 -c 'import sys, json; print(json.load(sys.stdin)["token"])')
cookie=$(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }')

# The editor: signs in and saves one draft of their own with new text every half second, each save a revision.
editor() {
  local ejar="$WORK/editor" ok=0 failed=0 page tokenv draft base i=0 status
  formtoken() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$1" | head -1 | sed 's/.*value="//;s/"$//'; }
  page=$(curl -s -c "$ejar" -b "$ejar" "$BASE/account/login")
  curl -s -o /dev/null -c "$ejar" -b "$ejar" --data-urlencode "UserName=soak.editor" --data-urlencode "Password=soak-password-2026" \
    --data-urlencode "__RequestVerificationToken=$(formtoken "$page")" "$BASE/account/login"
  page=$(curl -s -b "$ejar" "$BASE/newsroom/articles/new")
  draft=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$ejar" --data-urlencode "Form.Title=长跑测试稿件：老城区雨污分流改造" \
    --data-urlencode "Form.Body=第一稿。" --data-urlencode "Form.SourceId=1" --data-urlencode "Form.BaseRevision=0" \
    --data-urlencode "__RequestVerificationToken=$(formtoken "$page")" "$BASE/newsroom/articles/new?handler=Save" | grep -o '[0-9]*$')
  local end=$((SECONDS + TOTAL))
  while [ $SECONDS -lt $end ]; do
    i=$((i + 1))
    page=$(curl -s -b "$ejar" "$BASE/newsroom/articles/$draft")
    base=$(grep -o 'name="Form.BaseRevision" value="[0-9]*"' <<<"$page" | grep -o '[0-9]*"$' | tr -d '"')
    status=$(curl -s -o /dev/null -w '%{http_code}' -b "$ejar" --data-urlencode "Form.Title=长跑测试稿件：老城区雨污分流改造" \
      --data-urlencode "Form.Body=第 $i 次保存：施工进入收尾阶段，部分路段夜间封闭。" --data-urlencode "Form.SourceId=1" \
      --data-urlencode "Form.BaseRevision=$base" --data-urlencode "__RequestVerificationToken=$(formtoken "$page")" "$BASE/newsroom/articles/$draft?handler=Save")
    if [ "$status" = 302 ]; then ok=$((ok + 1)); else failed=$((failed + 1)); fi
    sleep 0.5
  done
  echo "$ok $failed $draft" >"$WORK/editor.result"
}
editor &
PIDS+=($!)
ARTICLE_ID=$thread TOKEN=$token COOKIE=$cookie wrk -t1 -c2 -d"${TOTAL}s" -s bench/wrk/comments.lua "$BASE/" >"$WORK/comments.out" 2>&1 &
PIDS+=($!)
FIRST_ID=$first LAST_ID=$last wrk -t1 -c2 -d"${TOTAL}s" -s bench/wrk/events.lua "$BASE/" >"$WORK/events.out" 2>&1 &
PIDS+=($!)

echo "# bench/run-soak.sh — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, ${TOTAL} s in ${SEGMENT} s segments, SQLite, $ARTICLES synthetic articles + demo"
echo
echo "Readers: wrk -t2 -c16 (70 % random articles, home, channels, search, hot); at the same time comments (wrk -c2),"
echo "reader beacons (wrk -c2) and an editor saving a draft every 0.5 s."
echo
echo "| segment | reader req/s | p50 | p90 | p99 | errors | server RSS (MiB) |"
echo "|---|---|---|---|---|---|---|"
segments=$((TOTAL / SEGMENT))
for n in $(seq 1 "$segments"); do
  out=$(FIRST_ID=$first LAST_ID=$last wrk -t2 -c16 -d"${SEGMENT}s" --latency -s bench/wrk/soak-readers.lua "$BASE/" 2>&1)
  errors=$(( $(awk '/Non-2xx/ {print $NF}' <<<"$out" | tr -d ' ' || true)+0 ))
  socket=$(grep -o 'Socket errors: .*' <<<"$out" || true)
  echo "| $n | $(awk '/Requests\/sec/ {print $2}' <<<"$out") | $(awk '$1 == "50%" {print $2}' <<<"$out") | $(awk '$1 == "90%" {print $2}' <<<"$out") | $(awk '$1 == "99%" {print $2}' <<<"$out") | $errors ${socket:+($socket)} | $(rss) |"
done
wait "${PIDS[@]}" 2>/dev/null || true
PIDS=()
echo
read -r saved failed draft <"$WORK/editor.result"
echo "- Comments: $(awk '/requests in/ {print $1}' "$WORK/comments.out") posted, non-2xx: $(awk '/Non-2xx/ {print $NF}' "$WORK/comments.out" || true)."
echo "- Reader beacons: $(awk '/requests in/ {print $1}' "$WORK/events.out") sent, non-2xx: $(awk '/Non-2xx/ {print $NF}' "$WORK/events.out" || true)."
echo "- Newsroom saves: $saved answered with the editor again, $failed otherwise; the draft has $(sqlite3 "$WORK/data/tidings.db" "SELECT COUNT(*) FROM ArticleRevisions WHERE ArticleId = $draft" 2>/dev/null || echo '?') revisions."
echo "- Server log: $(grep -c 'fail:' "$WORK/server.log" || true) failures, $(grep -c 'warn:' "$WORK/server.log" || true) warnings."
echo "- Database after the run: $(du -m "$WORK/data/tidings.db" | cut -f1) MiB (+ $(du -m "$WORK/data/tidings.db-wal" 2>/dev/null | cut -f1 || echo 0) MiB WAL)."
