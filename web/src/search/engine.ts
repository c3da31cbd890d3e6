/**
 * The in-memory full-text index: titles and messages (thought records are messages too),
 * ranked per entry. Lives only in memory while the journal is unlocked; nothing is persisted.
 *
 *   score(entry) = Σ over query words, over matching units (title, messages):
 *                  match weight × idf × tf / (tf + 1.2) × (3 for the title)
 *   every query word must match somewhere in the entry; ties go to the newer entry.
 * @remarks Prefix matching ("anx" → "anxious") lets results follow the typing; an exact word
 * counts more than a prefix. Terms are kept sorted so a prefix is a binary search.
 */
import { terms, tokens } from "./tokenize";

export interface SearchDoc {
  entryId: string;
  title: string;
  createdAt: number;
  mood?: number;
  tags: string[];
  messages: { id: string; text: string; sender: "user" | "guide" }[];
}

export interface SearchQuery {
  text: string;
  /** Inclusive bounds on the entry's creation time, ms since epoch. */
  from?: number;
  to?: number;
  /** Entry mood scores to keep (1–5); empty or absent keeps all. */
  moods?: number[];
  /** Keep entries with any of these tags. */
  tags?: string[];
  limit?: number;
}

export type Range = [start: number, end: number];

export interface SearchHit {
  entryId: string;
  title: string;
  createdAt: number;
  mood?: number;
  tags: string[];
  score: number;
  titleHighlights: Range[];
  /** The best-matching message, with a snippet around the match. */
  message?: { id: string; index: number; sender: "user" | "guide"; snippet: string; highlights: Range[] };
  /** Messages in the entry that match at least one query word. */
  matchingMessages: number;
}

export interface SearchResults {
  hits: SearchHit[];
  total: number;
}

export const TITLE_BOOST = 3;
export const PREFIX_WEIGHT = 0.5;
const K = 1.2;
const MAX_EXPANSIONS = 64;
const SNIPPET_CHARS = 160;

interface Unit {
  /** Slot of the entry in `slots` (numbers keep the scoring loop on typed arrays). */
  slot: number;
  /** -1 for the title, else the message's position. */
  index: number;
  terms: Map<string, number>;
}

export interface SearchIndex {
  upsert(doc: SearchDoc): void;
  remove(entryId: string): void;
  clear(): void;
  has(entryId: string): boolean;
  size(): number;
  search(q: SearchQuery): SearchResults;
  /** Every tag in the index, sorted. */
  tags(): string[];
}

export function createSearchIndex(): SearchIndex {
  const docs = new Map<string, SearchDoc>();
  const slotOf = new Map<string, number>();
  const slots: (SearchDoc | undefined)[] = [];
  const freeSlots: number[] = [];
  const units: (Unit | undefined)[] = [];
  const free: number[] = [];
  const unitsOf = new Map<string, number[]>();
  const postings = new Map<string, Map<number, number>>();
  const sorted: string[] = []; // every term in postings, sorted
  let live = 0;

  const lowerBound = (t: string) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  function addUnit(slot: number, index: number, text: string): number {
    const counts = new Map<string, number>();
    for (const t of terms(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
    const id = free.pop() ?? units.length;
    units[id] = { slot, index, terms: counts };
    live++;
    for (const [t, tf] of counts) {
      let p = postings.get(t);
      if (!p) {
        postings.set(t, (p = new Map()));
        sorted.splice(lowerBound(t), 0, t);
      }
      p.set(id, tf);
    }
    return id;
  }

  function removeUnit(id: number) {
    const u = units[id];
    if (!u) return;
    for (const t of u.terms.keys()) {
      const p = postings.get(t);
      p?.delete(id);
      if (p && p.size === 0) {
        postings.delete(t);
        sorted.splice(lowerBound(t), 1);
      }
    }
    units[id] = undefined;
    free.push(id);
    live--;
  }

  const index: SearchIndex = {
    upsert(doc) {
      index.remove(doc.entryId);
      docs.set(doc.entryId, doc);
      const slot = freeSlots.pop() ?? slots.length;
      slots[slot] = doc;
      slotOf.set(doc.entryId, slot);
      const ids = [addUnit(slot, -1, doc.title)];
      doc.messages.forEach((m, i) => ids.push(addUnit(slot, i, m.text)));
      unitsOf.set(doc.entryId, ids);
    },
    remove(entryId) {
      for (const id of unitsOf.get(entryId) ?? []) removeUnit(id);
      unitsOf.delete(entryId);
      docs.delete(entryId);
      const slot = slotOf.get(entryId);
      if (slot !== undefined) {
        slots[slot] = undefined;
        freeSlots.push(slot);
        slotOf.delete(entryId);
      }
    },
    clear() {
      docs.clear();
      slotOf.clear();
      slots.length = 0;
      freeSlots.length = 0;
      units.length = 0;
      free.length = 0;
      unitsOf.clear();
      postings.clear();
      sorted.length = 0;
      live = 0;
    },
    has: (id) => docs.has(id),
    size: () => docs.size,
    tags: () => [...new Set([...docs.values()].flatMap((d) => d.tags))].sort((a, b) => a.localeCompare(b)),

    search(q) {
      const words = [...new Set(terms(q.text))];
      const keep = filterOf(q);
      const limit = q.limit ?? 50;
      if (words.length === 0) {
        const all = [...docs.values()].filter(keep).sort((a, b) => b.createdAt - a.createdAt);
        return { total: all.length, hits: all.slice(0, limit).map((d) => plainHit(d)) };
      }
      // Per entry: summed score, which query words matched (bitmask), best message unit.
      const score = new Float64Array(slots.length);
      const mask = new Int32Array(slots.length);
      const unitScore = new Float64Array(units.length);
      const touched: number[] = [];
      words.forEach((w, wi) => {
        const bit = 1 << Math.min(wi, 30);
        for (const [term, weight] of expand(w)) {
          const p = postings.get(term)!;
          const idf = weight * Math.log(1 + live / p.size);
          for (const [uid, tf] of p) {
            const u = units[uid]!;
            const s = idf * (tf / (tf + K)) * (u.index < 0 ? TITLE_BOOST : 1);
            if (mask[u.slot] === 0) touched.push(u.slot);
            score[u.slot]! += s;
            mask[u.slot]! |= bit;
            unitScore[uid]! += s;
          }
        }
      });
      const full = words.length > 30 ? 0x7fffffff : (1 << words.length) - 1;
      const matched: { doc: SearchDoc; score: number }[] = [];
      for (const slot of touched) {
        if (mask[slot] !== full) continue;
        const doc = slots[slot]!;
        if (keep(doc)) matched.push({ doc, score: Math.round(score[slot]! * 1e9) / 1e9 });
      }
      matched.sort((a, b) => b.score - a.score || b.doc.createdAt - a.doc.createdAt);
      const hits = matched.slice(0, limit).map(({ doc, score: s }) => {
        let best = -1;
        let bestScore = -1;
        let count = 0;
        for (const uid of unitsOf.get(doc.entryId)!) {
          const us = unitScore[uid]!;
          if (us === 0 || units[uid]!.index < 0) continue;
          count++;
          if (us > bestScore) [best, bestScore] = [units[uid]!.index, us];
        }
        const hit = plainHit(doc, s, words);
        hit.matchingMessages = count;
        if (best >= 0) {
          const m = doc.messages[best]!;
          hit.message = { id: m.id, index: best, sender: m.sender, ...snippet(m.text, words) };
        }
        return hit;
      });
      return { total: matched.length, hits };
    },
  };

  /** Index terms a query word matches, with their weight: itself, then words it begins. */
  function expand(word: string): [string, number][] {
    const out: [string, number][] = [];
    if (postings.has(word)) out.push([word, 1]);
    if (word.length < 2) return out;
    for (let i = lowerBound(word); i < sorted.length && out.length < MAX_EXPANSIONS; i++) {
      const t = sorted[i]!;
      if (!t.startsWith(word)) break;
      if (t !== word) out.push([t, PREFIX_WEIGHT]);
    }
    return out;
  }

  return index;
}

function filterOf(q: SearchQuery): (d: SearchDoc) => boolean {
  const moods = q.moods?.length ? new Set(q.moods) : null;
  const tags = q.tags?.length ? q.tags : null;
  return (d) =>
    (q.from === undefined || d.createdAt >= q.from) &&
    (q.to === undefined || d.createdAt <= q.to) &&
    (!moods || (d.mood !== undefined && moods.has(d.mood))) &&
    (!tags || d.tags.some((t) => tags.includes(t)));
}

function plainHit(d: SearchDoc, score = 0, words: string[] = []): SearchHit {
  return {
    entryId: d.entryId,
    title: d.title,
    createdAt: d.createdAt,
    ...(d.mood !== undefined ? { mood: d.mood } : {}),
    tags: d.tags,
    score,
    titleHighlights: words.length ? highlights(d.title, words) : [],
    matchingMessages: 0,
  };
}

/** Where the query's words (or words they begin) occur in `text`. */
export function highlights(text: string, words: readonly string[]): Range[] {
  return tokens(text)
    .filter((t) => words.some((w) => t.term === w || (w.length >= 2 && t.term.startsWith(w))))
    .map((t) => [t.start, t.end] as Range);
}

/** Up to ~160 characters around the first match, cut at spaces, with shifted highlights. */
export function snippet(text: string, words: readonly string[]): { snippet: string; highlights: Range[] } {
  const all = highlights(text, words);
  if (text.length <= SNIPPET_CHARS) return { snippet: text, highlights: all };
  const first = all[0]?.[0] ?? 0;
  let start = Math.max(0, first - 50);
  if (start > 0) {
    const space = text.indexOf(" ", start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  let end = Math.min(text.length, start + SNIPPET_CHARS);
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    if (space > first) end = space;
  }
  const pre = start > 0 ? "…" : "";
  const shift = pre.length - start;
  return {
    snippet: `${pre}${text.slice(start, end)}${end < text.length ? "…" : ""}`,
    highlights: all
      .filter(([s, e]) => s >= start && e <= end)
      .map(([s, e]) => [s + shift, e + shift] as Range),
  };
}
