import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DecryptError, open, seal, type EnvelopeContext, type EnvelopeKind } from "./envelope";

const kinds: EnvelopeKind[] = ["incremental", "snapshot", "tombstone", "settings", "wrapped-key"];
const ctxArb = fc.record({
  accountId: fc.string({ maxLength: 40 }),
  docId: fc.string({ maxLength: 40 }),
  chunkId: fc.string({ maxLength: 40 }),
  kind: fc.constantFrom(...kinds),
}) as fc.Arbitrary<EnvelopeContext>;
const key = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe("envelope properties", () => {
  it("any plaintext under any context round-trips", () => {
    fc.assert(
      fc.property(key, fc.uint8Array({ maxLength: 2048 }), ctxArb, (k, pt, ctx) => {
        expect(open(k, seal(k, pt, ctx), ctx)).toEqual(pt);
      }),
    );
  });

  it("any different context is rejected", () => {
    fc.assert(
      fc.property(key, fc.uint8Array({ maxLength: 256 }), ctxArb, ctxArb, (k, pt, a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b));
        expect(() => open(k, seal(k, pt, a), b)).toThrow(DecryptError);
      }),
    );
  });
});
