#!/usr/bin/env python3
"""Derives the clickbait word lists shipped in crates/plainsight/data/clickbait/
from the Stop Clickbait lexicons (Chakraborty et al. 2016, MIT licence).

    python3 tools/gen_clickbait.py ../shared/data/hoax/stop_clickbait

- hyperbolic.txt: the hyperbolic words, lowercased, as they are.
- phrases.txt: the common clickbait phrases, with "can ' t" joined to "can't",
  `<d>` written as `#` (any number); phrases with a `<quote>` slot are left out,
  and so are phrases that are not at least 3 times as frequent (per headline) in
  the clickbait headlines as in the ordinary ones ("at the", "for a"), measured
  on the corpus's own two headline files.
"""
import os
import re
import sys

src = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/hoax/stop_clickbait"
out = os.path.join(os.path.dirname(__file__), "..", "crates", "plainsight", "data", "clickbait")
os.makedirs(out, exist_ok=True)


def words(s):
    s = s.lower().replace("’", "'")
    s = re.sub(r"\s+'\s+", "'", s)
    return re.findall(r"[a-z0-9#]+(?:'[a-z]+)?", s)


def load(name):
    with open(os.path.join(src, name), encoding="utf-8", errors="replace") as f:
        return [l.strip() for l in f if l.strip()]


hyper = sorted({w.lower() for w in load("hyperbolic.txt")})
cb = [" " + " ".join(words(re.sub(r"\d+", "#", l))) + " " for l in load("clickbait.txt")]
nc = [" " + " ".join(words(re.sub(r"\d+", "#", l))) + " " for l in load("non_clickbait.txt")]
keep = []
for p in load("common_phrases.txt"):
    if "<quote>" in p:
        continue
    p = p.replace("<d>", "#")
    w = words(p)
    if not w:
        continue
    key = " " + " ".join(w) + " "
    a = sum(key in h for h in cb) / len(cb)
    b = sum(key in h for h in nc) / len(nc)
    if a >= 3 * b and a > 0:
        keep.append(" ".join(w))
keep = sorted(set(keep))
hdr = "# Derived from the Stop Clickbait lexicons (Chakraborty et al. 2016, MIT licence, see LICENSE)\n# by tools/gen_clickbait.py; do not edit by hand.\n"
with open(os.path.join(out, "hyperbolic.txt"), "w") as f:
    f.write(hdr + "\n".join(hyper) + "\n")
with open(os.path.join(out, "phrases.txt"), "w") as f:
    f.write(hdr + "\n".join(keep) + "\n")
with open(os.path.join(src, "LICENSE")) as f, open(os.path.join(out, "LICENSE"), "w") as g:
    g.write(f.read())
print(f"{len(hyper)} hyperbolic words, {len(keep)} phrases -> {out}")
