/**
 * "Own your data": the whole journal as JSON (re-importable, exact round trip) or as
 * Markdown to read anywhere. Import validates every field before touching the journal.
 */
import { z } from "zod";
import { PHASES } from "@ventwell/shared";
import type { Entry } from "../app-contract";
import { extrasSchema, type ExportExtras } from "./extras";

export const EXPORT_FORMAT = "ventwell-journal";
export const EXPORT_VERSION = 1;

const messageSchema = z
  .object({
    id: z.string().min(1).max(200),
    sender: z.enum(["user", "guide"]),
    text: z.string().max(200_000),
    at: z.number().finite(),
    phase: z.enum(PHASES).optional(),
    crisis: z.boolean().optional(),
  })
  .strict();

const entrySchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, "an entry id"),
    title: z.string().max(1_000),
    createdAt: z.number().finite(),
    updatedAt: z.number().finite(),
    mood: z
      .object({
        score: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
        emotions: z.array(z.string().max(100)).max(50),
        at: z.number().finite(),
      })
      .strict()
      .optional(),
    tags: z.array(z.string().max(100)).max(100),
    messages: z.array(messageSchema).max(100_000),
    conversation: z
      .object({
        phase: z.enum(PHASES),
        usedResponses: z.array(z.string().max(200)),
        turn: z.number().int().min(0),
        lastDistress: z.number().min(0).max(1).optional(),
        actionRequested: z.boolean().optional(),
      })
      .strict(),
  })
  .strict();

const exportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.string(),
  entries: z.array(entrySchema),
  extras: extrasSchema.optional(),
});

export class ImportError extends Error {
  constructor(detail: string) {
    super(`This file can't be imported: ${detail}`);
    this.name = "ImportError";
  }
}

export function exportJson(entries: Entry[], at: Date, extras?: ExportExtras): string {
  const hasExtras = extras && Object.keys(extras).length > 0;
  return JSON.stringify(
    {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: at.toISOString(),
      entries,
      ...(hasExtras ? { extras } : {}),
    },
    null,
    2,
  );
}

export function parseImport(json: string): Entry[] {
  return parseImportFile(json).entries;
}

/** Entries and, when the file has them, the extras (safety plan, check-ins, exercises). */
export function parseImportFile(json: string): { entries: Entry[]; extras?: ExportExtras } {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new ImportError("it is not a JSON file.");
  }
  const parsed = exportSchema.safeParse(data);
  if (!parsed.success) {
    // Name the field, never echo its value: it may be someone's private writing.
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (at ${issue.path.join(".")})` : "";
    throw new ImportError(`it is not a VentWell export${where}.`);
  }
  const ids = new Set<string>();
  for (const e of parsed.data.entries) {
    if (ids.has(e.id)) throw new ImportError("two entries share one id.");
    ids.add(e.id);
  }
  return { entries: parsed.data.entries as Entry[], extras: parsed.data.extras };
}

const iso = (ms: number) => new Date(ms).toISOString().replace("T", " ").slice(0, 16) + " UTC";

export function exportMarkdown(entries: Entry[], at: Date): string {
  const out = [`# VentWell journal`, ``, `Exported ${iso(at.getTime())}. ${entries.length} entries.`, ``];
  for (const e of entries) {
    out.push(
      `## ${e.title || "Untitled entry"}`,
      ``,
      `*Started ${iso(e.createdAt)}, last written ${iso(e.updatedAt)}.*`,
      ``,
    );
    if (e.mood)
      out.push(
        `**Mood:** ${e.mood.score}/5${e.mood.emotions.length ? ` — ${e.mood.emotions.join(", ")}` : ""}`,
        ``,
      );
    if (e.tags.length) out.push(`**Tags:** ${e.tags.join(", ")}`, ``);
    for (const m of e.messages) {
      const who = m.sender === "user" ? "You" : "Guide";
      const body = m.text
        .split("\n")
        .map((l) => `> ${l}`)
        .join("\n");
      out.push(
        `**${who}** · ${iso(m.at)}${m.phase && m.sender === "guide" ? ` · ${m.phase}` : ""}`,
        ``,
        body,
        ``,
      );
    }
  }
  return out.join("\n");
}
