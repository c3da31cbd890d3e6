/**
 * The therapist summary as a PDF, made on the device with jsPDF (no server, no fonts fetched).
 * @remarks The built-in Helvetica covers Latin-1 only; other characters are folded to close
 * ASCII (quotes, dashes) or "?" so the file never carries broken glyphs. Import this module
 * lazily: jsPDF is large.
 */
import { jsPDF } from "jspdf";
import type { Report } from "./report";

const PAGE_W = 210;
const PAGE_H = 297;
const MARGIN = 18;
const WIDTH = PAGE_W - 2 * MARGIN;
const LINE = 5;

const FOLD: Record<string, string> = {
  "‘": "'",
  "’": "'",
  "“": '"',
  "”": '"',
  "–": "-",
  "—": "-",
  "…": "...",
  "•": "*",
  "·": "-",
  "\u00a0": " ",
};

/** Text the standard PDF fonts can draw. */
export function pdfSafe(s: string): string {
  return s
    .normalize("NFC")
    .replace(/[‘’“”–—…•·\u00a0]/g, (c) => FOLD[c] ?? c)
    .replace(/[^\n\x20-\x7e\xa1-\xff]/gu, "?");
}

export function reportPdf(r: Report): Uint8Array {
  const doc = new jsPDF({ unit: "mm", format: "a4", compress: true });
  doc.setProperties({ title: "Summary for my therapist", creator: "VentWell" });
  let y = MARGIN;

  const ensure = (h: number) => {
    if (y + h > PAGE_H - MARGIN) {
      doc.addPage();
      y = MARGIN;
    }
  };
  const text = (s: string, size = 10, style: "normal" | "bold" = "normal", indent = 0) => {
    doc.setFont("helvetica", style).setFontSize(size);
    const lines = doc.splitTextToSize(pdfSafe(s), WIDTH - indent) as string[];
    const lh = (size / 10) * LINE;
    for (const l of lines) {
      ensure(lh);
      doc.text(l, MARGIN + indent, y + lh * 0.75);
      y += lh;
    }
  };
  const gap = (h = 3) => (y += h);
  const heading = (s: string, size = 13) => {
    ensure(14);
    gap(2);
    text(s, size, "bold");
    gap(1.5);
  };

  /** A table whose rows wrap; the header repeats on every page. */
  const table = (head: string[], widths: number[], rows: string[][]) => {
    const pad = 1.5;
    const drawRow = (cells: string[], bold: boolean) => {
      doc.setFont("helvetica", bold ? "bold" : "normal").setFontSize(9);
      const wrapped = cells.map((c, i) => doc.splitTextToSize(pdfSafe(c), widths[i]! - 2 * pad) as string[]);
      const h = Math.max(...wrapped.map((w) => w.length)) * 4.2 + 2 * pad;
      return { wrapped, h };
    };
    const paint = ({ wrapped, h }: { wrapped: string[][]; h: number }, bold: boolean) => {
      doc.setFont("helvetica", bold ? "bold" : "normal").setFontSize(9);
      if (bold) doc.setFillColor(234, 240, 239).rect(MARGIN, y, WIDTH, h, "F");
      let x = MARGIN;
      wrapped.forEach((lines, i) => {
        lines.forEach((l, j) => doc.text(l, x + pad, y + pad + 3.2 + j * 4.2));
        x += widths[i]!;
      });
      doc.setDrawColor(200).line(MARGIN, y + h, MARGIN + WIDTH, y + h);
      y += h;
    };
    const header = drawRow(head, true);
    ensure(header.h * 2);
    paint(header, true);
    for (const row of rows) {
      const r2 = drawRow(row, false);
      if (y + r2.h > PAGE_H - MARGIN) {
        doc.addPage();
        y = MARGIN;
        paint(header, true);
      }
      paint(r2, false);
    }
    gap(4);
  };

  text("Summary for my therapist", 18, "bold");
  gap(1);
  text(`${r.from} to ${r.to}. Made on ${r.generatedAt} with VentWell, on my device.`, 10);
  gap(4);

  heading("Mood check-ins");
  if (r.moods.length === 0) text("No mood check-ins in this range.");
  else {
    const s = r.summary;
    text(`${s.count} check-ins, average ${s.average} of 5, lowest ${s.lowest}, highest ${s.highest}.`);
    gap(2);
    table(
      ["Date", "Time", "Mood (1-5)", "Feelings", "From"],
      [26, 16, 32, 66, 34],
      r.moods.map((m) => [m.date, m.time, `${m.score} ${m.mood}`, m.emotions || "-", m.source]),
    );
  }

  if (r.traps.length) {
    heading("Thinking traps the guide asked about");
    table(
      ["Thinking trap", "Times"],
      [140, 34],
      r.traps.map((t) => [t.name, String(t.count)]),
    );
  }

  if (r.thoughtRecords.length) {
    heading("Thought records");
    for (const t of r.thoughtRecords) {
      text(t.date, 10, "bold");
      const rows: [string, string][] = [
        ["Situation", t.situation],
        ["Automatic thought", t.automaticThought],
        ["Emotion", `${t.emotion}, ${t.intensityBefore}/100`],
      ];
      if (t.trapNames.length) rows.push(["Thinking traps", t.trapNames.join("; ")]);
      if (t.evidenceFor) rows.push(["Evidence for", t.evidenceFor]);
      if (t.evidenceAgainst) rows.push(["Evidence against", t.evidenceAgainst]);
      if (t.balancedThought) rows.push(["Balanced thought", t.balancedThought]);
      if (t.intensityAfter !== undefined) rows.push(["Emotion afterwards", `${t.intensityAfter}/100`]);
      table(["Step", "What I wrote"], [44, 130], rows);
    }
  }

  if (r.entries.length) {
    heading("Selected entries");
    for (const e of r.entries) {
      text(e.title, 11, "bold");
      text(`${e.date}${e.mood ? `, mood: ${e.mood}` : ""}`, 9);
      gap(1.5);
      for (const m of e.messages) {
        text(`${m.who} (${m.time})`, 9, "bold", 2);
        text(m.text, 10, "normal", 2);
        gap(1.5);
      }
      gap(3);
    }
  }

  const pages = doc.getNumberOfPages();
  for (let i = 1; i <= pages; i++) {
    doc.setPage(i).setFont("helvetica", "normal").setFontSize(8).setTextColor(110);
    doc.text(`Page ${i} of ${pages}`, PAGE_W - MARGIN, PAGE_H - 8, { align: "right" });
  }
  return new Uint8Array(doc.output("arraybuffer"));
}
