#!/usr/bin/env python3
"""Peer near-duplicate detectors for bench/compare (run with the bench venv).

Subcommands
  datasketch DOCS --out CLUSTERS [--threshold T] [--num-perm P] [--ngram K] [--procs J]
      datasketch MinHash + MinHashLSH on every *.txt in DOCS: signatures
      (J worker processes), index (insertion session), query every document,
      union-find over the query results. Writes one cluster (>= 2 files) per line.
  rensa DOCS --out CLUSTERS [--threshold T] [--num-perm P] [--ngram K] [--procs J]
      rensa RMinHash + RMinHashLSH: signatures (J worker processes, the same
      shingles), one index, query every document, keep a candidate only when the
      signatures' estimated Jaccard is >= T (candidates verified), union-find.
      Bands: the divisor of P whose S-curve minimizes false positives plus false
      negatives around T (datasketch's criterion; rensa needs P % bands == 0).
  textdedup-prep DOCS --out DATASET_DIR [--raw]
      Convert DOCS into a Hugging Face dataset on disk (column "text") for
      text-dedup's minhash module, plus DATASET_DIR.names (row -> file name).
      NOT timed by bench/compare.
  textdedup-clusters RUN_OUTPUT_DIR NAMES --out CLUSTERS
      Read the union-find text-dedup dumps with --debug (uf.pkl) and write
      clusters like the datasketch runner. NOT timed.

Shingles, for datasketch and for the ground truth alike: the text is lowercased,
split on every character that is not alphanumeric (Unicode), empty tokens are
dropped, and a shingle is K consecutive tokens joined by one space.

text-dedup shingles by itself (re.split(r"\\W", text.lower()), n-grams joined by
a space). That split keeps empty tokens between adjacent separators (", " or
".\\n\\n"), so on raw text its shingles are not the word shingles above. By
default textdedup-prep therefore stores each document as its tokens joined by
single spaces, which text-dedup then splits back into exactly the same tokens;
--raw stores the file text unchanged instead.
"""

import argparse
import os
import pickle
import re
import sys
import time
from pathlib import Path

SPLIT = re.compile(r"[\W_]+")


def tokens(text):
    return [t for t in SPLIT.split(text.lower()) if t]


def shingles(toks, k):
    if len(toks) < k:
        return {" ".join(toks)} if toks else set()
    return {" ".join(toks[i : i + k]) for i in range(len(toks) - k + 1)}


def list_docs(docs):
    names = sorted(p for p in os.listdir(docs) if p.endswith(".txt"))
    if not names:
        sys.exit(f"peers.py: no .txt files in {docs}")
    return names


def read(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8", errors="replace")


def write_clusters(path, groups):
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for g in groups:
            if len(g) >= 2:
                f.write("\t".join(sorted(g)) + "\n")
                n += 1
    return n


# ------------------------------------------------------------- datasketch --

_W = {}


def _init_worker(docs, num_perm, ngram):
    from datasketch import MinHash

    _W["docs"] = docs
    _W["ngram"] = ngram
    _W["template"] = MinHash(num_perm=num_perm)


def _signature(name):
    m = _W["template"].copy()
    sh = shingles(tokens(read(os.path.join(_W["docs"], name))), _W["ngram"])
    m.update_batch([s.encode("utf-8") for s in sh])
    return m.hashvalues


class UnionFind:
    def __init__(self, n):
        self.parent = list(range(n))

    def find(self, x):
        p = self.parent
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if ra < rb:
                self.parent[rb] = ra
            else:
                self.parent[ra] = rb


def write_union_find(out, names, uf):
    """Write the union-find's groups of `names` as clusters; their number."""
    groups = {}
    for i in range(len(names)):
        groups.setdefault(uf.find(i), []).append(names[i])
    return write_clusters(out, groups.values())


def signatures(a, names, init, sign):
    """`sign(name)` for every file, in `a.procs` forked worker processes
    (each set up by `init(docs, num_perm, ngram)`), in the order of `names`."""
    init(a.docs, a.num_perm, a.ngram)
    if a.procs <= 1:
        return [sign(n) for n in names]
    import multiprocessing as mp

    with mp.get_context("fork").Pool(a.procs, init, (a.docs, a.num_perm, a.ngram)) as pool:
        return pool.map(sign, names, chunksize=64)


def cmd_datasketch(a):
    from datasketch import MinHash, MinHashLSH

    t0 = time.perf_counter()
    names = list_docs(a.docs)
    sigs = signatures(a, names, _init_worker, _signature)
    template = _W["template"]
    mhs = []
    for hv in sigs:
        m = template.copy()
        m.hashvalues = hv
        mhs.append(m)
    t1 = time.perf_counter()

    lsh = MinHashLSH(threshold=a.threshold, num_perm=a.num_perm)
    with lsh.insertion_session() as session:
        for i, m in enumerate(mhs):
            session.insert(i, m, check_duplication=False)
    t2 = time.perf_counter()

    uf = UnionFind(len(names))
    candidates = 0
    for i, m in enumerate(mhs):
        for j in lsh.query(m):
            if j != i:
                candidates += 1
                uf.union(i, j)
    t3 = time.perf_counter()

    n = write_union_find(a.out, names, uf)
    t4 = time.perf_counter()
    print(
        f"datasketch: {len(names)} docs, LSH b={lsh.b} r={lsh.r}, {candidates} candidate hits, "
        f"{n} clusters; signatures {t1 - t0:.2f}s ({a.procs} procs), index {t2 - t1:.2f}s, "
        f"query+union-find {t3 - t2:.2f}s, write {t4 - t3:.2f}s",
        file=sys.stderr,
    )


# ------------------------------------------------------------------ rensa --

_R = {}


def _init_rensa(docs, num_perm, ngram):
    _R["docs"], _R["num_perm"], _R["ngram"] = docs, num_perm, ngram


def _rensa_signature(name):
    from rensa import RMinHash

    m = RMinHash(num_perm=_R["num_perm"], seed=42)
    m.update(list(shingles(tokens(read(os.path.join(_R["docs"], name))), _R["ngram"])))
    return m


def rensa_bands(threshold, num_perm):
    """The bands b (b divides num_perm) minimizing the false positive plus false
    negative area of the LSH S-curve 1 - (1 - s^r)^b around the threshold."""

    def area(f, lo, hi, steps=200):
        h = (hi - lo) / steps
        return sum(f(lo + (i + 0.5) * h) for i in range(steps)) * h

    best = None
    for b in range(1, num_perm + 1):
        if num_perm % b:
            continue
        r = num_perm // b
        fp = area(lambda s: 1 - (1 - s**r) ** b, 0.0, threshold)
        fn = area(lambda s: (1 - s**r) ** b, threshold, 1.0)
        if best is None or fp + fn < best[0]:
            best = (fp + fn, b)
    return best[1]


def cmd_rensa(a):
    from rensa import RMinHashLSH

    t0 = time.perf_counter()
    names = list_docs(a.docs)
    mhs = signatures(a, names, _init_rensa, _rensa_signature)
    t1 = time.perf_counter()

    bands = rensa_bands(a.threshold, a.num_perm)
    lsh = RMinHashLSH(threshold=a.threshold, num_perm=a.num_perm, num_bands=bands)
    for i, m in enumerate(mhs):
        lsh.insert(i, m)
    t2 = time.perf_counter()

    uf = UnionFind(len(names))
    candidates = verified = 0
    for i, m in enumerate(mhs):
        for j in lsh.query(m):
            if j > i:
                candidates += 1
                if m.jaccard(mhs[j]) >= a.threshold:
                    verified += 1
                    uf.union(i, j)
    t3 = time.perf_counter()

    n = write_union_find(a.out, names, uf)
    t4 = time.perf_counter()
    print(
        f"rensa: {len(names)} docs, LSH bands={bands} rows={a.num_perm // bands}, {candidates} candidate pairs, "
        f"{verified} verified (estimated Jaccard >= {a.threshold}), {n} clusters; signatures {t1 - t0:.2f}s "
        f"({a.procs} procs), index {t2 - t1:.2f}s, query+verify+union-find {t3 - t2:.2f}s, write {t4 - t3:.2f}s",
        file=sys.stderr,
    )


# -------------------------------------------------------------- text-dedup --


def cmd_textdedup_prep(a):
    import datasets

    names = list_docs(a.docs)
    texts = []
    for n in names:
        t = read(os.path.join(a.docs, n))
        texts.append(t if a.raw else " ".join(tokens(t)))
    out = Path(a.out)
    ds = datasets.Dataset.from_dict({"text": texts})
    ds.save_to_disk(str(out))
    Path(str(out) + ".names").write_text("\n".join(names) + "\n", encoding="utf-8")
    print(f"textdedup-prep: {len(names)} docs -> {out} ({'raw text' if a.raw else 'tokens joined by spaces'})", file=sys.stderr)


def cmd_textdedup_clusters(a):
    names = Path(a.names).read_text(encoding="utf-8").split()
    with open(os.path.join(a.run_output, "uf.pkl"), "rb") as f:
        uf = pickle.load(f)  # text_dedup.utils.union_find.UnionFind
    groups = {}
    for x in list(uf.parent):
        groups.setdefault(uf.find(x), []).append(names[x])
    n = write_clusters(a.out, groups.values())
    print(f"textdedup-clusters: {n} clusters", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("datasketch")
    d.add_argument("docs")
    d.add_argument("--out", required=True)
    d.add_argument("--threshold", type=float, default=0.5)
    d.add_argument("--num-perm", type=int, default=128)
    d.add_argument("--ngram", type=int, default=5)
    d.add_argument("--procs", type=int, default=os.cpu_count() or 1)
    r = sub.add_parser("rensa")
    r.add_argument("docs")
    r.add_argument("--out", required=True)
    r.add_argument("--threshold", type=float, default=0.5)
    r.add_argument("--num-perm", type=int, default=128)
    r.add_argument("--ngram", type=int, default=5)
    r.add_argument("--procs", type=int, default=os.cpu_count() or 1)
    p = sub.add_parser("textdedup-prep")
    p.add_argument("docs")
    p.add_argument("--out", required=True)
    p.add_argument("--raw", action="store_true")
    c = sub.add_parser("textdedup-clusters")
    c.add_argument("run_output")
    c.add_argument("names")
    c.add_argument("--out", required=True)
    a = ap.parse_args()
    {"datasketch": cmd_datasketch, "rensa": cmd_rensa, "textdedup-prep": cmd_textdedup_prep, "textdedup-clusters": cmd_textdedup_clusters}[a.cmd](a)


if __name__ == "__main__":
    main()
