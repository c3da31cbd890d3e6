import { describe, expect, it } from "vitest";
import { toHex } from "./bytes";
import { splitRootSecret } from "./kdf";
import {
  RecoveryCodeFormatError,
  generateRecoveryCode,
  recoveryAuthKey,
  recoveryLoginSecret,
  recoveryWrappingKey,
} from "./recovery-code";

const code = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01";

describe("recovery auth key (relay login by recovery code)", () => {
  it("is deterministic, with fixed vectors, and tolerant of how the code is typed", () => {
    const secret = recoveryLoginSecret(code);
    expect(toHex(secret)).toBe(toHex(recoveryLoginSecret("abcd efgh jkmn pqrs tvwx yzo1")));
    const key = recoveryAuthKey(secret, "river.stone");
    expect(key).toHaveLength(32);
    expect(toHex(key)).toBe(toHex(recoveryAuthKey(recoveryLoginSecret(code), "River.Stone")));
    // Cross-checked with Node's crypto.hkdfSync (an independent HKDF implementation).
    expect(toHex(secret)).toBe("f3e49594e25ceb882798004954eb00d334f5a45154fc2aac84aa8365de74cc4e");
    expect(toHex(key)).toBe("57ebabd91caef71a61c097f3982bf53e89912546e5744291a78460f4e88ba07f");
  });

  it("differs from the recovery wrapping key and from a passphrase auth key", () => {
    const secret = recoveryLoginSecret(code);
    const key = recoveryAuthKey(secret, "acct-0001");
    const wrap = recoveryWrappingKey(code, "acct-0001");
    // Same input material as the auth-key HKDF of a passphrase root: still a different key.
    const { authKey, kek } = splitRootSecret(secret, new Uint8Array(16));
    const all = [secret, key, wrap, authKey, kek].map(toHex);
    expect(new Set(all).size).toBe(all.length);
  });

  it("depends on the code and on the username", () => {
    const a = recoveryAuthKey(recoveryLoginSecret(code), "alice");
    const other = recoveryAuthKey(recoveryLoginSecret(generateRecoveryCode()), "alice");
    const otherUser = recoveryAuthKey(recoveryLoginSecret(code), "alice2");
    expect(toHex(other)).not.toBe(toHex(a));
    expect(toHex(otherUser)).not.toBe(toHex(a));
  });

  it("refuses a malformed code before deriving anything", () => {
    expect(() => recoveryLoginSecret("ABCD-EFGH")).toThrow(RecoveryCodeFormatError);
    expect(() => recoveryLoginSecret("ABCD-EFGH-JKMN-PQRS-TVWX-YZ0U")).toThrow(RecoveryCodeFormatError);
  });
});
