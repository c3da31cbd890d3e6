"""Metric definitions, written out so the TypeScript test can recompute them identically.

Every probability comes from the exported logits: softmax over the 4 phase logits, sigmoid for the
rest (calibration is already folded into the graph). A label is predicted when p >= its threshold.
F1 = 2tp / (2tp + fp + fn), and 0 when that denominator is 0; precision/recall are 0 on a 0 denominator.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from labels import CRISIS_INDEX, EMOTION_SLICE, EMOTIONS, PHASE_SLICE, PHASES, TRAP_SLICE, TRAPS

DEFINITIONS = {
    "probabilities": "phase = softmax(logits[0:4]); crisis = sigmoid(logits[4]); emotions = sigmoid(logits[5:13]); "
                     "traps = sigmoid(logits[13:25]); calibration is inside the graph, apply nothing else",
    "decision": "a binary label is predicted when probability >= its threshold in labels.json; "
                "phase prediction = argmax of the 4 phase probabilities (first index on ties)",
    "precision": "tp / (tp + fp), 0 if tp + fp == 0",
    "recall": "tp / (tp + fn), 0 if tp + fn == 0",
    "f1": "2tp / (2tp + fp + fn), 0 if the denominator is 0",
    "micro_f1": "f1 over the summed tp, fp, fn of every (row, label) pair of the head",
    "macro_f1": "unweighted mean of the per-label f1 over every label of the head (phase: the 4 classes, one-vs-rest)",
    "phase_accuracy": "share of rows whose argmax phase equals the gold phase",
    "confusion_matrix": "rows = gold phase, columns = predicted phase, in the order of labels",
    "hard_negative_false_positive_rate": "share of rows with hard_negative == true whose crisis probability >= crisis threshold",
    "crisis_false_positive_rate": "share of crisis == 0 rows whose crisis probability >= crisis threshold",
    "ordinary_false_positive_rate": "the same over crisis == 0 rows that are not hard negatives: how often an ordinary "
                                    "message would open the crisis screen",
    "crisis_average_precision": "mean over positives (sorted by descending probability) of the precision at their rank; "
                                "informational, threshold-free",
}


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def softmax(x: np.ndarray) -> np.ndarray:
    z = np.exp(x - x.max(axis=1, keepdims=True))
    return z / z.sum(axis=1, keepdims=True)


def probabilities(logits: np.ndarray) -> dict[str, np.ndarray]:
    return {
        "phase": softmax(logits[:, PHASE_SLICE[0]:PHASE_SLICE[1]]),
        "crisis": sigmoid(logits[:, CRISIS_INDEX]),
        "emotions": sigmoid(logits[:, EMOTION_SLICE[0]:EMOTION_SLICE[1]]),
        "traps": sigmoid(logits[:, TRAP_SLICE[0]:TRAP_SLICE[1]]),
    }


def gold(rows: list[dict]) -> dict[str, np.ndarray]:
    return {
        "phase": np.array([PHASES.index(r["phase"]) for r in rows]),
        "crisis": np.array([r["crisis"] == 1 for r in rows]),
        "hard_negative": np.array([r["hard_negative"] for r in rows]),
        "emotions": np.array([[e in r["emotions"] for e in EMOTIONS] for r in rows], dtype=bool).reshape(-1, len(EMOTIONS)),
        "traps": np.array([[t in r["traps"] for t in TRAPS] for r in rows], dtype=bool).reshape(-1, len(TRAPS)),
    }


def prf(pred: np.ndarray, true: np.ndarray) -> dict:
    tp = int((pred & true).sum())
    fp = int((pred & ~true).sum())
    fn = int((~pred & true).sum())
    return {
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "f1": 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 0.0,
        "tp": tp, "fp": fp, "fn": fn, "support": int(true.sum()),
    }


def average_precision(p: np.ndarray, true: np.ndarray) -> float:
    order = np.argsort(-p, kind="stable")
    hits = true[order]
    if not hits.any():
        return 0.0
    precision_at = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float(precision_at[hits].mean())


def multilabel_report(p: np.ndarray, true: np.ndarray, names: list[str], thresholds: dict[str, float]) -> dict:
    pred = p >= np.array([thresholds[n] for n in names])
    per = {n: prf(pred[:, i], true[:, i]) for i, n in enumerate(names)}
    micro = prf(pred.ravel(), true.ravel())
    return {"micro_f1": micro["f1"], "micro_precision": micro["precision"], "micro_recall": micro["recall"],
            "macro_f1": float(np.mean([v["f1"] for v in per.values()])), "per_label": per}


def phase_report(p: np.ndarray, true: np.ndarray) -> dict:
    pred = p.argmax(axis=1)
    per = {name: prf(pred == i, true == i) for i, name in enumerate(PHASES)}
    cm = np.zeros((len(PHASES), len(PHASES)), dtype=int)
    for t, q in zip(true, pred):
        cm[t, q] += 1
    return {"accuracy": float((pred == true).mean()) if len(true) else 0.0,
            "macro_f1": float(np.mean([v["f1"] for v in per.values()])), "per_label": per,
            "confusion_matrix": {"labels": PHASES, "rows_gold_columns_predicted": cm.tolist()}}


def crisis_report(p: np.ndarray, g: dict, threshold: float) -> dict:
    pred = p >= threshold
    hn = g["hard_negative"]
    neg = ~g["crisis"]
    return {"threshold": threshold, **prf(pred, g["crisis"]),
            "false_positive_rate": float(pred[neg].mean()) if neg.any() else 0.0,
            "hard_negative_false_positive_rate": float(pred[hn].mean()) if hn.any() else 0.0,
            "hard_negative_false_positives": int(pred[hn].sum()), "hard_negative_rows": int(hn.sum()),
            "ordinary_false_positive_rate": float(pred[neg & ~hn].mean()) if (neg & ~hn).any() else 0.0,
            "average_precision": average_precision(p, g["crisis"])}


def full_report(logits: np.ndarray, rows: list[dict], thresholds: dict) -> dict:
    p, g = probabilities(logits), gold(rows)
    return {
        "phase": phase_report(p["phase"], g["phase"]),
        "crisis": crisis_report(p["crisis"], g, thresholds["crisis"]),
        "emotions": multilabel_report(p["emotions"], g["emotions"], EMOTIONS, thresholds["emotions"]),
        "traps": multilabel_report(p["traps"], g["traps"], TRAPS, thresholds["traps"]),
    }


PROBE = Path(__file__).resolve().parents[1] / "data" / "probes" / "short.jsonl"


def load_probe() -> list[dict]:
    """The held-out probe of short messages (data/probes/README.md), or [] when it does not exist."""
    if not PROBE.exists():
        return []
    return [json.loads(line) for line in PROBE.read_text(encoding="utf-8").splitlines() if line.strip()]


def probe_report(logits: np.ndarray, rows: list[dict], threshold: float) -> dict:
    """Per probe kind: how many rows, and how many reach the crisis threshold."""
    return fired_by_kind(probabilities(logits)["crisis"] >= threshold, rows)


def fired_by_kind(fired: np.ndarray, rows: list[dict]) -> dict:
    out = {}
    for kind in sorted({r["kind"] for r in rows}):
        idx = [i for i, r in enumerate(rows) if r["kind"] == kind]
        n = int(fired[idx].sum())
        out[kind] = {"rows": len(idx), "crisis_fired": n, "rate": round(n / len(idx), 4)}
    return out


def mixed_report(logits: np.ndarray, rows: list[dict], threshold: float) -> dict:
    """Crisis at the threshold on mixed messages (pipeline/mixed.py; data/test-mixed.jsonl for the test split)."""
    c = crisis_report(probabilities(logits)["crisis"], gold(rows), threshold)
    keep = ("recall", "precision", "hard_negative_false_positive_rate", "ordinary_false_positive_rate", "tp", "fp", "fn",
            "hard_negative_false_positives", "hard_negative_rows")
    return {"about": "each row of the split once, with an ordinary message of the same split (no crisis, not a hard "
                     "negative, at most 30 words) before or after it, at random with a fixed seed (pipeline/mixed.py)",
            "rows": len(rows), **{k: c[k] for k in keep}}


def score_heads(logits: np.ndarray, rows: list[dict]) -> dict:
    """Headline numbers at default thresholds (0.5), used only to pick the training epoch on validation."""
    half = {"crisis": 0.5, "emotions": {e: 0.5 for e in EMOTIONS}, "traps": {t: 0.5 for t in TRAPS}}
    r = full_report(logits, rows, half)
    return {"phase_macro_f1": r["phase"]["macro_f1"], "crisis_average_precision": r["crisis"]["average_precision"],
            "crisis_recall@0.5": r["crisis"]["recall"], "emotions_micro_f1": r["emotions"]["micro_f1"],
            "traps_micro_f1": r["traps"]["micro_f1"]}
