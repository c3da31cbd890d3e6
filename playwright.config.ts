import { defineConfig } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

// Browser tests drive Debian's Chromium (never a downloaded browser) against the built app.
const port = Number(process.env.VENTWELL_E2E_PORT ?? 4319);

export default defineConfig({
  testDir: "web/e2e",
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  // One retry: under heavy load on 2 shared cores a rare hang was seen (see the closing note); a
  // retried test is reported as flaky by scripts/test.mjs, never silently.
  retries: 1,
  reporter: [["list"], ["json"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `node scripts/start.mjs --no-build`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    // A fresh relay data directory per run: no accounts or rate-limit counters carried over.
    env: { PORT: String(port), VENTWELL_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "ventwell-e2e-")) },
  },
});
