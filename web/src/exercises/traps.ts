/** The twelve thinking traps (shared/src/labels.ts) in plain words, for the thought-record picker. */
import { TRAPS, type Trap } from "@ventwell/shared";

export interface TrapInfo {
  id: Trap;
  title: string;
  /** One plain sentence, in the person's voice where it helps them recognise it. */
  description: string;
  example: string;
}

export const TRAP_INFO: Record<Trap, TrapInfo> = {
  all_or_nothing: {
    id: "all_or_nothing",
    title: "All-or-nothing thinking",
    description: "Seeing things in black and white: if it isn't perfect, it's a failure.",
    example: "I made one mistake, so the whole presentation was a disaster.",
  },
  overgeneralizing: {
    id: "overgeneralizing",
    title: "Overgeneralizing",
    description: "Taking one event as a never-ending pattern, with words like always or never.",
    example: "I always mess things up.",
  },
  labeling: {
    id: "labeling",
    title: "Labeling",
    description: "Putting a harsh label on yourself or someone else instead of describing what happened.",
    example: "I'm such an idiot.",
  },
  fortune_telling: {
    id: "fortune_telling",
    title: "Fortune telling",
    description: "Predicting that things will turn out badly, as if it were already decided.",
    example: "I just know I won't get the job.",
  },
  mind_reading: {
    id: "mind_reading",
    title: "Mind reading",
    description: "Assuming you know what others think, usually something negative about you.",
    example: "They didn't reply, so they must be annoyed with me.",
  },
  emotional_reasoning: {
    id: "emotional_reasoning",
    title: "Emotional reasoning",
    description: "Treating a feeling as proof: I feel it, so it must be true.",
    example: "I feel useless, so I must be useless.",
  },
  should_statements: {
    id: "should_statements",
    title: "Should statements",
    description:
      "Strict rules about how you or others should or must be, and guilt or anger when they're broken.",
    example: "I should be able to handle this on my own.",
  },
  personalizing: {
    id: "personalizing",
    title: "Personalizing",
    description: "Blaming yourself for things that weren't only, or at all, in your control.",
    example: "My friend is upset; it must be something I did.",
  },
  disqualifying_positive: {
    id: "disqualifying_positive",
    title: "Disqualifying the positive",
    description: "Brushing off good things as if they don't count.",
    example: "They only said it went well to be nice.",
  },
  catastrophizing: {
    id: "catastrophizing",
    title: "Catastrophizing",
    description: "Jumping to the worst possible outcome and feeling you couldn't cope with it.",
    example: "If I fail this test, my whole future is ruined.",
  },
  comparing: {
    id: "comparing",
    title: "Comparing",
    description: "Measuring yourself against others in a way that always leaves you coming up short.",
    example: "Everyone else has their life together except me.",
  },
  blaming: {
    id: "blaming",
    title: "Blaming",
    description: "Holding others entirely responsible for how you feel, or yourself for everything.",
    example: "It's all their fault that my day is ruined.",
  },
};

export const TRAP_LIST: readonly TrapInfo[] = TRAPS.map((t) => TRAP_INFO[t]);

export function trapByTitle(title: string): Trap | undefined {
  const t = title.trim().toLowerCase();
  return TRAP_LIST.find((i) => i.title.toLowerCase() === t)?.id;
}
