#!/usr/bin/env bash
# tune/pairs.sh EVAL_DIR — pair features (examples/pair_scores) of every half
# corpus written by tune/split.py, with every gold pair scored too; read by
# tune/fit.py. Builds the example in release mode.
set -euo pipefail
EVAL="${1:?usage: tune/pairs.sh EVAL_DIR}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/target/tune"
(cd "$ROOT" && cargo build --release --quiet --example pair_scores)
for c in ntrex-dev ecb-dev noisy-dev semeval-dev; do
  python3 - "$EVAL/$c/gold.json" > "$OUT/$c.gold.tsv" <<'PY'
import collections, itertools, json, sys
g = json.load(open(sys.argv[1]))
if "pairs" in g:
    for p in g["pairs"]:
        print(p[0] + "\t" + p[1])
else:
    by = collections.defaultdict(list)
    for f, d in g["docs"].items():
        by[d["story"]].append(f)
    for fs in by.values():
        for a, b in itertools.combinations(sorted(fs), 2):
            print(a + "\t" + b)
PY
  for h in A B; do
    "$ROOT/target/release/examples/pair_scores" "$OUT/halves/$c-$h/docs" "$OUT/$c.gold.tsv" > "$OUT/$c-$h.pairs.tsv"
  done
done
