export { createApp, type AppDeps, type VaultControl, type VaultCredentials } from "./vault";
export { startAutoLock } from "./auto-lock";
export { delayAfterFailures } from "./unlock-delay";
export { AUTO_LOCK_RANGE } from "./settings";
