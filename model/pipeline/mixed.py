"""Mixed messages: a corpus row with an ordinary message from the same split before or after it.

People rarely write one theme per message: "Long day, the meeting ran over. I'm so tired of being
alive." The corpus rows are each about one thing, and a model trained only on them learns the tone of
the whole message: the session-5 model catches 0.775 of mixed validation crisis messages against
0.981 of the same rows alone (`compare.py`; `metrics.json` → `mixed_test` for the test split).

`mix` builds such messages, deterministically: the crisis label is the row's (an ordinary message
beside a crisis one is still crisis; beside a non-crisis one it stays non-crisis), and the other heads'
labels are not defined for them (training uses them for the crisis loss only). Used by training
(hparam `mixed_fraction`, context from train rows) and by evaluation (context from the split itself).
"""
from __future__ import annotations

import random

from encoder import MAX_LENGTH

# Context messages: everyday writing with no crisis and no crisis-like words (not hard negatives),
# a sentence or a few: a longer one would push the row out of the 128-token window.
CONTEXT_MAX_WORDS = 30


def context_pool(rows: list[dict]) -> list[str]:
    return [r["text"] for r in rows
            if not r["crisis"] and not r["hard_negative"] and len(r["text"].split()) <= CONTEXT_MAX_WORDS]


def _joined(context: str, text: str, before: bool) -> str:
    first, second = (context, text) if before else (text, context)
    return first.rstrip() + ("" if first.rstrip()[-1:] in ".!?" else ".") + " " + second.lstrip()


def mix(rows: list[dict], contexts: list[str], n: int, seed: int, tok=None) -> list[dict]:
    """`n` mixed messages from `rows` (each row at most once), a random context before or after each.

    With a tokenizer, a mix longer than the model's window is skipped (truncation could cut the row off).
    """
    rng = random.Random(seed)
    order = list(range(len(rows)))
    rng.shuffle(order)
    out = []
    for i in order:
        if len(out) >= n:
            break
        r = rows[i]
        context = rng.choice(contexts)
        if context == r["text"]:
            continue
        text = _joined(context, r["text"], before=rng.random() < 0.5)
        if tok is not None and len(tok.encode(text).ids) >= MAX_LENGTH:
            continue
        out.append({**r, "id": f"mix:{r['id']}", "text": text, "mixed": True})
    return out


EVALUATION_SEED = 7


def evaluation_set(rows: list[dict], tok) -> list[dict]:
    """Every row of one split once, with an ordinary message of the same split before or after it."""
    return mix(rows, context_pool(rows), len(rows), EVALUATION_SEED, tok)
