/**
 * `pnpm analyze`: JSON lines `{ "text": "...", "history": [...]? }` on stdin, one result
 * line per input on stdout, in order — the seed design's /analyze contract, run locally.
 * A malformed line gets an error line in its place; the stream goes on.
 */
import { createInterface } from "node:readline";
import { loadNodeClassifier } from "./node.js";
import { analyzeOne, parseAnalyzeLine } from "./analyze.js";

async function main(): Promise<void> {
  const classifier = await loadNodeClassifier();
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (line.trim() === "") continue;
    const parsed = parseAnalyzeLine(line);
    if ("error" in parsed) {
      process.stdout.write(
        `${JSON.stringify({ error: { code: "bad_input", message: parsed.error, line: n } })}\n`,
      );
      continue;
    }
    try {
      const r = await analyzeOne(classifier, parsed);
      const out = {
        phase: r.phase,
        is_crisis: r.is_crisis,
        response_text: r.response_text,
        classifier: r.classifier,
      };
      process.stdout.write(`${JSON.stringify(out)}\n`);
    } catch (err) {
      const message = err instanceof Error ? err.message : "analysis failed";
      process.stdout.write(`${JSON.stringify({ error: { code: "analyze_failed", message, line: n } })}\n`);
    }
  }
}

main().catch((err: unknown) => {
  console.error(`analyze: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
