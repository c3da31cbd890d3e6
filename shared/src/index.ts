export * from "./labels.js";
export * from "./api/index.js";
export * from "./exercises.js";
