// Search latency over an in-memory index of N entries × M messages (the index the app builds
// on the first query). Run: cd web && pnpm exec tsx bench/search.ts [--entries 1000] [--messages 20] [--runs 7]
import { createSearchIndex } from "../src/search/engine";
import { makeDocs, QUERIES } from "./search-data";

const args = process.argv.slice(2);
const opt = (k: string, d: number) => {
  const i = args.indexOf(`--${k}`);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const entries = opt("entries", 1000);
const messages = opt("messages", 20);
const runs = opt("runs", 7);

const docs = makeDocs(entries, messages);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ix = createSearchIndex();
let t = performance.now();
for (const d of docs) ix.upsert(d);
const buildMs = performance.now() - t;

const queries = QUERIES;
const out: Record<string, unknown> = {
  entries,
  messages,
  units: entries * (messages + 1),
  buildMs: Math.round(buildMs),
};
for (const q of queries) {
  ix.search(q); // the first query after the build
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    const r = ix.search(q);
    times.push(performance.now() - t);
    if (i === 0) out[`hits "${q.text}"`] = r.total;
  }
  out[`ms "${q.text}"${q.moods ? " +mood" : ""}${q.tags ? " +tag" : ""}`] = {
    median: +median(times).toFixed(2),
    max: +Math.max(...times).toFixed(2),
  };
}
t = performance.now();
ix.upsert({
  ...docs[3]!,
  messages: [...docs[3]!.messages, { id: "new", sender: "user", text: "a brand new lighthouse thought" }],
});
out["incremental upsert of one entry, ms"] = +(performance.now() - t).toFixed(2);
console.log(JSON.stringify(out, null, 2));
