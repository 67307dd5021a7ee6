#!/usr/bin/env bash
# Whole-command timing of `plainsight unmask` on 100 MB files (clean English,
# seed-004-style text, mixed disguises, and the mixed JSON Lines), next to `cat`,
# single-threaded (--threads 1) and with every core, plus peak memory.
# Inputs are generated under $DIR (not in the repository) from the shared
# corpora when ../shared exists, else from the generated fallback corpus.
#
#   bash crates/plainsight-bench/whole_command.sh   # RUNS=3 WARMUP=1 MB=100 DIR=/tmp/plainsight-bench
#
# Needs hyperfine (Debian: apt-get install hyperfine) and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-1}
MB=${MB:-100}
DIR=${DIR:-/tmp/plainsight-bench}
TARGET=${CARGO_TARGET_DIR:-target}
mkdir -p "$DIR"
cargo build --release -q -p plainsight-cli
cargo build --release -q -p plainsight-bench --example make_input
B="$TARGET/release/plainsight"
for kind in clean-en seed-nu mixed mixed-jsonl; do
    [ -s "$DIR/$kind.txt" ] || "$TARGET/release/examples/make_input" "$kind" "$MB" "$DIR/$kind.txt"
done
nproc_all=$(nproc)
hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --export-markdown "$DIR/whole_command.md" \
    "cat $DIR/clean-en.txt" \
    "$B --threads 1 unmask $DIR/clean-en.txt" \
    "$B --threads $nproc_all unmask $DIR/clean-en.txt" \
    "$B --threads 1 unmask $DIR/seed-nu.txt" \
    "$B --threads $nproc_all unmask $DIR/seed-nu.txt" \
    "cat $DIR/mixed.txt" \
    "$B --threads 1 unmask $DIR/mixed.txt" \
    "$B --threads $nproc_all unmask $DIR/mixed.txt" \
    "$B --threads 1 unmask --jsonl $DIR/mixed-jsonl.txt" \
    "$B --threads $nproc_all unmask --jsonl $DIR/mixed-jsonl.txt" \
    --output=null
echo
echo "peak RSS (kB), user s, elapsed"
for args in "unmask $DIR/clean-en.txt" "unmask $DIR/seed-nu.txt" "unmask $DIR/mixed.txt" "unmask --jsonl $DIR/mixed-jsonl.txt"; do
    for t in 1 "$nproc_all"; do
        /usr/bin/time -f "%M kB  %U s user  %e s  threads=$t $args" "$B" --threads "$t" $args > /dev/null
    done
done
