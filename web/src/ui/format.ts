// Dates and mood words shown across screens.
const dayFmt = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
});
const timeFmt = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const fullFmt = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "short" });

export const formatDay = (ms: number) => dayFmt.format(ms);
export const formatTime = (ms: number) => timeFmt.format(ms);
export const formatFull = (ms: number) => fullFmt.format(ms);

export const MOOD_WORDS = ["Very low", "Low", "Okay", "Good", "Very good"] as const;
export const moodWord = (score: number) => MOOD_WORDS[score - 1] ?? "";

export const UNTITLED = "Untitled entry";
export const displayTitle = (title: string) => title.trim() || UNTITLED;

/** A short title from the first words of the first message. */
export function titleFromText(text: string): string {
  const words = text.trim().split(/\s+/).slice(0, 7).join(" ");
  return words.length > 60 ? words.slice(0, 57) + "…" : words;
}
