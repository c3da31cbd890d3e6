// Passphrase rule shown in the UI: at least 10 characters, or at least 4 words.
import { vault } from "./services";

export interface Strength {
  /** 0 (empty) … 4 (strong). */
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
  acceptable: boolean;
  hint: string;
}

const LABELS = ["Too short", "Weak", "Fair", "Good", "Strong"] as const;

/** The vault's estimator when it has one (it enforces the rule), else the local estimate. */
export function estimateStrength(passphrase: string): Strength {
  return vault.estimateStrength?.(passphrase) ?? localEstimate(passphrase);
}

/** A coarse estimate for the meter; the rule itself is length- or word-based. */
function localEstimate(passphrase: string): Strength {
  const p = passphrase;
  const words = p
    .trim()
    .split(/\s+/)
    .filter((w) => w.length >= 2).length;
  const acceptable = p.length >= 10 || words >= 4;
  if (!p)
    return {
      score: 0,
      label: "",
      acceptable: false,
      hint: "Use at least 10 characters, or 4 or more words.",
    };
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9\s]/].filter((r) => r.test(p)).length;
  const unique = new Set(p.toLowerCase()).size;
  let bits = Math.min(p.length, unique * 2) * (classes >= 3 ? 3.5 : 2.6);
  if (words >= 4) bits = Math.max(bits, words * 11);
  const score = !acceptable ? 1 : bits >= 80 ? 4 : bits >= 55 ? 3 : 2;
  const hint = !acceptable
    ? "Keep going: at least 10 characters, or 4 or more words."
    : score < 3
      ? "Acceptable. A few more unusual words make it much stronger."
      : score === 3
        ? "A good passphrase. Only you know it — we can't reset it for you."
        : "A strong passphrase. Only you know it — we can't reset it for you.";
  return { score: score as Strength["score"], label: LABELS[score] ?? "", acceptable, hint };
}
