"""Temperature scaling and thresholds, chosen on the validation split only."""
from __future__ import annotations

import numpy as np

from labels import CRISIS_INDEX, EMOTION_SLICE, EMOTIONS, PHASE_SLICE, TRAP_SLICE, TRAPS
from metrics import gold, probabilities, sigmoid, softmax

TEMPERATURE_GRID = np.exp(np.linspace(np.log(0.25), np.log(8.0), 241))
CRISIS_MIN_RECALL = 0.98
# Per-label thresholds are searched in this range; labels with too few validation positives keep 0.5.
THRESHOLD_RANGE = (0.10, 0.90)
MIN_POSITIVES_FOR_TUNING = 4


def _nll_softmax(logits: np.ndarray, y: np.ndarray) -> float:
    p = softmax(logits)
    return float(-np.log(np.clip(p[np.arange(len(y)), y], 1e-12, None)).mean())


def _nll_sigmoid(logits: np.ndarray, y: np.ndarray) -> float:
    p = np.clip(sigmoid(logits), 1e-12, 1 - 1e-12)
    return float(-(y * np.log(p) + (1 - y) * np.log(1 - p)).mean())


def fit_temperatures(logits: np.ndarray, rows: list[dict]) -> dict[str, float]:
    """One temperature per head, minimising validation negative log-likelihood on a fixed grid."""
    g = gold(rows)
    heads = {
        "phase": lambda t: _nll_softmax(logits[:, PHASE_SLICE[0]:PHASE_SLICE[1]] / t, g["phase"]),
        "crisis": lambda t: _nll_sigmoid(logits[:, CRISIS_INDEX] / t, g["crisis"].astype(float)),
        "emotions": lambda t: _nll_sigmoid(logits[:, EMOTION_SLICE[0]:EMOTION_SLICE[1]] / t, g["emotions"].astype(float)),
        "traps": lambda t: _nll_sigmoid(logits[:, TRAP_SLICE[0]:TRAP_SLICE[1]] / t, g["traps"].astype(float)),
    }
    return {head: float(min(TEMPERATURE_GRID, key=nll)) for head, nll in heads.items()}


def crisis_threshold(p: np.ndarray, true: np.ndarray) -> dict:
    """Recall first: the highest threshold whose validation recall is >= 0.98.

    Any threshold in (next lower score, that positive's score] has the same recall; the highest has
    the fewest false positives, so it also wins on precision.
    """
    pos = np.sort(p[true])[::-1]
    if len(pos) == 0:
        raise SystemExit("validation split has no crisis positives; cannot choose the crisis threshold")
    need = int(np.ceil(CRISIS_MIN_RECALL * len(pos)))
    threshold = float(pos[need - 1])
    pred = p >= threshold
    return {"threshold": threshold, "validation_recall": float(pred[true].mean()),
            "validation_precision": float(true[pred].mean()), "validation_positives": int(len(pos)),
            "rule": f"highest threshold with validation recall >= {CRISIS_MIN_RECALL}, then precision"}


def best_f1_threshold(p: np.ndarray, true: np.ndarray) -> float:
    if true.sum() < MIN_POSITIVES_FOR_TUNING:
        return 0.5
    lo, hi = THRESHOLD_RANGE
    candidates = np.unique(np.concatenate([np.round(np.arange(lo, hi + 1e-9, 0.01), 2)]))
    best_t, best_f1 = 0.5, -1.0
    for t in candidates:
        pred = p >= t
        tp, fp, fn = (pred & true).sum(), (pred & ~true).sum(), (~pred & true).sum()
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
        # Ties go to the threshold nearest 0.5: less fitted to the validation noise.
        if f1 > best_f1 + 1e-12 or (abs(f1 - best_f1) <= 1e-12 and abs(t - 0.5) < abs(best_t - 0.5)):
            best_t, best_f1 = float(t), f1
    return best_t


def choose_thresholds(logits: np.ndarray, rows: list[dict]) -> tuple[dict, dict]:
    """Thresholds from the (calibrated, quantized) model's validation outputs."""
    p, g = probabilities(logits), gold(rows)
    crisis = crisis_threshold(p["crisis"], g["crisis"])
    thresholds = {
        "crisis": crisis["threshold"],
        "emotions": {e: best_f1_threshold(p["emotions"][:, i], g["emotions"][:, i]) for i, e in enumerate(EMOTIONS)},
        "traps": {t: best_f1_threshold(p["traps"][:, i], g["traps"][:, i]) for i, t in enumerate(TRAPS)},
    }
    return thresholds, crisis
