/** Loads the committed model in Node (tests, `pnpm analyze`, benchmarks). */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { loadClassifier, MODEL_ID, type Classifier } from "./classifier.js";

export const MODELS_DIR = fileURLToPath(new URL("../../public/models/", import.meta.url));
export const MODEL_DIR = path.join(MODELS_DIR, MODEL_ID);

export function loadNodeClassifier(): Promise<Classifier> {
  return loadClassifier({
    modelRoot: MODELS_DIR,
    readLabels: async () => JSON.parse(await readFile(path.join(MODEL_DIR, "labels.json"), "utf8")),
  });
}
