"""The app's crisis gate on the model: the whole message, or any one of its sentences.

A crisis sentence inside everyday writing lowers the whole message's score: "I'm so tired of being
alive" alone scores 0.99, after one ordinary sentence 0.02 (mixed.py). So the gate also scores every
sentence of a message of two or more sentences on its own, and fires when

    whole-message score >= threshold   OR   some sentence's score >= sentence_threshold.

Both thresholds are chosen together on the validation split, plain and mixed (mixed.py), by a rule
fixed before the grid was searched (session 7):

  keep (threshold, sentence_threshold) when plain validation recall >= the recall-first threshold's
  own and mixed validation recall >= MIXED_MIN_RECALL; among those, minimise the mean of the plain and
  the mixed (hard-negative + ordinary) false-positive rates; ties within 0.005 go to the higher mixed
  recall.

The split rule is mirrored exactly by `sentencesOf` in web/src/ai/windows.ts: split after . ! ? ;
followed by whitespace, and at line breaks; trim; drop empty pieces.
"""
from __future__ import annotations

import re

import numpy as np

from metrics import crisis_report, fired_by_kind, probabilities

SENTENCE_SPLIT = re.compile(r"(?<=[.!?;])\s+|\n+")
MIXED_MIN_RECALL = 0.97
T1_QUANTILES = np.linspace(0.5, 0.99, 50)  # of the non-crisis validation rows' whole-message scores
T2_GRID = np.round(np.arange(0.05, 1.0, 0.01), 2)
RULE = ("fires when the whole message's crisis probability >= threshold, or (2+ sentences) one sentence's >= "
        "sentence_threshold; both chosen on validation (plain and mixed): plain recall >= the recall-first "
        f"threshold's, mixed recall >= {MIXED_MIN_RECALL}, then the lowest mean of the plain and mixed "
        "(hard-negative + ordinary) false-positive rates")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_SPLIT.split(text) if s.strip()]


class Scorer:
    """(whole-message, highest-sentence) crisis probabilities of texts whose logits are known.

    `run(texts) -> logits` scores the sentences (batch size 1, like the app); each distinct sentence
    is scored once however many calls share it (validation and mixed validation share most of theirs).
    """

    def __init__(self, run) -> None:
        self._run = run
        self._p: dict[str, float] = {}

    def __call__(self, logits: np.ndarray, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        split = [sentences(t) for t in texts]
        new = [s for s in dict.fromkeys(s for ss in split if len(ss) > 1 for s in ss) if s not in self._p]
        if new:
            self._p.update(zip(new, map(float, probabilities(self._run(new))["crisis"])))
        # A one-sentence message gets -1: its only sentence is the whole message, never fired twice.
        highest = np.array([max(self._p[s] for s in ss) if len(ss) > 1 else -1.0 for ss in split])
        return probabilities(logits)["crisis"], highest


def gold(rows: list[dict]) -> dict[str, np.ndarray]:
    """The two labels the gate is judged on (rows may carry no other label, like data/test-mixed.jsonl)."""
    return {"crisis": np.array([r["crisis"] == 1 for r in rows], dtype=bool),
            "hard_negative": np.array([bool(r["hard_negative"]) for r in rows], dtype=bool)}


def decide(whole: np.ndarray, sent: np.ndarray, threshold: float, sentence_threshold: float) -> np.ndarray:
    return (whole >= threshold) | (sent >= sentence_threshold)


def _rates(pred: np.ndarray, g: dict) -> tuple[float, float, float]:
    y, hn = g["crisis"], g["hard_negative"]
    ordinary = ~y & ~hn
    return float(pred[y].mean()), float(pred[hn].mean()), float(pred[ordinary].mean())


def choose(plain: tuple[np.ndarray, np.ndarray, list[dict]], mixed: tuple[np.ndarray, np.ndarray, list[dict]],
           recall_first_threshold: float) -> dict:
    """The rule above. `plain` and `mixed` are (whole scores, sentence scores, rows) on validation."""
    (pw, ps, prow), (mw, ms, mrow) = plain, mixed
    gp, gm = gold(prow), gold(mrow)
    min_plain_recall = _rates(pw >= recall_first_threshold, gp)[0]
    t1s = sorted({recall_first_threshold, *map(float, np.quantile(pw[~gp["crisis"]], T1_QUANTILES))})
    kept = []
    for t1 in t1s:
        for t2 in T2_GRID:
            rp, hp, op = _rates(decide(pw, ps, t1, t2), gp)
            rm, hm, om = _rates(decide(mw, ms, t1, t2), gm)
            if rp >= min_plain_recall - 1e-12 and rm >= MIXED_MIN_RECALL:
                kept.append(((hp + op + hm + om) / 2, t1, float(t2), rm, rp, hp, op, hm, om))
    if not kept:
        # Nothing reaches the mixed recall: the whole-message threshold alone, as before the gate.
        return {"threshold": recall_first_threshold, "sentence_threshold": 1.01, "rule": RULE,
                "note": f"no pair reached mixed validation recall {MIXED_MIN_RECALL}; sentences are not scored"}
    lowest = min(k[0] for k in kept)
    best = max((k for k in kept if k[0] <= lowest + 0.005), key=lambda k: (k[3], -k[0]))
    f, t1, t2, rm, rp, hp, op, hm, om = best
    return {"threshold": t1, "sentence_threshold": t2, "rule": RULE,
            "validation": {"recall": rp, "hard_negative_false_positive_rate": hp, "ordinary_false_positive_rate": op},
            "mixed_validation": {"recall": rm, "hard_negative_false_positive_rate": hm,
                                 "ordinary_false_positive_rate": om},
            "objective": f}


def report(whole: np.ndarray, sent: np.ndarray, rows: list[dict], gate: dict) -> dict:
    """crisis_report of the gate's decision (as a 0/1 score at threshold 1; average precision is dropped)."""
    pred = decide(whole, sent, gate["threshold"], gate["sentence_threshold"]).astype(float)
    c = crisis_report(pred, gold(rows), 1.0)
    keep = ("recall", "precision", "tp", "fp", "fn", "false_positive_rate", "hard_negative_false_positive_rate",
            "hard_negative_false_positives", "hard_negative_rows", "ordinary_false_positive_rate")
    return {"rows": len(rows), **{k: c[k] for k in keep}}


def probe_report(whole: np.ndarray, sent: np.ndarray, rows: list[dict], gate: dict) -> dict:
    return fired_by_kind(decide(whole, sent, gate["threshold"], gate["sentence_threshold"]), rows)

