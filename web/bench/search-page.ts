// Search latency in the browser: build the index over N × M messages, then time queries.
import { createSearchIndex } from "../src/search/engine";
import { makeDocs, QUERIES } from "./search-data";

async function run(entries: number, messages: number, runs: number) {
  const docs = makeDocs(entries, messages);
  const ix = createSearchIndex();
  let t = performance.now();
  for (const d of docs) ix.upsert(d);
  const buildMs = performance.now() - t;
  const queries: Record<string, number[]> = {};
  for (const q of QUERIES) {
    ix.search(q); // the first query after the build
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      t = performance.now();
      ix.search(q);
      times.push(performance.now() - t);
    }
    queries[`${q.text}${q.moods ? " +mood" : ""}${q.tags ? " +tag" : ""}`] = times;
  }
  return { buildMs, queries };
}

(globalThis as unknown as { bench: unknown }).bench = { run };
document.title = "ready";
