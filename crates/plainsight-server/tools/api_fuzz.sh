#!/usr/bin/env bash
# Fuzzes the API of `plainsight serve` from its own OpenAPI document with
# schemathesis (PyPI), on loopback: generated requests for every operation,
# checking that no answer is a 5xx, that every answer matches its documented
# schema and status codes. Bounded by EXAMPLES per operation; not part of CI
# (it installs schemathesis into a virtualenv in $VENV first).
#
#   bash crates/plainsight-server/tools/api_fuzz.sh          # EXAMPLES=200
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
EXAMPLES="${EXAMPLES:-200}"
VENV="${VENV:-${TMPDIR:-/tmp}/plainsight-schemathesis}"
[ -x "$VENV/bin/schemathesis" ] || { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q schemathesis; }

cd "$root"
cargo build -p plainsight-cli --locked --quiet
bin="${CARGO_TARGET_DIR:-$root/target}/debug/plainsight"
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# a small campaign index, so that /v1/campaigns/match answers 200 too
printf '%s\n' \
  '{"text":"At 80, the singer finally reveals the truth about his secret son"}' \
  '{"text":"At 81, the singer finally reveals the truth about his secret son, insiders say"}' \
  >"$work/posts.jsonl"
"$bin" campaigns --index "$work/idx" add "$work/posts.jsonl" >/dev/null

status=0
for args in "--index $work/idx" ""; do
  # shellcheck disable=SC2086
  "$bin" serve --addr 127.0.0.1:0 $args 2>"$work/serve.log" &
  pids+=($!)
  for _ in $(seq 100); do grep -q "listening on" "$work/serve.log" && break; sleep 0.1; done
  url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.log" | head -1)"
  echo "== schemathesis against $url (${args:-no index})"
  timeout 900 "$VENV/bin/schemathesis" run "$url/openapi.json" --checks all --max-examples "$EXAMPLES" || status=1
  kill -TERM "${pids[-1]}"; wait "${pids[-1]}" || true
done
exit $status
