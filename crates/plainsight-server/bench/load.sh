#!/usr/bin/env bash
# Bounded load test of `plainsight serve` on loopback, with wrk (Debian's
# package). Every run lasts DURATION seconds and stops by itself; only
# 127.0.0.1 is ever targeted.
#
#   bash crates/plainsight-server/bench/load.sh            # 10 s per run
#   DURATION=5 CONNECTIONS=8 bash crates/plainsight-server/bench/load.sh
#
# Prints one Markdown table row per (route, payload): requests per second, the
# p50 / p99 latency, and the server's CPU time per request (user + system, from
# /proc; it depends much less than req/s on what else the machine runs), for a
# short disguised post (188 bytes) and a 10 kB article. The payloads are made
# up here, not taken from any data set.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-1}"
command -v wrk >/dev/null || { echo "load.sh: needs wrk (apt-get install -y wrk)" >&2; exit 2; }

cd "$root"
cargo build --release -p plainsight-cli --locked --quiet
bin="${CARGO_TARGET_DIR:-$root/target}/release/plainsight"
work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

python3 - "$work" <<'PY'
import json, sys, os
work = sys.argv[1]
short = ("At 83, the legendary singer fiпally breaks his silence abоut the 𝐒𝐄𝐂𝐑𝐄𝐓 song he wrote "
         "for his mоther. Insiders say he could nо lоnger hide the trυ\u200bth.")
sentences = [
    "At 83, the legendary singer finally breaks his silence about the song he wrote for his mother.",
    "Friends say the recording was kept in a drawer for more than forty years.",
    "\"I never told anyone,\" he said, according to a source close to the family.",
    "The tapes were never released, and the studio that made them closed long ago.",
    "Fans have shared the story thousands of times, often with the same photograph.",
    "Nobody has named the journalist who first heard the confession.",
    "The city council meets on Tuesday to discuss the budget for the public library.",
    "Tickets for the anniversary concert sold out within an hour on Friday morning.",
]
def disguise(s):
    return s.replace("n", "п", 2).replace("o", "о", 2).replace("u", "υ", 1)
parts, i = [], 0
while len(" ".join(parts).encode()) < 10_000:
    s = sentences[i % len(sentences)]
    parts.append(disguise(s) if i % 3 == 0 else s)
    i += 1
article = " ".join(parts)
while len(article.encode()) > 10_240:
    article = article[:-1]
for name, text in [("short", short), ("article", article)]:
    with open(os.path.join(work, name + ".json"), "w") as f:
        json.dump({"text": text}, f, ensure_ascii=False)
PY

cat > "$work/post.lua" <<'LUA'
local f = assert(io.open(os.getenv("BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
LUA

"$bin" serve --addr 127.0.0.1:0 --max-in-flight 4096 2>"$work/serve.log" &
server=$!
for _ in $(seq 100); do grep -q "listening on" "$work/serve.log" && break; sleep 0.1; done
url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.log" | head -1)"
[ -n "$url" ] || { cat "$work/serve.log" >&2; exit 1; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
tick="$(getconf CLK_TCK)"

echo "| route | payload | bytes | req/s | p50 | p99 | server CPU per request | errors |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for route in /v1/unmask /v1/scan; do
  for payload in short article; do
    body="$work/$payload.json"
    # a second of warm-up, then the measured run
    BODY="$body" wrk -t1 -c4 -d1s -s "$work/post.lua" "$url$route" >/dev/null
    t0="$(cpu_ticks)"
    BODY="$body" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$work/post.lua" "$url$route" >"$work/out.txt"
    t1="$(cpu_ticks)"
    n="$(awk '/requests in/ {print $1}' "$work/out.txt")"
    cpu="$(awk -v a="$t0" -v b="$t1" -v n="$n" -v hz="$tick" 'BEGIN {printf "%.3f ms", (b - a) * 1000 / hz / n}')"
    rps="$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$work/out.txt")"
    p50="$(awk '$1=="50%" {print $2}' "$work/out.txt")"
    p99="$(awk '$1=="99%" {print $2}' "$work/out.txt")"
    errs="$(awk '/Non-2xx/ {print $5} /Socket errors/ {print "socket:" $0}' "$work/out.txt" | tr '\n' ' ')"
    echo "| $route | $payload | $(wc -c <"$body") | $rps | $p50 | $p99 | $cpu | ${errs:-0} |"
  done
done
