import { describe, expect, it } from "vitest";
import { deviceResources } from "./resources";

describe("deviceResources", () => {
  it("uses the first browser language that names a country", () => {
    expect(deviceResources({ language: "en", languages: ["en", "de-DE", "en-US"] }).country?.code).toBe("DE");
    expect(deviceResources({ language: "en-GB", languages: [] }).country?.code).toBe("GB");
  });
  it("falls back to the directory when no language names a known country", () => {
    const r = deviceResources({ language: "en", languages: ["en", "xx-ZZ"] });
    expect(r.country).toBeNull();
    expect(r.directory.url).toMatch(/^https:\/\//);
  });
});
