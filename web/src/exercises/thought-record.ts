/**
 * The CBT thought record, saved as an ordinary (encrypted) journal entry so that it syncs,
 * exports (JSON/Markdown) and is searchable like any other writing.
 *
 * Stored shape — one entry per record:
 *   title    "Thought record: <start of the situation>"
 *   tags     ["thought-record"]
 *   messages one `user` message per filled field, each "<Label>: <value>", in this order:
 *            Situation · Automatic thought · Emotion ("<word> — <n>/100") · Thinking traps
 *            ("<title>; <title>") · Evidence for · Evidence against · Balanced thought ·
 *            Emotion now ("<word> — <n>/100")
 * @remarks Each field is its own message so a search hit opens at the field it matched, and
 * the labels make the entry readable in any export without VentWell.
 */
import { TRAPS, type Trap } from "@ventwell/shared";
import type { Entry, EntrySummary, Journal } from "../app-contract";
import { TRAP_INFO, trapByTitle } from "./traps";

export const THOUGHT_RECORD_TAG = "thought-record";
export const THOUGHT_RECORD_TITLE = "Thought record";
export const MAX_FIELD_CHARS = 5_000;
export const MAX_EMOTION_CHARS = 60;

/** What the person fills in (everything but the situation, thought and first rating is optional). */
export interface ThoughtRecordInput {
  situation: string;
  automaticThought: string;
  /** One emotion word or short phrase, e.g. "anxious". */
  emotion: string;
  /** How strong the emotion was, 0–100. */
  intensityBefore: number;
  traps: Trap[];
  evidenceFor: string;
  evidenceAgainst: string;
  balancedThought: string;
  /** The same emotion re-rated after the balanced thought, 0–100. */
  intensityAfter?: number;
}

/** A saved record: the input plus the journal entry that holds it. */
export interface ThoughtRecord extends ThoughtRecordInput {
  entryId: string;
  createdAt: number;
}

export type ThoughtRecordField = keyof ThoughtRecordInput;
export type ThoughtRecordProblems = Partial<Record<ThoughtRecordField, string>>;

export const emptyThoughtRecord = (): ThoughtRecordInput => ({
  situation: "",
  automaticThought: "",
  emotion: "",
  intensityBefore: 50,
  traps: [],
  evidenceFor: "",
  evidenceAgainst: "",
  balancedThought: "",
});

const LABELS = {
  situation: "Situation",
  automaticThought: "Automatic thought",
  emotion: "Emotion",
  traps: "Thinking traps",
  evidenceFor: "Evidence for",
  evidenceAgainst: "Evidence against",
  balancedThought: "Balanced thought",
  after: "Emotion now",
} as const;

const isIntensity = (n: unknown): n is number =>
  typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= 100;

/** Field problems in plain words; an empty object means the record can be saved. */
export function checkThoughtRecord(r: ThoughtRecordInput): ThoughtRecordProblems {
  const p: ThoughtRecordProblems = {};
  const text = (
    k: "situation" | "automaticThought" | "evidenceFor" | "evidenceAgainst" | "balancedThought",
  ) => typeof r[k] === "string" && r[k].length <= MAX_FIELD_CHARS;
  if (!text("situation") || !r.situation.trim()) p.situation = "Describe the situation in a few words.";
  if (!text("automaticThought") || !r.automaticThought.trim())
    p.automaticThought = "Write down the thought that went through your mind.";
  const emotion = typeof r.emotion === "string" ? r.emotion.trim() : "";
  if (!emotion) p.emotion = "Name the emotion, in one word if you can.";
  else if (emotion.length > MAX_EMOTION_CHARS || /[\n\r]/.test(emotion))
    p.emotion = `Keep the emotion to a word or short phrase (up to ${MAX_EMOTION_CHARS} characters).`;
  if (!isIntensity(r.intensityBefore)) p.intensityBefore = "Rate how strong it was, from 0 to 100.";
  if (!Array.isArray(r.traps) || r.traps.some((t) => !(TRAPS as readonly string[]).includes(t)))
    p.traps = "Pick thinking traps from the list.";
  for (const k of ["evidenceFor", "evidenceAgainst", "balancedThought"] as const)
    if (!text(k)) p[k] = `Keep this under ${MAX_FIELD_CHARS} characters.`;
  if (r.intensityAfter !== undefined && !isIntensity(r.intensityAfter))
    p.intensityAfter = "Rate how strong it is now, from 0 to 100.";
  return p;
}

/** Trims text, de-duplicates traps (catalogue order); throws with the first problem. */
export function normalizeThoughtRecord(r: ThoughtRecordInput): ThoughtRecordInput {
  const problems = checkThoughtRecord(r);
  const first = Object.values(problems)[0];
  if (first) throw new Error(first);
  const out: ThoughtRecordInput = {
    situation: r.situation.trim(),
    automaticThought: r.automaticThought.trim(),
    emotion: r.emotion.trim(),
    intensityBefore: r.intensityBefore,
    traps: TRAPS.filter((t) => r.traps.includes(t)),
    evidenceFor: r.evidenceFor.trim(),
    evidenceAgainst: r.evidenceAgainst.trim(),
    balancedThought: r.balancedThought.trim(),
  };
  if (r.intensityAfter !== undefined) out.intensityAfter = r.intensityAfter;
  return out;
}

const rating = (emotion: string, n: number) => `${emotion} — ${n}/100`;

export function thoughtRecordTitle(r: ThoughtRecordInput): string {
  const s = r.situation.trim().replace(/\s+/g, " ");
  return `${THOUGHT_RECORD_TITLE}: ${s.length > 60 ? `${s.slice(0, 59)}…` : s}`;
}

/** The messages that hold a record, in order (see the module comment). */
export function thoughtRecordMessages(input: ThoughtRecordInput): string[] {
  const r = normalizeThoughtRecord(input);
  const out = [
    `${LABELS.situation}: ${r.situation}`,
    `${LABELS.automaticThought}: ${r.automaticThought}`,
    `${LABELS.emotion}: ${rating(r.emotion, r.intensityBefore)}`,
  ];
  if (r.traps.length) out.push(`${LABELS.traps}: ${r.traps.map((t) => TRAP_INFO[t].title).join("; ")}`);
  if (r.evidenceFor) out.push(`${LABELS.evidenceFor}: ${r.evidenceFor}`);
  if (r.evidenceAgainst) out.push(`${LABELS.evidenceAgainst}: ${r.evidenceAgainst}`);
  if (r.balancedThought) out.push(`${LABELS.balancedThought}: ${r.balancedThought}`);
  if (r.intensityAfter !== undefined) out.push(`${LABELS.after}: ${rating(r.emotion, r.intensityAfter)}`);
  return out;
}

function parseRating(v: string): { emotion: string; n: number } | undefined {
  const m = /^([\s\S]*) — (\d{1,3})\/100$/.exec(v);
  if (!m) return undefined;
  const n = Number(m[2]);
  return isIntensity(n) ? { emotion: m[1]!.trim(), n } : undefined;
}

/** Reads a record back from its entry; `undefined` for entries that aren't thought records. */
export function thoughtRecordFromEntry(entry: Entry): ThoughtRecord | undefined {
  if (!entry.tags.includes(THOUGHT_RECORD_TAG)) return undefined;
  const fields = new Map<string, string>();
  for (const m of entry.messages) {
    if (m.sender !== "user") continue;
    const i = m.text.indexOf(": ");
    if (i < 0) continue;
    const label = m.text.slice(0, i);
    // The first message with a label wins: later messages are the person's own follow-ups.
    if (!fields.has(label)) fields.set(label, m.text.slice(i + 2));
  }
  const before = parseRating(fields.get(LABELS.emotion) ?? "");
  const situation = fields.get(LABELS.situation);
  const automaticThought = fields.get(LABELS.automaticThought);
  if (!before || situation === undefined || automaticThought === undefined) return undefined;
  const after = parseRating(fields.get(LABELS.after) ?? "");
  const traps = (fields.get(LABELS.traps) ?? "")
    .split(";")
    .map(trapByTitle)
    .filter((t): t is Trap => t !== undefined);
  const record: ThoughtRecord = {
    entryId: entry.id,
    createdAt: entry.createdAt,
    situation,
    automaticThought,
    emotion: before.emotion,
    intensityBefore: before.n,
    traps,
    evidenceFor: fields.get(LABELS.evidenceFor) ?? "",
    evidenceAgainst: fields.get(LABELS.evidenceAgainst) ?? "",
    balancedThought: fields.get(LABELS.balancedThought) ?? "",
  };
  if (after) record.intensityAfter = after.n;
  return record;
}

export type ThoughtRecordJournal = Pick<Journal, "create" | "addMessage" | "get" | "list"> & {
  setTags?: Journal["setTags"];
};

/** Validates, then writes the record as a new journal entry; returns the entry id. */
export async function saveThoughtRecord(
  journal: ThoughtRecordJournal,
  input: ThoughtRecordInput,
): Promise<string> {
  const messages = thoughtRecordMessages(input); // throws before anything is written
  if (!journal.setTags)
    throw new Error("This journal can't tag entries, so a thought record can't be saved.");
  const id = await journal.create(thoughtRecordTitle(input));
  await journal.setTags(id, [THOUGHT_RECORD_TAG]);
  for (const text of messages) await journal.addMessage(id, { sender: "user", text });
  return id;
}

const looksLikeRecord = (s: EntrySummary) => s.title.startsWith(THOUGHT_RECORD_TITLE);

/** Every saved thought record, newest first (for insights and the therapist summary). */
export async function listThoughtRecords(journal: ThoughtRecordJournal): Promise<ThoughtRecord[]> {
  const out: ThoughtRecord[] = [];
  for (const s of journal.list().filter(looksLikeRecord)) {
    const r = thoughtRecordFromEntry(await journal.get(s.id));
    if (r) out.push(r);
  }
  return out;
}
