// Search latency over an in-memory index of N entries × M messages (the index the app builds
// on the first query). Run: cd web && pnpm exec tsx bench/search.ts [--entries 1000] [--messages 20] [--runs 7]
import { createSearchIndex, type SearchDoc } from "../src/search/engine";

const args = process.argv.slice(2);
const opt = (k: string, d: number) => {
  const i = args.indexOf(`--${k}`);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const entries = opt("entries", 1000);
const messages = opt("messages", 20);
const runs = opt("runs", 7);

// A deterministic vocabulary of ~3,000 words with a Zipf-like spread, like real writing.
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const syll = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "da", "pe", "an", "or", "el", "im", "us"];
const vocab = Array.from(
  { length: 3000 },
  (_, i) =>
    syll[i % 15]! + syll[(i * 7) % 15]! + syll[(i * 11 + 3) % 15]! + (i > 225 ? syll[(i * 13) % 15] : ""),
);
const word = () => vocab[Math.floor(vocab.length * rand() ** 3)]!;
const sentence = (n: number) => Array.from({ length: n }, word).join(" ");
const common = ["work", "sleep", "anxious", "friend", "walk", "tired", "family", "lighthouse"];

const docs: SearchDoc[] = Array.from({ length: entries }, (_, e) => ({
  entryId: `e${e}`,
  title: sentence(4),
  createdAt: Date.UTC(2024, 0, 1) + e * 3_600_000 * 20,
  mood: (e % 5) + 1,
  tags: e % 7 === 0 ? ["work"] : [],
  messages: Array.from({ length: messages }, (_, m) => ({
    id: `e${e}m${m}`,
    sender: m % 2 ? ("guide" as const) : ("user" as const),
    text: `${sentence(12)} ${common[(e + m) % common.length]} ${sentence(14)}`,
  })),
}));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ix = createSearchIndex();
let t = performance.now();
for (const d of docs) ix.upsert(d);
const buildMs = performance.now() - t;

const queries = [
  { text: "lighthouse" },
  { text: "anxious work" },
  { text: "ka" },
  { text: "tired", moods: [1, 2] },
  { text: "sleep fri", tags: ["work"] },
  { text: vocab[500]! },
];
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
