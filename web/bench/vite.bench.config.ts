// Builds the measurement pages (production mode, like the app) for bench/run.mjs.
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
export default defineConfig({
  root: here,
  logLevel: "warn",
  build: {
    outDir: process.env.VENTWELL_BENCH_OUT ?? "/tmp/ventwell-bench-dist",
    emptyOutDir: true,
    target: "es2022",
    rollupOptions: {
      input: {
        argon2: `${here}/argon2.html`,
        journal: `${here}/journal.html`,
        crash: `${here}/crash.html`,
      },
    },
  },
  worker: { format: "es" },
});
