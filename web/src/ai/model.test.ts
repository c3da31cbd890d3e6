/**
 * Loads the committed model through the same module the app uses (transformers.js,
 * int8 ONNX, no remote loading), reproduces metrics.json on the committed test split,
 * and checks that it reports honestly against the project's minimums.
 */
import { readFileSync, statSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { EMOTIONS, PHASES, TRAPS, type ClassifierOutput, type Phase } from "@ventwell/shared";
import { loadNodeClassifier, MODEL_DIR } from "./node.js";
import { argmaxPhase, type Classifier } from "./classifier.js";
import { guideThresholds } from "./analyze.js";
import { wholeMessageThreshold } from "../guide/crisis-gate.js";

const TEST_SPLIT = fileURLToPath(new URL("../../../model/data/test.jsonl", import.meta.url));
const SHORT_PROBE = fileURLToPath(new URL("../../../model/data/probes/short.jsonl", import.meta.url));
const MIXED_TEST = fileURLToPath(new URL("../../../model/data/test-mixed.jsonl", import.meta.url));

interface Row {
  text: string;
  crisis: 0 | 1;
  hard_negative: boolean;
  phase: Phase;
  emotions: string[];
  traps: string[];
}

const rows: Row[] = readJsonl<Row>(TEST_SPLIT);
const metrics = JSON.parse(readFileSync(path.join(MODEL_DIR, "metrics.json"), "utf8"));

interface GateRow {
  text: string;
  crisis: 0 | 1;
  hard_negative: boolean;
}
interface GateCounts {
  rows: number;
  recall: number;
  hard_negative_false_positive_rate: number;
  ordinary_false_positive_rate: number;
}
function readJsonl<T>(file: string): T[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
const f1 = ({ tp, fp, fn }: Counts) => (2 * tp + fp + fn === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
const precision = ({ tp, fp }: Counts) => (tp + fp === 0 ? 0 : tp / (tp + fp));
const recall = ({ tp, fn }: Counts) => (tp + fn === 0 ? 0 : tp / (tp + fn));

function multiLabel(
  preds: ClassifierOutput[],
  head: "emotions" | "traps",
  labels: readonly string[],
  thresholds: Record<string, number>,
) {
  const per = new Map<string, Counts>(labels.map((l) => [l, { tp: 0, fp: 0, fn: 0 }]));
  preds.forEach((p, i) => {
    const gold = new Set(rows[i]![head]);
    for (const l of labels) {
      const c = per.get(l)!;
      const predicted = (p[head] as Record<string, number>)[l]! >= thresholds[l]!;
      if (predicted && gold.has(l)) c.tp++;
      else if (predicted) c.fp++;
      else if (gold.has(l)) c.fn++;
    }
  });
  const sum = [...per.values()].reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), {
    tp: 0,
    fp: 0,
    fn: 0,
  });
  return { micro_f1: f1(sum), macro_f1: [...per.values()].reduce((a, c) => a + f1(c), 0) / labels.length };
}

describe("the committed model", () => {
  let classifier: Classifier;
  let preds: ClassifierOutput[];

  beforeAll(async () => {
    classifier = await loadNodeClassifier();
    preds = [];
    for (const r of rows) preds.push(await classifier.classify(r.text)); // batch size 1, file order
  }, 300_000);

  it("is the version metrics.json describes, and the folder stays under 25 MB", () => {
    expect(classifier.labels.version).toBe(metrics.model_version);
    const size = (dir: string): number =>
      readdirSync(dir, { withFileTypes: true }).reduce(
        (s, d) =>
          s + (d.isDirectory() ? size(path.join(dir, d.name)) : statSync(path.join(dir, d.name)).size),
        0,
      );
    expect(size(MODEL_DIR)).toBeLessThanOrEqual(25 * 1024 * 1024);
  });

  it("reproduces metrics.json on the test split within 0.01", () => {
    const t = classifier.labels.thresholds;
    const crisis: Counts = { tp: 0, fp: 0, fn: 0 };
    let hardFp = 0;
    let hardRows = 0;
    let ordinaryFp = 0;
    let ordinaryRows = 0;
    preds.forEach((p, i) => {
      const r = rows[i]!;
      const fired = p.crisis >= t.crisis;
      if (fired && r.crisis === 1) crisis.tp++;
      else if (fired) crisis.fp++;
      else if (r.crisis === 1) crisis.fn++;
      if (r.hard_negative) {
        hardRows++;
        if (fired) hardFp++;
      } else if (r.crisis === 0) {
        ordinaryRows++;
        if (fired) ordinaryFp++;
      }
    });
    const phaseCounts = new Map<Phase, Counts>(PHASES.map((p) => [p, { tp: 0, fp: 0, fn: 0 }]));
    preds.forEach((p, i) => {
      const gold = rows[i]!.phase;
      const pred = argmaxPhase(p);
      if (pred === gold) phaseCounts.get(gold)!.tp++;
      else {
        phaseCounts.get(pred)!.fp++;
        phaseCounts.get(gold)!.fn++;
      }
    });
    const phaseMacro = [...phaseCounts.values()].reduce((a, c) => a + f1(c), 0) / PHASES.length;
    const emotions = multiLabel(preds, "emotions", EMOTIONS, t.emotions);
    const traps = multiLabel(preds, "traps", TRAPS, t.traps);

    expect(recall(crisis)).toBeCloseTo(metrics.crisis.recall, 2);
    expect(Math.abs(recall(crisis) - metrics.crisis.recall)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(precision(crisis) - metrics.crisis.precision)).toBeLessThanOrEqual(0.01);
    expect(
      Math.abs(hardFp / hardRows - metrics.crisis.hard_negative_false_positive_rate),
    ).toBeLessThanOrEqual(0.01);
    expect(
      Math.abs(ordinaryFp / ordinaryRows - metrics.crisis.ordinary_false_positive_rate),
    ).toBeLessThanOrEqual(0.01);
    expect(Math.abs(phaseMacro - metrics.phase.macro_f1)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(emotions.micro_f1 - metrics.emotions.micro_f1)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(traps.micro_f1 - metrics.traps.micro_f1)).toBeLessThanOrEqual(0.01);
  });

  // The minimums. While the model misses some, issue 3 stays open: this test checks
  // that metrics.json (and so the model card) states exactly which are met, and names the gap.
  it("states honestly which of the project's minimums the model meets", () => {
    const m = metrics.minimums as Record<string, { value: number; meets_minimum: boolean }>;
    const checks: [string, number, (v: number) => boolean][] = [
      ["crisis_recall", metrics.crisis.recall, (v) => v >= 0.97],
      ["crisis_precision", metrics.crisis.precision, (v) => v >= 0.85],
      ["hard_negative_fpr", metrics.crisis.hard_negative_false_positive_rate, (v) => v <= 0.05],
      ["phase_macro_f1", metrics.phase.macro_f1, (v) => v >= 0.85],
      ["traps_micro_f1", metrics.traps.micro_f1, (v) => v >= 0.6],
      ["emotions_micro_f1", metrics.emotions.micro_f1, (v) => v >= 0.7],
    ];
    const unmet: string[] = [];
    for (const [name, value, ok] of checks) {
      expect(m[name], `metrics.json minimums.${name}`).toBeDefined();
      expect(Math.abs(m[name]!.value - value)).toBeLessThanOrEqual(0.001);
      expect(m[name]!.meets_minimum, `minimums.${name}.meets_minimum`).toBe(ok(value));
      if (!ok(value)) unmet.push(`${name}=${value.toFixed(3)}`);
    }
    if (unmet.length) console.warn(`model below the project's minimums (issue 3 open): ${unmet.join(", ")}`);
  });

  // The held-out probe of short messages (model/data/probes/README.md): per kind, how many
  // cross the crisis threshold. Reproduced here through transformers.js, like the test split.
  it("reproduces metrics.json's held-out probe of short messages", async () => {
    const probe = readJsonl<{ text: string; crisis: 0 | 1; kind: string }>(SHORT_PROBE);
    const expected = metrics.probe_short as Record<
      string,
      { rows: number; crisis_fired: number; rate: number }
    >;
    expect(Object.keys(expected).sort()).toEqual([...new Set(probe.map((r) => r.kind))].sort());
    const fired = new Map<string, number>();
    for (const r of probe) {
      const out = await classifier.classify(r.text);
      if (classifier.isCrisis(out)) fired.set(r.kind, (fired.get(r.kind) ?? 0) + 1);
    }
    for (const [kind, e] of Object.entries(expected)) {
      expect(probe.filter((r) => r.kind === kind).length, kind).toBe(e.rows);
      expect(Math.abs((fired.get(kind) ?? 0) / e.rows - e.rate), kind).toBeLessThanOrEqual(0.01 + 1 / e.rows);
    }
  }, 120_000);

  // Mixed messages (model/pipeline/mixed.py): each test row with an ordinary test message before
  // or after it, as people write ("Long day, the meeting ran over. I'm so tired of being alive.").
  it("reproduces metrics.json on mixed messages", async () => {
    const mixed = readJsonl<GateRow>(MIXED_TEST);
    const e = metrics.mixed_test as {
      rows: number;
      recall: number;
      hard_negative_false_positive_rate: number;
      ordinary_false_positive_rate: number;
    };
    expect(mixed.length).toBe(e.rows);
    const fired: boolean[] = [];
    for (const r of mixed) fired.push(classifier.isCrisis(await classifier.classify(r.text)));
    // Within 0.01 plus one row of the group (int8 arithmetic differs a little between runtimes).
    const expectRate = (keep: (r: (typeof mixed)[number]) => boolean, expected: number, what: string) => {
      const idx = mixed.map((r, i) => (keep(r) ? i : -1)).filter((i) => i >= 0);
      const got = idx.filter((i) => fired[i]).length / idx.length;
      expect(Math.abs(got - expected), what).toBeLessThanOrEqual(0.01 + 1 / idx.length);
    };
    expectRate((r) => r.crisis === 1, e.recall, "recall");
    expectRate((r) => r.hard_negative, e.hard_negative_false_positive_rate, "hard negatives");
    expectRate((r) => r.crisis === 0 && !r.hard_negative, e.ordinary_false_positive_rate, "ordinary");
  }, 120_000);

  // The app's crisis gate (model/pipeline/gate.py): the whole message, or one sentence of a
  // message of two or more scored alone, through classifyLong and the guide's thresholds: what
  // the worker runs on every message (the lexical net, on top, is tested in guide/).
  it("reproduces metrics.json's crisis gate: the whole message (a short one's own threshold) or one sentence", async () => {
    const g = metrics.crisis_gate as {
      threshold: number;
      sentence_threshold: number;
      short_threshold: number;
      short_words: number;
      test: GateCounts;
      mixed_test: GateCounts;
      probe_short: Record<string, { rows: number; rate: number }>;
    };
    expect(classifier.labels.gate).toEqual({
      crisis: g.threshold,
      sentence: g.sentence_threshold,
      short: { threshold: g.short_threshold, words: g.short_words },
    });
    const t = guideThresholds(classifier.labels);
    const fires = async (text: string) => {
      const o = await classifier.classifyLong(text);
      const whole = wholeMessageThreshold(text, t.crisis, t.crisisShort);
      return o.crisis >= whole || (o.crisis_sentence ?? -1) >= t.crisisSentence!;
    };
    const check = async (set: GateRow[], e: GateCounts, what: string) => {
      expect(set.length, what).toBe(e.rows);
      const fired: boolean[] = [];
      for (const r of set) fired.push(await fires(r.text));
      const rate = (keep: (r: GateRow) => boolean) => {
        const idx = set.map((r, i) => (keep(r) ? i : -1)).filter((i) => i >= 0);
        return { got: idx.filter((i) => fired[i]).length / idx.length, n: idx.length };
      };
      for (const [keep, expected, name] of [
        [(r: GateRow) => r.crisis === 1, e.recall, "recall"],
        [(r: GateRow) => r.hard_negative, e.hard_negative_false_positive_rate, "hard negatives"],
        [(r: GateRow) => r.crisis === 0 && !r.hard_negative, e.ordinary_false_positive_rate, "ordinary"],
      ] as const) {
        const { got, n } = rate(keep);
        // Within 0.01 plus one row of the group (int8 arithmetic differs a little between runtimes).
        expect(Math.abs(got - expected), `${what} ${name}`).toBeLessThanOrEqual(0.01 + 1 / n);
      }
    };
    await check(rows, g.test, "test");
    await check(readJsonl<GateRow>(MIXED_TEST), g.mixed_test, "mixed");
    const probe = readJsonl<GateRow & { kind: string }>(SHORT_PROBE);
    for (const [kind, e] of Object.entries(g.probe_short)) {
      const set = probe.filter((r) => r.kind === kind);
      let n = 0;
      for (const r of set) if (await fires(r.text)) n++;
      expect(set.length, kind).toBe(e.rows);
      expect(Math.abs(n / e.rows - e.rate), kind).toBeLessThanOrEqual(0.01 + 1 / e.rows);
    }
  }, 300_000);

  it("tells an idiom from a crisis", async () => {
    const idiom = await classifier.classify("this exam is literally killing me, three more to go");
    const crisis = await classifier.classify(
      "I've been saving my pills and I know when I'm going to take them all",
    );
    expect(classifier.isCrisis(idiom)).toBe(false);
    expect(classifier.isCrisis(crisis)).toBe(true);
  });
});
