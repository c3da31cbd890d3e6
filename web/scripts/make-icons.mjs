// Renders the PWA icons (192, 512, maskable 512) from public/icons/icon.svg.
// sharp comes in as a dependency of @huggingface/transformers; run: node scripts/make-icons.mjs
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const require = createRequire(createRequire(import.meta.url).resolve("@huggingface/transformers"));
const sharp = require("sharp");
const dir = fileURLToPath(new URL("../public/icons/", import.meta.url));
const svg = await readFile(dir + "icon.svg", "utf8");

// Maskable: full-bleed background, the motif shrunk into the 80 % safe zone.
const maskable = svg
  .replace('rx="112"', 'rx="0"')
  .replace(/<path/g, '<path transform="translate(64 64) scale(0.75)"');

const outputs = [
  { file: "icon-192.png", size: 192, src: svg },
  { file: "icon-512.png", size: 512, src: svg },
  { file: "maskable-512.png", size: 512, src: maskable },
  { file: "apple-touch-icon.png", size: 180, src: maskable },
];
for (const { file, size, src } of outputs) {
  await sharp(Buffer.from(src), { density: 300 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(dir + file);
  process.stdout.write(`wrote ${file}\n`);
}
