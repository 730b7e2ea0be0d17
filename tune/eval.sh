#!/usr/bin/env bash
# tune/eval.sh — run `newsdedup cluster` on the development corpora and score it.
#
#   tune/eval.sh EVAL_DIR [BIN] [extra cluster args...]
#
# EVAL_DIR holds <corpus>/docs and <corpus>/gold.json (the team's eval folder,
# or the halves tune/split.py writes); the scorer is $SCORE (default
# EVAL_DIR/score.py). Corpora: $CORPORA (default: every folder of EVAL_DIR with
# a gold.json, except extract-dev). Prints one line per corpus: pairwise P/R/F1 (pair P/R/F1 and
# cross-lingual pair F1 for corpora graded by pairs) and language-tag accuracy.
# Outputs go to target/tune/<corpus>.json (also read by tune/split.py).
set -euo pipefail
EVAL="${1:?usage: tune/eval.sh EVAL_DIR [BIN] [args...]}"; shift
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
BIN="${1:-$ROOT/target/release/newsdedup}"; [[ $# -gt 0 ]] && shift
OUT="$ROOT/target/tune"; mkdir -p "$OUT"
SCORE="${SCORE:-$EVAL/score.py}"
if [[ -z "${CORPORA:-}" ]]; then
  CORPORA=$(cd "$EVAL" && for d in */gold.json; do d="${d%/gold.json}"; [[ "$d" == extract-dev ]] || echo "$d"; done)
fi
for c in $CORPORA; do
  "$BIN" cluster -q "$@" "$EVAL/$c/docs" -o "$OUT/$c.json"
  python3 "$SCORE" cluster "$EVAL/$c/gold.json" "$OUT/$c.json" > "$OUT/$c.score"
  python3 - "$c" "$OUT/$c.score" <<'PY'
import json, sys
s = json.load(open(sys.argv[2]))
f = lambda k: f"{s[k]:.3f}" if isinstance(s.get(k), (int, float)) else "-"
if "pair_f1" in s:
    print(f"{sys.argv[1]:12} pairF1 {f('pair_f1')} (P {f('pair_precision')} R {f('pair_recall')})  mono {f('monolingual_pair_f1')}  cross {f('crosslingual_pair_f1')}  lang {f('lang_accuracy')}")
else:
    print(f"{sys.argv[1]:12} F1 {f('pairwise_f1')} (P {f('pairwise_precision')} R {f('pairwise_recall')})  lang {f('lang_accuracy')}")
PY
done
