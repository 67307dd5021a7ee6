#!/usr/bin/env bash
# Every figure of BENCHMARKS.md's `## campaigns` section, in one go:
#   1. precision, recall and time of `plainsight campaigns` next to datasketch's
#      MinHashLSH and rensa on the held-out 20,000-post corpus (seed 2), as
#      generated (disguised) and without its disguises;
#   2. a million posts of ~500 bytes: wall, CPU and peak RSS (GNU time -v),
#      campaign state per post (--stats), then precision and recall of that run.
# Corpora are generated under $DIR from ../shared (never stored in the repository).
#
#   bash crates/plainsight-bench/campaigns/run.sh        # REPEAT=3 DIR=/tmp/camp SKIP_1M=
#
# Needs the benchmark venv (../shared/bench/setup.sh) with datasketch and rensa.
set -euo pipefail
cd "$(dirname "$0")/../../.."
DIR=${DIR:-/tmp/camp}
REPEAT=${REPEAT:-3}
TARGET=${CARGO_TARGET_DIR:-target}
venv=${VENV:-$(../shared/bench/setup.sh)}
"$venv/bin/python" -c "import datasketch, rensa" 2>/dev/null ||
    "$venv/bin/pip" install -q datasketch==2.0.0 rensa==0.5.0
cargo build --release -q -p plainsight-cli
P="$TARGET/release/plainsight"
B=crates/plainsight-bench/campaigns/bench.py
PY="$venv/bin/python"
mkdir -p "$DIR"
[ -s "$DIR/c20k-s2/corpus.jsonl" ] || $PY $B make "$DIR/c20k-s2" --posts 20000 --seed 2
[ -s "$DIR/c20k-s2-clean/corpus.jsonl" ] || $PY $B clean "$DIR/c20k-s2" "$DIR/c20k-s2-clean"
echo "== $(date -u +%H:%M) load: $(cut -d' ' -f1-3 /proc/loadavg); commit $(git rev-parse --short HEAD)"
echo "== 20,000 posts, disguised"
$PY $B run "$DIR/c20k-s2" --plainsight "$P" --repeat "$REPEAT" --json "$DIR/s2.json"
echo "== 20,000 posts, disguises removed"
$PY $B run "$DIR/c20k-s2-clean" --plainsight "$P" --repeat "$REPEAT" --no-jaccard --json "$DIR/s2-clean.json"
[ -n "${SKIP_1M:-}" ] && exit 0
[ -s "$DIR/c1m/corpus.jsonl" ] ||
    $PY $B make "$DIR/c1m" --posts 1000000 --fast-only --seed 3 --max-sentence 150
echo "== 1,000,000 posts, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -v "$P" campaigns --stats "$DIR/c1m/corpus.jsonl" > "$DIR/out1m.jsonl" 2> "$DIR/time1m.log"
grep -E "plainsight:|Elapsed|User time|System time|Maximum resident|Percent of CPU" "$DIR/time1m.log"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
$PY $B run "$DIR/c1m" --output "$DIR/out1m.jsonl" --no-anchors --no-jaccard
