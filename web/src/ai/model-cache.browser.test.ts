// Stale model caches are dropped when the app's built model version changes (real Cache API, Chromium).
import { afterEach, describe, expect, it } from "vitest";
import { MODEL_CACHES, MODEL_FILE_PATH, dropStaleModelCaches, isModelCached } from "./model-cache";

async function fill() {
  for (const name of MODEL_CACHES)
    await (
      await caches.open(name)
    ).put("/models/ventwell-guide/onnx/model_quantized.onnx", new Response("old"));
}
const held = async () => {
  const keys = await caches.keys();
  return MODEL_CACHES.filter((n) => keys.includes(n));
};

afterEach(async () => {
  for (const k of await caches.keys()) await caches.delete(k);
});

describe("dropStaleModelCaches", () => {
  it("keeps the caches while the version is unchanged, drops them when it changes", async () => {
    await fill();
    expect(await dropStaleModelCaches("1.0.0")).toBe(false); // first run: no marker yet, caches of unknown age go
    expect(await held()).toEqual([]);
    await fill();
    expect(await dropStaleModelCaches("1.0.0")).toBe(false);
    expect(await held()).toEqual([...MODEL_CACHES]);
    expect(await dropStaleModelCaches("1.1.0")).toBe(true);
    expect(await held()).toEqual([]);
  });
});

describe("isModelCached", () => {
  it("is true once either cache holds the model file, false before", async () => {
    expect(await isModelCached()).toBe(false);
    await (await caches.open("ventwell-model")).put("/models/ventwell-guide/config.json", new Response("{}"));
    expect(await isModelCached()).toBe(false); // another file of the folder is not the model
    await (await caches.open("transformers-cache")).put(MODEL_FILE_PATH, new Response("onnx"));
    expect(await isModelCached()).toBe(true);
  });

  it("says it can't tell without the Cache API", async () => {
    expect(await isModelCached(null)).toBeNull();
  });
});
