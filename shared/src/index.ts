export * from "./labels.js";
