"""The 25-slot output layout shared by training, export, labels.json and the TypeScript side.

The order here is the contract: shared/src/labels.ts must list the same names in the same order
(checked by check_against_shared_labels at the start of every run).
"""
from __future__ import annotations

import re
from pathlib import Path

PHASES = ["validation", "expression", "reframing", "action"]
EMOTIONS = ["sadness", "anxiety", "anger", "loneliness", "shame", "overwhelm", "hopelessness", "calm"]
TRAPS = [
    "all_or_nothing", "overgeneralizing", "labeling", "fortune_telling", "mind_reading",
    "emotional_reasoning", "should_statements", "personalizing", "disqualifying_positive",
    "catastrophizing", "comparing", "blaming",
]
TOPICS = [
    "work", "school", "family", "partner", "breakup", "friends", "grief", "money", "health",
    "identity", "loneliness", "body", "sleep", "parenting", "other",
]

# Slices of the single `logits` output, [start, end).
PHASE_SLICE = (0, 4)
CRISIS_INDEX = 4
EMOTION_SLICE = (5, 13)
TRAP_SLICE = (13, 25)
NUM_LOGITS = 25

SLOT_NAMES = (
    [f"phase:{p}" for p in PHASES] + ["crisis"] + [f"emotion:{e}" for e in EMOTIONS]
    + [f"trap:{t}" for t in TRAPS]
)
assert len(SLOT_NAMES) == NUM_LOGITS


def _ts_array(source: str, name: str) -> list[str]:
    match = re.search(rf"export const {name} = \[(.*?)\] as const", source, re.S)
    if not match:
        raise SystemExit(f"shared/src/labels.ts: could not find `export const {name} = [...] as const`")
    return re.findall(r'"([a-z_]+)"', match.group(1))


def check_against_shared_labels(repo_root: Path) -> None:
    """Fail loudly if the TypeScript label sets drifted from this file's order."""
    ts_file = repo_root / "shared" / "src" / "labels.ts"
    if not ts_file.exists():
        print(f"note: {ts_file} not found; skipping the label-order cross-check")
        return
    source = ts_file.read_text(encoding="utf-8")
    for name, ours in (("PHASES", PHASES), ("EMOTIONS", EMOTIONS), ("TRAPS", TRAPS)):
        theirs = _ts_array(source, name)
        if theirs != ours:
            raise SystemExit(f"label order mismatch for {name}: shared/src/labels.ts has {theirs}, model has {ours}")
