#!/usr/bin/env python3
"""tune/fit.py — fit the story stage's pair-score weights on one half of the
development corpora and report the other half (two-fold cross-validation).

    # 1. halves of the dev corpora (target/tune/halves/<corpus>-{A,B})
    python3 tune/split.py EVAL_DIR
    # 2. pair features of every half, gold pairs included (see tune/pairs.sh)
    tune/pairs.sh EVAL_DIR
    # 3. the shipped weights simulated; fit on A, report B; fit on B, report A;
    #    fit on both, against the shipped weights
    target/tune-venv/bin/python tune/fit.py EVAL_DIR

Per pair, examples/pair_scores prints the components of
`story::score::PairScore::components` (word cosine, anchor cosine, number
cosine, name cosine, year conflict, day distance, weekday conflict). The date
evidence (the last two) is not in the shipped model; `FEATURES=... tune/fit.py`
adds it (and `GRID_DATES=1` picks its weights by clustering F1 instead of
log-loss) to test it again. Two logistic regressions (same-language pairs,
cross-language pairs) turn them into a probability that the two documents
report one story; each corpus weighs the same in the fit (pairs inside one
near-duplicate variant left out: the pipeline never scores them).

The clustering is simulated as src/story/mod.rs does it (`tree`): the
variants `cluster` finds (columns of pair_scores) merged first, pairs inside
a variant neither edges nor best scores, pairs below min_edge × floor
dropped, the neighbour normalization of cross-language pairs with
`latin_floor` between two Latin-script languages and `neighbour_floor`
otherwise, edges below `min_edge` dropped, then average linkage (scipy).
The StoryConfig defaults and the Latin-script list are read from
src/story/mod.rs, the shipped weights from src/story/score.rs. With the
shipped weights, the first lines printed are the pipeline's own F1 on the
halves (`SCORE=EVAL_DIR/score.py tune/eval.sh target/tune/halves`, to within
rounding); with the weights of the A+B fit copied into score.rs, its lines
"at threshold … floors …" are the pipeline's numbers too (both checked).

What it can be trusted for: predicting what given weights and floors do to
the pipeline on the halves. What not: the A+B log-loss fit is not the best
clustering — the pipeline's other settings (threshold, floors, the
multilingual anchors) were tuned with the shipped weights held fixed, and a
pair's log-loss is not the clustering F1. Copy fitted weights into score.rs
only when the last line says they are no worse on both halves, and check
the full corpora with tune/eval.sh.

In the cross-validation, the threshold and the two floors are picked on the
training half (its best mean F1), then applied to the held-out half.
For corpora graded by pairs (SemEval) the same-language pair F1 is printed
too ("<corpus> mono", not in the mean), and each held-out half gets the ROC
AUC of the pair probability over its labeled same-language pairs: a ranking
measure that moves less than the clustering F1 of a small half, to judge a
candidate feature by both.
"""
import collections
import itertools
import json
import re
import sys
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

CORPORA = ["ntrex-dev", "ecb-dev", "noisy-dev", "semeval-dev"]
ROOT = Path(__file__).resolve().parent.parent
TUNE = ROOT / "target" / "tune"
NF = 7  # components per pair (PairScore::components)

# Date evidence derived from the day distance (component 5, -1 = unknown)
# and the weekday conflict (component 6). FEATURES (environment, comma
# separated) picks them for experiments: conflictN (both documents name days,
# none within N days), shared (a day in common), weekday (weekday conflict).
import os

FEATURES = [f for f in os.environ.get("FEATURES", "").split(",") if f]


def derived(x):
    cols = []
    for f in FEATURES:
        if f.startswith("conflict"):
            n = float(f[len("conflict"):])
            cols.append((x[:, 5] > n).astype(float))
        elif f == "shared":
            cols.append((x[:, 5] == 0).astype(float))
        elif f.startswith("either"):
            n = float(f[len("either"):])
            cols.append(np.maximum((x[:, 5] > n).astype(float), x[:, 6]))
        elif f == "weekday":
            cols.append(x[:, 6])
        else:
            raise SystemExit(f"unknown feature {f}")
    return np.column_stack(cols) if cols else np.zeros((len(x), 0))


def pipeline_settings():
    """What the clustering simulation must copy from src/story/mod.rs: the
    shipped StoryConfig (threshold, min_edge, neighbour_floor, latin_floor)
    and the Latin-script languages of `latin_script`."""
    src = (ROOT / "src" / "story" / "mod.rs").read_text()
    default = src[src.index("impl Default for StoryConfig"):]
    conf = {k: float(v) for k, v in re.findall(r"\b(threshold|min_edge|neighbour_floor|latin_floor): ([\d.]+),", default)}
    body = src[src.index("pub fn latin_script"):]
    body = body[: body.index("];")]
    conf["latin"] = frozenset(re.findall(r'"([a-z]+)"', body))
    return conf


PIPELINE = pipeline_settings()


def shipped_models():
    """The weights in src/story/score.rs (SAME_LANGUAGE, CROSS_LANGUAGE), in
    the form of `fit` (without date features)."""
    src = (ROOT / "src" / "story" / "score.rs").read_text()

    def weights(name):
        block = src[src.index(f"pub const {name}: Weights"):]
        return {k: float(v) for k, v in re.findall(r"(\w+): (-?[\d.]+)", block[: block.index("};")])}

    s, c = weights("SAME_LANGUAGE"), weights("CROSS_LANGUAGE")
    return {
        True: ([s["word"], s["number"], s["name"], s["year_conflict"]], s["bias"]),
        False: ([c["number"], c["name"], c["year_conflict"]], c["bias"]),
    }


def load(corpus, half):
    """Rows of examples/pair_scores: (a, b, candidate, same_language,
    components, lang_a, lang_b, variant_a, variant_b)."""
    gold = json.load(open(TUNE / "halves" / f"{corpus}-{half}" / "gold.json"))
    rows = []
    for line in open(TUNE / f"{corpus}-{half}.pairs.tsv"):
        f = line.rstrip("\n").split("\t")
        rest = f[5 + NF :]
        rows.append((f[0], f[1], f[2] == "true", f[3] == "true", [float(x) for x in f[4 : 4 + NF]], rest[0], rest[1], int(rest[2]), int(rest[3])))
    return gold, rows


def scored(rows):
    """The rows the pipeline scores: not inside one variant (the variant is
    one cluster from the start, `story::score_pairs`)."""
    return [r for r in rows if r[7] != r[8]]


def labels(gold, rows):
    """1 / 0 / None (unknown) per row."""
    if "pairs" in gold:
        g = {}
        for a, b, s, *_ in gold["pairs"]:
            g.setdefault(tuple(sorted((a, b))), s)
        out = []
        for a, b, *_ in rows:
            s = g.get(tuple(sorted((a, b))))
            out.append(None if s is None or 1.5 < s < 3.0 else int(s <= 1.5))
        return out
    story = {f: d["story"] for f, d in gold["docs"].items()}
    return [int(story.get(a) == story.get(b)) for a, b, *_ in rows]


def design(x, same):
    x = np.asarray(x, dtype=float)
    # The anchor cosine is left out: it is a blend of the number and name
    # cosines, and with it the fitted weights are not identifiable.
    if same:
        base = x[:, [0, 2, 3, 4]]  # word, number, name, year conflict
    else:
        base = x[:, [2, 3, 4]]  # number, name (multilingual anchors), year conflict
    return np.hstack([base, derived(x)])


def fit(data):
    """data: list of (gold, rows). Returns {same: (coef, intercept)}."""
    models = {}
    for same in (True, False):
        xs, ys, ws = [], [], []
        for gold, rows in data:
            rows = scored(rows)
            lab = labels(gold, rows)
            sel = [(r[4], l) for r, l in zip(rows, lab) if l is not None and r[3] == same]
            if not sel:
                continue
            for x, l in sel:
                xs.append(x)
                ys.append(l)
                ws.append(1.0 / len(sel))
        m = LogisticRegression(C=10.0, max_iter=1000)
        m.fit(design(xs, same), ys, sample_weight=np.array(ws) * len(ws))
        models[same] = (m.coef_[0].tolist(), float(m.intercept_[0]))
    return models


def probs(models, rows):
    out = np.zeros(len(rows))
    for same in (True, False):
        sel = [i for i, r in enumerate(rows) if r[3] == same]
        if sel:
            coef, b = models[same]
            z = b + design([rows[i][4] for i in sel], same) @ np.array(coef)
            out[sel] = 1.0 / (1.0 + np.exp(-z))
    return out


def tree(gold, rows, models, floor):
    """The average-linkage tree of `cluster` over the pair probabilities of
    `models`, as src/story/mod.rs builds it: the variants are merged first
    (distance 0), a pair inside one variant is no edge and sets no best
    score; `floor` = (neighbour_floor, latin_floor): a cross-language pair is
    normalized by max(best, floor) of its documents, the floor being
    latin_floor when both languages are written in Latin script
    (`edges_of`); an edge weighing less than min_edge is dropped (missing =
    similarity 0). Returns the files and the scipy linkage."""
    files = sorted(gold["docs"])
    idx = {f: i for i, f in enumerate(files)}
    n = len(files)
    variant = list(range(n))
    for r in rows:
        if r[7] == r[8] and r[0] in idx and r[1] in idx:
            a, b = idx[r[0]], idx[r[1]]
            while variant[a] != a:
                a = variant[a]
            while variant[b] != b:
                b = variant[b]
            variant[max(a, b)] = min(a, b)
    for i in range(n):
        while variant[variant[i]] != variant[i]:
            variant[i] = variant[variant[i]]
    rows = [r for r in scored(rows) if r[2] and r[0] in idx and r[1] in idx]
    p = probs(models, rows)
    nf, lf = floor
    min_edge = PIPELINE["min_edge"]
    latin = PIPELINE["latin"]
    least = min_edge * min(nf, lf)
    # Pairs scoring below what could become an edge are dropped at once (score_pairs).
    edges = [(idx[r[0]], idx[r[1]], s, r[3], r[5] in latin and r[6] in latin) for r, s in zip(rows, p) if s >= (min_edge if r[3] else least)]
    best = np.zeros(n)
    for a, b, s, *_ in edges:
        best[a] = max(best[a], s)
        best[b] = max(best[b], s)
    sim = np.zeros((n, n))
    for a, b, s, same, both_latin in edges:
        f = lf if both_latin else nf
        w = s if same else min(1.0, s / np.sqrt(max(best[a], f) * max(best[b], f)))
        if w >= min_edge:
            sim[a, b] = sim[b, a] = w
    same_variant = np.array(variant)[:, None] == np.array(variant)[None, :]
    sim[same_variant] = 1.0
    dist = 1.0 - sim
    np.fill_diagonal(dist, 0.0)
    return files, linkage(squareform(dist, checks=False), method="average")


def cut(files, z, threshold):
    lab = fcluster(z, t=1.0 - threshold + 1e-12, criterion="distance")
    return np.array(lab)


def score(gold, files, lab, mono=False):
    """(F1, P, R); for graded pairs with `mono`, of the same-language pairs only."""
    assign = dict(zip(files, lab))
    if "pairs" in gold:
        tp = fp = fn = 0
        seen = set()
        for a, b, s, *langs in gold["pairs"]:
            k = tuple(sorted((a, b)))
            if k in seen or 1.5 < s < 3.0:
                continue
            if mono and len(langs) == 2 and langs[0] != langs[1]:
                continue
            seen.add(k)
            same = assign[a] == assign[b]
            if s <= 1.5:
                tp += same
                fn += not same
            else:
                fp += same
        p = tp / max(tp + fp, 1)
        r = tp / max(tp + fn, 1)
        return 2 * p * r / max(p + r, 1e-9), p, r
    ids = {s: i for i, s in enumerate(sorted({d["story"] for d in gold["docs"].values()}))}
    g = np.array([ids[gold["docs"][f]["story"]] for f in files])
    same_g = g[:, None] == g[None, :]
    same_o = lab[:, None] == lab[None, :]
    iu = np.triu_indices(len(files), 1)
    same_g, same_o = same_g[iu], same_o[iu]
    tp = int(np.sum(same_g & same_o))
    fp = int(np.sum(same_o & ~same_g))
    fn = int(np.sum(same_g & ~same_o))
    p = tp / max(tp + fp, 1)
    r = tp / max(tp + fn, 1)
    return 2 * p * r / max(p + r, 1e-9), p, r


def evaluate(models, half, thresholds, floor):
    """Per threshold: {corpus: (F1, P, R)}, and "<corpus> mono" (same-language
    pairs) for corpora graded by pairs (shown, not in the mean)."""
    out = [dict() for _ in thresholds]
    for c in CORPORA:
        g, rows = load(c, half)
        files, z = tree(g, rows, models, floor)
        for i, t in enumerate(thresholds):
            lab = cut(files, z, t)
            out[i][c] = score(g, files, lab)
            if "pairs" in g:
                out[i][c + " mono"] = score(g, files, lab, mono=True)
    return out


def mean_f1(res):
    return np.mean([res[c][0] for c in CORPORA])


def auc(models, half):
    """ROC AUC of the pair probability over the labeled same-language pairs of
    each corpus of `half` (a ranking measure, steadier than the clustering F1
    of small halves)."""
    out = {}
    for c in CORPORA:
        g, rows = load(c, half)
        rows = scored(rows)
        lab = labels(g, rows)
        sel = [i for i, (r, l) in enumerate(zip(rows, lab)) if l is not None and r[3]]
        y = [lab[i] for i in sel]
        if len(set(y)) == 2:
            out[c] = roc_auc_score(y, probs(models, [rows[i] for i in sel]))
    return out


GRID = np.round(np.arange(0.05, 0.801, 0.025), 3)


def pick(models, half, floors):
    best = None
    for floor in floors:
        for t, res in zip(GRID, evaluate(models, half, GRID, floor)):
            m = mean_f1(res)
            if best is None or m > best[0]:
                best = (m, t, floor, res)
    return best


def show(tag, res):
    print(f"  {tag}: " + "  ".join(f"{c} {v[0]:.3f} (P {v[1]:.3f} R {v[2]:.3f})" for c, v in res.items()) + f"  mean {mean_f1(res):.3f}")


# The date evidence is rare (most pairs have no days to compare) and its
# pairs sit where the clustering decides: the log-loss fit gives it small
# weights. Its weights are instead picked, like the threshold, by the mean
# clustering F1 on the training half, from this grid (the other weights as
# fitted).
DATE_GRID = [0.0, -1.0, -2.0, -3.0, -5.0]


def tune_dates(models, half, floors):
    """Replace the date-feature weights (same and cross language alike) by
    the grid values with the best clustering F1 on `half`."""
    if not FEATURES:
        return models
    n = len(FEATURES)
    best = None
    for combo in itertools.product(DATE_GRID, repeat=n):
        trial = {}
        for same, (coef, b) in models.items():
            trial[same] = (coef[: len(coef) - n] + list(combo), b)
        m, t, floor, res = pick(trial, half, floors)
        if best is None or m > best[0] + 1e-9:
            best = (m, trial)
    return best[1]


def main():
    shipped = (PIPELINE["neighbour_floor"], PIPELINE["latin_floor"])
    floors = [shipped] + [(nf, lf) for nf in (0.3, 0.4, 0.6) for lf in (0.4, 0.6, 0.8) if (nf, lf) != shipped]
    date_floors = [shipped]
    t0 = PIPELINE["threshold"]
    # The pipeline as shipped, simulated: the same numbers as
    # `SCORE=EVAL_DIR/score.py tune/eval.sh target/tune/halves` (check it).
    print(f"shipped weights (score.rs), threshold {t0} floors {shipped} (StoryConfig):")
    base = {h: evaluate(shipped_models(), h, [t0], shipped)[0] for h in "AB"}
    for h in "AB":
        show(h, base[h])
    if FEATURES:
        print("  (date features: the shipped weights have none)")
    for train, test in (("A", "B"), ("B", "A")):
        models = fit([load(c, train) for c in CORPORA])
        if os.environ.get("GRID_DATES"):
            models = tune_dates(models, train, date_floors)
        m, t, floor, res = pick(models, train, floors)
        print(f"fit on {train}: same {models[True]} cross {models[False]} threshold {t:.3f} floors {floor}")
        show(f"{train} (tuned)", res)
        show(f"{test} (held out)", evaluate(models, test, [t], floor)[0])
        print(f"  {test} (held out) same-language ROC AUC: " + "  ".join(f"{c} {v:.4f}" for c, v in auc(models, test).items()))
    models = fit([load(c, h) for c in CORPORA for h in "AB"])
    print(f"fit on A+B: same {models[True]} cross {models[False]}")
    verdict = []
    for h in "AB":
        res = evaluate(models, h, [t0], shipped)[0]
        show(f"{h} at threshold {t0} floors {shipped}", res)
        verdict.append(mean_f1(res) >= mean_f1(base[h]) and all(res[c][0] >= base[h][c][0] - 0.005 for c in CORPORA))
        m, t, floor, res = pick(models, h, floors)
        print(f"  best on {h}: threshold {t:.3f} floors {floor}")
        show(h, res)
    print("fit on A+B vs shipped weights at the shipped threshold and floors: "
          + ("no worse on both halves (every corpus within 0.005, mean not lower)" if all(verdict)
             else "WORSE on a half: keep score.rs (see its doc comment)"))


if __name__ == "__main__":
    main()
