/**
 * Passphrase strength for the onboarding meter. The acceptance rule is the issue's
 * (≥ 10 characters or ≥ 4 words); the score is a coarse guess-count estimate with
 * penalties for the patterns people (and cracking tools) reach for first.
 */
export interface PassphraseStrength {
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
  acceptable: boolean;
  hint: string;
  /** Rough estimate, for tests and tuning; never shown as a promise. */
  bits: number;
}

const LABELS = ["Too short", "Weak", "Fair", "Good", "Strong"] as const;
const COMMON = [
  "password",
  "passwort",
  "letmein",
  "welcome",
  "qwerty",
  "azerty",
  "iloveyou",
  "admin",
  "monkey",
  "dragon",
  "football",
  "baseball",
  "sunshine",
  "princess",
  "master",
  "shadow",
  "trustno1",
  "ventwell",
];
const SEQUENCES = ["0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm"];

export const countWords = (p: string): number =>
  p
    .trim()
    .split(/[\s\-_.]+/)
    .filter((w) => w.length >= 2).length;
export const isAcceptablePassphrase = (p: string): boolean => p.length >= 10 || countWords(p) >= 4;

function charsetBits(p: string): number {
  let size = 0;
  if (/[a-z]/.test(p)) size += 26;
  if (/[A-Z]/.test(p)) size += 26;
  if (/[0-9]/.test(p)) size += 10;
  if (/[^a-zA-Z0-9]/.test(p)) size += 33;
  return Math.log2(Math.max(size, 2));
}

/** Characters that extend a run, a repeat or a keyboard/alphabet sequence add little. */
function effectiveLength(p: string): number {
  const lower = p.toLowerCase();
  const seen = new Map<string, number>();
  let n = 0;
  for (let i = 0; i < lower.length; i++) {
    const c = lower[i]!;
    const prev = lower[i - 1];
    const seq = prev !== undefined && SEQUENCES.some((s) => s.includes(prev + c) || s.includes(c + prev));
    const count = (seen.get(c) ?? 0) + 1;
    seen.set(c, count);
    n += seq || prev === c || count > 2 ? 0.25 : 1;
  }
  return n;
}

export function estimatePassphraseStrength(passphrase: string): PassphraseStrength {
  const p = passphrase;
  if (!p)
    return {
      score: 0,
      label: "",
      acceptable: false,
      hint: "Use at least 10 characters, or 4 or more words.",
      bits: 0,
    };
  const acceptable = isAcceptablePassphrase(p);
  const lower = p.toLowerCase();
  let bits = effectiveLength(p) * charsetBits(p);
  const words = countWords(p);
  if (words >= 4) bits = Math.max(bits, words * 11); // ~2k-word vocabulary per chosen word
  const common = COMMON.find((w) => lower.includes(w));
  if (common) bits -= common.length * charsetBits(p) * 0.8;
  bits = Math.max(0, Math.round(bits));
  const raw = bits >= 80 ? 4 : bits >= 60 ? 3 : bits >= 40 ? 2 : 1;
  const score = (acceptable ? raw : Math.min(raw, 1)) as PassphraseStrength["score"];
  const hint = !acceptable
    ? "Keep going: at least 10 characters, or 4 or more words."
    : common
      ? `Avoid well-known words like “${common}”: they are tried first.`
      : score <= 2
        ? "Acceptable. A few more unusual words make it much stronger."
        : "A strong passphrase. Only you know it — nobody can reset it for you.";
  return { score, label: LABELS[score], acceptable, hint, bits };
}
