#!/usr/bin/env python3
"""tune/cross_errors.py — the graded pairs a clustering got wrong, for a
corpus graded by pairs (semeval-dev): wrong joins (Overall >= 3 in one story)
and misses (Overall <= 1.5 apart), with languages, grade and the sizes of the
stories each side ended in, as `explain` commands to read them.

    python3 tune/cross_errors.py GOLD.json OUT.json [--all]

OUT.json is `newsdedup cluster` output (tune/eval.sh writes
target/tune/<corpus>.json). Cross-language pairs only, unless --all.
"""
import json
import os
import sys


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        raise SystemExit("usage: tune/cross_errors.py GOLD.json OUT.json [--all]")
    everything = "--all" in sys.argv
    gold = json.load(open(args[0]))
    out = json.load(open(args[1]))
    story, size = {}, {}
    for i, s in enumerate(out["stories"]):
        size[i] = s["size"]
        for v in s["variants"]:
            for d in v["documents"]:
                story[os.path.basename(d["path"])] = i
    counts = {"joined": 0, "missed": 0, "right": 0}
    for a, b, grade, la, lb, *_ in gold["pairs"]:
        if (la == lb and not everything) or 1.5 < grade < 3.0:
            continue
        sa, sb = story.get(a), story.get(b)
        together = sa is not None and sa == sb
        if grade <= 1.5 and not together:
            kind = "missed"
        elif grade >= 3.0 and together:
            kind = "joined"
        else:
            counts["right"] += 1
            continue
        counts[kind] += 1
        print(f"{kind}\t{la}-{lb}\t{grade}\tsizes {size.get(sa)} {size.get(sb)}\t"
              f"newsdedup explain --corpus DOCS {a} {b}")
    print(f"# {counts['right']} right, {counts['joined']} wrongly joined, {counts['missed']} missed",
          file=sys.stderr)


if __name__ == "__main__":
    main()
