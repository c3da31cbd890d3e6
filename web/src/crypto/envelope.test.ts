import { describe, expect, it } from "vitest";
import { randomBytes } from "./bytes";
import { DecryptError, ENVELOPE_OVERHEAD, open, seal, type EnvelopeContext } from "./envelope";

const ctx: EnvelopeContext = { accountId: "acct-1", docId: "doc-1", chunkId: "chunk-1", kind: "incremental" };
const key = randomBytes(32);
const plaintext = new TextEncoder().encode("I felt so alone on the bus today.");

describe("envelope", () => {
  it("round-trips and has the documented layout", () => {
    const env = seal(key, plaintext, ctx);
    expect(env[0]).toBe(1);
    expect(env.length).toBe(plaintext.length + ENVELOPE_OVERHEAD);
    expect(open(key, env, ctx)).toEqual(plaintext);
  });

  it("uses a fresh nonce each time", () => {
    const a = seal(key, plaintext, ctx);
    const b = seal(key, plaintext, ctx);
    expect(a.subarray(1, 25)).not.toEqual(b.subarray(1, 25));
  });

  it("rejects a change to ANY byte of the envelope", () => {
    const env = seal(key, plaintext, ctx);
    for (let i = 0; i < env.length; i++) {
      for (const flip of [0x01, 0x80]) {
        const bad = env.slice();
        bad[i] = bad[i]! ^ flip;
        expect(() => open(key, bad, ctx), `byte ${i}`).toThrow(DecryptError);
      }
    }
  });

  it("rejects truncation and extension", () => {
    const env = seal(key, plaintext, ctx);
    expect(() => open(key, env.subarray(0, env.length - 1), ctx)).toThrow(DecryptError);
    expect(() => open(key, new Uint8Array([...env, 0]), ctx)).toThrow(DecryptError);
    expect(() => open(key, env.subarray(0, 10), ctx)).toThrow(DecryptError);
  });

  it("rejects a change to ANY associated-data field", () => {
    const env = seal(key, plaintext, ctx);
    const variants: EnvelopeContext[] = [
      { ...ctx, accountId: "acct-2" },
      { ...ctx, docId: "doc-2" },
      { ...ctx, chunkId: "chunk-2" },
      { ...ctx, kind: "snapshot" },
      { ...ctx, kind: "tombstone" },
      // Moving bytes between fields must not collide (length-prefixed encoding).
      { ...ctx, accountId: "acct-1d", docId: "oc-1" },
      { ...ctx, docId: "doc-1chunk-1", chunkId: "" },
    ];
    for (const v of variants) expect(() => open(key, env, v), JSON.stringify(v)).toThrow(DecryptError);
  });

  it("rejects the wrong key", () => {
    const env = seal(key, plaintext, ctx);
    expect(() => open(randomBytes(32), env, ctx)).toThrow(DecryptError);
  });

  it("error messages never contain the plaintext", () => {
    const env = seal(key, plaintext, ctx);
    env[40] = env[40]! ^ 1;
    try {
      open(key, env, ctx);
      expect.unreachable();
    } catch (e) {
      expect(String((e as Error).message)).not.toMatch(/alone/);
    }
  });
});
