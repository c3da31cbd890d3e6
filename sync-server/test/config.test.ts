import { describe, expect, it } from "vitest";
import { configFromEnv } from "../src/config.js";
import { DEFAULT_QUOTA_BYTES } from "@ventwell/shared";

describe("configFromEnv", () => {
  it("has safe defaults: loopback, 8787, SQLite in ./.ventwell-data, 200 MiB quota", () => {
    const c = configFromEnv({});
    expect(c).toMatchObject({
      port: 8787,
      host: "127.0.0.1",
      dataDir: "./.ventwell-data",
      quotaBytes: DEFAULT_QUOTA_BYTES,
      trustProxy: false,
      log: true,
    });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.webDist).toBeUndefined();
  });

  it("reads the documented variables", () => {
    const c = configFromEnv({
      PORT: "9000",
      HOST: "0.0.0.0",
      VENTWELL_DATA_DIR: "/data",
      DATABASE_URL: "postgres://x/y",
      VENTWELL_WEB_DIST: "/dist",
      VENTWELL_QUOTA_BYTES: "1000",
      VENTWELL_TRUST_PROXY: "1",
      VENTWELL_LOGIN_LIMIT_PER_USERNAME: "3",
      VENTWELL_RATE_WINDOW_SECONDS: "60",
      VENTWELL_LOG: "off",
    });
    expect(c).toMatchObject({
      port: 9000,
      host: "0.0.0.0",
      dataDir: "/data",
      databaseUrl: "postgres://x/y",
      webDist: "/dist",
      quotaBytes: 1000,
      trustProxy: true,
      log: false,
    });
    expect(c.limits.loginPerUsername).toEqual({ max: 3, windowMs: 60_000 });
  });

  it("refuses nonsense with a message that names the variable", () => {
    expect(() => configFromEnv({ PORT: "eighty" })).toThrow(/PORT must be a whole number/);
    expect(() => configFromEnv({ VENTWELL_QUOTA_BYTES: "0" })).toThrow(
      /VENTWELL_QUOTA_BYTES must be a whole number ≥ 1/,
    );
  });
});
