// The UI's only door to the logic: the singletons behind web/src/app-contract.ts.
export { vault, journal, startAutoLock } from "../app-services";
