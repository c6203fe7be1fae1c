#!/usr/bin/env bash
# Search benchmarks (issue #3): known-item quality and per-query latency at 100k and 1M articles (synthetic plus
# the NLPCC headline set), index build rate and size, and /search under wrk.
# Usage: bench/run-search.sh [max-synthetic]     (default 1000000; needs ../shared/data and wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
MAX=${1:-1000000}
PORT=5098
WORK=$(mktemp -d)
APP="$WORK/app"
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
CORPUS=$(realpath -m ../shared/data/nlpcc2017-headlines-dev.tsv)
[ -f "$CORPUS" ] || { echo "error: $CORPUS is missing" >&2; exit 1; }
command -v wrk >/dev/null || { echo "error: wrk is missing (apt-get install wrk)" >&2; exit 1; }
# The deployment README recommends: ReadyToRun removes most JIT work from start-up (cold start -30 %).
dotnet publish src/Tidings.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$APP" >/dev/null
tidings() { (cd "$APP" && dotnet Tidings.Web.dll "$@"); }

# Index size: the FTS5 shadow tables plus the segmented-text table, from SQLite's own page accounting.
index_size() {
  python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
page = c.execute("pragma page_size").fetchone()[0]
try:
    rows = c.execute("select name, count(*) from dbstat group by name").fetchall()
    fts = sum(n for name, n in rows if name.startswith("ArticleSearch") and name != "ArticleSearchDocs") * page
    docs = sum(n for name, n in rows if name == "ArticleSearchDocs") * page
    print(f"FTS5 index {fts/1e6:.0f} MB, segmented text {docs/1e6:.0f} MB")
except sqlite3.OperationalError:
    print("(dbstat not available)")
PY
}

echo "# bench/run-search.sh — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
for n in 100000 "$MAX"; do
  dir="$WORK/n$n"
  echo
  echo "## $n synthetic articles + 17,930 headlines"
  t0=$(date +%s%N); tidings seed --synthetic "$n" --data-dir "$dir" | tail -1; t1=$(date +%s%N)
  echo "- synthetic seed with search text and FTS5 indexing: $(( (t1 - t0) / 1000000 )) ms for the whole command"
  tidings eval search --corpus "$CORPUS" --data-dir "$dir" | sed 's/^/    /'
  echo "- $(index_size "$dir/tidings.db")"
  if [ "$n" = 100000 ]; then
    tidings reindex --data-dir "$dir" | tail -1 | sed 's/^/- reindex (segment again + rewrite + optimize): /'
    (cd "$APP" && Tidings__DataDirectory="$dir" ASPNETCORE_URLS="http://127.0.0.1:$PORT" Tidings__PublicBaseUrl="http://127.0.0.1:$PORT" Logging__LogLevel__Default=Warning exec dotnet Tidings.Web.dll) >"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 500); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.02; done
    wrk -t2 -c16 -d3s -s bench/wrk/search.lua "http://127.0.0.1:$PORT/" >/dev/null
    h=$(wrk -t2 -c32 -d10s "http://127.0.0.1:$PORT/healthz" | awk '/Requests\/sec/ {print $2}')
    out=$(wrk -t2 -c32 -d10s --latency -s bench/wrk/search.lua "http://127.0.0.1:$PORT/")
    grep -q "Non-2xx" <<<"$out" && { echo "$out" >&2; echo "error: /search failed under load" >&2; exit 1; }
    s=$(awk '/Requests\/sec/ {print $2}' <<<"$out"); p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    echo "- wrk /search (8 query mix, -t2 -c32 -d10s): $s req/s, p99 $p99; /healthz $h req/s in the same run"
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
  fi
  rm -rf "$dir"
done
