#!/usr/bin/env python3
"""tune/split.py — fixed two-way split of the development corpora, for
cross-validation of the story stage (tune on one half, report the other).

    python3 tune/split.py EVAL_DIR [OUT_DIR]     (OUT_DIR: target/tune/halves)

Writes OUT_DIR/<corpus>-A and -B, each a corpus of its own (docs/ copied,
gold.json restricted to its documents or pairs), so each half is clustered
alone, as an unseen corpus would be.

The half of a unit is the parity of the first byte of md5(unit key):
  - ntrex-dev, noisy-dev: the gold story id (all translations/copies together);
  - ecb-dev: the ECB+ topic number (both sister events of a topic stay in one
    half: separating them is what the corpus tests);
  - semeval-dev: the connected component of the graded pairs, keyed by its
    smallest file name (no article is in both halves); ungraded documents by
    their own file name.
"""
import hashlib
import json
import shutil
import re
import sys
from pathlib import Path


def half(key: str) -> str:
    return "AB"[hashlib.md5(key.encode()).digest()[0] & 1]


def unit_keys(name, gold):
    docs = gold["docs"]
    if name.startswith("ecb"):
        return {f: "topic" + re.match(r"ecb:(\d+)", d["story"]).group(1) for f, d in docs.items()}
    if "pairs" in gold:
        parent = {f: f for f in docs}

        def find(x):
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for p in gold["pairs"]:
            a, b = find(p[0]), find(p[1])
            if a != b:
                parent[max(a, b)] = min(a, b)
        comp = {}
        for f in sorted(docs):
            r = find(f)
            comp.setdefault(r, f)
        return {f: comp[find(f)] for f in docs}
    return {f: d["story"] for f, d in docs.items()}


def main():
    src = Path(sys.argv[1])
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "target/tune/halves")
    for name in ["ntrex-dev", "ecb-dev", "noisy-dev", "semeval-dev"]:
        gold = json.load(open(src / name / "gold.json"))
        keys = unit_keys(name, gold)
        for h in "AB":
            dst = out / f"{name}-{h}"
            (dst / "docs").mkdir(parents=True, exist_ok=True)
            for old in (dst / "docs").iterdir():
                old.unlink()
            files = sorted(f for f in gold["docs"] if half(keys[f]) == h)
            keep = set(files)
            for f in files:
                shutil.copyfile(src / name / "docs" / f, dst / "docs" / f)
            sub = {k: v for k, v in gold.items() if k not in ("docs", "pairs", "bodies", "same_article_pairs")}
            sub["docs"] = {f: gold["docs"][f] for f in files}
            if "pairs" in gold:
                sub["pairs"] = [p for p in gold["pairs"] if p[0] in keep and p[1] in keep]
            if "same_article_pairs" in gold:
                sub["same_article_pairs"] = [p for p in gold["same_article_pairs"] if p[0] in keep and p[1] in keep]
            json.dump(sub, open(dst / "gold.json", "w"))
            print(f"{name}-{h}: {len(files)} docs, {len(set(keys[f] for f in files))} units"
                  + (f", {len(sub['pairs'])} pairs" if "pairs" in sub else ""))


if __name__ == "__main__":
    main()
