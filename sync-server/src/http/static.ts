/**
 * Serves the built web app (`pnpm start`): right content types (.wasm, .onnx,
 * .webmanifest…), immutable caching for hashed /assets/*, no-cache for the entry points,
 * and SPA fallback to index.html for app routes.
 */
import { createReadStream, statSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import type { Context } from "hono";
import { errorResponse } from "./errors.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".wasm": "application/wasm",
  ".onnx": "application/octet-stream",
  ".bin": "application/octet-stream",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
};
const NO_CACHE = new Set(["/index.html", "/sw.js", "/registerSW.js", "/manifest.webmanifest"]);

export function contentType(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

function fileIn(root: string, urlPath: string): { file: string; size: number; mtime: Date } | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const file = path.resolve(root, "." + path.posix.normalize(decoded));
  if (file !== root && !file.startsWith(root + path.sep)) return null; // no escaping the dist folder
  try {
    const st = statSync(file);
    return st.isFile() ? { file, size: st.size, mtime: st.mtime } : null;
  } catch {
    return null;
  }
}

export function staticSite(distDir: string) {
  const root = path.resolve(distDir);
  return (c: Context) => {
    const urlPath = c.req.path;
    if (urlPath === "/v1" || urlPath.startsWith("/v1/")) {
      c.set("unmatched" as never, true as never);
      return errorResponse(c, 404, "not_found", "no such API route");
    }
    let found = fileIn(root, urlPath === "/" ? "/index.html" : urlPath);
    let publicPath = urlPath === "/" ? "/index.html" : urlPath;
    // App routes (no file extension) get the SPA shell; a missing asset is a real 404.
    if (!found && path.posix.extname(urlPath) === "") {
      found = fileIn(root, "/index.html");
      publicPath = "/index.html";
    }
    if (!found) return errorResponse(c, 404, "not_found", "no such file");
    const etag = `W/"${found.size.toString(16)}-${found.mtime.getTime().toString(16)}"`;
    const headers: Record<string, string> = {
      "Content-Type": contentType(found.file),
      ETag: etag,
      "Cache-Control": publicPath.startsWith("/assets/")
        ? "public, max-age=31536000, immutable"
        : NO_CACHE.has(publicPath) || publicPath.startsWith("/workbox-")
          ? "no-cache"
          : "public, max-age=3600",
    };
    if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);
    headers["Content-Length"] = String(found.size);
    if (c.req.method === "HEAD") return c.body(null, 200, headers);
    const body = Readable.toWeb(createReadStream(found.file)) as ReadableStream<Uint8Array>;
    return c.body(body, 200, headers);
  };
}
