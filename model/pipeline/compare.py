"""Compare model folders on the VALIDATION split (never the test split), through metrics.full_report.

    cd model && .venv/bin/python pipeline/compare.py /tmp/old-model ../web/public/models/ventwell-guide

A folder needs labels.json, tokenizer.json and onnx/model_quantized.onnx (an old one: `git show`).
"""
import json
import sys
from pathlib import Path

MODEL = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from data import load_corpus
from encoder import load_tokenizer
from export import session, run_onnx
from metrics import full_report
rows = load_corpus(MODEL / 'data' / 'corpus')
split = json.load(open(MODEL / 'data' / 'split.json'))['assignment']
val = [r for r in rows if split[r['id']] == 'validation']
for folder in map(Path, sys.argv[1:]):
    lab = json.load(open(folder / 'labels.json'))
    heads = {h['name']: h for h in lab['heads']} if isinstance(lab['heads'], list) else lab['heads']
    th = {'crisis': heads['crisis']['threshold'], 'emotions': heads['emotions']['thresholds'], 'traps': heads['traps']['thresholds']}
    tok = load_tokenizer(folder / 'tokenizer.json')
    rep = full_report(run_onnx(session(folder / 'onnx' / 'model_quantized.onnx'), tok, [r['text'] for r in val], batch_size=16), val, th)
    c = rep['crisis']
    print(folder, 'VALIDATION', {k: round(c[k], 3) for k in ('threshold','recall','precision','false_positive_rate','hard_negative_false_positive_rate','average_precision')},
          'phase', round(rep['phase']['macro_f1'],3), 'emo', round(rep['emotions']['micro_f1'],3), 'traps', round(rep['traps']['micro_f1'],3))
