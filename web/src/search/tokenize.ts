/**
 * Words for search: letters and digits (any script), case- and accent-folded, apostrophes
 * dropped ("don't" → "dont"). Offsets point into the original text, for highlighting.
 */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’]*/gu;

export interface Token {
  term: string;
  start: number;
  end: number;
}

export function fold(word: string): string {
  return word
    .normalize("NFKD")
    .replace(/[\p{M}'’]/gu, "")
    .toLowerCase();
}

export function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const term = fold(m[0]);
    if (term) out.push({ term, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Just the folded words, for indexing. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    const term = fold(m[0]);
    if (term) out.push(term);
  }
  return out;
}
