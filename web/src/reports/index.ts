/**
 * The reports seam: the therapist summary's data (`buildReport`), its Markdown, the CSV of
 * mood check-ins. The PDF writer is in `./pdf` and is imported on demand (jsPDF is large).
 */
export {
  buildReport,
  checkRange,
  type MoodRow,
  type Report,
  type ReportEntry,
  type ReportOptions,
} from "./report";
export { moodCsv, csvCell } from "./csv";
export { reportMarkdown } from "./markdown";
