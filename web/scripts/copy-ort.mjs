// Copies ONNX Runtime Web's WASM files (the exact version transformers.js imports) into
// web/public/ort/, so the app serves them itself: nothing loads from a CDN at run time.
import { copyFileSync, mkdirSync, readdirSync, realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, "..", "public", "ort");
// pnpm puts a package's own dependencies beside it: <store>/node_modules/{@huggingface/transformers, onnxruntime-web}
const transformersDir = realpathSync(path.join(here, "..", "node_modules", "@huggingface", "transformers"));
const ortDist = path.join(transformersDir, "..", "..", "onnxruntime-web", "dist");

mkdirSync(out, { recursive: true });
const wanted = readdirSync(ortDist).filter((f) =>
  /^ort-wasm-simd-threaded(\.asyncify)?\.(mjs|wasm)$/.test(f),
);
if (wanted.length < 4) throw new Error(`ONNX Runtime WASM files not found in ${ortDist}`);
for (const f of wanted) copyFileSync(path.join(ortDist, f), path.join(out, f));
console.log(`copied ${wanted.length} ONNX Runtime files to web/public/ort/`);
