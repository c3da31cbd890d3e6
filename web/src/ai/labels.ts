/**
 * labels.json, written by model/ next to the ONNX file: which slice of the 25 logits is
 * which head, the calibration temperature per head and the thresholds chosen on the
 * validation split. Parsed strictly: a model folder that does not say this fails loudly.
 */
import { EMOTIONS, PHASES, TRAPS, type Emotion, type Trap } from "@ventwell/shared";

export interface HeadSpec {
  start: number;
  size: number;
  temperature: number;
  labels: readonly string[];
}

export interface ModelLabels {
  version: string;
  maxLength: number;
  heads: { phase: HeadSpec; crisis: HeadSpec; emotions: HeadSpec; traps: HeadSpec };
  thresholds: { crisis: number; emotions: Record<Emotion, number>; traps: Record<Trap, number> };
}

type Json = Record<string, unknown>;

function fail(msg: string): never {
  throw new Error(`labels.json: ${msg}`);
}

function obj(v: unknown, what: string): Json {
  if (!v || typeof v !== "object" || Array.isArray(v)) fail(`${what} must be an object`);
  return v as Json;
}

function num(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isFinite(v)) fail(`${what} must be a number`);
  return v;
}

function head(raw: Json, name: string, expected: readonly string[]): HeadSpec {
  const h = obj(raw[name], `heads.${name}`);
  const labels = (h.labels ?? expected) as unknown;
  if (!Array.isArray(labels) || labels.join() !== expected.join()) fail(`heads.${name}.labels must be ${expected.join(",")}`);
  const start = num(h.start ?? h.offset, `heads.${name}.start`);
  const size = num(h.size ?? labels.length, `heads.${name}.size`);
  if (size !== expected.length) fail(`heads.${name}.size must be ${expected.length}`);
  const temperature = h.temperature === undefined ? 1 : num(h.temperature, `heads.${name}.temperature`);
  return { start, size, temperature, labels: expected };
}

function perLabel<L extends string>(v: unknown, names: readonly L[], what: string): Record<L, number> {
  if (typeof v === "number") return Object.fromEntries(names.map((n) => [n, v])) as Record<L, number>;
  const o = obj(v, what);
  return Object.fromEntries(names.map((n) => [n, num(o[n], `${what}.${n}`)])) as Record<L, number>;
}

export function parseModelLabels(raw: unknown): ModelLabels {
  const r = obj(raw, "labels.json");
  const heads = obj(r.heads, "heads");
  const t = obj(r.thresholds, "thresholds");
  return {
    version: String(r.version ?? r.model_version ?? "unknown"),
    maxLength: r.max_length === undefined ? 128 : num(r.max_length, "max_length"),
    heads: {
      phase: head(heads, "phase", PHASES),
      crisis: head(heads, "crisis", ["crisis"]),
      emotions: head(heads, "emotions", EMOTIONS),
      traps: head(heads, "traps", TRAPS),
    },
    thresholds: {
      crisis: num(t.crisis, "thresholds.crisis"),
      emotions: perLabel(t.emotions, EMOTIONS, "thresholds.emotions"),
      traps: perLabel(t.traps, TRAPS, "thresholds.traps"),
    },
  };
}
