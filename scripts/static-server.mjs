// Serves web/dist statically until the relay lands (then `pnpm start` uses the relay).
import http from "node:http";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";

const dist = process.env.VENTWELL_WEB_DIST;
const port = Number(process.env.PORT ?? 8787);
const types = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".wasm": "application/wasm",
  ".onnx": "application/octet-stream",
  ".txt": "text/plain",
  ".mjs": "text/javascript",
};
http
  .createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    let file = path.join(
      dist,
      path.normalize(decodeURIComponent(url.pathname)).replace(/^([.][.][/\\])+/, ""),
    );
    if (!file.startsWith(dist)) {
      res.writeHead(400).end("bad path");
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
    } catch {
      file = path.join(dist, "index.html");
    }
    try {
      const body = await readFile(file);
      res
        .writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" })
        .end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  })
  .listen(port, "127.0.0.1", () => console.log(`VentWell (static) on http://127.0.0.1:${port}`));
