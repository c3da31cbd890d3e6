/** Emotion words offered in check-ins (ids as stored) and how reports spell them. */
export const EMOTION_LABELS: Record<string, string> = {
  sadness: "Sad",
  anxiety: "Anxious",
  anger: "Angry",
  loneliness: "Lonely",
  shame: "Ashamed",
  overwhelm: "Overwhelmed",
  hopelessness: "Hopeless",
  calm: "Calm",
  tired: "Tired",
  hopeful: "Hopeful",
  grateful: "Grateful",
  content: "Content",
};

export const emotionLabel = (id: string) => EMOTION_LABELS[id] ?? id.charAt(0).toUpperCase() + id.slice(1);

export const MOOD_WORDS = ["Very low", "Low", "Okay", "Good", "Very good"] as const;
export const moodWord = (score: number) => MOOD_WORDS[score - 1] ?? "";
