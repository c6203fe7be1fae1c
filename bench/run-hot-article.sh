#!/usr/bin/env bash
# 扛得住热点 (issue #18): one hot article page served from the shared article cache, against nginx serving the very
# same bytes as a static file (the physical limit for this page) and against /healthz, in one run; a spike (wrk at 64
# connections on that article while readers post comments through the API), with the renders and comments counted;
# and random articles over a synthetic archive (mostly misses), as CPU milliseconds per request.
# Usage: bench/run-hot-article.sh [duration-seconds] [synthetic-articles, 0 to skip the long tail]
# Prints a markdown report; needs wrk and nginx.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-15}
ARTICLES=${2:-100000}
PORT=5095
NGINX_PORT=5096
WORK=$(mktemp -d)
APP="$WORK/app"
SERVER_PID=""
TOKEN=bench-operator-token
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
BASE="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { echo "error: wrk is missing (apt-get install wrk)" >&2; exit 1; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "error: nginx is missing (apt-get install nginx-light)" >&2; exit 1; }
dotnet publish src/Tidings.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$APP" >/dev/null

start() { # data-dir [extra env...]
  local data=$1; shift
  (cd "$APP" && env Tidings__DataDirectory="$data" ASPNETCORE_URLS="$BASE" Tidings__PublicBaseUrl="$BASE" Logging__LogLevel__Default=Warning \
    Tidings__OperatorToken="$TOKEN" "$@" dotnet Tidings.Web.dll) >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 3000); do curl -sf -o /dev/null "$BASE/healthz" && return; sleep 0.01; done
  echo "error: the server did not start" >&2; cat "$WORK/server.log" >&2; exit 1
}
stop() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }
measure() { # connections url [wrk args...]
  local c=$1 url=$2; shift 2
  local out; out=$(wrk -t2 -c"$c" -d"${DURATION}s" --latency "$@" "$url")
  if grep -q "Socket errors\|Non-2xx" <<<"$out"; then echo "$out" >&2; echo "error: failures in $url" >&2; exit 1; fi
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out")|$(awk '$1 == "50%" {print $2}' <<<"$out")|$(awk '$1 == "99%" {print $2}' <<<"$out")|$(awk '/requests in/ {print $1}' <<<"$out")"
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
metric() { # result
  curl -s -H "Authorization: Bearer $TOKEN" "$BASE/metrics" \
    | awk -v r="$1" '/^tidings_page_cache_requests/ && $0 ~ "page=\"article\"" && $0 ~ "result=\""r"\"" {s += $NF} END {print s + 0}'
}

echo "# bench/run-hot-article.sh — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk -t2 -d${DURATION}s"
echo

# --- One hot article: the cache against nginx and /healthz --------------------------------------------------------
(cd "$APP" && dotnet Tidings.Web.dll seed --data-dir "$WORK/demo") >/dev/null
# The editor who corrects the hot article during the spike.
(cd "$APP" && echo "bench-editor-password" | dotnet Tidings.Web.dll users add bench.editor --role editor --name 值班编辑 --password-stdin --data-dir "$WORK/demo") >/dev/null
start "$WORK/demo"
path=$(curl -s "$BASE/api/v1/articles?pageSize=1" | python3 -c 'import sys, json, urllib.parse; print(urllib.parse.urlparse(json.load(sys.stdin)["items"][0]["url"]).path)')
for _ in $(seq 1 20); do curl -s -o /dev/null "$BASE$path"; done
mkdir -p "$WORK/static"
curl -s -o "$WORK/static/article.html" "$BASE$path"
# nginx's workers run unprivileged: they must be able to read the file.
chmod a+rx "$WORK" "$WORK/static"; chmod a+r "$WORK/static/article.html"
bytes=$(stat -c %s "$WORK/static/article.html")
cat >"$WORK/nginx.conf" <<EOF
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  default_type text/html;
  client_body_temp_path $WORK/nginx-tmp;
  proxy_temp_path $WORK/nginx-tmp;
  fastcgi_temp_path $WORK/nginx-tmp;
  uwsgi_temp_path $WORK/nginx-tmp;
  scgi_temp_path $WORK/nginx-tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/static;
    location / { try_files /article.html =404; }
  }
}
EOF
mkdir -p "$WORK/nginx-tmp"
"$NGINX" -c "$WORK/nginx.conf" -e "$WORK/nginx-error.log"
for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/" && break; sleep 0.01; done
cmp -s <(curl -s "http://127.0.0.1:$NGINX_PORT/") "$WORK/static/article.html" || { echo "error: nginx serves other bytes" >&2; exit 1; }

# Warm-up: JIT tiering and the thread pool settle before anything is measured.
wrk -t2 -c32 -d5s "$BASE/healthz" >/dev/null
wrk -t2 -c32 -d5s "$BASE$path" >/dev/null
wrk -t2 -c32 -d3s "http://127.0.0.1:$NGINX_PORT/" >/dev/null
health=$(measure 32 "$BASE/healthz")
hot=$(measure 32 "$BASE$path")
home=$(measure 32 "$BASE/")
static=$(measure 32 "http://127.0.0.1:$NGINX_PORT/")
hot_br=$(measure 32 "$BASE$path" -H "Accept-Encoding: br, gzip")
kill "$(cat "$WORK/nginx.pid")"; rm -f "$WORK/nginx.pid"
h=${health%%|*}; n=${static%%|*}
echo "## One hot article ($bytes bytes, demo portal), wrk -c32"
echo
echo "| request | req/s | p50 | p99 | ÷ nginx static | ÷ /healthz |"
echo "|---|---|---|---|---|---|"
for row in "nginx: the same bytes as a static file|$static" "/healthz|$health" "hot article (cache hit)|$hot" "hot article, Accept-Encoding: br (cached compressed)|$hot_br" "/ (home, output cache, for comparison)|$home"; do
  IFS='|' read -r name rps p50 p99 _ <<<"$row"
  echo "| $name | $rps | $p50 | $p99 | $(awk -v a="$rps" -v b="$n" 'BEGIN { printf "%.3f", a / b }') | $(awk -v a="$rps" -v b="$h" 'BEGIN { printf "%.3f", a / b }') |"
done
echo

# --- A spike: 64 connections on the hot article while readers comment ---------------------------------------------
id=$(sed -E 's#^/article/([0-9]+).*#\1#' <<<"$path")
renders_before=$(metric render)
comments_before=$(curl -s "$BASE/api/v1/articles/$id/comments" | python3 -c 'import sys, json; print(json.load(sys.stdin)["total"])')
(
  # Each comment from another reader (own cookie jar, own address), as a breaking story's comments are.
  end=$(( $(date +%s) + DURATION ))
  i=0
  while [ "$(date +%s)" -lt "$end" ]; do
    i=$((i + 1))
    jar="$WORK/jar-$i"
    address="198.51.$(( i / 200 )).$(( (i % 200) + 1 ))"
    token=$(curl -s -c "$jar" -H "X-Forwarded-For: $address" "$BASE/api/v1/antiforgery" | python3 -c 'import sys, json; print(json.load(sys.stdin)["token"])')
    curl -s -o /dev/null -b "$jar" -H "RequestVerificationToken: $token" -H 'Content-Type: application/json' -H "X-Forwarded-For: $address" \
      -d "{\"nickname\":\"读者$i\",\"body\":\"突发新闻压测跟贴第${i}条，$(date +%s%N)\"}" "$BASE/api/v1/articles/$id/comments"
    sleep 0.25
  done
) &
writer=$!
(
  # An editor appends a 更正 to the article every 5 s through the newsroom form, as a desk does while a story moves.
  jar="$WORK/editor-jar"
  field() { python3 -c "import re, sys; m = re.search(r'name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"', sys.stdin.read()); print(m.group(1))"; }
  token=$(curl -s -c "$jar" -b "$jar" "$BASE/account/login" | field)
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "UserName=bench.editor" --data-urlencode "Password=bench-editor-password" \
    --data-urlencode "__RequestVerificationToken=$token" "$BASE/account/login"
  end=$(( $(date +%s) + DURATION ))
  n=0
  while [ "$(date +%s)" -lt "$end" ]; do
    sleep 5
    n=$((n + 1))
    token=$(curl -s -c "$jar" -b "$jar" "$BASE/newsroom/articles/$id" | field)
    code=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "correction=压测更正第${n}次：数字已核实。" \
      --data-urlencode "__RequestVerificationToken=$token" "$BASE/newsroom/articles/$id?handler=Correct")
    [ "$code" = 302 ] && echo ok >>"$WORK/corrections"
  done
) &
editor=$!
spike=$(measure 64 "$BASE$path")
wait "$writer" "$editor"
corrections=$(wc -l <"$WORK/corrections" 2>/dev/null || echo 0)
sleep 2  # the metrics endpoint answers from a snapshot taken at most a second or so earlier
renders=$(( $(metric render) - renders_before ))
comments=$(( $(curl -s "$BASE/api/v1/articles/$id/comments" | python3 -c 'import sys, json; print(json.load(sys.stdin)["total"])') - comments_before ))
IFS='|' read -r rps p50 p99 total <<<"$spike"
echo "## A spike: wrk -c64 for ${DURATION} s on the hot article while readers post comments one after another and an editor corrects it every 5 s"
echo
echo "| requests | req/s | p50 | p99 | comments published | corrections | article renders | renders per change |"
echo "|---|---|---|---|---|---|---|---|"
echo "| $total | $rps | $p50 | $p99 | $comments | $corrections | $renders | $(awk -v a="$renders" -v b="$(( comments + corrections ))" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }') |"
echo
stop

[ "$ARTICLES" -gt 0 ] || exit 0

# --- The long tail: random articles over a synthetic archive -------------------------------------------------------
# As bench/run-http.sh prepares it: the demo portal plus the synthetic archive, with the topic model and every related
# list computed as an operator does after a bulk load.
tidings() { (cd "$APP" && dotnet Tidings.Web.dll "$@"); }
tidings seed --data-dir "$WORK/synthetic" >/dev/null
seed_out=$(tidings seed --synthetic "$ARTICLES" --data-dir "$WORK/synthetic" | tail -1)
tidings topics train --data-dir "$WORK/synthetic" >/dev/null
tidings related rebuild --data-dir "$WORK/synthetic" >/dev/null
range=$(grep -o 'ids [0-9]*-[0-9]*' <<<"$seed_out")
first=${range#ids }; first=${first%-*}; last=${range##*-}
start "$WORK/synthetic"
wrk -t2 -c16 -d3s "$BASE/healthz" >/dev/null
cpu_per() { # connections url [wrk args...] -> req/s|ms CPU per request
  local before after out rps total
  before=$(cpu_ticks)
  out=$(measure "$@")
  after=$(cpu_ticks)
  IFS='|' read -r rps _ _ total <<<"$out"
  echo "$rps|$(awk -v t=$(( after - before )) -v n="$total" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.3f", t * 1000 / hz / n }')"
}
health_cpu=$(cpu_per 16 "$BASE/healthz")
miss_cpu=$(FIRST_ID=$first LAST_ID=$last cpu_per 16 "$BASE" -s bench/wrk/article.lua)
stop
echo "## Random articles over $ARTICLES synthetic articles (mostly cache misses), wrk -c16"
echo
echo "| request | req/s | CPU ms per request (server process) |"
echo "|---|---|---|"
echo "| /healthz | ${health_cpu%%|*} | ${health_cpu##*|} |"
echo "| random /article/{id} | ${miss_cpu%%|*} | ${miss_cpu##*|} |"
