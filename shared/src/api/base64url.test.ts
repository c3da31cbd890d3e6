import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decodeBase64Url, encodeBase64Url, isBase64Url, base64UrlLength } from "./base64url.js";

describe("base64url", () => {
  it("round-trips any bytes and matches Node's encoder", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = encodeBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString("base64url"));
        expect(isBase64Url(text)).toBe(true);
        expect(text.length).toBe(base64UrlLength(bytes.length));
        expect(decodeBase64Url(text)).toEqual(bytes);
      }),
    );
  });

  it("rejects padding, foreign characters, impossible lengths and non-canonical tails", () => {
    expect(() => decodeBase64Url("AAE=")).toThrow(/unexpected character/);
    expect(() => decodeBase64Url("A+/B")).toThrow(/unexpected character/);
    expect(() => decodeBase64Url("AAAAA")).toThrow(/impossible length/);
    expect(() => decodeBase64Url("AB")).toThrow(/non-canonical/);
    expect(isBase64Url("AAE=")).toBe(false);
    expect(isBase64Url("AAAAA")).toBe(false);
  });
});
