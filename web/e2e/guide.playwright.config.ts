/**
 * The root Playwright config, but serving a private build (VENTWELL_GUIDE_DIST, default
 * /tmp/ventwell-guide-dist) so another session rebuilding web/dist can't swap files mid-test.
 *   pnpm --filter @ventwell/web exec vite build --config ../vite.config.ts --outDir /tmp/ventwell-guide-dist
 *   pnpm exec playwright test -c web/e2e/guide.playwright.config.ts web/e2e/{model,guide,crisis}.spec.ts
 */
import { defineConfig } from "@playwright/test";
import base from "../../playwright.config";

const port = Number(process.env.VENTWELL_E2E_PORT ?? 4371);
const dist = process.env.VENTWELL_GUIDE_DIST ?? "/tmp/ventwell-guide-dist";
process.env.VENTWELL_GUIDE_DIST = dist; // read by model-helpers.ts in the test workers

export default defineConfig({
  ...base,
  testDir: ".",
  use: { ...base.use, baseURL: `http://127.0.0.1:${port}` },
  webServer: {
    command: "pnpm exec tsx sync-server/src/cli.ts",
    cwd: "../..",
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(port),
      VENTWELL_WEB_DIST: dist,
      VENTWELL_DATA_DIR: `/tmp/ventwell-e2e-guide-${port}`,
    },
  },
});
