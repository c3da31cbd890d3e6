import { describe, expect, it } from "vitest";
import { estimatePassphraseStrength as est, isAcceptablePassphrase } from "./strength";

describe("passphrase strength", () => {
  it("applies the rule: at least 10 characters or at least 4 words", () => {
    expect(isAcceptablePassphrase("short")).toBe(false);
    expect(isAcceptablePassphrase("123456789")).toBe(false);
    expect(isAcceptablePassphrase("0123456789")).toBe(true);
    expect(isAcceptablePassphrase("to be or no")).toBe(true);
    expect(isAcceptablePassphrase("ab cd ef gh")).toBe(true);
    expect(est("").score).toBe(0);
    expect(est("short").acceptable).toBe(false);
    expect(est("short").score).toBeLessThanOrEqual(1);
  });

  it("scores sequences, repeats and common words low, long unusual passphrases high", () => {
    expect(est("aaaaaaaaaaaa").score).toBe(1);
    expect(est("1234567890").score).toBe(1);
    expect(est("password123").score).toBeLessThanOrEqual(1);
    expect(est("password123").hint).toMatch(/password/);
    expect(est("correct horse battery staple").score).toBeGreaterThanOrEqual(3);
    expect(est("violet Kettle 93 drumming under moss!").score).toBe(4);
  });

  it("gives a hint for every score and never echoes the passphrase back", () => {
    for (const p of ["x", "abcdefghij", "tQ9#vL2!mZ", "Blue whale sings quietly tonight at dawn"]) {
      const s = est(p);
      expect(s.hint.length).toBeGreaterThan(10);
      if (p.length > 3) expect(s.hint).not.toContain(p);
    }
  });
});
