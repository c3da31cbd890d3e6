/**
 * How the vault's two account-key wraps travel through the relay's opaque
 * `wrappedKeys.{password,recovery}` fields. A second device also needs the `accountId`
 * (it is bound into every envelope's associated data), so each blob carries it:
 *
 *   0x01 | len(accountId) (1 byte) | accountId (UTF-8) | wrap envelope
 */
import { encodeBase64Url, decodeBase64Url, type WrappedKeys } from "@ventwell/shared";
import { concatBytes, fromUtf8, utf8 } from "../crypto";

const FORMAT = 1;

export interface VaultWraps {
  accountId: string;
  wrappedByPassphrase: Uint8Array;
  wrappedByRecovery: Uint8Array;
}

function pack(accountId: string, wrap: Uint8Array): string {
  const id = utf8(accountId);
  if (id.length > 255) throw new Error("The account id is too long.");
  return encodeBase64Url(concatBytes(Uint8Array.of(FORMAT, id.length), id, wrap));
}

function unpack(blob: string): { accountId: string; wrap: Uint8Array } {
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64Url(blob);
  } catch {
    throw new Error("The sync server returned keys in a form this app can't read.");
  }
  if (bytes.length < 3 || bytes[0] !== FORMAT)
    throw new Error("The sync server returned keys in a form this app can't read.");
  const n = bytes[1]!;
  return { accountId: fromUtf8(bytes.subarray(2, 2 + n)), wrap: bytes.slice(2 + n) };
}

export function packWrappedKeys(w: VaultWraps): WrappedKeys {
  return {
    password: pack(w.accountId, w.wrappedByPassphrase),
    recovery: pack(w.accountId, w.wrappedByRecovery),
  };
}

export function unpackWrappedKeys(k: WrappedKeys): VaultWraps {
  const p = unpack(k.password);
  const r = unpack(k.recovery);
  if (p.accountId !== r.accountId)
    throw new Error("The sync server returned keys that don't belong together.");
  return { accountId: p.accountId, wrappedByPassphrase: p.wrap, wrappedByRecovery: r.wrap };
}
