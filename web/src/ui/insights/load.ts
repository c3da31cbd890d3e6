// Reads what insights and reports need, decrypted in memory only for as long as a screen shows it.
import type { Entry } from "../../app-contract";
import { listExerciseCompletions } from "../../exercises/app";
import type { CompletedExercise, QuickCheckIn } from "../../insights";
import { journal } from "../services";
import { quickCheckIns } from "./quick-store";

export interface InsightData {
  entries: Entry[];
  quick: QuickCheckIn[];
  exercises: CompletedExercise[];
}

export async function loadEntries(onProgress?: (done: number, total: number) => void): Promise<Entry[]> {
  const list = journal.list();
  const out: Entry[] = [];
  for (const s of list) {
    try {
      out.push(await journal.get(s.id));
    } catch {
      // deleted meanwhile, or still arriving from another device: left out this time
    }
    onProgress?.(out.length, list.length);
  }
  return out;
}

export async function loadInsightData(
  onProgress?: (done: number, total: number) => void,
): Promise<InsightData> {
  const [entries, quick, exercises] = await Promise.all([
    loadEntries(onProgress),
    quickCheckIns.list(),
    // Exercises are recorded by web/src/exercises; a failure there never hides the mood insights.
    listExerciseCompletions().catch(() => []),
  ]);
  return { entries, quick, exercises };
}
