#!/usr/bin/env bash
# The newsroom (issue #9) on a large archive: the desk's pages under wrk against /healthz in the same run, and the
# time of each write a desk makes all day (save a draft, publish, pin to 头条) with how long readers wait to see it.
# Usage: bench/run-newsroom.sh [articles] [duration-seconds]     Prints a markdown report; needs wrk and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${1:-100000}
DURATION=${2:-10}
ROUNDS=30
PORT=5097
WORK=$(mktemp -d)
APP="$WORK/app"
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
BASE="http://127.0.0.1:$PORT"
JAR="$WORK/cookies"

command -v wrk >/dev/null || { echo "error: wrk is missing (apt-get install wrk)" >&2; exit 1; }
dotnet publish src/Tidings.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$APP" >/dev/null
cli() { (cd "$APP" && dotnet Tidings.Web.dll "$@" --data-dir "$WORK/data"); }
cli seed >/dev/null
cli seed --synthetic "$ARTICLES" >/dev/null
echo "bench-password-2026" | cli users add bench.editor --role editor --name 基准编辑 --password-stdin >/dev/null

(cd "$APP" && Tidings__DataDirectory="$WORK/data" ASPNETCORE_URLS="$BASE" Tidings__PublicBaseUrl="$BASE" Logging__LogLevel__Default=Warning \
  Tidings__Related__BackgroundMaintenance=false Tidings__Newsroom__WriteBurst=100000 exec dotnet Tidings.Web.dll) >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 3000); do curl -sf -o /dev/null "$BASE/healthz" && break; sleep 0.01; done

token() { curl -s -b "$JAR" -c "$JAR" "$BASE$1" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
post() { # path form-page fields... ; prints "status seconds"
  local path=$1 page=$2; shift 2
  local args=(-s -o /dev/null -w '%{http_code} %{time_total}' -b "$JAR" -c "$JAR" --data-urlencode "__RequestVerificationToken=$(token "$page")")
  for field in "$@"; do args+=(--data-urlencode "$field"); done
  curl "${args[@]}" "$BASE$path"
}
read -r status _ <<<"$(post /account/login /account/login UserName=bench.editor Password=bench-password-2026)"
[ "$status" = 302 ] || { echo "error: sign-in failed ($status)" >&2; exit 1; }
COOKIE=$(awk '$6 == "tidings.auth" {print "tidings.auth=" $7}' "$JAR")

measure() { # path [cookie]
  local args=(-t2 -c16 -d"${DURATION}s" --latency)
  [ -n "${2:-}" ] && args+=(-H "Cookie: $2")
  local out; out=$(wrk "${args[@]}" "$BASE$1")
  if grep -q "Socket errors\|Non-2xx" <<<"$out"; then echo "$out" >&2; echo "error: failures in $1" >&2; exit 1; fi
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out")|$(awk '$1 == "50%" {print $2}' <<<"$out")|$(awk '$1 == "99%" {print $2}' <<<"$out")"
}

echo "# bench/run-newsroom.sh — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $ARTICLES synthetic + 141 demo articles, wrk -t2 -c16 -d${DURATION}s"
echo
echo "| request (signed in as an editor) | req/s | p50 | p99 | ÷ /healthz |"
echo "|---|---|---|---|---|"
health=$(measure /healthz)
NEW_PAGE=$(curl -s -b "$JAR" "$BASE/newsroom/articles/new")
option() { grep -o "<option value=\"[0-9]*\"[^>]*>$1</option>" <<<"$NEW_PAGE" | head -1 | sed 's/.*value="\([0-9]*\)".*/\1/'; }
SOURCE=$(option 潮讯网); CHANNEL=$(option 财经)
rows=("/healthz|$health"
  "/newsroom (dashboard, SVG charts)|$(measure /newsroom "$COOKIE")"
  "/newsroom/articles (newest changes)|$(measure /newsroom/articles "$COOKIE")"
  "/newsroom/articles?status=published&page=50|$(measure '/newsroom/articles?status=published&page=50' "$COOKIE")"
  "/newsroom/articles?q=港口 (title search)|$(measure "/newsroom/articles?q=%E6%B8%AF%E5%8F%A3" "$COOKIE")"
  "/newsroom/articles/100 (editor)|$(measure /newsroom/articles/100 "$COOKIE")"
  "/newsroom/audit|$(measure /newsroom/audit "$COOKIE")")
for row in "${rows[@]}"; do
  IFS='|' read -r name rps p50 p99 <<<"$row"
  echo "| $name | $rps | $p50 | $p99 | $(awk -v a="$rps" -v b="${health%%|*}" 'BEGIN { printf "%.3f", a / b }') |"
done

# Writes, one at a time as an editor makes them. "Visible" is the time from sending the publish until the article
# page answers 200 and the channel page lists the story (publishing evicts the cached pages, so no poll interval).
saves=(); publishes=(); visible=(); pins=()
for i in $(seq 1 "$ROUNDS"); do
  title="基准稿件第${i}号：港口集团发布三季度吞吐量数据"
  body=$(printf '本报讯　港口集团今天发布数据。%.0s\n\n' $(seq 1 30))
  out=$(curl -s -D - -o /dev/null -w '\n%{time_total}' -b "$JAR" -c "$JAR" \
    --data-urlencode "__RequestVerificationToken=$(token /newsroom/articles/new)" --data-urlencode "Form.Title=$title" \
    --data-urlencode "Form.Body=$body" --data-urlencode "Form.ChannelId=$CHANNEL" --data-urlencode "Form.SourceId=$SOURCE" \
    --data-urlencode "Form.Tags=港口，基准" --data-urlencode "Form.BaseRevision=0" "$BASE/newsroom/articles/new?handler=Save")
  id=$(grep -i '^location:' <<<"$out" | sed 's#.*/##' | tr -d '\r')
  [ -n "$id" ] || { echo "error: save failed" >&2; echo "$out" >&2; exit 1; }
  saves+=("$(tail -1 <<<"$out")")
  page_token=$(token "/newsroom/articles/$id")
  start=$(date +%s.%N)
  read -r status seconds <<<"$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -b "$JAR" -c "$JAR" --data-urlencode "__RequestVerificationToken=$page_token" --data-urlencode "action=publish" "$BASE/newsroom/articles/$id?handler=Act")"
  [ "$status" = 302 ] || { echo "error: publish failed ($status)" >&2; exit 1; }
  publishes+=("$seconds")
  until curl -sf -o /dev/null "$BASE/article/$id" && curl -s "$BASE/channel/finance" | grep -q "基准稿件第${i}号"; do sleep 0.005; done
  visible+=("$(awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN { print a - b }')")
  read -r status seconds <<<"$(post "/newsroom/curation?handler=Pin" /newsroom/curation articleId="$id" scope=home position=1 hours=1)"
  [ "$status" = 302 ] || { echo "error: pin failed ($status)" >&2; exit 1; }
  pins+=("$seconds")
done

pct() { printf '%s\n' "$@" | sort -g | awk -v p="$P" '{ a[NR] = $1 } END { i = int((NR - 1) * p + 0.5) + 1; printf "%.1f ms", a[i] * 1000 }'; }
echo
echo "| write ($ROUNDS rounds, one at a time) | p50 | p90 |"
echo "|---|---|---|"
for pair in "save a new draft (segment, revision, audit)|saves" "publish (related list, cache eviction)|publishes" "publish → article page and channel list show it|visible" "pin to 头条|pins"; do
  IFS='|' read -r name var <<<"$pair"
  declare -n values=$var
  echo "| $name | $(P=0.5 pct "${values[@]}") | $(P=0.9 pct "${values[@]}") |"
done
