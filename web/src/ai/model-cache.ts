/**
 * Model updates must reach people who already cached a model: the service worker serves
 * /models/ and /ort/ cache-first, and transformers.js keeps its own Cache API copy, so a new
 * model at the same URLs would otherwise never load. The app bundle carries the version it
 * was built with (labels.json is imported at build time); when the cached model is from
 * another version, both caches are dropped before loading.
 */
import bundled from "../../public/models/ventwell-guide/labels.json";

export const BUILT_MODEL_VERSION = String(
  (bundled as { model_version?: unknown; version?: unknown }).model_version ??
    (bundled as { version?: unknown }).version ??
    "unknown",
);
/** The service worker's runtime cache (vite.config.ts) and transformers.js's default cache. */
export const MODEL_CACHES = ["ventwell-model", "transformers-cache"] as const;
const MARKER_CACHE = "ventwell-model-version";
const MODEL_DIR = "/models/ventwell-guide";
const MARKER_KEY = `${MODEL_DIR}/.version`;

/** Returns true when stale caches were dropped. Never throws: worst case, the model re-downloads. */
export async function dropStaleModelCaches(
  version: string = BUILT_MODEL_VERSION,
  cacheStorage: CacheStorage | undefined = globalThis.caches,
): Promise<boolean> {
  if (!cacheStorage) return false;
  try {
    const marker = await cacheStorage.open(MARKER_CACHE);
    const seen = await (await marker.match(MARKER_KEY))?.text();
    if (seen === version) return false;
    for (const name of MODEL_CACHES) await cacheStorage.delete(name);
    await marker.put(MARKER_KEY, new Response(version));
    return seen !== undefined;
  } catch {
    return false;
  }
}

/** The model's largest file, as the app serves it (both caches key it by this URL). */
export const MODEL_FILE_PATH = `${MODEL_DIR}/onnx/model_quantized.onnx`;

/**
 * Whether this device already holds the model (either cache), so loading it is no download.
 * Null when it can't tell (no Cache API, or it failed).
 */
export async function isModelCached(
  cacheStorage: CacheStorage | null = globalThis.caches ?? null,
): Promise<boolean | null> {
  if (!cacheStorage) return null;
  try {
    return (await cacheStorage.match(MODEL_FILE_PATH)) !== undefined; // resolved against this origin
  } catch {
    return null;
  }
}
