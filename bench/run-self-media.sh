#!/usr/bin/env bash
# 自媒体号 benchmarks (issue #21).
#  1. 原创 check: ~5,000-character probes (two archived passages of 1,200 characters in new text) against an archive of N articles
#     (default 1,000,000) whose bodies are 300–1,500 characters of text no other article shares: p50/p95/p99 of the
#     check, and how often it names a copied article first (`eval originality`), after `originality rebuild`.
#  2. 关注: 100,000 articles, 10,000 accounts and 1,000,000 follow rows; wrk on /healthz, the account page, /following
#     and GET /api/v1/me/following of a reader following 100 accounts, and POST/DELETE follow, all in one run.
# Usage: bench/run-self-media.sh [archive-size]     (needs wrk, sqlite3 and python3)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
PORT=5097
WORK=$(mktemp -d)
APP="$WORK/app"
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
for tool in wrk sqlite3 python3; do command -v $tool >/dev/null || { echo "error: $tool is missing" >&2; exit 1; }; done
dotnet publish src/Tidings.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$APP" >/dev/null
tidings() { (cd "$APP" && Logging__LogLevel__Default=Warning dotnet Tidings.Web.dll "$@"); }

# Bodies of distinct text: common CJK characters at random, so every shingle is (practically) one article's own.
lengthen() {
  python3 - "$1" <<'PY'
import random, sqlite3, sys
random.seed(20261205)
db = sqlite3.connect(sys.argv[1])
chars = [chr(c) for c in range(0x4E00, 0x9FA6)]
ids = [r[0] for r in db.execute("select Id from Articles")]
for i in range(0, len(ids), 20000):
    rows = [("<p>" + "".join(random.choices(chars, k=random.randint(300, 1500))) + "</p>", a) for a in ids[i:i + 20000]]
    db.executemany("update Articles set BodyHtml = ? where Id = ?", rows)
    db.commit()
PY
}

echo "# bench/run-self-media.sh — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
echo
echo "## 原创 check against $N archived articles"
dir="$WORK/archive"
tidings seed --synthetic "$N" --data-dir "$dir" | tail -1 | sed 's/^/- /'
t0=$(date +%s); lengthen "$dir/tidings.db"; echo "- bodies rewritten to 300–1,500 distinct characters in $(( $(date +%s) - t0 )) s"
tidings originality rebuild --data-dir "$dir" | tail -1 | sed 's/^/- /'
tidings eval originality --samples 200 --data-dir "$dir" | sed 's/^/    /'
echo "- database $(du -m "$dir/tidings.db" | cut -f1) MB"
rm -rf "$dir"

echo
echo "## 关注 at 100,000 articles, 10,000 accounts, 1,000,000 follows"
dir="$WORK/follows"
tidings seed --synthetic 100000 --data-dir "$dir" | tail -1 | sed 's/^/- /'
sqlite3 "$dir/tidings.db" <<'SQL'
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
INSERT INTO Sources (Slug, Name, Kind, FollowerCount) SELECT 'bench-' || i, '压测账号' || i, 1, 0 FROM n;
UPDATE Articles SET SourceId = (SELECT Id FROM Sources WHERE Slug = 'bench-' || (1 + Articles.Id % 10000));
-- 10,000 readers following 100 accounts each.
WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 10000),
               k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 99)
INSERT INTO SourceFollows (SourceId, FollowerKey, CreatedAt)
SELECT (SELECT Id FROM Sources WHERE Slug = 'bench-' || (1 + (i * 37 + j * 101) % 10000)), 'v:BENCH' || i, '2026-12-01 00:00:00' FROM r, k;
UPDATE Sources SET FollowerCount = (SELECT count(*) FROM SourceFollows f WHERE f.SourceId = Sources.Id);
SQL
echo "- follow rows: $(sqlite3 "$dir/tidings.db" 'select count(*) from SourceFollows')"
(cd "$APP" && Tidings__DataDirectory="$dir" ASPNETCORE_URLS="http://127.0.0.1:$PORT" Tidings__PublicBaseUrl="http://127.0.0.1:$PORT" \
  Tidings__Related__BackgroundMaintenance=false Tidings__Following__Burst=1000000 Tidings__Following__AddressBurst=1000000 \
  Logging__LogLevel__Default=Warning exec dotnet Tidings.Web.dll) >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 500); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.05; done
# A real signed visitor cookie, then 99 more follows for that visitor (as the bench readers have).
jar="$WORK/jar"
curl -sf -c "$jar" -X POST -o /dev/null "http://127.0.0.1:$PORT/api/v1/sources/bench-1/follow"
cookie=$(awk '$6 == "tv" {print "tv=" $7}' "$jar")
key=$(sqlite3 "$dir/tidings.db" "select FollowerKey from SourceFollows where FollowerKey not like 'v:BENCH%' limit 1")
sqlite3 "$dir/tidings.db" "INSERT OR IGNORE INTO SourceFollows (SourceId, FollowerKey, CreatedAt) SELECT Id, '$key', '2026-12-01 00:00:00' FROM Sources WHERE Slug LIKE 'bench-%' AND Id % 100 = 7 LIMIT 99"
run() { # name, url, extra wrk args...
  local name=$1 url=$2; shift 2
  local out; out=$(wrk -t2 -c16 -d10s --latency "$@" "$url")
  grep -q "Non-2xx" <<<"$out" && { echo "$out" >&2; echo "error: $name failed under load" >&2; exit 1; }
  echo "- $name: $(awk '/Requests\/sec/ {print $2}' <<<"$out") req/s, p99 $(awk '$1 == "99%" {print $2}' <<<"$out")"
}
wrk -t2 -c16 -d3s "http://127.0.0.1:$PORT/healthz" >/dev/null
run "/healthz" "http://127.0.0.1:$PORT/healthz"
run "/source/bench-1 (a follower's copy)" "http://127.0.0.1:$PORT/source/bench-1" -H "Cookie: $cookie"
run "/following (100 accounts)" "http://127.0.0.1:$PORT/following" -H "Cookie: $cookie"
run "GET /api/v1/me/following" "http://127.0.0.1:$PORT/api/v1/me/following" -H "Cookie: $cookie"
run "POST+DELETE follow, alternating" "http://127.0.0.1:$PORT/" -H "Cookie: $cookie" -s bench/wrk/follow.lua
run "/healthz again" "http://127.0.0.1:$PORT/healthz"
