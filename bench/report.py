#!/usr/bin/env python3
"""Print bench/compare's table from the files it left in RESULTS_DIR (std lib only).

  report.py RESULTS_DIR

For each tool T in floor, newsdedup, rensa, datasketch, textdedup the directory holds
either T.measure.json (measure.py) and T.score.json (score_pairs.py), or T.na
(one line: why the tool could not be run). meta.json describes the run.
"""

import json
import os
import sys

TOOLS = [
    ("floor", "read+split floor"),
    ("newsdedup", "newsdedup"),
    ("rensa", "rensa"),
    ("datasketch", "datasketch"),
    ("textdedup", "text-dedup"),
]


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def mb(kb):
    return "-" if kb is None else f"{kb / 1024:,.0f} MB"


def pct(x):
    return "-" if x is None else f"{100 * x:.2f}%"


def by_type(s, kind):
    t = (s or {}).get("recall_by_type", {}).get(kind)
    return "-" if not t else pct(t["recall"])


def main():
    d = sys.argv[1]
    meta = load(os.path.join(d, "meta.json")) or {}
    n = meta.get("n")
    rows = {}
    for key, label in TOOLS:
        na_path = os.path.join(d, key + ".na")
        if os.path.exists(na_path):
            with open(na_path, encoding="utf-8") as f:
                rows[key] = {"label": label, "na": f.read().strip()}
            continue
        m = load(os.path.join(d, key + ".measure.json"))
        if m is None:
            continue
        rows[key] = {"label": label + meta.get("labels", {}).get(key, ""), "m": m, "s": load(os.path.join(d, key + ".score.json"))}

    print()
    print(
        f"newsdedup benchmark: {n:,} docs ({meta.get('corpus_mb', 0):.1f} MB, seed {meta.get('seed')}), "
        f"word {meta.get('shingle')}-shingles, num_perm {meta.get('num_perm')}, threshold {meta.get('threshold')}, "
        f"{meta.get('cores')} cores"
    )
    first_score = next((r["s"] for r in rows.values() if r.get("s")), None)
    if first_score:
        ob = first_score.get("other_basis", {})
        print(
            f"ground truth: {first_score['positives']:,} planted pairs (near-duplicate families, edited republications, "
            f"paragraph-reuse groups) whose actual shingle Jaccard (whole files) is "
            f">= {first_score['threshold']}"
            + (f"; {ob['positives']:,} on the article text alone (\"body\": no site header/footer, no byline)" if ob else "")
        )
    if meta.get("load_before") is not None:
        after = f", after: {meta['load_after']}" if meta.get("load_after") is not None else ""
        print(f"load average before the runs: {meta['load_before']}{after} (the machine's other work shares these cores)")
    print()
    head = ["tool", "wall", "CPU", "docs/s", "max RSS", "peak PSS", "pairs", "precision", "recall", "R edited", "R reuse", "skipped", "P / R body", "wall nd/peer", "RSS nd/peer"]
    lines = []
    nd = rows.get("newsdedup")
    nd_m = nd.get("m") if nd else None
    for key, _ in TOOLS:
        r = rows.get(key)
        if r is None:
            continue
        if "na" in r:
            lines.append([r["label"], "n/a (" + r["na"] + ")"])
            continue
        m, s = r["m"], r.get("s")
        wall = m.get("wall_s")
        rss = m.get("max_rss_kb")
        pss = m.get("peak_tree_pss_kb")
        ok = m.get("exit_status", 0) == 0
        row = [
            r["label"] + ("" if ok else f" [exit {m.get('exit_status')}]"),
            f"{wall:.2f} s",
            f"{m['user_s'] + m['sys_s']:.1f} s" if "user_s" in m and "sys_s" in m else "-",
            f"{n / wall:,.0f}" if n and wall else "-",
            mb(rss),
            mb(pss),
            f"{s['predicted_pairs']:,}" if s else "-",
            pct(s["precision"]) if s else "-",
            pct(s["recall"]) if s else "-",
            by_type(s, "edited"),
            by_type(s, "reuse"),
            "-" if not s or s.get("skipped") is None else f"{s['skipped']:,}",
            f"{pct(s['other_basis']['precision'])} / {pct(s['other_basis']['recall'])}" if s and "other_basis" in s else "-",
        ]
        if key in ("rensa", "datasketch", "textdedup") and nd_m and nd_m.get("exit_status", 0) == 0:
            w = nd_m["wall_s"] / wall if wall else None
            rr = nd_m["max_rss_kb"] / rss if rss else None
            row += [
                "-" if w is None else f"{w:.3f} ({1 / w:.1f}x faster)" if w < 1 else f"{w:.2f} ({w:.1f}x slower)",
                "-" if rr is None else f"{rr:.2f}",
            ]
        lines.append(row)
    widths = [max(len(str(x[i])) for x in [head] + [l for l in lines if len(l) > 2] if i < len(x)) for i in range(len(head))]

    def fmt(row):
        if len(row) == 2:
            return f"{row[0]:<{widths[0]}}  {row[1]}"
        cells = [f"{row[0]:<{widths[0]}}"] + [f"{c:>{widths[i + 1]}}" for i, c in enumerate(row[1:])]
        return "  ".join(cells).rstrip()

    print(fmt(head))
    print("  ".join("-" * w for w in widths))
    for l in lines:
        print(fmt(l))
    print()
    fl = rows.get("floor")
    if fl and "m" in fl and nd_m and nd_m.get("exit_status", 0) == 0:
        print(
            f"newsdedup wall time = {nd_m['wall_s'] / fl['m']['wall_s']:.1f} x the read+split floor "
            f"({fl['m']['wall_s']:.2f} s: {meta.get('floor_cmd', 'cat | wc -w')})"
        )
    print(
        "CPU: user + sys of the whole process tree (less sensitive than wall time to other load on the machine).\n"
        "max RSS: largest single process (GNU time -v); peak PSS: process tree total, sampled every 0.1 s.\n"
        "precision: pairs of one family or reuse group whose Jaccard is below the threshold count neither way "
        "(see score.json for strict precision).\n"
        "R edited / R reuse: recall on the pairs of edited republications / of paragraph-reuse groups; "
        "skipped: files newsdedup left out (too short after cleaning, ...).\n"
        "wall nd/peer < 1: newsdedup is faster."
    )
    for note in meta.get("notes", []):
        print("note: " + note)


if __name__ == "__main__":
    main()
