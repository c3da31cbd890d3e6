// Shared by run.mjs and the crash test: build the bench pages with Vite and serve them on loopback.
import http from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const here = path.dirname(fileURLToPath(import.meta.url));
const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };

/** Builds into `outDir` and serves it; returns `{ base, close }`. */
export async function buildAndServe(outDir) {
  process.env.VENTWELL_BENCH_OUT = outDir;
  await build({ configFile: path.join(here, "vite.bench.config.ts"), mode: "production", logLevel: "warn" });
  const server = http.createServer(async (req, res) => {
    const file = path.join(outDir, path.normalize(new URL(req.url ?? "/", "http://x").pathname));
    if (!file.startsWith(outDir)) return void res.writeHead(400).end();
    try {
      const body = await readFile(file);
      res
        .writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" })
        .end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(undefined)));
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => server.close(() => ok(undefined))),
  };
}
