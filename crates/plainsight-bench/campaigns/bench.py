"""Campaigns benchmark: a corpus of posts with planted families of disguised
copies, and the scores of `plainsight campaigns`, datasketch's MinHashLSH and
rensa on it, in the same run.

    venv=$(../shared/bench/setup.sh); $venv/bin/pip install datasketch rensa
    $venv/bin/python crates/plainsight-bench/campaigns/bench.py make /tmp/camp/c20k --posts 20000
    $venv/bin/python crates/plainsight-bench/campaigns/bench.py run /tmp/camp/c20k \
        --plainsight target/release/plainsight

Corpus (`make`): posts are recombined from real sentences of ../shared/data/text
(English) and ../shared/data/hoax (GossipCop titles, LLMFake articles), read
here at run time and never stored in the repository. A family is a base post
and copies of it, each reworded (a sentence dropped, added or swapped with its
neighbour; words dropped, added or swapped) and, most of them, disguised with
one of the unmask benchmark's attack families (../shared/bench/unmask/attacks.py).
Background posts are single; some are disguised too, so disguise alone says
nothing. `truth.jsonl` holds each post's family, attack and clean text.

Scores (`run`): pairs of posts put in the same campaign, against the planted
families (precision, recall; and recall per attack family: the share of
disguised copies put in the campaign of their family's base post), and against
exact Jaccard similarity of the clean texts' 2-word shingles (pairs at or above
--jaccard), with wall-clock time end to end: reading the JSON Lines, shingling,
MinHash, LSH, clustering (and, for plainsight, writing every record back out).
"""

import argparse
import csv
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("PLAINSIGHT_SHARED", os.path.join(HERE, "..", "..", "..", "..", "shared"))

FAST_ATTACKS = ["seed-nu", "cyrillic-all", "cyrillic-half", "greek-all", "invisible",
                "reorder", "deletion", "styled", "zalgo", "mixed"]
SLOW_ATTACKS = ["ss-random-10", "ss-random-25", "ss-greedy-10", "ss-targeted-10"]


# --- corpus ---------------------------------------------------------------

def sentence_pool(max_len=300):
    """Real English sentences: UD English, GossipCop titles, LLMFake articles split into sentences."""
    csv.field_size_limit(1 << 30)
    pool = []
    with open(os.path.join(SHARED, "data", "text", "en.dev.txt"), encoding="utf-8") as f:
        pool += [l.strip() for l in f]
    with open(os.path.join(SHARED, "data", "hoax", "gossipcop", "titles.csv"), encoding="utf-8") as f:
        pool += [r["title"].strip() for r in csv.DictReader(f)]
    splitter = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
    d = os.path.join(SHARED, "data", "hoax", "llmfake")
    for name in sorted(os.listdir(d)):
        with open(os.path.join(d, name), encoding="utf-8", errors="replace") as f:
            for r in csv.DictReader(f):
                for col in ("news_text", "synthetic_misinformation"):
                    for s in splitter.split(r.get(col) or ""):
                        pool.append(" ".join(s.split()))
    seen, out = set(), []
    for s in pool:
        if 25 <= len(s) <= max_len and len(s.split()) >= 5 and s not in seen:
            seen.add(s)
            out.append(s)
    return out


def make_post(rng, pool, target):
    sents, size = [], 0
    while size < target:
        s = rng.choice(pool)
        sents.append(s)
        size += len(s) + 1
    return sents


def reword(rng, sents, pool, vocab):
    """A copy reworded a little: sentence and word edits."""
    s = list(sents)
    if len(s) > 2 and rng.random() < 0.5:
        del s[rng.randrange(len(s))]
    if rng.random() < 0.5:
        s.insert(rng.randrange(len(s) + 1), rng.choice(pool))
    if len(s) > 1 and rng.random() < 0.3:
        i = rng.randrange(len(s) - 1)
        s[i], s[i + 1] = s[i + 1], s[i]
    words = " ".join(s).split(" ")
    for _ in range(rng.randint(0, 4)):
        op = rng.random()
        i = rng.randrange(len(words))
        if op < 0.4 and len(words) > 5:
            del words[i]
        elif op < 0.7:
            words.insert(i, rng.choice(vocab))
        elif i + 1 < len(words):
            words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def cmd_make(a):
    sys.path.insert(0, os.path.join(SHARED, "bench", "unmask"))
    import attacks  # noqa: E402 (the unmask benchmark's attack families)

    rng = random.Random(a.seed)
    pool = sentence_pool(a.max_sentence)
    vocab = sorted({w for s in pool[:20000] for w in s.split(" ") if w.isalpha()})
    names = FAST_ATTACKS + ([] if a.fast_only else SLOW_ATTACKS)
    fams = attacks.ENGLISH_FAMILIES
    posts = []  # (family, attack, clean, disguised)
    n_family_posts = int(a.posts * a.family_share)
    fid = 0
    while len(posts) < n_family_posts:
        base = make_post(rng, pool, a.bytes)
        copies = rng.randint(2, a.max_copies)
        text = " ".join(base)
        posts.append((fid, "none", text, text))
        for _ in range(copies - 1):
            clean = reword(rng, base, pool, vocab)
            if rng.random() < a.disguised:
                name = rng.choice(names)
                disguised, _ = fams[name](clean, rng)
            else:
                name, disguised = "none", clean
            posts.append((fid, name, clean, disguised))
        fid += 1
    while len(posts) < a.posts:
        clean = " ".join(make_post(rng, pool, a.bytes))
        if rng.random() < a.background_disguised:
            name = rng.choice(FAST_ATTACKS)
            disguised, _ = fams[name](clean, rng)
        else:
            name, disguised = "none", clean
        posts.append((fid, name, clean, disguised))
        fid += 1
    posts = posts[: a.posts]
    rng.shuffle(posts)
    os.makedirs(a.dir, exist_ok=True)
    with open(os.path.join(a.dir, "corpus.jsonl"), "w", encoding="utf-8") as c, \
            open(os.path.join(a.dir, "truth.jsonl"), "w", encoding="utf-8") as t:
        for i, (f, name, clean, disguised) in enumerate(posts):
            c.write(json.dumps({"id": i, "text": disguised}, ensure_ascii=False) + "\n")
            t.write(json.dumps({"id": i, "family": f, "attack": name, "clean": clean},
                               ensure_ascii=False) + "\n")
    size = os.path.getsize(os.path.join(a.dir, "corpus.jsonl"))
    print(f"{len(posts)} posts, {fid} families, {size / 1e6:.1f} MB, pool {len(pool)} sentences")


# --- scoring --------------------------------------------------------------

WORD = re.compile(r"\w+")


def shingles2(text):
    w = WORD.findall(text.lower())
    if len(w) < 2:
        return {" ".join(w)} if w else set()
    return {w[i] + " " + w[i + 1] for i in range(len(w) - 1)}


def pair_counts(labels, truth):
    """Pairs in the same cluster, in the same family, and in both."""
    c2 = lambda n: n * (n - 1) // 2  # noqa: E731
    pred = sum(c2(n) for n in Counter(labels).values())
    true = sum(c2(n) for n in Counter(truth).values())
    both = sum(c2(n) for n in Counter(zip(labels, truth)).values())
    return pred, true, both


def jaccard_pairs(sets, t):
    """All pairs with exact Jaccard >= t (prefix filtering, AllPairs)."""
    freq = Counter(s for x in sets for s in x)
    order = [sorted(x, key=lambda s: (freq[s], s)) for x in sets]
    index = defaultdict(list)
    out = set()
    import math
    for i, toks in enumerate(order):
        if not toks:
            continue
        prefix = len(toks) - math.ceil(t * len(toks)) + 1
        cands = set()
        for s in toks[:prefix]:
            cands.update(index[s])
        for j in cands:
            inter = len(sets[i] & sets[j])
            if inter / (len(sets[i]) + len(sets[j]) - inter) >= t:
                out.add((j, i))
        for s in toks[:prefix]:
            index[s].append(i)
    return out


def linked_pairs(labels):
    groups = defaultdict(list)
    for i, l in enumerate(labels):
        groups[l].append(i)
    out = set()
    for g in groups.values():
        if len(g) > 1:
            for x in range(len(g)):
                for y in range(x + 1, len(g)):
                    out.add((g[x], g[y]))
    return out


def score(name, labels, truth, secs, jpairs, n, attacks_of, base_of, cpu=None):
    pred, true, both = pair_counts(labels, [t["family"] for t in truth])
    p = both / pred if pred else 1.0
    r = both / true if true else 1.0
    lp = linked_pairs(labels)
    jp = len(lp & jpairs)
    jprec = jp / len(lp) if lp else 1.0
    jrec = jp / len(jpairs) if jpairs else 1.0
    per = defaultdict(lambda: [0, 0])
    for i, t in enumerate(truth):
        b = base_of.get(t["family"])
        if b is None or b == i or t["attack"] == "none":
            continue
        per[t["attack"]][1] += 1
        if labels[i] == labels[b]:
            per[t["attack"]][0] += 1
    return {"tool": name, "precision": p, "recall": r, "jaccard_precision": jprec,
            "jaccard_recall": jrec, "seconds": secs, "posts_per_second": n / secs,
            "per_attack": {k: v[0] / v[1] for k, v in sorted(per.items())},
            "cpu_seconds": cpu,
            "linked_pairs": pred}


class UnionFind:
    def __init__(self, n):
        self.p = list(range(n))

    def find(self, x):
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a, b):
        a, b = self.find(a), self.find(b)
        if a != b:
            self.p[max(a, b)] = min(a, b)


def run_datasketch(path, perms, threshold):
    from datasketch import MinHash, MinHashLSH
    t0, c0 = time.perf_counter(), time.process_time()
    with open(path, encoding="utf-8") as f:
        texts = [json.loads(l)["text"] for l in f]
    lsh = MinHashLSH(threshold=threshold, num_perm=perms)
    uf = UnionFind(len(texts))
    for i, text in enumerate(texts):
        m = MinHash(num_perm=perms)
        w = text.lower().split()
        m.update_batch([(w[k] + " " + w[k + 1]).encode("utf-8") for k in range(len(w) - 1)] or [text.encode()])
        for j in lsh.query(m):
            uf.union(i, j)
        lsh.insert(i, m)
    labels = [uf.find(i) for i in range(len(texts))]
    return labels, time.perf_counter() - t0, time.process_time() - c0


def run_rensa(path, perms, threshold, bands):
    from rensa import RMinHash, RMinHashLSH
    t0, c0 = time.perf_counter(), time.process_time()
    with open(path, encoding="utf-8") as f:
        texts = [json.loads(l)["text"] for l in f]
    lsh = RMinHashLSH(threshold=threshold, num_perm=perms, num_bands=bands)
    uf = UnionFind(len(texts))
    for i, text in enumerate(texts):
        m = RMinHash(num_perm=perms, seed=42)
        w = text.lower().split()
        m.update([w[k] + " " + w[k + 1] for k in range(len(w) - 1)] or [text])
        for j in lsh.query(m):
            uf.union(i, j)
        lsh.insert(i, m)
    labels = [uf.find(i) for i in range(len(texts))]
    return labels, time.perf_counter() - t0, time.process_time() - c0


def run_plainsight(binary, path, extra):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    cmd = [binary, "campaigns", path] + extra
    out = subprocess.run(cmd, stdout=subprocess.PIPE, check=True).stdout
    secs = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    labels = [json.loads(l)["campaign"]["id"] for l in out.splitlines()]
    return labels, secs, cpu


def fmt_row(s):
    return (f"| {s['tool']} | {s['precision']:.3f} | {s['recall']:.3f} | "
            f"{s['jaccard_precision']:.3f} | {s['jaccard_recall']:.3f} | "
            f"{s['seconds']:.2f} | {s['cpu_seconds']:.2f} | {s['posts_per_second']:,.0f} |")


def cmd_run(a):
    corpus = os.path.join(a.dir, "corpus.jsonl")
    with open(os.path.join(a.dir, "truth.jsonl"), encoding="utf-8") as f:
        truth = [json.loads(l) for l in f]
    n = len(truth)
    base_of = {}
    for i, t in enumerate(truth):
        if t["attack"] == "none" and t["family"] not in base_of:
            base_of[t["family"]] = i
    sizes = Counter(t["family"] for t in truth)
    base_of = {f: i for f, i in base_of.items() if sizes[f] > 1}
    jpairs = set()
    if not a.no_jaccard:
        jpairs = jaccard_pairs([shingles2(t["clean"]) for t in truth], a.jaccard)
    attacks_of = [t["attack"] for t in truth]
    rows = []

    def timed(f):
        """Runs `f` --repeat times: the first run's labels, the median wall and CPU time."""
        runs = [f() for _ in range(max(1, a.repeat))]
        walls = sorted(r[1] for r in runs)
        cpus = sorted(r[2] for r in runs)
        return runs[0][0], walls[len(walls) // 2], cpus[len(cpus) // 2]

    if a.output:
        with open(a.output, encoding="utf-8") as f:
            labels = [json.loads(l)["campaign"]["id"] for l in f]
        rows.append(score("plainsight (given output)", labels, truth, float("nan"), jpairs, n,
                          attacks_of, base_of, float("nan")))
    for extra in ([] if a.output else a.grid or [""]):
        labels, secs, cpu = timed(lambda: run_plainsight(a.plainsight, corpus, extra.split()))
        rows.append(score("plainsight " + extra if extra else "plainsight", labels, truth,
                          secs, jpairs, n, attacks_of, base_of, cpu))
    if not a.no_anchors:
        labels, secs, cpu = timed(lambda: run_datasketch(corpus, 128, a.threshold))
        rows.append(score("datasketch MinHashLSH (raw text)", labels, truth, secs, jpairs, n,
                          attacks_of, base_of, cpu))
        try:
            labels, secs, cpu = timed(lambda: run_rensa(corpus, 128, a.threshold, 32))
            rows.append(score("rensa RMinHashLSH (raw text)", labels, truth, secs, jpairs, n,
                              attacks_of, base_of, cpu))
        except ImportError as e:
            print(f"rensa not installed: {e}", file=sys.stderr)
    fam_posts = sum(1 for t in truth if sizes[t["family"]] > 1)
    print(f"corpus {corpus}: {n} posts, {fam_posts} in {len(base_of)} planted families, "
          f"{len(jpairs)} pairs with clean-text Jaccard >= {a.jaccard}")
    print("| tool | precision | recall | precision vs Jaccard | recall vs Jaccard | wall s | CPU s | posts/s (wall) |")
    print("|---|---|---|---|---|---|---|---|")
    for s in rows:
        print(fmt_row(s))
    attacks = sorted({k for s in rows for k in s["per_attack"]})
    print()
    print("| recall of disguised copies | " + " | ".join(attacks) + " |")
    print("|---|" + "---|" * len(attacks))
    for s in rows:
        print(f"| {s['tool']} | " + " | ".join(f"{s['per_attack'].get(k, 0):.2f}" for k in attacks) + " |")
    base = next((s for s in rows if s["tool"].startswith("datasketch")), None)
    if base:
        print()
        for s in rows:
            print(f"{s['tool']}: {base['seconds'] / s['seconds']:.1f}x datasketch's wall time, "
                  f"{base['cpu_seconds'] / s['cpu_seconds']:.1f}x its CPU time")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f, indent=1)


def cmd_clean(a):
    """The same corpus without the disguises: datasketch's best case."""
    import shutil
    os.makedirs(a.out, exist_ok=True)
    shutil.copy(os.path.join(a.dir, "truth.jsonl"), os.path.join(a.out, "truth.jsonl"))
    with open(os.path.join(a.dir, "truth.jsonl"), encoding="utf-8") as t, \
            open(os.path.join(a.out, "corpus.jsonl"), "w", encoding="utf-8") as c:
        for l in t:
            r = json.loads(l)
            c.write(json.dumps({"id": r["id"], "text": r["clean"]}, ensure_ascii=False) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("make", help="write corpus.jsonl and truth.jsonl into DIR")
    m.add_argument("dir")
    m.add_argument("--posts", type=int, default=20000)
    m.add_argument("--bytes", type=int, default=500, help="target post size")
    m.add_argument("--family-share", type=float, default=0.4, help="share of posts in planted families")
    m.add_argument("--max-copies", type=int, default=12)
    m.add_argument("--disguised", type=float, default=0.8, help="share of copies disguised")
    m.add_argument("--background-disguised", type=float, default=0.1)
    m.add_argument("--fast-only", action="store_true", help="leave out the slow silverspeak families")
    m.add_argument("--seed", type=int, default=1)
    m.add_argument("--max-sentence", type=int, default=300,
                   help="longest pool sentence, in characters; at a million posts every "
                        "sentence is reused about a hundred times, and two unrelated posts "
                        "sharing one long sentence are near-duplicates by any measure")
    c = sub.add_parser("clean", help="write the corpus of DIR without its disguises into OUT")
    c.add_argument("dir")
    c.add_argument("out")
    r = sub.add_parser("run", help="score plainsight and the anchors on a corpus")
    r.add_argument("dir")
    r.add_argument("--plainsight", default="target/release/plainsight")
    r.add_argument("--grid", nargs="*", help="extra plainsight flags to try, one string each")
    r.add_argument("--threshold", type=float, default=0.5, help="LSH threshold of the anchors")
    r.add_argument("--jaccard", type=float, default=0.5)
    r.add_argument("--no-jaccard", action="store_true")
    r.add_argument("--no-anchors", action="store_true")
    r.add_argument("--json", help="also write the scores here")
    r.add_argument("--repeat", type=int, default=1,
                   help="run each tool N times; report the median wall and CPU time")
    r.add_argument("--output", help="score this existing `plainsight campaigns` output instead of running it")
    a = ap.parse_args()
    {"make": cmd_make, "clean": cmd_clean, "run": cmd_run}[a.cmd](a)


if __name__ == "__main__":
    main()
