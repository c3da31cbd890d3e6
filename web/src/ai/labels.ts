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
  /**
   * The app's crisis gate on the model (model/pipeline/gate.py), when labels.json has one: it
   * fires when the whole message's probability >= `crisis` (`short.threshold` for a one-sentence
   * message of at most `short.words` words, when the model ships one), or one sentence's >= `sentence`.
   */
  gate?: { crisis: number; sentence: number; short?: { threshold: number; words: number } };
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

function head(raw: Json, name: string, expected: readonly string[], inGraph: boolean, temps: Json): HeadSpec {
  const h = obj(raw[name], `heads.${name}`);
  const labels = (h.labels ?? expected) as unknown;
  if (!Array.isArray(labels) || labels.join() !== expected.join())
    fail(`heads.${name}.labels must be ${expected.join(",")}`);
  // Two shapes: { start, size } or { slice: [start, end] } (what model/ writes).
  let start: number;
  let size: number;
  if (Array.isArray(h.slice)) {
    start = num(h.slice[0], `heads.${name}.slice[0]`);
    size = num(h.slice[1], `heads.${name}.slice[1]`) - start;
  } else {
    start = num(h.start ?? h.offset, `heads.${name}.start`);
    size = num(h.size ?? labels.length, `heads.${name}.size`);
  }
  if (size !== expected.length) fail(`heads.${name}.size must be ${expected.length}`);
  // Calibration applied in the graph: the logits are already divided by the temperature.
  const t = inGraph ? undefined : (h.temperature ?? temps[name]);
  const temperature = t === undefined ? 1 : num(t, `heads.${name}.temperature`);
  return { start, size, temperature, labels: expected };
}

function perLabel<L extends string>(v: unknown, names: readonly L[], what: string): Record<L, number> {
  const o = obj(v, what);
  return Object.fromEntries(names.map((n) => [n, num(o[n], `${what}.${n}`)])) as Record<L, number>;
}

export function parseModelLabels(raw: unknown): ModelLabels {
  const r = obj(raw, "labels.json");
  const heads = obj(r.heads, "heads");
  const cal = r.calibration === undefined ? {} : obj(r.calibration, "calibration");
  const inGraph = cal.applied === "in_graph";
  const temps = cal.temperatures === undefined ? {} : obj(cal.temperatures, "calibration.temperatures");
  // Thresholds either in one "thresholds" object or inside each head (what model/ writes).
  const t: Json =
    r.thresholds !== undefined
      ? obj(r.thresholds, "thresholds")
      : {
          crisis: obj(heads.crisis, "heads.crisis").threshold,
          emotions: obj(heads.emotions, "heads.emotions").thresholds,
          traps: obj(heads.traps, "heads.traps").thresholds,
        };
  const crisisHead = obj(heads.crisis, "heads.crisis");
  const gate = crisisHead.gate === undefined ? undefined : obj(crisisHead.gate, "heads.crisis.gate");
  return {
    version: String(r.model_version ?? "unknown"),
    maxLength: r.max_length === undefined ? 128 : num(r.max_length, "max_length"),
    heads: {
      phase: head(heads, "phase", PHASES, inGraph, temps),
      crisis: head(heads, "crisis", ["crisis"], inGraph, temps),
      emotions: head(heads, "emotions", EMOTIONS, inGraph, temps),
      traps: head(heads, "traps", TRAPS, inGraph, temps),
    },
    thresholds: {
      crisis: num(t.crisis, "heads.crisis.threshold"),
      emotions: perLabel(t.emotions, EMOTIONS, "heads.emotions.thresholds"),
      traps: perLabel(t.traps, TRAPS, "heads.traps.thresholds"),
    },
    ...(gate
      ? {
          gate: {
            crisis: num(gate.threshold, "heads.crisis.gate.threshold"),
            sentence: num(gate.sentence_threshold, "heads.crisis.gate.sentence_threshold"),
            ...shortGate(gate),
          },
        }
      : {}),
  };
}

/** heads.crisis.gate.short_threshold and short_words: both or neither. */
function shortGate(gate: Json): { short?: { threshold: number; words: number } } {
  if (gate.short_threshold === undefined && gate.short_words === undefined) return {};
  const threshold = num(gate.short_threshold, "heads.crisis.gate.short_threshold");
  const words = num(gate.short_words, "heads.crisis.gate.short_words");
  if (!Number.isInteger(words) || words < 1) fail("heads.crisis.gate.short_words must be a positive integer");
  return { short: { threshold, words } };
}
