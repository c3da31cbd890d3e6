// Own your data: export JSON and Markdown through the UI, import into a fresh device, same entries.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { createEntry, expectTitles, goToJournal, goToSettings, onboard, openEntry } from "./helpers";

async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [dl] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: button }).click(),
  ]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), text: await readFile(path, "utf8") };
}

type Exported = {
  entries: { id: string; title: string; messages: { text: string }[]; mood?: unknown }[];
  extras?: { safetyPlan?: unknown };
};
const byId = (e: Exported) => [...e.entries].sort((a, b) => a.id.localeCompare(b.id));

test("export JSON and Markdown, import into a fresh device: the same entries", async ({ page, browser }) => {
  await onboard(page);
  await createEntry(page, {
    title: "Walk by the river",
    messages: ["The water was loud after the rain.", "Felt lighter after."],
  });
  await page.getByText("How are you feeling?").click();
  await page.getByRole("radio", { name: /Good$/ }).check();
  await page.getByRole("checkbox", { name: "Calm" }).check();
  await expect(page.getByRole("status").filter({ hasText: "Feelings saved." })).toBeVisible();
  await createEntry(page, {
    title: "Café notes — “quotes” & ümlauts",
    messages: ["Line one\nline two", "Emoji too 🌿"],
  });

  // A safety plan lives in the vault's device secrets, not in an entry: the export carries it too.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My safety plan" }).click();
  await page
    .getByRole("textbox", { name: "Warning signs that a crisis may be developing" })
    .fill("Not answering my sister's calls");
  await page.getByRole("button", { name: "Save my safety plan" }).click();
  await expect(page.getByText("Saved. Your safety plan is encrypted on this device.")).toBeVisible();

  await goToJournal(page);
  const titles = await page.locator(".entries .entry-title").allTextContents();
  expect(titles).toHaveLength(2);
  await goToSettings(page);
  const json = await download(page, "Export JSON");
  expect(json.name).toMatch(/^ventwell-journal-\d{4}-\d{2}-\d{2}\.json$/);
  const original = JSON.parse(json.text) as Exported;
  expect(JSON.stringify(original.extras?.safetyPlan)).toContain("Not answering my sister's calls");
  expect(original.entries.map((e) => e.title).sort()).toEqual([
    "Café notes — “quotes” & ümlauts",
    "Walk by the river",
  ]);
  const md = await download(page, "Export Markdown");
  expect(md.name).toMatch(/\.md$/);
  for (const text of ["Walk by the river", "The water was loud after the rain.", "Emoji too 🌿"])
    expect(md.text).toContain(text);

  // A fresh browser profile: new storage, new passphrase, then import the file.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await onboard(other, "a different passphrase for device two");
  await goToSettings(other);
  await other
    .getByTestId("import-input")
    .setInputFiles({ name: json.name, mimeType: "application/json", buffer: Buffer.from(json.text) });
  await expect(
    other
      .getByRole("status")
      .filter({ hasText: "Imported 2 entries. Also restored: your safety plan." })
      .first(),
  ).toBeVisible({ timeout: 30_000 });
  await other.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My safety plan" }).click();
  await expect(
    other.getByRole("textbox", { name: "Warning signs that a crisis may be developing" }),
  ).toHaveValue("Not answering my sister's calls");

  await goToJournal(other);
  await expectTitles(other, titles);
  await openEntry(other, "Café notes");
  await expect(other.locator(".msg.user .bubble")).toHaveText(["Line one\nline two", "Emoji too 🌿"]);

  await goToSettings(other);
  const again = JSON.parse((await download(other, "Export JSON")).text) as Exported;
  expect(byId(again)).toEqual(byId(original));
  expect(again.extras?.safetyPlan).toEqual(original.extras?.safetyPlan);

  // A file that is not an export is refused with a clear message, and nothing changes.
  await other
    .getByTestId("import-input")
    .setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from('{"hello":1}') });
  await expect(other.getByText(/can't be imported/)).toBeVisible();
  await goToJournal(other);
  await expect(other.locator(".entries .entry-title")).toHaveCount(2);
  await fresh.close();
});
