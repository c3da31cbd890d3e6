"""Compare model folders on the VALIDATION split (never the test split).

    cd model && .venv/bin/python pipeline/compare.py /tmp/old-model ../web/public/models/ventwell-guide
    … compare.py --files-from q OLD NEW   # also crisis on rows from files before q and from q on

Every run also prints crisis on short validation messages (at most 12 words), on mixed messages
(each validation row with an ordinary validation message before or after it: mixed.py) and, when
data/probes/short.jsonl exists, on that held-out probe (never trained on, see its README): the
share of everyday short messages that would open the crisis screen, per kind, and the recall on
its short crisis messages.

A folder needs labels.json, tokenizer.json and onnx/model_quantized.onnx (an old one: `git show`).
Prints each folder's crisis numbers at its own threshold, the heads' F1 at its thresholds, and the
epoch-selection score of train.py, all computed the same way for every folder.
"""
import json
import sys
from pathlib import Path

MODEL = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from data import load_corpus  # noqa: E402
from encoder import load_tokenizer  # noqa: E402
from export import run_onnx, session  # noqa: E402
import gate  # noqa: E402
from metrics import full_report, load_probe, mixed_report, probe_report, score_heads  # noqa: E402
from mixed import evaluation_set  # noqa: E402
from train import selection_score  # noqa: E402

rows = load_corpus(MODEL / "data" / "corpus")
split = json.loads((MODEL / "data" / "split.json").read_text(encoding="utf-8"))["assignment"]
val = [r for r in rows if split[r["id"]] == "validation"]
args = sys.argv[1:]
cut = args[1] if args[:1] == ["--files-from"] else None  # a file prefix: crisis on older vs newer files
folders = args[2:] if cut else args
probe = load_probe()
SHORT_WORDS = 12
CRISIS_KEYS = ("threshold", "recall", "precision", "hard_negative_false_positive_rate", "ordinary_false_positive_rate",
               "average_precision")
for folder in map(Path, folders):
    heads = json.loads((folder / "labels.json").read_text(encoding="utf-8"))["heads"]
    thresholds = {"crisis": heads["crisis"]["threshold"], "emotions": heads["emotions"]["thresholds"],
                  "traps": heads["traps"]["thresholds"]}
    sess, tok = session(folder / "onnx" / "model_quantized.onnx"), load_tokenizer(folder / "tokenizer.json")
    logits = run_onnx(sess, tok, [r["text"] for r in val])  # batch size 1, as the app runs and thresholds were chosen
    rep = full_report(logits, val, thresholds)
    c = rep["crisis"]
    crisis = {k: round(c[k], 3) for k in CRISIS_KEYS}
    print(folder, "validation:", crisis, "phase", round(rep["phase"]["macro_f1"], 3),
          "emotions", round(rep["emotions"]["micro_f1"], 3), "traps", round(rep["traps"]["micro_f1"], 3),
          "selection score", round(selection_score(score_heads(logits, val)), 4))
    groups = [(f"messages of at most {SHORT_WORDS} words", lambda r: len(r["text"].split()) <= SHORT_WORDS)]
    if cut:
        groups += [(f"files before {cut}", lambda r: r["author"] < cut), (f"files {cut} on", lambda r: r["author"] >= cut)]
    for name, keep in groups:
        idx = [i for i, r in enumerate(val) if keep(r)]
        c = full_report(logits[idx], [val[i] for i in idx], thresholds)["crisis"]
        print("  ", name, f"({len(idx)} rows):", {k: round(c[k], 3) for k in CRISIS_KEYS if k != "threshold"})
    mixed = evaluation_set(val, tok)
    mixed_logits = run_onnx(sess, tok, [r["text"] for r in mixed])
    c = mixed_report(mixed_logits, mixed, thresholds["crisis"])
    print("   mixed: each row with an ordinary message before or after it", f"({len(mixed)} rows):",
          {k: round(c[k], 3) for k in CRISIS_KEYS if k in c})
    if "gate" in heads["crisis"]:
        # The app's gate (gate.py) at this folder's own thresholds: the whole message or one sentence.
        g = heads["crisis"]["gate"]
        gate_of = gate.Scorer(lambda texts: run_onnx(sess, tok, texts))
        for name, lg, rs in (("plain", logits, val), ("mixed", mixed_logits, mixed)):
            r = gate.report(gate_of(lg, [x["text"] for x in rs]), rs, g)
            short = f", short >= {g['short_threshold']:.4f}" if "short_threshold" in g else ""
            print(f"   gate (whole >= {g['threshold']:.4f}{short} or a sentence >= {g['sentence_threshold']}), {name}:",
                  {k: round(r[k], 3) for k in ("recall", "precision", "hard_negative_false_positive_rate",
                                               "ordinary_false_positive_rate")})
    if probe:
        report = probe_report(run_onnx(sess, tok, [r["text"] for r in probe]), probe, thresholds["crisis"])
        print("   probe (short, held out):", {kind: f"{'recall' if kind == 'crisis' else 'fires'} {v['rate']:.3f} of {v['rows']}"
                                               for kind, v in report.items()})
