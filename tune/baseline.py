#!/usr/bin/env python3
"""tune/baseline.py — the reference baseline of issue 12, what a user would
write instead of newsdedup: TF-IDF (sublinear tf, max_df 0.5) over each whole
file, average-linkage agglomerative clustering on cosine distance, one
distance threshold (0.8, the best on ecb-dev). Writes newsdedup-shaped JSON
(stories[].variants[].documents[].path) so score.py can score it.

    target/tune-venv/bin/python tune/baseline.py DOCS_DIR OUT.json [--threshold 0.8]
"""
import argparse
import json
from pathlib import Path

from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

ap = argparse.ArgumentParser()
ap.add_argument("docs")
ap.add_argument("out")
ap.add_argument("--threshold", type=float, default=0.8)
args = ap.parse_args()

files = sorted(p for p in Path(args.docs).rglob("*.txt"))
texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
x = TfidfVectorizer(sublinear_tf=True, max_df=0.5).fit_transform(texts).toarray()
labels = AgglomerativeClustering(
    n_clusters=None, metric="cosine", linkage="average", distance_threshold=args.threshold
).fit_predict(x)
stories = {}
for p, l in zip(files, labels):
    stories.setdefault(int(l), []).append({"path": str(p), "lang": "und"})
out = {"stories": [{"variants": [{"documents": d}]} for _, d in sorted(stories.items())]}
json.dump(out, open(args.out, "w"))
