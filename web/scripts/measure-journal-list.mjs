// Measures unlock → journal list with N entries (default 1000) in headless Chromium.
// Serve web/dist first (PORT=4400 node scripts/start.mjs --no-build), then
//   node web/scripts/measure-journal-list.mjs http://127.0.0.1:4400/
// Prints the import time, then per run: unlock (Argon2id + opening the index), unlocked → N rows.
import { chromium } from "playwright-core";
const N = Number(process.env.ENTRIES ?? 1000);
const now = Date.now();
const entries = Array.from({ length: N }, (_, i) => ({
  id: (i + 1).toString(16).padStart(32, "0"),
  title: `Entry ${i + 1}`,
  createdAt: now - i * 3600_000,
  updatedAt: now - i * 3600_000,
  mood: { score: (i % 5) + 1, emotions: ["calm"], at: now - i * 3600_000 },
  tags: [],
  messages: [
    {
      id: `m${i}`,
      sender: "user",
      text: `Note number ${i + 1} about an ordinary day.`,
      at: now - i * 3600_000,
    },
  ],
  conversation: { phase: "validation", usedResponses: [], turn: 0 },
}));
const json = JSON.stringify({
  format: "ventwell-journal",
  version: 1,
  exportedAt: new Date().toISOString(),
  entries,
});
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const f = (l) => page.getByRole("textbox", { name: l, exact: true });
const P = "quiet harbour lantern morning";
await page.goto(process.argv[2] ?? "http://127.0.0.1:4400/");
await page.getByRole("checkbox", { name: /processes what I write/ }).check();
await page.getByRole("button", { name: "Continue" }).click();
await f("Choose a passphrase").fill(P);
await f("Type it again").fill(P);
await page.getByRole("button", { name: "Create my journal" }).click();
await page.getByTestId("recovery-code").waitFor({ timeout: 60000 });
await page.getByRole("checkbox", { name: /I saved/ }).check();
await page.getByRole("button", { name: "Open my journal" }).click();
await page.goto((process.argv[2] ?? "http://127.0.0.1:4400/") + "#/settings");
const t0 = Date.now();
await page
  .getByTestId("import-input")
  .setInputFiles({ name: "x.json", mimeType: "application/json", buffer: Buffer.from(json) });
await page.getByText(`Imported ${N} entries.`).first().waitFor({ timeout: 600000 });
process.stdout.write(`import ${N}: ${Date.now() - t0} ms\n`);
const times = [];
for (let r = 0; r < 5; r++) {
  await page.goto((process.argv[2] ?? "http://127.0.0.1:4400/") + "#/");
  await page.reload();
  await f("Passphrase").fill(P);
  const unlockStart = Date.now();
  await page.getByRole("button", { name: "Unlock", exact: true }).click();
  await page.getByRole("button", { name: "Lock", exact: true }).waitFor({ timeout: 60000 });
  const unlocked = Date.now();
  await page
    .locator(".entries li")
    .nth(N - 1)
    .waitFor({ state: "attached", timeout: 60000 });
  const listed = Date.now();
  times.push([unlocked - unlockStart, listed - unlocked, listed - unlockStart]);
}
const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
process.stdout.write(`runs [unlock, unlocked→rows, total] ms: ${JSON.stringify(times)}\n`);
process.stdout.write(
  `median unlock ${med(times.map((t) => t[0]))} ms; unlocked→list of ${N} ${med(times.map((t) => t[1]))} ms; total ${med(times.map((t) => t[2]))} ms\n`,
);
await browser.close();
