#!/usr/bin/env bash
# Topic-model training at scale against a baseline commit, in one run (the machine is shared: compare within it).
# Seeds the demo plus N synthetic articles once, then times `topics train` with this tree and with the baseline,
# alternating, R rounds each; reports the median wall time and peak RSS of each and their ratio. With
# ../shared/data present it also prints `eval topics` (held-out headline accuracy) for both.
# Usage: bench/run-topics.sh [articles] [baseline-ref] [rounds]      e.g. bench/run-topics.sh 100000 HEAD~1 3
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
BASE=${2:-HEAD}
ROUNDS=${3:-3}
WORK=$(mktemp -d)
trap 'git worktree remove --force "$WORK/base-src" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

publish() { dotnet publish "$1/src/Tidings.Web" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$2" >/dev/null; }
git worktree add --detach "$WORK/base-src" "$BASE" >/dev/null 2>&1
publish . "$WORK/new"
publish "$WORK/base-src" "$WORK/base"
run() { (cd "$WORK/$1" && ASPNETCORE_ENVIRONMENT=Development dotnet Tidings.Web.dll "${@:2}"); }
timed() { /usr/bin/time -f "%e %M" -o "$WORK/time" bash -c 'cd "$0" && ASPNETCORE_ENVIRONMENT=Development dotnet Tidings.Web.dll "${@}"' "$WORK/$1" "${@:2}" >"$WORK/out"; awk '{printf "%s %.0f\n", $1, $2 / 1024}' "$WORK/time"; }

echo "# bench/run-topics.sh — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, demo + $N synthetic articles, baseline $(git rev-parse --short "$BASE")"
echo
run new seed --data-dir "$WORK/data" >/dev/null
run new seed --synthetic "$N" --data-dir "$WORK/data" >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  for side in base new; do
    timed "$side" topics train --data-dir "$WORK/data" >>"$WORK/$side.times"
    [ "$r" = 1 ] && grep -o 'Trained on [0-9,]* articles[^)]*)' "$WORK/out" >"$WORK/$side.what" || true
  done
done
median() { sort -n -k"$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print v[int((NR + 1) / 2)] }'; }
echo "| \`topics train\` (whole command) | baseline | this tree | ratio |"
echo "|---|---|---|---|"
bs=$(median "$WORK/base.times" 1); ns=$(median "$WORK/new.times" 1)
bm=$(median "$WORK/base.times" 2); nm=$(median "$WORK/new.times" 2)
echo "| wall time, median of $ROUNDS | $bs s | $ns s | $(awk -v a="$ns" -v b="$bs" 'BEGIN { printf "%.2f", a / b }') |"
echo "| peak RSS, median of $ROUNDS | $bm MB | $nm MB | $(awk -v a="$nm" -v b="$bm" 'BEGIN { printf "%.2f", a / b }') |"
echo
echo "- baseline: $(cat "$WORK/base.what")"
echo "- this tree: $(cat "$WORK/new.what")"
if [ -f ../shared/data/nlpcc2017-headlines-dev.tsv ]; then
  corpus="$(cd ../shared/data && pwd)/nlpcc2017-headlines-dev.tsv"
  echo
  echo '```'
  echo "baseline:"; run base eval topics --corpus "$corpus"
  echo "this tree:"; run new eval topics --corpus "$corpus"
  echo '```'
fi
