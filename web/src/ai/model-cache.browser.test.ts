// Stale model caches are dropped when the app's built model version changes (real Cache API, Chromium).
import { afterEach, describe, expect, it } from "vitest";
import { MODEL_CACHES, dropStaleModelCaches } from "./model-cache";

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
