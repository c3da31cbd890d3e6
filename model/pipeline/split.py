"""A fixed, stratified train/validation/test split that stays stable as rows are added.

model/data/split.json maps every row id to its split. Rows already in it keep their split; new rows
are assigned within their stratum to whichever split is furthest below its target share, in a
seeded order, so the proportions hold per stratum and the test rows never move.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

SPLITS = ("train", "validation", "test")
TARGET = {"train": 0.70, "validation": 0.15, "test": 0.15}


def stratum(row: dict) -> str:
    """Crisis and hard negatives first (they drive the safety metrics), then phase, then rarest trap."""
    if row["crisis"]:
        return "crisis"
    if row["hard_negative"]:
        return "hard_negative"
    trap = sorted(row["traps"])[0] if row["traps"] else "none"
    return f"{row['phase']}|{trap}"


def _order_key(seed: int, row_id: str) -> str:
    return hashlib.sha256(f"{seed}:{row_id}".encode()).hexdigest()


def assign_splits(rows: list[dict], split_file: Path, seed: int) -> dict[str, str]:
    """Return {id: split}, extending (never changing) the assignment stored in split_file."""
    stored = {}
    if split_file.exists():
        stored = json.loads(split_file.read_text(encoding="utf-8"))["assignment"]
    ids = {r["id"] for r in rows}
    assignment = {i: s for i, s in stored.items() if i in ids}  # rows deleted from the corpus drop out
    counts: dict[str, Counter] = {}
    for row in rows:
        if row["id"] in assignment:
            counts.setdefault(stratum(row), Counter())[assignment[row["id"]]] += 1
    new_rows = sorted((r for r in rows if r["id"] not in assignment), key=lambda r: _order_key(seed, r["id"]))
    for row in new_rows:
        c = counts.setdefault(stratum(row), Counter())
        total = sum(c.values()) + 1
        # Deficit = how many rows this split is short of its target after adding one row.
        split = max(SPLITS, key=lambda s: (TARGET[s] * total - c[s], -SPLITS.index(s)))
        assignment[row["id"]] = split
        c[split] += 1
    return dict(sorted(assignment.items()))


def write_split(split_file: Path, assignment: dict[str, str], seed: int) -> None:
    payload = {
        "about": "Row id -> split. Existing rows never move; new rows are assigned per stratum "
                 "(see model/pipeline/split.py). The test split is never used for any choice.",
        "seed": seed,
        "target": TARGET,
        "counts": dict(Counter(assignment.values())),
        "assignment": assignment,
    }
    split_file.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
