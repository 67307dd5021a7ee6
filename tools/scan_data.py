"""Shared code of tools/train_scan.py and tools/eval_scan.py: loading the
shared hoax data, splitting it by story, extracting the model's features with
the plainsight binary, and building the design matrix exactly as the Rust
scorer does (crates/plainsight/src/evidence/mod.rs, `fold` and `scan`).

Nothing from the data is written into the repository: features are cached
under the cache directory (default /tmp/plainsight-scan-cache).
"""

import csv
import hashlib
import json
import math
import os
import re
import subprocess
import sys
from collections import defaultdict

import numpy as np
import scipy.sparse as sp

csv.field_size_limit(1 << 30)

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_DATA = os.path.join(REPO, "..", "shared", "data", "hoax")
DEFAULT_BIN = os.path.join(REPO, "target", "release", "plainsight")
CACHE = os.environ.get("PLAINSIGHT_SCAN_CACHE", "/tmp/plainsight-scan-cache")


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# --- loading ---------------------------------------------------------------

def load_docs(data=DEFAULT_DATA):
    """Documents: dicts with id, text, label (1 = fabricated), source, story.

    - `titles`: GossipCop titles (a title with both labels is dropped);
    - `articles`: the human-written GossipCop articles of LLMFake;
    - `llm-fake`: ChatGPT's rewrites of the fabricated articles (LLMFake's
      `synthetic_misinformation`, three prompts); rewrites of true articles are
      mostly copies and are left out.
    `story` starts as the LLMFake news id (or the title's own id) and is merged
    across near-duplicates by `group_stories`.
    """
    docs = []
    labels = defaultdict(set)
    with open(os.path.join(data, "gossipcop", "titles.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            t = (r.get("title") or "").strip()
            if t:
                labels[t].add(r["label"].strip().upper())
    for i, (t, ls) in enumerate(sorted(labels.items())):
        if len(ls) != 1:
            continue
        docs.append(dict(id=f"t{i}", text=t, label=int("FAKE" in ls), source="titles", story=f"t{i}"))
    seen = set()
    d = os.path.join(data, "llmfake")
    for name in sorted(os.listdir(d)):
        if not name.endswith(".csv"):
            continue
        prompt = name.rsplit("_", 1)[-1][:-4] if "open_ended" not in name else "open_ended"
        with open(os.path.join(d, name), encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if r.get("label") not in ("0", "1"):
                    continue
                nid = (r.get("news_id") or "").strip()
                y = int(r["label"])
                text = (r.get("news_text") or "").strip()
                if nid and nid not in seen and len(text) > 50:
                    seen.add(nid)
                    docs.append(dict(id=f"a-{nid}", text=text, label=y, source="articles", story=nid))
                syn = (r.get("synthetic_misinformation") or "").strip()
                if y == 1 and nid and len(syn) > 50:
                    docs.append(dict(id=f"l-{prompt}-{nid}", text=syn, label=1, source="llm-fake", story=nid))
    return docs


WORD = re.compile(r"[a-z0-9]+")
STOP = set("the a an and or of to in on for with at by from is are was were be been it its this that "
           "he she they his her their him them i you we my your our as but not no so".split())


def content_words(s):
    return {w for w in WORD.findall(s.lower().replace("’", "'")) if w not in STOP and len(w) > 1}


class UF:
    def __init__(self):
        self.p = {}

    def find(self, x):
        self.p.setdefault(x, x)
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a, b):
        a, b = self.find(a), self.find(b)
        if a != b:
            self.p[max(a, b)] = min(a, b)


def group_stories(docs, jaccard=0.5):
    """Merges stories so that near-duplicates never straddle train and test:
    titles whose content words overlap with Jaccard >= 0.5, and titles whose
    content words (at least 4) are 70% inside the opening of an article."""
    uf = UF()
    for d in docs:
        uf.find(d["story"])
    titles = [d for d in docs if d["source"] == "titles"]
    words = [content_words(d["text"]) for d in titles]
    df = defaultdict(list)
    for i, ws in enumerate(words):
        for w in ws:
            df[w].append(i)
    for i, ws in enumerate(words):
        if not ws:
            continue
        cand = defaultdict(int)
        for w in ws:
            post = df[w]
            if len(post) > 300:
                continue
            for j in post:
                if j > i:
                    cand[j] += 1
        for j, shared in cand.items():
            if shared < 2:
                continue
            inter = len(ws & words[j])
            if inter / len(ws | words[j]) >= jaccard:
                uf.union(titles[i]["story"], titles[j]["story"])
    arts = [d for d in docs if d["source"] == "articles"]
    art_words = [content_words(" ".join(d["text"].split()[:150])) for d in arts]
    for i, ws in enumerate(words):
        if len(ws) < 4:
            continue
        for a, aw in zip(arts, art_words):
            if len(ws & aw) >= 0.7 * len(ws):
                uf.union(titles[i]["story"], a["story"])
    for d in docs:
        d["story"] = uf.find(d["story"])
    return docs


def folds(docs, k=5, seed="plainsight-scan"):
    """Fold of every document, by a hash of its story."""
    return np.array([
        int(hashlib.sha256((seed + d["story"]).encode()).hexdigest(), 16) % k for d in docs
    ])


# --- features --------------------------------------------------------------

def extract(texts, binary=DEFAULT_BIN, tag="plain"):
    """Runs `plainsight scan --jsonl --features` over the texts; returns a list
    of (dense, ngrams, rust_score). Cached by the texts' hash and the binary's
    modification time."""
    os.makedirs(CACHE, exist_ok=True)
    h = hashlib.sha256()
    h.update(str(os.path.getmtime(binary)).encode())
    for t in texts:
        h.update(t.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    path = os.path.join(CACHE, f"{tag}-{h.hexdigest()[:16]}.jsonl")
    if not os.path.exists(path):
        log(f"extracting features of {len(texts)} texts ({tag}) ...")
        inp = "".join(json.dumps({"text": t}) + "\n" for t in texts)
        r = subprocess.run([binary, "scan", "--jsonl", "--features"], input=inp.encode(),
                           stdout=subprocess.PIPE, check=False)
        if r.returncode != 0:
            raise SystemExit(f"plainsight scan failed with status {r.returncode}")
        with open(path + ".tmp", "wb") as f:
            f.write(r.stdout)
        os.replace(path + ".tmp", path)
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            ft = o["features"]
            out.append((ft["dense"], ft["ngrams"], o["scan"]["score"]))
    assert len(out) == len(texts)
    return out


def matrix(feats, bits):
    """Dense matrix and sparse n-gram matrix of `1 + ln(count)` per bucket
    (before idf and unit length, see `weigh`), as the Rust scorer builds them."""
    dense = np.array([f[0] for f in feats], dtype=np.float64)
    rows, cols, vals = [], [], []
    mask = (1 << bits) - 1
    for i, (_, ngrams, _) in enumerate(feats):
        acc = defaultdict(int)
        for b, c in ngrams:
            acc[b & mask] += c
        for b, c in acc.items():
            rows.append(i)
            cols.append(b)
            vals.append(1.0 + math.log(c))
    ng = sp.csr_matrix((vals, (rows, cols)), shape=(len(feats), 1 << bits))
    return dense, ng


def fit_idf(ng):
    """Smoothed idf per bucket (sklearn's formula), and the idf of an unseen bucket."""
    n = ng.shape[0]
    df = np.bincount(ng.indices, minlength=ng.shape[1])
    return np.log((1.0 + n) / (1.0 + df)) + 1.0, df


def weigh(ng, idf):
    """Multiplies by idf and scales every row to unit length."""
    x = ng @ sp.diags(idf)
    norms = np.sqrt(np.asarray(x.multiply(x).sum(1)).ravel())
    norms[norms == 0] = 1.0
    return sp.diags(1.0 / norms) @ x


class Scaler:
    def fit(self, x):
        self.mu = x.mean(0)
        self.sd = x.std(0)
        self.sd[self.sd < 1e-9] = 1.0
        return self

    def __call__(self, x):
        return (x - self.mu) / self.sd


USE_IDF = True
MIN_DF = 2
# Documents of fewer words than this are short (the Rust constant SHORT_WORDS,
# read through the dense feature `short`); long documents get n-gram weights
# of their own on top of the shared ones, and their dense features count
# LONG_DENSE_SCALE times as much (see crates/plainsight/src/evidence/model.rs).
LONG_DENSE_SCALE = 0.15


def is_long(dense, names):
    return dense[:, names.index("short")] == 0


class Model:
    """Scaler for the dense features, idf for the n-grams, logistic regression
    with a part of its own for long documents."""

    def __init__(self, dense, ng, y, C, names, use_idf=USE_IDF, min_df=MIN_DF,
                 long_dense_scale=LONG_DENSE_SCALE, split=True, inner_folds=None):
        from sklearn.linear_model import LogisticRegression
        self.names = names
        self.split = split
        self.long_dense_scale = long_dense_scale
        self.sc = Scaler().fit(dense)
        self.idf, self.df = fit_idf(ng)
        if not use_idf:
            self.idf = np.ones_like(self.idf)
        # buckets filled by fewer than min_df training documents are left out
        # (weight 0 and no part in the unit length), like TF-IDF's min_df
        self.idf = self.idf * (self.df >= min_df)
        self.m = LogisticRegression(C=C, solver="liblinear", max_iter=2000)
        self.m.fit(self.design(dense, ng), y)
        # Platt scaling of long documents' log-odds, fitted on out-of-fold
        # log-odds of the training documents (folds by story): long documents
        # come out under-confident at the top without it
        self.cal = (1.0, 0.0)
        if inner_folds is not None:
            long = is_long(dense, names)
            z = np.zeros(len(y))
            for k in sorted(set(inner_folds)):
                tr, te = inner_folds != k, inner_folds == k
                sub = Model(dense[tr], ng[tr], y[tr], C, names, use_idf, min_df, long_dense_scale, split)
                z[te] = sub.logit(dense[te], ng[te])
            if long.sum() >= 20 and len(set(y[long])) == 2:
                pl = LogisticRegression(C=1e6, solver="lbfgs", max_iter=1000)
                pl.fit(z[long][:, None], y[long])
                self.cal = (float(pl.coef_[0][0]), float(pl.intercept_[0]))
            log(f"  long-document calibration a={self.cal[0]:.4f} b={self.cal[1]:.4f}")

    def design(self, dense, ng):
        long = is_long(dense, self.names)
        d = self.sc(dense) * np.where(long, self.long_dense_scale, 1.0)[:, None]
        x = weigh(ng, self.idf)
        parts = [sp.csr_matrix(d), x]
        if self.split:
            parts.append(sp.diags(long.astype(float)) @ x)
        return sp.hstack(parts).tocsr()

    def logit(self, dense, ng):
        z = self.m.decision_function(self.design(dense, ng))
        long = is_long(dense, self.names)
        a, b = self.cal
        return np.where(long, a * z + b, z)

    def predict(self, dense, ng):
        return 1.0 / (1.0 + np.exp(-self.logit(dense, ng)))


def train(dense, ng, y, C, names=None, inner_folds=None):
    return Model(dense, ng, y, C, names or feature_names(), inner_folds=inner_folds)


def predict(model, dense, ng):
    return model.predict(dense, ng)


def pick_C(dense, ng, y, fold_of, Cs=(2.0, 4.0, 8.0)):
    """C with the best log-loss over folds split by story."""
    from sklearn.metrics import log_loss
    best = None
    for C in Cs:
        p = np.zeros(len(y))
        for k in sorted(set(fold_of)):
            tr, te = fold_of != k, fold_of == k
            p[te] = train(dense[tr], ng[tr], y[tr], C).predict(dense[te], ng[te])
        l = log_loss(y, p)
        log(f"  C={C}: held-out log-loss {l:.4f}")
        if best is None or l < best[1]:
            best = (C, l)
    return best[0]


def export(model, bits, path, names, provenance):
    """Writes the model in the text format of crates/plainsight/src/evidence/model.rs:
    dense weights over standardised features become weights over the raw
    values centred on the training mean; n-gram weights in thousandths, idf in
    hundredths, buckets as deltas."""
    sc, m = model.sc, model.m
    coef = m.coef_[0]
    nd = len(names)
    nb = 1 << bits
    wd = coef[:nd] / sc.sd
    wn = coef[nd:nd + nb]
    wl = coef[nd + nb:nd + 2 * nb] if model.split else np.zeros(nb)
    kept = np.nonzero(model.idf)[0]
    with open(path, "w") as f:
        f.write("# plainsight scan model: logistic regression, made by tools/train_scan.py\n")
        for line in provenance:
            f.write(f"# {line}\n")
        f.write("plainsight-scan-model 2\n")
        f.write(f"hash_bits {bits}\n")
        f.write(f"bias {float(m.intercept_[0]):.6g}\n")
        f.write(f"long_dense_scale {model.long_dense_scale:.6g}\n")
        f.write(f"long_calibration {model.cal[0]:.6g} {model.cal[1]:.6g}\n")
        for name, w, mu in zip(names, wd, sc.mu):
            f.write(f"dense {name} {w:.6g} {mu:.6g}\n")
        f.write(f"ngrams {len(kept)}\n")
        prev = 0
        for b in kept:
            w, i, l = int(round(wn[b] * 1000)), int(round(model.idf[b] * 100)), int(round(wl[b] * 1000))
            f.write(f"{b - prev} {w} {i}" + (f" {l}\n" if l else "\n"))
            prev = b


FEATURE_NAMES = None


def feature_names(binary=DEFAULT_BIN):
    """Names of the dense features, read from the Rust source."""
    src = open(os.path.join(REPO, "crates", "plainsight", "src", "evidence", "mod.rs")).read()
    block = src.split("pub const FEATURES: &[&str] = &[", 1)[1].split("];", 1)[0]
    return re.findall(r'"([a-z_]+)"', block)
