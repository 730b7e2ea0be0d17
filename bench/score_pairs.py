#!/usr/bin/env python3
"""Score predicted near-duplicate clusters against gen_corpus's truth.json.

  score_pairs.py TRUTH.json PREDICTION [--format clusters|newsdedup] [--threshold T]
                 [--basis file|body] [--json OUT.json]

PREDICTION is either a clusters file (one cluster per line, tab-separated file
names; what bench/peers.py writes) or newsdedup's `cluster --format json`
output, where every variant's documents form one near-duplicate group.
Files are matched by base name.

Pairs: a cluster of k files predicts k(k-1)/2 pairs (so transitive closure is
scored as such). Ground truth, for threshold T:
  positive  = a pair of one planted family whose actual shingle Jaccard >= T
  positive  = a pair of one paragraph-reuse group (truth "reuse": a mosaic
              and a source or another mosaic) whose actual Jaccard >= T
  related   = a pair of one family or of one reuse group whose Jaccard < T:
              neither required nor counted wrong (they share text verbatim, just
              less; joining them is what transitive closure of the positive
              pairs does)
  negative  = every other pair
precision = TP / (TP + FP), with FP = predicted pairs that are negatives;
recall = TP / positives. `strict_precision` also counts related pairs as wrong.
`--basis body` uses the Jaccard of the article text without site boilerplate
(the result also carries the scores on the other basis, under other_basis).
`recall_by_type` splits the recall by where the positive pairs come from: near
(families planted at a Jaccard level), edited (edited republications), reuse.
For newsdedup output, `skipped` counts the files it skipped (too short, ...).
Pairs are never enumerated, so a huge false cluster costs no memory.
"""

import argparse
import json
import os
import sys
from collections import Counter


def load_clusters(path, fmt):
    """(groups, number of skipped files or None)."""
    if fmt == "newsdedup":
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        groups = []
        for story in report.get("stories", []):
            for variant in story.get("variants", []):
                groups.append([os.path.basename(d["path"]) for d in variant.get("documents", [])])
        return groups, len(report.get("skipped", []))
    groups = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            g = line.split("\t")
            g = [x.strip() for x in g if x.strip()]
            if g:
                groups.append(g)
    return groups, None


def score(truth, groups, threshold, basis):
    cluster_of = {}
    dup_assign = 0
    for ci, g in enumerate(groups):
        for name in g:
            if name in cluster_of and cluster_of[name] != ci:
                dup_assign += 1
            cluster_of[name] = ci
    sizes = Counter(cluster_of.values())
    predicted = sum(k * (k - 1) // 2 for k in sizes.values())
    col = 2 if basis == "file" else 3
    positives = tp = related_pred = 0
    by_type = {}
    groups_of_pairs = [(fam, info["pairs"], info.get("type", "near")) for fam, info in zip(truth["families"], truth["family_info"])]
    groups_of_pairs += [(g["files"], g["pairs"], "reuse") for g in truth.get("reuse", [])]
    for files, pairs, kind in groups_of_pairs:
        t = by_type.setdefault(kind, [0, 0])
        for pair in pairs:
            i, j, jac = pair[0], pair[1], pair[col]
            a, b = cluster_of.get(files[i]), cluster_of.get(files[j])
            same = a is not None and a == b
            if jac >= threshold:
                positives += 1
                tp += same
                t[0] += 1
                t[1] += same
            else:
                related_pred += same
    fp = predicted - tp - related_pred
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / positives if positives else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else None
    return {
        "threshold": threshold,
        "basis": basis,
        "positives": positives,
        "predicted_pairs": predicted,
        "tp": tp,
        "fp": fp,
        "related_predicted": related_pred,
        "fn": positives - tp,
        "precision": precision,
        "strict_precision": tp / predicted if predicted else None,
        "recall": recall,
        "f1": f1,
        "recall_by_type": {k: {"positives": p, "tp": t, "recall": t / p if p else None} for k, (p, t) in sorted(by_type.items())},
        "clusters": sum(1 for k in sizes.values() if k >= 2),
        "largest_cluster": max(sizes.values(), default=0),
        "docs_in_clusters": sum(k for k in sizes.values() if k >= 2),
        "files_in_several_clusters": dup_assign,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("truth")
    ap.add_argument("prediction")
    ap.add_argument("--format", choices=["clusters", "newsdedup"], default="clusters")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--basis", choices=["file", "body"], default="file")
    ap.add_argument("--json", help="also write the result here")
    a = ap.parse_args()
    try:
        with open(a.truth, encoding="utf-8") as f:
            truth = json.load(f)
        truth["families"], truth["family_info"]
    except (OSError, ValueError, KeyError) as e:
        sys.exit(f"score_pairs: cannot read the truth file {a.truth}: {e!r} (expected gen_corpus's truth.json)")
    try:
        groups, skipped = load_clusters(a.prediction, a.format)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        sys.exit(f"score_pairs: cannot read the prediction {a.prediction} as --format {a.format}: {e!r}")
    r = score(truth, groups, a.threshold, a.basis)
    r["skipped"] = skipped
    other = "body" if a.basis == "file" else "file"
    o = score(truth, groups, a.threshold, other)
    r["other_basis"] = {k: o[k] for k in ("basis", "positives", "tp", "fp", "related_predicted", "precision", "recall", "recall_by_type")}
    text = json.dumps(r, indent=2)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    print(text)
    if r["files_in_several_clusters"]:
        print(f"score_pairs: warning: {r['files_in_several_clusters']} files appear in several clusters", file=sys.stderr)


if __name__ == "__main__":
    main()
