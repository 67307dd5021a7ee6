#!/usr/bin/env python3
"""Trains the `plainsight scan` model on the shared hoax data and writes
crates/plainsight/data/scan_model.txt.

    cargo build --release -p plainsight-cli
    python3 tools/train_scan.py [--data ../shared/data/hoax] [--bin target/release/plainsight] [--bits 16]

Needs numpy, scipy and scikit-learn (a venv outside the repository). The
features come from the binary (`plainsight scan --jsonl --features`), so the
trainer and the scorer read texts the same way. The regularisation C is
picked by log-loss over 5 folds split by story; the final model is fitted on
all the data.
"""
import argparse
import os

import numpy as np

import scan_data as D

ap = argparse.ArgumentParser()
ap.add_argument("--data", default=D.DEFAULT_DATA)
ap.add_argument("--bin", default=D.DEFAULT_BIN)
ap.add_argument("--bits", type=int, default=20)
ap.add_argument("--C", type=float, help="regularisation; picked by held-out log-loss when not given")
ap.add_argument("--out", default=os.path.join(D.REPO, "crates", "plainsight", "data", "scan_model.txt"))
a = ap.parse_args()

docs = D.group_stories(D.load_docs(a.data))
y = np.array([d["label"] for d in docs])
fold_of = D.folds(docs)
names = D.feature_names()
feats = D.extract([d["text"] for d in docs], a.bin)
assert len(feats[0][0]) == len(names), "binary and source disagree on the features; rebuild"
dense, ng = D.matrix(feats, a.bits)
D.log(f"{len(docs)} documents, {y.sum()} fabricated, {len(set(d['story'] for d in docs))} stories")
C = a.C or D.pick_C(dense, ng, y, fold_of)
model = D.train(dense, ng, y, C, inner_folds=fold_of)
counts = {s: sum(1 for d in docs if d["source"] == s) for s in ("titles", "articles", "llm-fake")}
D.export(model, a.bits, a.out, names, [
    f"data: shared/data/hoax — GossipCop titles ({counts['titles']}), LLMFake human articles "
    f"({counts['articles']}), LLMFake ChatGPT rewrites of fabricated articles ({counts['llm-fake']})",
    f"features: {len(names)} dense cue features + word 1-2-grams hashed to 2^{a.bits} buckets "
    f"(shared and long-document weights, dense scale {D.LONG_DENSE_SCALE} in long documents); C={C}",
    "see MODEL_CARD.md",
])
D.log(f"wrote {a.out}")
