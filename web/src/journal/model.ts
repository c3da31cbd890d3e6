/**
 * Pure Automerge operations on the two document types; persistence lives in doc-store.ts.
 *
 * @remarks Strings that are written once (message text, titles) are ImmutableStrings:
 * last-writer-wins for renames, and far smaller than character-level text CRDTs.
 */
import type { Phase } from "@ventwell/shared";
import type { ConversationUpdate, Entry, EntrySummary, Message, MoodCheckIn } from "../app-contract";
import { A } from "./automerge";

type Str = string | A.ImmutableString;
const imm = (s: string) => new A.ImmutableString(s);
const str = (v: Str | undefined): string => (v === undefined ? "" : v.toString());

interface StoredMessage {
  id: Str;
  sender: Str;
  text: Str;
  at: number;
  phase?: Str;
  crisis?: boolean;
}

interface StoredMood {
  score: number;
  emotions: Str[];
  at: number;
}

export interface EntryDoc {
  id: Str;
  title: Str;
  createdAt: number;
  updatedAt: number;
  mood?: StoredMood;
  tags: Str[];
  messages: StoredMessage[];
  conversation: {
    phase: Str;
    usedResponses: Str[];
    turn: number;
    lastDistress?: number;
    actionRequested?: boolean;
  };
}

export interface IndexItem {
  title: Str;
  createdAt: number;
  updatedAt: number;
  mood?: number;
  preview?: Str;
  /** Soft-deleted at (undo window), then purged: the entry's chunks are gone. */
  deletedAt?: number;
  /** Device that deleted it: only that device purges, so an undo there is never overtaken. */
  deletedBy?: Str;
  purged?: boolean;
}

/** The index's root map is keyed by entry id, so two devices creating entries never conflict. */
export type IndexDoc = Record<string, IndexItem>;

export const PREVIEW_CHARS = 120;
export const preview = (text: string): string => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS - 1)}…` : flat;
};

/** Field order fixed here so exports are byte-for-byte stable across round trips. */
export function toEntry(doc: A.Doc<EntryDoc>): Entry {
  const entry: Entry = {
    id: str(doc.id),
    title: str(doc.title),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    tags: (doc.tags ?? []).map(str),
    messages: (doc.messages ?? []).map(toMessage),
    conversation: {
      phase: str(doc.conversation?.phase ?? "validation") as Phase,
      usedResponses: (doc.conversation?.usedResponses ?? []).map(str),
      turn: doc.conversation?.turn ?? 0,
    },
  };
  // The guide policy's memory, only once the guide has written it.
  if (doc.conversation?.lastDistress !== undefined)
    entry.conversation.lastDistress = doc.conversation.lastDistress;
  if (doc.conversation?.actionRequested !== undefined)
    entry.conversation.actionRequested = doc.conversation.actionRequested;
  if (doc.mood) entry.mood = toMood(doc.mood);
  return entry;
}

function toMessage(m: StoredMessage): Message {
  const out: Message = {
    id: str(m.id),
    sender: str(m.sender) as Message["sender"],
    text: str(m.text),
    at: m.at,
  };
  if (m.phase !== undefined) out.phase = str(m.phase) as Phase;
  if (m.crisis !== undefined) out.crisis = m.crisis;
  return out;
}

const toMood = (m: StoredMood): MoodCheckIn => ({
  score: m.score as MoodCheckIn["score"],
  emotions: m.emotions.map(str),
  at: m.at,
});

function storedMessage(m: Message): StoredMessage {
  const out: StoredMessage = { id: imm(m.id), sender: imm(m.sender), text: imm(m.text), at: m.at };
  if (m.phase !== undefined) out.phase = imm(m.phase);
  if (m.crisis !== undefined) out.crisis = m.crisis;
  return out;
}

/** Writes a whole Entry into a (possibly empty) doc: creation and import share it. */
export function writeEntry(d: EntryDoc, e: Entry): void {
  d.id = imm(e.id);
  d.title = imm(e.title);
  d.createdAt = e.createdAt;
  d.updatedAt = e.updatedAt;
  if (e.mood) d.mood = { score: e.mood.score, emotions: e.mood.emotions.map(imm), at: e.mood.at };
  else if (d.mood !== undefined) delete d.mood;
  d.tags = e.tags.map(imm);
  d.messages = e.messages.map(storedMessage);
  d.conversation = {
    phase: imm(e.conversation.phase),
    usedResponses: e.conversation.usedResponses.map(imm),
    turn: e.conversation.turn,
  };
  if (e.conversation.lastDistress !== undefined) d.conversation.lastDistress = e.conversation.lastDistress;
  if (e.conversation.actionRequested !== undefined)
    d.conversation.actionRequested = e.conversation.actionRequested;
}

/**
 * Import into an entry that already exists here: scalars are set where they differ and
 * messages are appended by id, so nothing written meanwhile (here or on another device) is
 * replaced wholesale.
 */
export function mergeEntry(d: EntryDoc, e: Entry): void {
  const cur = toEntry(d as A.Doc<EntryDoc>);
  if (cur.title !== e.title) d.title = imm(e.title);
  if (cur.createdAt !== e.createdAt) d.createdAt = e.createdAt;
  if (cur.updatedAt !== e.updatedAt) d.updatedAt = e.updatedAt;
  if (JSON.stringify(cur.mood) !== JSON.stringify(e.mood)) {
    if (e.mood) d.mood = { score: e.mood.score, emotions: e.mood.emotions.map(imm), at: e.mood.at };
    else if (d.mood !== undefined) delete d.mood;
  }
  if (cur.tags.join("\u0000") !== e.tags.join("\u0000")) d.tags = e.tags.map(imm);
  const have = new Set(cur.messages.map((m) => m.id));
  for (const m of e.messages) if (!have.has(m.id)) d.messages.push(storedMessage(m));
  const c = e.conversation;
  updateConversation(d, {
    phase: c.phase,
    turn: c.turn,
    useResponses: c.usedResponses,
    ...(c.lastDistress !== undefined ? { lastDistress: c.lastDistress } : {}),
    ...(c.actionRequested !== undefined ? { actionRequested: c.actionRequested } : {}),
  });
}

export function newEntry(id: string, title: string, now: number): Entry {
  return {
    id,
    title,
    createdAt: now,
    updatedAt: now,
    tags: [],
    messages: [],
    conversation: { phase: "validation", usedResponses: [], turn: 0 },
  };
}

export const renameEntry = (d: EntryDoc, title: string, now: number): void => {
  d.title = imm(title);
  d.updatedAt = now;
};

export function appendMessage(d: EntryDoc, m: Message, now: number): void {
  d.messages.push(storedMessage(m));
  d.updatedAt = Math.max(now, m.at);
  if (m.sender === "guide") {
    if (m.phase) d.conversation.phase = imm(m.phase);
    d.conversation.turn += 1;
  }
}

export function updateConversation(d: EntryDoc, u: ConversationUpdate): void {
  if (u.phase !== undefined && str(d.conversation.phase) !== u.phase) d.conversation.phase = imm(u.phase);
  if (u.turn !== undefined && d.conversation.turn !== u.turn) d.conversation.turn = u.turn;
  if (u.lastDistress !== undefined && d.conversation.lastDistress !== u.lastDistress)
    d.conversation.lastDistress = u.lastDistress;
  if (u.actionRequested !== undefined && d.conversation.actionRequested !== u.actionRequested)
    d.conversation.actionRequested = u.actionRequested;
  const used = new Set(d.conversation.usedResponses.map(str));
  for (const r of u.useResponses ?? []) {
    if (used.has(r)) continue;
    d.conversation.usedResponses.push(imm(r));
    used.add(r);
  }
}

export function setEntryTags(d: EntryDoc, tags: string[], now: number): void {
  const clean = [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
  if (clean.join("\u0000") === d.tags.map(str).join("\u0000")) return;
  d.tags = clean.map(imm);
  d.updatedAt = now;
}

export function setEntryMood(d: EntryDoc, mood: MoodCheckIn | undefined, now: number): void {
  if (mood) d.mood = { score: mood.score, emotions: mood.emotions.map(imm), at: mood.at };
  else if (d.mood !== undefined) delete d.mood;
  d.updatedAt = now;
}

/**
 * The index row mirrors the entry. Only changed fields are written, so a rename on one
 * device and a new message on another merge field by field instead of one row winning.
 */
export function writeIndexItem(ix: IndexDoc, e: Entry): void {
  const lastUser = [...e.messages].reverse().find((m) => m.sender === "user");
  const row = ix[e.id];
  if (!row || row.purged) {
    const item: IndexItem = { title: imm(e.title), createdAt: e.createdAt, updatedAt: e.updatedAt };
    if (e.mood) item.mood = e.mood.score;
    if (lastUser) item.preview = imm(preview(lastUser.text));
    ix[e.id] = item;
    return;
  }
  if (str(row.title) !== e.title) row.title = imm(e.title);
  if (row.createdAt !== e.createdAt) row.createdAt = e.createdAt;
  if (row.updatedAt !== e.updatedAt) row.updatedAt = e.updatedAt;
  if (e.mood && row.mood !== e.mood.score) row.mood = e.mood.score;
  else if (!e.mood && row.mood !== undefined) delete row.mood;
  const p = lastUser ? preview(lastUser.text) : undefined;
  if (p !== undefined && str(row.preview) !== p) row.preview = imm(p);
  else if (p === undefined && row.preview !== undefined) delete row.preview;
}

/** Purged rows keep only what sync needs to know: this id is gone. */
export function purgeIndexItem(ix: IndexDoc, id: string, now: number): void {
  ix[id] = {
    title: imm(""),
    createdAt: 0,
    updatedAt: now,
    deletedAt: ix[id]?.deletedAt ?? now,
    purged: true,
  };
}

export function summaries(ix: A.Doc<IndexDoc>): EntrySummary[] {
  const out: EntrySummary[] = [];
  for (const [id, it] of Object.entries(ix)) {
    if (it.deletedAt !== undefined || it.purged) continue;
    const s: EntrySummary = { id, title: str(it.title), createdAt: it.createdAt, updatedAt: it.updatedAt };
    if (it.mood !== undefined) s.mood = it.mood;
    if (it.preview !== undefined) s.preview = str(it.preview);
    out.push(s);
  }
  // Newest first by creation; ties broken by id so the order is stable everywhere.
  return out.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
}
