/** CSV of mood check-ins (RFC 4180: CRLF rows, quoted fields where needed). */
import type { MoodRow } from "./report";

const HEADER = ["date", "time", "score", "mood", "emotions", "source"] as const;

/** Quotes a cell; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n']/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function moodCsv(rows: readonly MoodRow[]): string {
  const lines = [HEADER.join(",")];
  for (const r of rows)
    lines.push([r.date, r.time, r.score, r.mood, r.emotions, r.source].map(csvCell).join(","));
  return lines.join("\r\n") + "\r\n";
}
