// The app's quick check-ins (sealed in the vault) and a change signal for open screens.
import { createQuickCheckIns } from "../../insights/quick-checkins";
import { vault } from "../services";

export const quickCheckIns = createQuickCheckIns(vault);

const listeners = new Set<() => void>();
export function onQuickCheckInsChanged(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
export const announceQuickCheckIns = () => listeners.forEach((l) => l());
