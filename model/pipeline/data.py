"""Load and validate the corpus. Standard library only, so writers can run it without the venv:

    python3 model/pipeline/data.py            # validate model/data/corpus/*.jsonl, print counts

Any malformed row, unknown label, duplicate id or duplicate text stops the pipeline with every
problem listed (file:line), because a silently skipped row would change the split and the metrics.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from labels import EMOTIONS, PHASES, TOPICS, TRAPS  # noqa: E402

FIELDS = {"id", "text", "crisis", "hard_negative", "phase", "emotions", "traps", "topic", "author"}
ID_PATTERN = re.compile(r"^([a-z]+)-(\d{4,})$")
MAX_WORDS = 250


def normalize_text(text: str) -> str:
    """Duplicate key: case, whitespace and surrounding punctuation do not make a new message."""
    return re.sub(r"\s+", " ", text.lower()).strip(" .!?,;:'\"")


def _check_row(row: object, prefix: str) -> list[str]:
    if not isinstance(row, dict):
        return ["row is not a JSON object"]
    problems = []
    missing, extra = FIELDS - row.keys(), row.keys() - FIELDS
    if missing:
        problems.append(f"missing fields {sorted(missing)}")
    if extra:
        problems.append(f"unknown fields {sorted(extra)}")
    if missing:
        return problems
    rid = row["id"]
    m = ID_PATTERN.match(rid) if isinstance(rid, str) else None
    if not m:
        problems.append(f"id {rid!r} is not '<prefix>-<4 digits>'")
    elif m.group(1) != prefix:
        problems.append(f"id {rid!r} does not start with this file's prefix '{prefix}-'")
    text = row["text"]
    if not isinstance(text, str) or not text.strip():
        problems.append("text is empty or not a string")
    elif len(text.split()) > MAX_WORDS:
        problems.append(f"text has {len(text.split())} words (max {MAX_WORDS})")
    if type(row["crisis"]) is not int or row["crisis"] not in (0, 1):
        problems.append(f"crisis must be 0 or 1, got {row['crisis']!r}")
    if type(row["hard_negative"]) is not bool:
        problems.append(f"hard_negative must be true/false, got {row['hard_negative']!r}")
    elif row["hard_negative"] and row["crisis"] == 1:
        problems.append("hard_negative rows must have crisis 0")
    if row["phase"] not in PHASES:
        problems.append(f"unknown phase {row['phase']!r}")
    elif row["crisis"] == 1 and row["phase"] != "validation":
        problems.append("crisis rows must have phase 'validation' (LABELS.md)")
    for field, allowed in (("emotions", EMOTIONS), ("traps", TRAPS)):
        value = row[field]
        if not isinstance(value, list):
            problems.append(f"{field} must be a list")
            continue
        unknown = [v for v in value if v not in allowed]
        if unknown:
            problems.append(f"unknown {field} {unknown}")
        if len(set(map(str, value))) != len(value):
            problems.append(f"repeated {field} {value}")
        if len(value) > 3:
            problems.append(f"{field} has {len(value)} labels (max 3)")
    if row["topic"] not in TOPICS:
        problems.append(f"unknown topic {row['topic']!r}")
    if not isinstance(row["author"], str) or not row["author"]:
        problems.append("author must be a non-empty string")
    return problems


def load_corpus(corpus_dir: Path) -> list[dict]:
    """Return every row of corpus_dir/*.jsonl (sorted by id) or exit listing all problems."""
    files = sorted(corpus_dir.glob("*.jsonl"))
    if not files:
        raise SystemExit(f"no corpus files in {corpus_dir}")
    rows, problems = [], []
    seen_ids: dict[str, str] = {}
    seen_texts: dict[str, str] = {}
    for path in files:
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path.name}:{lineno}"
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                problems.append(f"{where}: not valid JSON ({err.msg})")
                continue
            row_problems = _check_row(row, path.stem)
            if row_problems:
                problems.extend(f"{where}: {p}" for p in row_problems)
                continue
            if row["id"] in seen_ids:
                problems.append(f"{where}: duplicate id {row['id']} (first at {seen_ids[row['id']]})")
                continue
            key = normalize_text(row["text"])
            if key in seen_texts:
                problems.append(f"{where}: duplicate text of {seen_texts[key]} ({row['id']})")
                continue
            seen_ids[row["id"]] = where
            seen_texts[key] = f"{row['id']} at {where}"
            rows.append(row)
    if problems:
        shown = "\n  ".join(problems[:200])
        more = f"\n  … and {len(problems) - 200} more" if len(problems) > 200 else ""
        raise SystemExit(f"corpus validation failed with {len(problems)} problem(s):\n  {shown}{more}")
    return sorted(rows, key=lambda r: r["id"])


def label_counts(rows: list[dict]) -> dict:
    """Counts per label, used by the data card, metrics.json and WEAK_SPOTS.md."""
    return {
        "rows": len(rows),
        "crisis_positive": sum(r["crisis"] for r in rows),
        "hard_negative": sum(r["hard_negative"] for r in rows),
        "phase": {p: sum(r["phase"] == p for r in rows) for p in PHASES},
        "emotions": {e: sum(e in r["emotions"] for r in rows) for e in EMOTIONS},
        "traps": {t: sum(t in r["traps"] for r in rows) for t in TRAPS},
        "topic": dict(sorted(Counter(r["topic"] for r in rows).items())),
        "author": dict(sorted(Counter(r["author"] for r in rows).items())),
    }


if __name__ == "__main__":
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "data" / "corpus"
    print(json.dumps(label_counts(load_corpus(corpus)), indent=1))
    print("corpus OK")
