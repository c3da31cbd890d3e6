// Deterministic fixture for the search benchmarks (Node and Chromium).
import type { SearchDoc, SearchQuery } from "../src/search/engine";

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

export function makeDocs(entries: number, messages: number): SearchDoc[] {
  return Array.from({ length: entries }, (_, e) => ({
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
}

export const QUERIES: SearchQuery[] = [
  { text: "lighthouse" },
  { text: "anxious work" },
  { text: "ka" },
  { text: "tired", moods: [1, 2] },
  { text: "sleep fri", tags: ["work"] },
  { text: vocab[500]! },
];
