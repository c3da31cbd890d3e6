import { describe, expect, it } from "vitest";
import raw from "./crisis-resources.json";
import { CRISIS_RESOURCES, parseCrisisResources, regionOf, resourcesForLocale } from "./crisis-resources.js";

const TODAY_CHECK = /^\d{4}-\d{2}-\d{2}$/;

describe("crisis-resources.json", () => {
  it("validates against its schema", () => {
    expect(() => parseCrisisResources(raw)).not.toThrow();
  });

  it("every shown entry has a source URL and a checked date", () => {
    const entries = [
      CRISIS_RESOURCES.directory,
      ...CRISIS_RESOURCES.countries.flatMap((c) => [c.emergency, ...c.lines]),
    ];
    expect(entries.length).toBeGreaterThan(30);
    for (const e of entries) {
      expect(e.source).toMatch(/^https?:\/\/\S+$/);
      expect(e.checked).toMatch(TODAY_CHECK);
      expect(e.verified).toBe(true);
    }
  });

  it("covers 988 (call, text, chat) and at least 12 countries the issue names", () => {
    const us = CRISIS_RESOURCES.countries.find((c) => c.code === "US")!;
    const kinds = us.lines[0]!.contacts.map((c) => c.href);
    expect(kinds).toEqual(expect.arrayContaining(["tel:988", "sms:988", "https://988lifeline.org/chat"]));
    for (const code of ["GB", "IE", "CA", "AU", "NZ", "IN", "DE", "FR", "ES", "BR", "MX", "JP", "ZA"])
      expect(
        CRISIS_RESOURCES.countries.some((c) => c.code === code),
        code,
      ).toBe(true);
  });

  it("has the numbers the issue names", () => {
    const hrefs = (code: string) =>
      CRISIS_RESOURCES.countries
        .find((c) => c.code === code)!
        .lines.flatMap((l) => l.contacts.map((c) => c.href));
    expect(hrefs("IE")).toContain("tel:116123");
    expect(hrefs("AU")).toContain("tel:131114");
    expect(hrefs("NZ")).toContain("tel:1737");
    expect(hrefs("IN")).toContain("tel:14416");
    expect(hrefs("DE")).toEqual(expect.arrayContaining(["tel:08001110111", "tel:08001110222"]));
    expect(hrefs("FR")).toContain("tel:3114");
    expect(hrefs("ES")).toContain("tel:024");
    expect(hrefs("BR")).toContain("tel:188");
    expect(hrefs("MX")).toContain("tel:8009112000");
  });

  it("rejects an entry without a source or with a bad tel: link", () => {
    const noSource = structuredClone(raw) as { countries: { lines: Record<string, unknown>[] }[] };
    delete noSource.countries[0]!.lines[0]!.source;
    expect(() => parseCrisisResources(noSource)).toThrow(/source/);
    const badTel = structuredClone(raw) as { countries: { lines: { contacts: { href: string }[] }[] }[] };
    badTel.countries[1]!.lines[0]!.contacts[0]!.href = "tel:116 123";
    expect(() => parseCrisisResources(badTel)).toThrow(/href/);
    const unverifiedShown = structuredClone(raw) as { countries: { lines: Record<string, unknown>[] }[] };
    unverifiedShown.countries[2]!.lines[0]!.verified = false;
    expect(() => parseCrisisResources(unverifiedShown)).toThrow();
  });
});

describe("resourcesForLocale", () => {
  it.each([
    ["en-US", "US"],
    ["es-US", "US"],
    ["en-GB", "GB"],
    ["en-UK", "GB"],
    ["de-DE", "DE"],
    ["fr-CA", "CA"],
    ["en-IE", "IE"],
    ["pt-BR", "BR"],
    ["es-MX", "MX"],
    ["ja-JP", "JP"],
    ["ja", "JP"],
    ["hi-IN", "IN"],
    ["en_au", "AU"],
    ["zh-Hant-SG", "SG"],
  ])("%s → %s", (locale, code) => {
    const r = resourcesForLocale(locale);
    expect(r.country?.code).toBe(code);
    expect(r.directory.url).toBe("https://findahelpline.com");
  });

  it.each(["de", "en", "fr-BE", "xx-ZZ", "", "not a locale"])("%j falls back to the directory", (locale) => {
    const r = resourcesForLocale(locale);
    expect(r.country).toBeNull();
    expect(r.directory.url).toBe("https://findahelpline.com");
  });

  it("reads regions from tags with scripts", () => {
    expect(regionOf("zh-Hant-TW")).toBe("TW");
    expect(regionOf("sr-Latn-RS")).toBe("RS");
  });
});
