/**
 * Shared by the guide/model/crisis browser tests: block every request that leaves the app's
 * origin, find the built AI worker, and read the client's performance measures.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, type BrowserContext, type Page } from "@playwright/test";

/** Aborts every request whose origin is not the app's; returns the list of what was blocked. */
export async function blockOtherOrigins(context: BrowserContext, appOrigin: string): Promise<string[]> {
  const blocked: string[] = [];
  await context.route(
    () => true,
    (route) => {
      const url = new URL(route.request().url());
      if (url.origin === appOrigin) return route.continue();
      blocked.push(url.origin);
      return route.abort("blockedbyclient");
    },
  );
  return blocked;
}

/** The hashed file name of the AI worker in the served build (web/dist, or VENTWELL_GUIDE_DIST). */
export function builtWorkerPath(): string {
  const dist = process.env.VENTWELL_GUIDE_DIST;
  const dir = dist ? `${dist}/assets/` : fileURLToPath(new URL("../dist/assets/", import.meta.url));
  const file = readdirSync(dir).find((f) => /^worker-[\w-]+\.js$/.test(f));
  if (!file)
    throw new Error("no built AI worker in web/dist/assets; run `pnpm --filter @ventwell/web build`");
  return `/assets/${file}`;
}

/** Durations (ms) the AI client recorded on the page's performance timeline. */
export function measures(page: Page, name: string): Promise<number[]> {
  return page.evaluate((n) => performance.getEntriesByName(n).map((e) => e.duration), name);
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/**
 * Sends one message and waits for the guide to finish, leaving a crisis screen in place (the
 * shared `sendMessage` steps out of it, which crisis tests must not do).
 */
export async function sendAndStay(page: Page, text: string): Promise<void> {
  const composer = page.getByRole("textbox", { name: "Write a message", exact: true });
  await composer.fill(text);
  await composer.press("Enter");
  await expect(page.locator(".msg.user .bubble").filter({ hasText: text })).toHaveCount(1);
  await expect(page.locator(".msg.guide.thinking")).toHaveCount(0, { timeout: 60_000 });
}
