// Screenshots of the key screens (light + dark, 360 px + desktop) into $OUT (default /tmp/ventwell-screenshots).
// Usage: serve web/dist (e.g. PORT=4400 node scripts/start.mjs --no-build), then
//   node web/scripts/screenshots.mjs http://127.0.0.1:4400
import { chromium } from "playwright-core";
import { mkdir } from "node:fs/promises";

const base = process.argv[2] ?? "http://127.0.0.1:4400";
const out = (process.env.OUT ?? "/tmp/ventwell-screenshots").replace(/\/?$/, "/");
await mkdir(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const pass = "quiet harbour lantern morning";

for (const scheme of ["light", "dark"]) {
  for (const [name, viewport] of [
    ["phone", { width: 360, height: 760 }],
    ["desktop", { width: 1280, height: 800 }],
  ]) {
    const ctx = await browser.newContext({ colorScheme: scheme, viewport, serviceWorkers: "block" });
    const page = await ctx.newPage();
    const field = (label) => page.getByRole("textbox", { name: label, exact: true });
    const shot = (what) =>
      page.screenshot({ path: `${out}${what}-${name}-${scheme}.png`, fullPage: name === "phone" });
    page.on("pageerror", (e) => process.stderr.write(`pageerror: ${e.message}\n`));
    await page.goto(base);
    await page.getByRole("heading", { name: "Welcome to VentWell" }).waitFor();
    await shot("1-welcome");
    await page.getByLabel(/processes what I write/).check();
    await page.getByRole("button", { name: "Continue" }).click();
    await field("Choose a passphrase").fill(pass);
    await field("Type it again").fill(pass);
    await shot("2-passphrase");
    await page.getByRole("button", { name: "Create my journal" }).click();
    await page.getByTestId("recovery-code").waitFor({ timeout: 60_000 });
    await shot("3-recovery");
    await page.getByLabel("I saved my recovery code somewhere safe.").check();
    await page.getByRole("button", { name: "Open my journal" }).click();
    for (const [title, lines, mood] of [
      ["Sunday reset", ["Slept badly but the walk helped.", "Planning a slower week."], 4],
      [
        "Before the review",
        [
          "I keep thinking the review will go terribly and everyone will see I'm not good enough.\nI know that's probably not fair to myself.",
        ],
        2,
      ],
    ]) {
      await page.goto(base + "/#/");
      await page.getByRole("button", { name: "New entry" }).click();
      for (const l of lines) {
        await field("Write a message").fill(l);
        await page.keyboard.press("Enter");
        await page
          .locator(".msg.user")
          .filter({ hasText: l.split("\n")[0] })
          .waitFor();
        // The guide (when installed) answers in the background; a crisis screen is left as a person would.
        await page.waitForFunction(() => document.querySelector("#composer-input")?.value === "");
        await page.locator(".msg.guide.thinking").waitFor({ state: "detached", timeout: 60_000 });
        const crisis = page.getByTestId("crisis-screen");
        if (await crisis.isVisible())
          await crisis.getByRole("button", { name: "I'm safe right now, continue" }).click();
      }
      await page.getByRole("button", { name: "Rename" }).click();
      await field("Entry title").fill(title);
      await page.getByRole("button", { name: "Save" }).click();
      await page.locator("details.mood summary").click();
      await page
        .locator(".scale-option")
        .nth(mood - 1)
        .click();
      await page
        .locator(".chip")
        .filter({ hasText: mood > 3 ? "Calm" : "Anxious" })
        .click();
    }
    await page.waitForTimeout(300);
    await shot("5-entry-mood");
    await page.locator("details.mood summary").click();
    await page.getByRole("heading", { level: 1 }).scrollIntoViewIfNeeded();
    await shot("5-entry");
    await page.goto(base + "/#/");
    await page.getByRole("heading", { name: "Your journal" }).waitFor();
    await shot("4-journal");
    await page.goto(base + "/#/settings");
    await page.getByRole("heading", { name: "Settings" }).waitFor();
    await shot("6-settings");
    await page.getByRole("button", { name: "Lock", exact: true }).click();
    await field("Passphrase").fill("not my passphrase");
    await page.getByRole("button", { name: "Unlock" }).click();
    await page.getByTestId("unlock-error").waitFor({ timeout: 60_000 });
    await shot("7-locked-wrong");
    await ctx.close();
  }
}
await browser.close();
process.stdout.write(`screenshots in ${out}\n`);
