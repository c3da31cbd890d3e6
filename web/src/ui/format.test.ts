import { describe, expect, it } from "vitest";
import { displayTitle, moodWord, titleFromText } from "./format";

describe("format", () => {
  it("titles an entry from the first words of its first message", () => {
    expect(titleFromText("  Long day,\nbut I made it home and slept well tonight ")).toBe(
      "Long day, but I made it home",
    );
    expect(titleFromText("x".repeat(80))).toHaveLength(58);
    expect(titleFromText("x".repeat(80)).endsWith("…")).toBe(true);
  });
  it("shows a placeholder for an empty title", () => {
    expect(displayTitle("   ")).toBe("Untitled entry");
    expect(displayTitle("Garden")).toBe("Garden");
  });
  it("names each mood score and nothing else", () => {
    expect([1, 2, 3, 4, 5].map(moodWord)).toEqual(["Very low", "Low", "Okay", "Good", "Very good"]);
    expect(moodWord(0)).toBe("");
    expect(moodWord(6)).toBe("");
  });
});
