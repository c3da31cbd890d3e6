/** Label sets shared by the model pipeline's output (labels.json), the guide and the UI. */
export const PHASES = ["validation", "expression", "reframing", "action"] as const;
export type Phase = (typeof PHASES)[number];

export const EMOTIONS = [
  "sadness",
  "anxiety",
  "anger",
  "loneliness",
  "shame",
  "overwhelm",
  "hopelessness",
  "calm",
] as const;
export type Emotion = (typeof EMOTIONS)[number];

/** Thinking traps after Sharma et al. (ACL 2023), after Burns. */
export const TRAPS = [
  "all_or_nothing",
  "overgeneralizing",
  "labeling",
  "fortune_telling",
  "mind_reading",
  "emotional_reasoning",
  "should_statements",
  "personalizing",
  "disqualifying_positive",
  "catastrophizing",
  "comparing",
  "blaming",
] as const;
export type Trap = (typeof TRAPS)[number];

/** What the classifier model returns for one message (probabilities in 0..1). */
export interface ClassifierOutput {
  crisis: number;
  /**
   * The highest crisis probability of any one sentence, for a message of two or more sentences
   * (a crisis sentence inside everyday writing lowers the whole message's score). Absent when
   * the message has one sentence or the model does not ship a sentence threshold.
   */
  crisis_sentence?: number;
  phase: Record<Phase, number>;
  emotions: Record<Emotion, number>;
  traps: Record<Trap, number>;
}

/** The seed design's /analyze contract, run on the device. */
export interface AnalyzeResult {
  response_text: string;
  phase: Phase;
  is_crisis: boolean;
  classifier: ClassifierOutput;
}

export interface HistoryTurn {
  sender: "user" | "guide";
  text: string;
  phase?: Phase;
}
