export * from "./labels.js";
export * from "./api/index.js";
