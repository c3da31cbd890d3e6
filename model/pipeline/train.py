"""Fine-tune the encoder and the 25-logit head on the train split; pick the epoch on validation."""
from __future__ import annotations

import copy
import math
import random
import time

import numpy as np
import torch
from torch import nn

from encoder import Classifier, encode
from labels import CRISIS_INDEX, EMOTION_SLICE, EMOTIONS, PHASE_SLICE, PHASES, TRAP_SLICE, TRAPS
from metrics import score_heads
from mixed import context_pool, mix

HPARAMS = {
    "epochs": 12,
    "batch_size": 32,
    "lr_encoder": 1e-4,
    "lr_head": 2e-3,
    "weight_decay": 0.01,
    "warmup_fraction": 0.1,
    "dropout": 0.1,
    # mean_max: mean and max over tokens, concatenated (session 5 default, with the focal crisis loss).
    "pooling": "mean_max",
    # Loss weights per head: crisis counts most because missing it is the costly error.
    "loss_weight": {"phase": 1.0, "crisis": 4.0, "emotions": 1.5, "traps": 1.5},
    "max_pos_weight": 8.0,
    # Extra crisis-loss weight on hard negatives (idioms, topic talk, grief): their false alarms are
    # what makes people distrust the crisis screen.
    "hard_negative_weight": 1.0,
    # Bottom encoder layers kept frozen (and their output cached): the CPU budget of this project.
    "frozen_layers": 0,
    # Average the weights of the last N epochs (0 = off) and keep the average if it scores higher on
    # validation than the best single epoch: a cheap ensemble that costs no model size.
    "average_last": 0,
    # Phase loss on crisis rows too (their phase is `validation` by rule, and the guide never speaks
    # on them): false drops it there, so the phase head's `validation` does not become "crisis".
    "phase_loss_on_crisis": True,
    # Focal modulation of the crisis loss, (1 - p_true)^gamma renormalised to the batch mean (0 = off):
    # puts the crisis head's effort on the rows it gets most wrong — the quiet positives that set the
    # recall-first threshold and the ordinary messages scored above it. With mean_max pooling it halved
    # the ordinary false alarms at the recall-first threshold in two runs (sessions 4 and 5; README).
    "crisis_focal_gamma": 2.0,
    # Extra training rows per real row (0 = off): a row with an ordinary message before or after it
    # (mixed.py), for the crisis loss only, so that a crisis sentence inside everyday writing is not
    # averaged away.
    "mixed_fraction": 0.0,
}


def set_determinism(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(1)  # 2 shared cores: a 2nd thread waits on busy cores (7x slower measured)
    torch.use_deterministic_algorithms(True)


def targets(rows: list[dict]) -> dict[str, np.ndarray]:
    return {
        "phase": np.array([PHASES.index(r["phase"]) for r in rows], dtype=np.int64),
        "crisis": np.array([r["crisis"] for r in rows], dtype=np.float32),
        "crisis_weight": np.array([HPARAMS["hard_negative_weight"] if r["hard_negative"] else 1.0 for r in rows],
                                  dtype=np.float32),
        "emotions": np.array([[e in r["emotions"] for e in EMOTIONS] for r in rows], dtype=np.float32),
        "traps": np.array([[t in r["traps"] for t in TRAPS] for r in rows], dtype=np.float32),
        # 0 on mixed rows: only their crisis label is defined.
        "labelled": np.array([not r.get("mixed") for r in rows], dtype=np.float32),
    }


def _pos_weight(y: np.ndarray, cap: float) -> torch.Tensor:
    """sqrt(neg/pos), capped: rare labels (most traps) need a push without swamping precision."""
    pos = y.sum(0)
    neg = len(y) - pos
    return torch.tensor(np.clip(np.sqrt(neg / np.maximum(pos, 1)), 1.0, cap), dtype=torch.float32)


def make_loss(y_train: dict[str, np.ndarray]):
    hp = HPARAMS
    counts = np.bincount(y_train["phase"], minlength=len(PHASES)).astype(np.float64)
    phase_w = torch.tensor(np.sqrt(counts.sum() / np.maximum(counts, 1) / len(PHASES)), dtype=torch.float32)
    ce = nn.CrossEntropyLoss(weight=phase_w, reduction="none")
    bce_crisis = nn.BCEWithLogitsLoss(pos_weight=_pos_weight(y_train["crisis"][:, None], hp["max_pos_weight"]),
                                      reduction="none")
    reduction = "none" if hp["mixed_fraction"] else "mean"
    bce_emo = nn.BCEWithLogitsLoss(pos_weight=_pos_weight(y_train["emotions"], hp["max_pos_weight"]), reduction=reduction)
    bce_trap = nn.BCEWithLogitsLoss(pos_weight=_pos_weight(y_train["traps"], hp["max_pos_weight"]), reduction=reduction)
    w = hp["loss_weight"]

    def labelled_mean(per_label: torch.Tensor, labelled: torch.Tensor) -> torch.Tensor:
        if reduction == "mean":
            return per_label
        return (per_label.mean(1) * labelled).sum() / labelled.sum().clamp(min=1.0)

    def loss(logits: torch.Tensor, y: dict[str, torch.Tensor]) -> torch.Tensor:
        phase_rows = torch.ones_like(y["crisis"]) if hp["phase_loss_on_crisis"] else 1.0 - y["crisis"]
        phase_rows = phase_rows * y["labelled"]
        phase_loss = (ce(logits[:, PHASE_SLICE[0]:PHASE_SLICE[1]], y["phase"]) * phase_rows).sum() / (
            phase_w[y["phase"]] * phase_rows).sum().clamp(min=1e-9)
        crisis_logit = logits[:, CRISIS_INDEX]
        crisis_rows = bce_crisis(crisis_logit[:, None], y["crisis"][:, None])[:, 0] * y["crisis_weight"]
        if hp["crisis_focal_gamma"]:
            p = torch.sigmoid(crisis_logit.detach())
            miss = torch.where(y["crisis"] > 0.5, 1.0 - p, p) ** hp["crisis_focal_gamma"]
            crisis_rows = crisis_rows * miss / miss.mean().clamp(min=1e-6)
        return (
            w["phase"] * phase_loss
            + w["crisis"] * crisis_rows.mean()
            + w["emotions"] * labelled_mean(bce_emo(logits[:, EMOTION_SLICE[0]:EMOTION_SLICE[1]], y["emotions"]),
                                            y["labelled"])
            + w["traps"] * labelled_mean(bce_trap(logits[:, TRAP_SLICE[0]:TRAP_SLICE[1]], y["traps"]), y["labelled"])
        )

    return loss


@torch.no_grad()
def predict_logits(model: Classifier, tok, texts: list[str], batch_size: int = 64) -> np.ndarray:
    model.eval()
    order = np.argsort([len(t) for t in texts])  # similar lengths together: less padding
    out = np.zeros((len(texts), 25), dtype=np.float32)
    for i in range(0, len(texts), batch_size):
        idx = order[i:i + batch_size]
        enc = {k: torch.from_numpy(v) for k, v in encode(tok, [texts[j] for j in idx]).items()}
        out[idx] = model(**enc).numpy()
    return out


def selection_score(scores: dict) -> float:
    """One number to pick the epoch on validation: the heads' main metrics, crisis counted twice."""
    return float(np.mean([scores["phase_macro_f1"], scores["crisis_average_precision"], scores["crisis_average_precision"],
                          scores["emotions_micro_f1"], scores["traps_micro_f1"]]))


class LowerCache:
    """Output of the embeddings + frozen bottom layers, per text (unpadded), computed once."""

    def __init__(self, model: Classifier, tok, texts: list[str], k: int, batch_size: int = 64):
        self.k, self.items = k, [None] * len(texts)
        order = np.argsort([len(t) for t in texts])
        with torch.no_grad():
            for i in range(0, len(texts), batch_size):
                idx = order[i:i + batch_size]
                enc = {n: torch.from_numpy(v) for n, v in encode(tok, [texts[j] for j in idx]).items()}
                hidden = model.lower(enc["input_ids"], enc["attention_mask"], enc["token_type_ids"], k)
                lengths = enc["attention_mask"].sum(1).tolist()
                for row, j in enumerate(idx):
                    self.items[j] = hidden[row, :lengths[row]].clone()

    def batch(self, idx) -> tuple[torch.Tensor, torch.Tensor]:
        parts = [self.items[j] for j in idx]
        width = max(p.shape[0] for p in parts)
        hidden = torch.zeros(len(parts), width, parts[0].shape[1])
        mask = torch.zeros(len(parts), width, dtype=torch.int64)
        for row, p in enumerate(parts):
            hidden[row, :p.shape[0]] = p
            mask[row, :p.shape[0]] = 1
        return hidden, mask


@torch.no_grad()
def predict_cached(model: Classifier, cache: LowerCache, batch_size: int = 64) -> np.ndarray:
    model.eval()
    out = []
    for i in range(0, len(cache.items), batch_size):
        hidden, mask = cache.batch(range(i, min(i + batch_size, len(cache.items))))
        out.append(model.upper(hidden, mask, cache.k).numpy())
    return np.concatenate(out)


def _check_split_forward(model: Classifier, tok, k: int) -> None:
    """upper(lower(x)) must equal forward(x): otherwise training and the exported graph would differ."""
    model.eval()
    with torch.no_grad():
        enc = {n: torch.from_numpy(v) for n, v in encode(tok, ["a short one", "a somewhat longer message here"]).items()}
        full = model(**enc)
        split = model.upper(model.lower(enc["input_ids"], enc["attention_mask"], enc["token_type_ids"], k),
                            enc["attention_mask"], k)
    if not torch.allclose(full, split, atol=1e-5):
        raise SystemExit("internal error: cached-layer forward differs from the full forward")


def _length_bucketed_batches(texts: list[str], batch_size: int, gen: torch.Generator) -> list[np.ndarray]:
    """Shuffle, sort by length inside windows of 8 batches, shuffle the batches: less padding, same randomness."""
    perm = torch.randperm(len(texts), generator=gen).numpy()
    window = batch_size * 8
    batches = []
    for w in range(0, len(perm), window):
        chunk = sorted(perm[w:w + window], key=lambda j: len(texts[j]))
        batches += [np.array(chunk[i:i + batch_size]) for i in range(0, len(chunk), batch_size)]
    order = torch.randperm(len(batches), generator=gen).numpy()
    return [batches[i] for i in order]


def train(base_dir, tok, train_rows: list[dict], val_rows: list[dict], seed: int, log=print):
    hp = HPARAMS
    set_determinism(seed)
    model = Classifier(base_dir, dropout=hp["dropout"], pooling=hp["pooling"])
    # Frozen word embeddings: their dense 30522x384 gradient made each CPU step ~10x slower, and
    # keeping them fixed keeps words unseen in the corpus where pre-training put them.
    model.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    k = hp["frozen_layers"]
    for module in [model.encoder.embeddings, *model.encoder.encoder.layer[:k]]:
        module.requires_grad_(False)
    _check_split_forward(model, tok, k)
    if hp["mixed_fraction"]:
        extra = mix(train_rows, context_pool(train_rows), round(hp["mixed_fraction"] * len(train_rows)), seed, tok)
        log(f"{len(extra)} mixed rows (a train row with an ordinary train message before or after it)")
        train_rows = train_rows + extra
    t_cache = time.time()
    train_cache = LowerCache(model, tok, [r["text"] for r in train_rows], k)
    val_cache = LowerCache(model, tok, [r["text"] for r in val_rows], k)
    log(f"cached frozen layers 0..{k - 1} for {len(train_rows) + len(val_rows)} texts in {time.time() - t_cache:.0f}s")
    y_train = targets(train_rows)
    loss_fn = make_loss(y_train)
    texts = [r["text"] for r in train_rows]
    steps_per_epoch = math.ceil(len(texts) / hp["batch_size"])
    total_steps = steps_per_epoch * hp["epochs"]
    warmup = max(1, int(hp["warmup_fraction"] * total_steps))
    optim = torch.optim.AdamW(
        [{"params": [p for p in model.encoder.parameters() if p.requires_grad], "lr": hp["lr_encoder"]},
         {"params": model.head.parameters(), "lr": hp["lr_head"]}],
        weight_decay=hp["weight_decay"], foreach=True,
    )
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: min((s + 1) / warmup, max(0.0, (total_steps - s) / max(1, total_steps - warmup))))
    gen = torch.Generator().manual_seed(seed)
    best, history, recent = None, [], []
    started = time.time()
    for epoch in range(1, hp["epochs"] + 1):
        model.train()
        total = 0.0
        for idx in _length_bucketed_batches(texts, hp["batch_size"], gen):
            hidden, mask = train_cache.batch(idx)
            y = {name: torch.from_numpy(v[idx]) for name, v in y_train.items()}
            loss = loss_fn(model.upper(hidden, mask, k), y)
            optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optim.step()
            sched.step()
            total += loss.item() * len(idx)
        val_scores = score_heads(predict_cached(model, val_cache), val_rows)
        score = selection_score(val_scores)
        history.append({"epoch": epoch, "train_loss": round(total / len(texts), 4),
                        "validation_selection_score": round(score, 4),
                        "seconds": round(time.time() - started, 1), **{k: round(v, 4) for k, v in val_scores.items()}})
        log(f"epoch {epoch}: loss {total / len(texts):.4f}  validation {score:.4f} {val_scores}  ({time.time() - started:.0f}s)")
        if best is None or score > best[0]:
            best = (score, epoch, copy.deepcopy(model.state_dict()))
        if hp["average_last"] and epoch > hp["epochs"] - hp["average_last"]:
            recent.append(copy.deepcopy(model.state_dict()))
    if recent:
        model.load_state_dict(average_states(recent))
        avg_score = selection_score(score_heads(predict_cached(model, val_cache), val_rows))
        log(f"average of the last {len(recent)} epochs: validation selection score {avg_score:.4f}")
        history.append({"epoch": f"average of last {len(recent)}", "validation_selection_score": round(avg_score, 4)})
        if avg_score > best[0]:
            best = (avg_score, f"average of last {len(recent)}", model.state_dict())
    model.load_state_dict(best[2])
    model.eval()
    log(f"kept epoch {best[1]} (validation selection score {best[0]:.4f})")
    return model, {"seed": seed, "hparams": hp, "history": history, "kept_epoch": best[1],
                   "train_seconds": round(time.time() - started, 1)}


def average_states(states: list[dict]) -> dict:
    """Uniform weight average (a "model soup"): every state must come from the same architecture."""
    return {k: (sum(s[k].double() for s in states) / len(states)).to(states[0][k].dtype)
            if states[0][k].is_floating_point() else states[0][k] for k in states[0]}
