/**
 * Text normalisation for the crisis gate and the request detector: lower case, no accents,
 * contractions expanded ("don't" → "do not", "wanna" → "want to"), light leetspeak and
 * stretched letters undone, and a few safety keywords corrected when misspelt by one letter.
 * Sentence punctuation (. ! ? ; and new lines) is kept so rules can work per sentence.
 */

const CONTRACTIONS: Record<string, string> = {
  "i'm": "i am",
  im: "i am",
  "i'd": "i would",
  "i'll": "i will",
  "i've": "i have",
  ive: "i have",
  "can't": "can not",
  cant: "can not",
  cannot: "can not",
  "won't": "will not",
  wont: "will not",
  dont: "do not",
  doesnt: "does not",
  didnt: "did not",
  isnt: "is not",
  arent: "are not",
  wasnt: "was not",
  werent: "were not",
  couldnt: "could not",
  wouldnt: "would not",
  shouldnt: "should not",
  havent: "have not",
  hasnt: "has not",
  "it's": "it is",
  "that's": "that is",
  "what's": "what is",
  "there's": "there is",
  "he's": "he is",
  "she's": "she is",
  "they're": "they are",
  "you're": "you are",
  "we're": "we are",
  wanna: "want to",
  gonna: "going to",
  gotta: "got to",
  tryna: "trying to",
  kinda: "kind of",
  sorta: "sort of",
  u: "you",
  ur: "your",
  rn: "right now",
  idk: "i do not know",
};

/** Words worth correcting when misspelt by one edit; chosen so no common word is one edit away. */
const FUZZY_KEYWORDS = ["myself", "suicide", "suicidal", "unalive"];

const LEET: Record<string, string> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
};

export interface Normalized {
  normalized: string;
  /** The text trails off ("…" or "..."), which the gate treats as a hedge. */
  hedged: boolean;
}

export function normalizeForGate(text: string): Normalized {
  const hedged = /\.\.\.|…/.test(text);
  let t = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\u2018\u2019\u201b\u2032`´]/g, "'")
    .replace(/…/g, ".");
  t = t.replace(/[a-z0-9@$']+/g, (tok) => fixToken(tok));
  t = t
    .replace(/n't\b/g, " not")
    .replace(/'re\b/g, " are")
    .replace(/'ll\b/g, " will")
    .replace(/'ve\b/g, " have")
    .replace(/'d\b/g, " would")
    .replace(/'s\b/g, "")
    .replace(/'/g, "")
    .replace(/[^a-z0-9.!?;\n]+/g, " ")
    .replace(/ *([.!?;\n]) */g, "$1 ")
    .replace(/ {2,}/g, " ")
    .trim();
  return { normalized: t, hedged };
}

function fixToken(tok: string): string {
  let w = tok;
  if (/[a-z]/.test(w) && /[0-9@$]/.test(w)) w = w.replace(/[0-9@$]/g, (c) => LEET[c] ?? c);
  w = w.replace(/([a-z])\1{2,}/g, "$1$1");
  const expanded = CONTRACTIONS[w];
  if (expanded) return expanded;
  if (w.length >= 5 && !FUZZY_KEYWORDS.includes(w)) {
    for (const k of FUZZY_KEYWORDS) if (withinOneEdit(w, k)) return k;
  }
  return w;
}

/** Damerau–Levenshtein distance ≤ 1 (one insertion, deletion, substitution or swap). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
