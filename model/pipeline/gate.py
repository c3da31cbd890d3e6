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

Then (session 8) a short message, one sentence of at most SHORT_WORDS words, is held to its own
whole-message threshold, short_threshold: the lowest score among the short validation crisis messages
(plain and mixed) that the threshold catches. Short everyday messages and replies ("since last week",
"finally finished") were the gate's most frequent false alarms, and the short crisis messages the model
catches score far above the whole-message threshold, which the quietest long messages set. By
construction no validation crisis message that the pair above catches is lost; short_threshold is never
below threshold.

The split rule is mirrored exactly by `sentencesOf` in web/src/ai/windows.ts: split after . ! ? ;
followed by whitespace, and at line breaks; trim; drop empty pieces. Words are whitespace-separated
(`isShortMessage` there).
"""
from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np

from metrics import crisis_report, fired_by_kind, probabilities

SENTENCE_SPLIT = re.compile(r"(?<=[.!?;])\s+|\n+")
MIXED_MIN_RECALL = 0.97
SHORT_WORDS = 12  # the held-out probe's "short" (data/probes/README.md)
T1_QUANTILES = np.linspace(0.5, 0.99, 50)  # of the non-crisis validation rows' whole-message scores
T2_GRID = np.round(np.arange(0.05, 1.0, 0.01), 2)
RULE = ("fires when the whole message's crisis probability >= threshold, or (2+ sentences) one sentence's >= "
        "sentence_threshold; both chosen on validation (plain and mixed): plain recall >= the recall-first "
        f"threshold's, mixed recall >= {MIXED_MIN_RECALL}, then the lowest mean of the plain and mixed "
        "(hard-negative + ordinary) false-positive rates; a one-sentence message of at most "
        f"{SHORT_WORDS} words is held to short_threshold instead of threshold: the lowest whole-message "
        "probability among the short validation crisis messages (plain and mixed) that threshold catches")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_SPLIT.split(text) if s.strip()]


def is_short(text: str) -> bool:
    return len(sentences(text)) == 1 and len(text.split()) <= SHORT_WORDS


class Scores(NamedTuple):
    whole: np.ndarray  # the whole message's crisis probability
    sentence: np.ndarray  # the highest sentence's, -1 for a one-sentence message
    short: np.ndarray  # one sentence of at most SHORT_WORDS words (held to short_threshold)


class Scorer:
    """(whole-message, highest-sentence, short) crisis scores of texts whose logits are known.

    `run(texts) -> logits` scores the sentences (batch size 1, like the app); each distinct sentence
    is scored once however many calls share it (validation and mixed validation share most of theirs).
    """

    def __init__(self, run) -> None:
        self._run = run
        self._p: dict[str, float] = {}

    def __call__(self, logits: np.ndarray, texts: list[str]) -> Scores:
        split = [sentences(t) for t in texts]
        new = [s for s in dict.fromkeys(s for ss in split if len(ss) > 1 for s in ss) if s not in self._p]
        if new:
            self._p.update(zip(new, map(float, probabilities(self._run(new))["crisis"])))
        # A one-sentence message gets -1: its only sentence is the whole message, never fired twice.
        highest = np.array([max(self._p[s] for s in ss) if len(ss) > 1 else -1.0 for ss in split])
        return Scores(probabilities(logits)["crisis"], highest, np.array([is_short(t) for t in texts], dtype=bool))


def gold(rows: list[dict]) -> dict[str, np.ndarray]:
    """The two labels the gate is judged on (rows may carry no other label, like data/test-mixed.jsonl)."""
    return {"crisis": np.array([r["crisis"] == 1 for r in rows], dtype=bool),
            "hard_negative": np.array([bool(r["hard_negative"]) for r in rows], dtype=bool)}


def decide(s: Scores, gate: dict) -> np.ndarray:
    """The gate's decision per message (a gate without short_threshold holds short messages to threshold)."""
    whole_threshold = np.where(s.short, gate.get("short_threshold", gate["threshold"]), gate["threshold"])
    return (s.whole >= whole_threshold) | (s.sentence >= gate["sentence_threshold"])


def _rates(pred: np.ndarray, g: dict) -> tuple[float, float, float]:
    y, hn = g["crisis"], g["hard_negative"]
    ordinary = ~y & ~hn
    return float(pred[y].mean()), float(pred[hn].mean()), float(pred[ordinary].mean())


def choose(plain: tuple[Scores, list[dict]], mixed: tuple[Scores, list[dict]], recall_first_threshold: float) -> dict:
    """The rule above. `plain` and `mixed` are (scores, rows) on validation."""
    (ps_, prow), (ms_, mrow) = plain, mixed
    gp, gm = gold(prow), gold(mrow)
    min_plain_recall = _rates(ps_.whole >= recall_first_threshold, gp)[0]
    t1s = sorted({recall_first_threshold, *map(float, np.quantile(ps_.whole[~gp["crisis"]], T1_QUANTILES))})
    kept = []
    for t1 in t1s:
        for t2 in T2_GRID:
            pair = {"threshold": t1, "sentence_threshold": t2}  # no short threshold yet
            rp, hp, op = _rates(decide(ps_, pair), gp)
            rm, hm, om = _rates(decide(ms_, pair), gm)
            if rp >= min_plain_recall - 1e-12 and rm >= MIXED_MIN_RECALL:
                kept.append(((hp + op + hm + om) / 2, t1, float(t2), rm, rp, hp, op, hm, om))
    if not kept:
        # Nothing reaches the mixed recall: the whole-message threshold alone, as before the gate.
        t1, t2 = recall_first_threshold, 1.01
        note = {"note": f"no pair reached mixed validation recall {MIXED_MIN_RECALL}; sentences are not scored"}
    else:
        lowest = min(k[0] for k in kept)
        t1, t2 = max((k for k in kept if k[0] <= lowest + 0.005), key=lambda k: (k[3], -k[0]))[1:3]
        note = {}
    g = {"threshold": t1, "sentence_threshold": t2}
    g["short_threshold"] = short_threshold((ps_, gp), (ms_, gm), g)
    g["short_words"] = SHORT_WORDS
    before, after = {}, {}
    for name, (s, gd) in (("validation", (ps_, gp)), ("mixed_validation", (ms_, gm))):
        pair = {"threshold": t1, "sentence_threshold": t2}
        before[name], after[name] = _rates(decide(s, pair), gd), _rates(decide(s, g), gd)
        assert after[name][0] >= before[name][0] - 1e-12, "the short threshold lost a validation crisis message"
    return {**g, "rule": RULE, **note,
            **{name: dict(zip(("recall", "hard_negative_false_positive_rate", "ordinary_false_positive_rate"), r))
               for name, r in after.items()},
            "objective": (sum(after["validation"][1:]) + sum(after["mixed_validation"][1:])) / 2,
            "objective_without_short_threshold": (sum(before["validation"][1:]) + sum(before["mixed_validation"][1:])) / 2}


def short_threshold(plain: tuple[Scores, dict], mixed: tuple[Scores, dict], gate: dict) -> float:
    """The lowest whole-message score among the short crisis messages (plain and mixed validation) that
    gate["threshold"] catches; gate["threshold"] itself when there is none."""
    caught = [float(x) for s, g in (plain, mixed) for x in s.whole[s.short & g["crisis"] & (s.whole >= gate["threshold"])]]
    return min(caught, default=gate["threshold"])


def report(scores: Scores, rows: list[dict], gate: dict) -> dict:
    """crisis_report of the gate's decision (as a 0/1 score at threshold 1; average precision is dropped)."""
    pred = decide(scores, gate).astype(float)
    c = crisis_report(pred, gold(rows), 1.0)
    keep = ("recall", "precision", "tp", "fp", "fn", "false_positive_rate", "hard_negative_false_positive_rate",
            "hard_negative_false_positives", "hard_negative_rows", "ordinary_false_positive_rate")
    return {"rows": len(rows), **{k: c[k] for k in keep}}


def probe_report(scores: Scores, rows: list[dict], gate: dict) -> dict:
    return fired_by_kind(decide(scores, gate), rows)

