/**
 * How the lexical safety net alone does on the project's own labelled corpus
 * (model/data/corpus/*.jsonl): recall on crisis rows, false positives on the rest.
 * Run from web/: `pnpm exec tsx src/guide/tools/gate-corpus-report.ts [fp|fn]`.
 * The model covers implicit language; this measures only the explicit-phrase net.
 */
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { lexicalMatch } from "../crisis-gate.js";

interface Row {
  text: string;
  crisis: 0 | 1;
  hard_negative?: boolean;
}

const dir = fileURLToPath(new URL("../../../../model/data/corpus/", import.meta.url));
const rows: Row[] = readdirSync(dir)
  .filter((f) => f.endsWith(".jsonl"))
  .flatMap((f) => readFileSync(dir + f, "utf8").split("\n"))
  .filter((l) => l.trim())
  .flatMap((l) => {
    try {
      return [JSON.parse(l) as Row];
    } catch {
      return [];
    }
  });

const show = process.argv[2];
let tp = 0;
let fn = 0;
let fp = 0;
let tn = 0;
let hardNeg = 0;
for (const r of rows) {
  const m = lexicalMatch(r.text);
  if (r.crisis === 1) {
    if (m) tp++;
    else {
      fn++;
      if (show === "fn") process.stdout.write(`FN ${r.text}\n`);
    }
  } else {
    if (r.hard_negative) hardNeg++;
    if (m) {
      fp++;
      if (show === "fp") process.stdout.write(`FP [${m}] ${r.text}\n`);
    } else tn++;
  }
}
process.stdout.write(
  `${JSON.stringify({
    rows: rows.length,
    crisisRows: tp + fn,
    lexicalRecall: +(tp / Math.max(1, tp + fn)).toFixed(3),
    falsePositives: fp,
    nonCrisisRows: fp + tn,
    falsePositiveRate: +(fp / Math.max(1, fp + tn)).toFixed(4),
    hardNegatives: hardNeg,
  })}\n`,
);
