// What the guide is doing in a turn, in plain words, and the marker left where the crisis screen was shown.
import type { Phase } from "@ventwell/shared";
import { openCrisis } from "../crisis/state";

export const PHASE_WORDS: Record<Phase, string> = {
  validation: "Listening",
  expression: "Exploring",
  reframing: "Another angle",
  action: "A small step",
};

export function PhaseLabel({ phase }: { phase: Phase }) {
  return (
    <span className="phase-label" data-phase={phase} aria-hidden="true">
      {PHASE_WORDS[phase]}
    </span>
  );
}

export function CrisisMarker() {
  return (
    <div className="bubble crisis-marker">
      <span>The support screen was shown here.</span>{" "}
      <button type="button" className="link" onClick={() => openCrisis("person")}>
        Show support lines again
      </button>
    </div>
  );
}
