#!/usr/bin/env bash
# Issue 22: does the localised interface cost throughput? The same demo data served by the build before localisation
# (BASE, default: the last commit before issue 22's English search and interface) and by this tree, in Chinese and in English, on the
# home page, an article page and a search; interleaved in one run, reported as ratios to the baseline's Chinese.
# Usage: bench/run-languages.sh [seconds-per-measurement] [base-commit] [rounds]     Needs wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-5}
ROUNDS=${3:-6}
BASE=${2:-38da838}
BASE_PORT=5098
NEW_PORT=5097
PIDS=()
WORK=$(mktemp -d)
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; git worktree remove --force "$WORK/base-src" 2>/dev/null || true; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { echo "error: wrk is missing (apt-get install wrk)" >&2; exit 1; }

git worktree add --detach "$WORK/base-src" "$BASE" >/dev/null 2>&1
dotnet publish "$WORK/base-src/src/Tidings.Web" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/base" >/dev/null
dotnet publish src/Tidings.Web -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$WORK/new" >/dev/null

start_server() { # app data-dir port
  (cd "$1" && Tidings__DataDirectory="$2" ASPNETCORE_URLS="http://127.0.0.1:$3" Tidings__PublicBaseUrl="http://127.0.0.1:$3" \
    Logging__LogLevel__Default=Warning exec dotnet Tidings.Web.dll) >"$WORK/server-$3.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 3000); do curl -sf -o /dev/null "http://127.0.0.1:$3/" && return 0; sleep 0.02; done
  echo "error: server did not come up" >&2; cat "$WORK/server-$3.log" >&2; exit 1
}

rps() { # port path
  local out; out=$(wrk -t2 -c32 -d"${DURATION}s" "http://127.0.0.1:$1$2")
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
# The demo's English edition (three stories, added with the English interface) exists only in the new build's demo;
# the Chinese stories must be the same.
[ "$(sqlite3 "$WORK/data-base/tidings.db" "SELECT count(*) FROM Articles")" = "$(sqlite3 "$WORK/data-new/tidings.db" "SELECT count(*) FROM Articles WHERE Language <> 'en'")" ] \
  || { echo "error: the two demos differ" >&2; exit 1; }

declare -A R
PAGES=("/" "$ARTICLE" "/search?q=%E5%9C%B0%E9%93%81")
# Both builds run side by side, idle but for the one being measured; each round measures before, 中文 and English
# back to back, in a rotating order, so drift in the machine's load falls on all three alike. Ratios are taken
# within a round and the median round is reported.
start_server "$WORK/base" "$WORK/data-base" "$BASE_PORT"
start_server "$WORK/new" "$WORK/data-new" "$NEW_PORT"
for page in "${PAGES[@]}"; do
  sep='?'; [[ "$page" == *\?* ]] && sep='&'
  for url in "$BASE_PORT$page" "$NEW_PORT$page" "$NEW_PORT$page${sep}lang=en"; do wrk -t2 -c16 -d3s "http://127.0.0.1:$url" >/dev/null; done
done
for round in $(seq 1 "$ROUNDS"); do
  for page in "${PAGES[@]}"; do
    sep='?'; [[ "$page" == *\?* ]] && sep='&'
    variants=(base zh en)
    case $((round % 3)) in 1) variants=(zh en base) ;; 2) variants=(en base zh) ;; esac
    for v in "${variants[@]}"; do
      case $v in
        base) R[base,zh,$page]="${R[base,zh,$page]:-} $(rps "$BASE_PORT" "$page")" ;;
        zh) R[new,zh,$page]="${R[new,zh,$page]:-} $(rps "$NEW_PORT" "$page")" ;;
        en) R[new,en,$page]="${R[new,en,$page]:-} $(rps "$NEW_PORT" "$page${sep}lang=en")" ;;
      esac
    done
  done
done

median_ratio() { # numerators denominators (same length, space-separated)
  paste <(tr ' ' '\n' <<<"$1" | sed '/^$/d') <(tr ' ' '\n' <<<"$2" | sed '/^$/d') \
    | awk '{print $1/$2}' | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.2f", m}'
}
mean() { awk '{s=0; for (i=1;i<=NF;i++) s+=$i; printf "%.0f", s/NF}' <<<"$1"; }
echo "# bench/run-languages.sh — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk -t2 -c32 -d${DURATION}s, $ROUNDS rounds, base $BASE"
echo
echo "| page | before (zh) req/s, mean | now, 中文 | now, English | 中文 ÷ before (median of rounds) | English ÷ before (median) | rounds (before / 中文 / English) |"
echo "|---|---|---|---|---|---|---|"
for page in "${PAGES[@]}"; do
  b=$(mean "${R[base,zh,$page]}"); z=$(mean "${R[new,zh,$page]}"); e=$(mean "${R[new,en,$page]}")
  name=$page; [ "$page" = "$ARTICLE" ] && name="/article/{id}/{slug}"
  echo "| \`$name\` | $b | $z | $e | $(median_ratio "${R[new,zh,$page]}" "${R[base,zh,$page]}") | $(median_ratio "${R[new,en,$page]}" "${R[base,zh,$page]}") |${R[base,zh,$page]} /${R[new,zh,$page]} /${R[new,en,$page]} |"
done
