/** Relay settings, from the environment (see README.md for the list). */
import { DEFAULT_QUOTA_BYTES } from "@ventwell/shared";
import { DEFAULT_SCRYPT, type ScryptParams } from "./auth/passwords.js";

export interface RateRule {
  /** Attempts allowed per window. */
  max: number;
  windowMs: number;
}

export interface RelayConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  /** PostgreSQL schema for the relay's tables (default public). */
  pgSchema?: string;
  /** Built web app to serve (`pnpm start`); API only when unset. */
  webDist?: string;
  quotaBytes: number;
  accessTokenTtlSeconds: number;
  scrypt: ScryptParams;
  /** Take the client address from X-Forwarded-For (behind a reverse proxy you trust). */
  trustProxy: boolean;
  /** Given secret (VENTWELL_JWT_SECRET); else generated into the data dir. */
  jwtSecret?: string;
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** Seconds between SSE keep-alives (each also re-checks the session). */
  sseHeartbeatSeconds: number;
  /** Write one JSON log line per request to stdout. */
  log: boolean;
  limits: {
    loginPerUsername: RateRule;
    loginPerAddress: RateRule;
    registerPerAddress: RateRule;
    crisisPerAddress: RateRule;
    /** Password change and account deletion re-check the auth key: guard them too. */
    reauthPerUser: RateRule;
  };
}

const MINUTE = 60_000;

export function defaultConfig(overrides: Partial<RelayConfig> = {}): RelayConfig {
  return {
    port: 8787,
    host: "127.0.0.1",
    dataDir: "./.ventwell-data",
    quotaBytes: DEFAULT_QUOTA_BYTES,
    accessTokenTtlSeconds: 15 * 60,
    scrypt: DEFAULT_SCRYPT,
    trustProxy: false,
    sseHeartbeatSeconds: 25,
    log: true,
    limits: {
      loginPerUsername: { max: 10, windowMs: 15 * MINUTE },
      loginPerAddress: { max: 100, windowMs: 15 * MINUTE },
      registerPerAddress: { max: 100, windowMs: 60 * MINUTE },
      crisisPerAddress: { max: 30, windowMs: 60 * MINUTE },
      reauthPerUser: { max: 10, windowMs: 15 * MINUTE },
    },
    ...overrides,
  };
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min)
    throw new Error(`${name} must be a whole number ≥ ${min} (got "${raw}")`);
  return n;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): RelayConfig {
  const base = defaultConfig();
  const window = int(env, "VENTWELL_RATE_WINDOW_SECONDS", 15 * 60, 1) * 1000;
  return defaultConfig({
    port: int(env, "PORT", 8787),
    host: env.HOST || "127.0.0.1",
    dataDir: env.VENTWELL_DATA_DIR || "./.ventwell-data",
    databaseUrl: env.DATABASE_URL || undefined,
    pgSchema: env.VENTWELL_PG_SCHEMA || undefined,
    webDist: env.VENTWELL_WEB_DIST || undefined,
    quotaBytes: int(env, "VENTWELL_QUOTA_BYTES", DEFAULT_QUOTA_BYTES, 1),
    accessTokenTtlSeconds: int(env, "VENTWELL_ACCESS_TTL_SECONDS", 15 * 60, 10),
    scrypt: { ...DEFAULT_SCRYPT, logN: int(env, "VENTWELL_SCRYPT_LOG_N", DEFAULT_SCRYPT.logN, 10) },
    trustProxy: env.VENTWELL_TRUST_PROXY === "1" || env.VENTWELL_TRUST_PROXY === "true",
    jwtSecret: env.VENTWELL_JWT_SECRET || undefined,
    metricsToken: env.VENTWELL_METRICS_TOKEN || undefined,
    sseHeartbeatSeconds: int(env, "VENTWELL_SSE_HEARTBEAT_SECONDS", 25, 1),
    log: env.VENTWELL_LOG !== "off",
    limits: {
      ...base.limits,
      loginPerUsername: {
        max: int(env, "VENTWELL_LOGIN_LIMIT_PER_USERNAME", base.limits.loginPerUsername.max, 1),
        windowMs: window,
      },
      loginPerAddress: {
        max: int(env, "VENTWELL_LOGIN_LIMIT_PER_ADDRESS", base.limits.loginPerAddress.max, 1),
        windowMs: window,
      },
      registerPerAddress: {
        max: int(env, "VENTWELL_REGISTER_LIMIT_PER_ADDRESS", base.limits.registerPerAddress.max, 1),
        windowMs: 60 * MINUTE,
      },
      crisisPerAddress: {
        max: int(env, "VENTWELL_CRISIS_LIMIT_PER_ADDRESS", base.limits.crisisPerAddress.max, 1),
        windowMs: 60 * MINUTE,
      },
    },
  });
}
