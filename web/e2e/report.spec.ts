/**
 * "Summary for my therapist": the downloaded PDF opens and holds the mood table (read back
 * with pdfjs-dist in Node); the Markdown and the CSV carry the same rows.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { expect, test, type Download, type Page } from "@playwright/test";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { createEntry, onboard } from "./helpers";
import { goTo, jumpClock, quickCheckIn, setEntryMood } from "./insights-helpers";

test.use({ timezoneId: "UTC", locale: "en-US" });

const FONTS = `${path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"))}/standard_fonts/`;

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: bytes, isEvalSupported: false, standardFontDataUrl: FONTS }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ("str" in it ? it.str : "")).join(" "));
  }
  return pages.join(" ").replace(/\s+/g, " ");
}

async function download(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = (await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: button }).click(),
  ])) as [Download, unknown];
  return { name: d.suggestedFilename(), bytes: await readFile((await d.path())!) };
}

test("the therapist summary downloads as a PDF with the mood table, and as Markdown and CSV", async ({
  page,
}) => {
  await page.clock.setFixedTime(new Date("2026-03-02T09:00:00Z"));
  await onboard(page);
  await quickCheckIn(page, 2, ["Anxious", "Tired"]);
  await jumpClock(page, new Date("2026-03-03T19:30:00Z"));
  await createEntry(page, { title: "Talk with Sam", messages: ["We finally talked it through."] });
  await setEntryMood(page, "Good");
  await createEntry(page, { title: "Private one", messages: ["Not for the report."] });
  await jumpClock(page, new Date("2026-03-05T08:15:00Z"));
  await quickCheckIn(page, 3);

  await goTo(page, "Insights");
  await page.getByRole("link", { name: "Summary for my therapist" }).click();
  await expect(page.getByRole("heading", { name: "Summary for my therapist", level: 1 })).toBeVisible();
  await page.getByLabel("From").fill("2026-03-01");
  await page.getByLabel("To").fill("2026-03-05");
  await expect(page.getByTestId("report-summary")).toHaveText(
    "3 mood check-ins, average 3 of 5. 0 thought records.",
  );
  await page.getByRole("checkbox", { name: /Talk with Sam/ }).check();

  const pdf = await download(page, "Download PDF");
  expect(pdf.name).toBe("ventwell-summary-2026-03-01-to-2026-03-05.pdf");
  expect(pdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const text = await pdfText(new Uint8Array(pdf.bytes));
  expect(text).toContain("Summary for my therapist");
  expect(text).toContain("Date Time Mood (1-5) Feelings From");
  expect(text).toContain("2026-03-02 09:00 2 Low Anxious, Tired Quick check-in");
  expect(text).toContain("2026-03-03 19:30 4 Good - Entry");
  expect(text).toContain("2026-03-05 08:15 3 Okay - Quick check-in");
  expect(text).toContain("We finally talked it through.");
  expect(text).not.toContain("Not for the report.");

  const md = (await download(page, "Download Markdown")).bytes.toString("utf8");
  expect(md).toContain("| 2026-03-02 | 09:00 | 2 Low | Anxious, Tired | Quick check-in |");
  expect(md).toContain("### Talk with Sam");
  expect(md).not.toContain("Private one");

  const csv = await download(page, "Download mood CSV");
  expect(csv.name).toBe("ventwell-moods-2026-03-01-to-2026-03-05.csv");
  expect(csv.bytes.toString("utf8").split("\r\n")).toEqual([
    "date,time,score,mood,emotions,source",
    '2026-03-02,09:00,2,Low,"Anxious, Tired",Quick check-in',
    "2026-03-03,19:30,4,Good,,Entry",
    "2026-03-05,08:15,3,Okay,,Quick check-in",
    "",
  ]);
});
