#!/usr/bin/env bash
# Differential check of the unmask engine: runs `plainsight unmask --jsonl`
# (restored text, every change with its offsets, the score) from the working
# tree and from another revision on the same inputs, and compares the outputs
# byte for byte. Speed work must leave every output as it was.
#
#   bash crates/plainsight-bench/same_outputs.sh [REV]      # REV: default HEAD~1
#
# Inputs (none is in the repository; all come from ../shared or
# $PLAINSIGHT_SHARED): the dev cases of the unmask benchmark, cases of seeds
# 2-6 made by its make_cases.py (needs bench/setup.sh's venv at $VENV), every
# sentence of data/text, and 3 MB each of the seed-nu, mixed and clean-multi
# benchmark inputs as JSON Lines. Work files go to $DIR.
set -euo pipefail
cd "$(dirname "$0")/../.."
REV=${1:-HEAD~1}
SHARED=${PLAINSIGHT_SHARED:-$PWD/../shared}
DIR=${DIR:-/tmp/plainsight-same}
VENV=${VENV:-$HOME/.cache/plainsight-bench-venv}
TARGET=${CARGO_TARGET_DIR:-target}
mkdir -p "$DIR"
export PLAINSIGHT_SHARED=$SHARED

# the other revision, built in its own worktree and target directory
if [ ! -x "$DIR/base/plainsight" ] || [ "$(cat "$DIR/base/rev" 2>/dev/null)" != "$(git rev-parse "$REV")" ]; then
    rm -rf "$DIR/wt"
    git worktree prune
    git worktree add --detach "$DIR/wt" "$REV" >/dev/null
    (cd "$DIR/wt" && CARGO_TARGET_DIR="$DIR/wt-target" cargo build --release -q -p plainsight-cli)
    mkdir -p "$DIR/base"
    cp "$DIR/wt-target/release/plainsight" "$DIR/base/plainsight"
    git rev-parse "$REV" > "$DIR/base/rev"
    git worktree remove --force "$DIR/wt"
fi
cargo build --release -q -p plainsight-cli
cargo build --release -q -p plainsight-bench --example make_input
NEW="$TARGET/release/plainsight"

# inputs
inputs=("$SHARED/bench/unmask/cases.dev.jsonl")
if [ -x "$VENV/bin/python" ]; then
    for seed in 2 3 4 5 6; do
        f="$DIR/cases.seed$seed.jsonl"
        [ -s "$f" ] || "$VENV/bin/python" "$SHARED/bench/unmask/make_cases.py" "$SHARED/data/text" "$f" \
            --seed "$seed" --per-family 300 >/dev/null
        inputs+=("$f")
    done
else
    echo "no venv at $VENV (bash ../shared/bench/setup.sh): seeds 2-6 skipped" >&2
fi
[ -s "$DIR/text.jsonl" ] || cat "$SHARED"/data/text/*.txt | python3 -c 'import sys, json
for l in sys.stdin: print(json.dumps({"text": l.rstrip("\n")}))' > "$DIR/text.jsonl"
inputs+=("$DIR/text.jsonl")
for kind in seed-nu mixed clean-multi; do
    [ -s "$DIR/$kind.jsonl" ] || "$TARGET/release/examples/make_input" "$kind-jsonl" 3 "$DIR/$kind.jsonl" >/dev/null
    inputs+=("$DIR/$kind.jsonl")
done

status=0
for f in "${inputs[@]}"; do
    field=text
    case "$f" in *cases*) field=input ;; esac
    "$DIR/base/plainsight" unmask --jsonl --field "$field" --threads 1 "$f" > "$DIR/base.out"
    "$NEW" unmask --jsonl --field "$field" --threads 1 "$f" > "$DIR/new.out"
    lines=$(wc -l < "$DIR/new.out")
    if cmp -s "$DIR/base.out" "$DIR/new.out"; then
        echo "same       $lines lines  $(basename "$f")"
    else
        echo "DIFFERENT  $(diff "$DIR/base.out" "$DIR/new.out" | grep -c '^<') of $lines lines  $(basename "$f")"
        status=1
    fi
done
exit $status
