/**
 * base64url without padding (RFC 4648 §5) — the only binary encoding in the relay's API.
 * Browser-safe: no Buffer, no node imports.
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** Matches a well-formed unpadded base64url string (a length of 4n+1 is never valid). */
export const BASE64URL_PATTERN = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2,3})?$/;

export function isBase64Url(text: string): boolean {
  return BASE64URL_PATTERN.test(text);
}

/** Number of bytes an unpadded base64url string decodes to (no validation). */
export function base64UrlByteLength(text: string): number {
  return Math.floor((text.length * 3) / 4);
}

/** Length of the unpadded base64url encoding of `bytes` bytes. */
export function base64UrlLength(bytes: number): number {
  return Math.ceil((bytes * 4) / 3);
}

export function encodeBase64Url(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out +=
      ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return out;
}

/** Decodes unpadded base64url; throws a clear error on anything else (padding included). */
export function decodeBase64Url(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new Error("invalid base64url: impossible length");
  const out = new Uint8Array(base64UrlByteLength(text));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? LOOKUP[code]! : -1;
    if (v < 0) throw new Error(`invalid base64url: unexpected character at ${i}`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, so that every byte string has exactly one encoding.
  if ((acc & ((1 << bits) - 1)) !== 0) throw new Error("invalid base64url: non-canonical trailing bits");
  return out;
}
