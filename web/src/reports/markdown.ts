/** The therapist summary as Markdown: readable as plain text, renders as tables where supported. */
import type { Report } from "./report";

/** A table cell: one line, pipes escaped. */
const cell = (s: string | number) => String(s).replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
/** Quoted writing: every line prefixed, so headings or lists in the text stay quoted. */
const quote = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => `> ${l}`)
    .join("\n");

export function reportMarkdown(r: Report): string {
  const out: string[] = [];
  out.push(
    `# Summary for my therapist`,
    "",
    `${r.from} to ${r.to} · made on ${r.generatedAt} with VentWell, on my device.`,
    "",
  );
  out.push("## Mood check-ins", "");
  if (r.moods.length === 0) out.push("No mood check-ins in this range.", "");
  else {
    const s = r.summary;
    out.push(
      `${s.count} check-ins · average ${s.average} of 5 · lowest ${s.lowest} · highest ${s.highest}`,
      "",
    );
    out.push("| Date | Time | Mood (1–5) | Feelings | From |", "| --- | --- | --- | --- | --- |");
    for (const m of r.moods)
      out.push(
        `| ${m.date} | ${m.time} | ${m.score} ${cell(m.mood)} | ${cell(m.emotions) || "—"} | ${m.source} |`,
      );
    out.push("");
  }
  if (r.traps.length) {
    out.push("## Thinking traps the guide asked about", "");
    for (const t of r.traps) out.push(`- ${t.name}: ${t.count}`);
    out.push("");
  }
  if (r.thoughtRecords.length) {
    out.push("## Thought records", "");
    for (const t of r.thoughtRecords) {
      out.push(`### ${t.date}`, "");
      out.push(`- **Situation:** ${cell(t.situation)}`);
      out.push(`- **Automatic thought:** ${cell(t.automaticThought)}`);
      out.push(`- **Emotion:** ${cell(t.emotion)}, ${t.intensityBefore}/100`);
      if (t.trapNames.length) out.push(`- **Thinking traps:** ${t.trapNames.join("; ")}`);
      if (t.evidenceFor) out.push(`- **Evidence for:** ${cell(t.evidenceFor)}`);
      if (t.evidenceAgainst) out.push(`- **Evidence against:** ${cell(t.evidenceAgainst)}`);
      if (t.balancedThought) out.push(`- **Balanced thought:** ${cell(t.balancedThought)}`);
      if (t.intensityAfter !== undefined) out.push(`- **Emotion afterwards:** ${t.intensityAfter}/100`);
      out.push("");
    }
  }
  if (r.entries.length) {
    out.push("## Selected entries", "");
    for (const e of r.entries) {
      out.push(`### ${cell(e.title)}`, "", `${e.date}${e.mood ? ` · mood: ${e.mood}` : ""}`, "");
      for (const m of e.messages) out.push(`**${m.who}** (${m.time})`, "", quote(m.text), "");
    }
  }
  return (
    out
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trimEnd() + "\n"
  );
}
