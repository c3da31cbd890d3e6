import { describe, expect, it } from "vitest";
import {
  PushRequest,
  PullQuery,
  RegisterRequest,
  CrisisEventRequest,
  PasswordChangeRequest,
  RecoverRequest,
} from "./schemas.js";
import { encodeBase64Url } from "./base64url.js";
import { MAX_PUSH_CHUNKS, MAX_CHUNK_BYTES } from "./limits.js";

const b = (n: number) => encodeBase64Url(new Uint8Array(n).fill(7));
const kdf = { name: "argon2id", memoryKiB: 65536, iterations: 3, parallelism: 1 } as const;

const registration = {
  username: "river.stone",
  salt: b(16),
  kdf,
  authKey: b(32),
  wrappedKeys: { password: b(73), recovery: b(73) },
};

describe("api schemas", () => {
  it("accepts a well-formed registration and rejects a wrong-sized authKey", () => {
    const ok = registration;
    expect(RegisterRequest.safeParse(ok).success).toBe(true);
    const bad = RegisterRequest.safeParse({ ...ok, authKey: b(31) });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/authKey must be 32 bytes/);
  });

  it("bounds pushes: batch size, chunk size, replaces only on snapshots/tombstones", () => {
    const chunk = { id: "c1", docId: "d1", kind: "incremental", data: b(10) };
    expect(PushRequest.safeParse({ chunks: [chunk] }).success).toBe(true);
    expect(PushRequest.safeParse({ chunks: [] }).success).toBe(false);
    expect(
      PushRequest.safeParse({ chunks: Array.from({ length: MAX_PUSH_CHUNKS + 1 }, () => chunk) }).success,
    ).toBe(false);
    expect(PushRequest.safeParse({ chunks: [{ ...chunk, data: b(MAX_CHUNK_BYTES) }] }).success).toBe(true);
    expect(PushRequest.safeParse({ chunks: [{ ...chunk, data: b(MAX_CHUNK_BYTES + 1) }] }).success).toBe(
      false,
    );
    expect(PushRequest.safeParse({ chunks: [{ ...chunk, replaces: ["x"] }] }).success).toBe(false);
    expect(PushRequest.safeParse({ chunks: [{ ...chunk, kind: "snapshot", replaces: ["x"] }] }).success).toBe(
      true,
    );
  });

  it("parses pull query strings with defaults and bounds", () => {
    expect(PullQuery.parse({})).toEqual({ since: 0, limit: 100 });
    expect(PullQuery.parse({ since: "42", limit: "7" })).toEqual({ since: 42, limit: 7 });
    expect(PullQuery.safeParse({ since: "-1" }).success).toBe(false);
    expect(PullQuery.safeParse({ limit: "0" }).success).toBe(false);
    expect(PullQuery.safeParse({ since: "abc" }).success).toBe(false);
  });

  it("requires an ISO hour for crisis events", () => {
    expect(CrisisEventRequest.safeParse({ modelVersion: "v1", hour: "2026-11-27T03:00:00Z" }).success).toBe(
      true,
    );
    expect(CrisisEventRequest.safeParse({ modelVersion: "v1", hour: "yesterday" }).success).toBe(false);
    expect(
      CrisisEventRequest.safeParse({ modelVersion: "v1 <script>", hour: "2026-11-27T03:00:00Z" }).success,
    ).toBe(false);
  });

  it("recovery: optional key at register, a fixed-size key to recover, one current credential to change", () => {
    const reg = registration;
    expect(RegisterRequest.safeParse({ ...reg, recoveryAuthKey: b(32) }).success).toBe(true);
    expect(RegisterRequest.safeParse({ ...reg, recoveryAuthKey: b(16) }).success).toBe(false);
    expect(RecoverRequest.safeParse({ username: "river.stone", recoveryAuthKey: b(32) }).success).toBe(true);
    const noKey = RecoverRequest.safeParse({ username: "river.stone" });
    expect(noKey.success).toBe(false);
    const change = { salt: b(16), kdf, authKey: b(32), wrappedKeys: reg.wrappedKeys };
    expect(PasswordChangeRequest.safeParse({ ...change, currentAuthKey: b(32) }).success).toBe(true);
    expect(PasswordChangeRequest.safeParse({ ...change, currentRecoveryAuthKey: b(32) }).success).toBe(true);
    const neither = PasswordChangeRequest.safeParse(change);
    expect(neither.error?.issues[0]?.message).toMatch(/exactly one of currentAuthKey/);
    expect(
      PasswordChangeRequest.safeParse({ ...change, currentAuthKey: b(32), currentRecoveryAuthKey: b(32) })
        .success,
    ).toBe(false);
  });
});
