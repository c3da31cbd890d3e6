/** The insights seam: pure computations plus the encrypted quick check-ins. No React. */
export * from "./compute";
export { dayKey, dayNumber, localTimeZone, startOfDay, WEEKDAYS } from "./days";
export {
  createQuickCheckIns,
  QUICK_CHECKINS_SECRET,
  type QuickCheckIns,
  type SecretStore,
} from "./quick-checkins";
export { questionsFor, trapsInGuideText, isTrap, TRAP_NAMES, type Trap, type TrapQuestion } from "./traps";
export { emotionLabel, moodWord, MOOD_WORDS } from "./words";
