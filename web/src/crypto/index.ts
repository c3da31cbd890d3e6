/** The crypto seam: everything else imports from here. */
export * from "./bytes";
export * from "./kdf";
export * from "./envelope";
export * from "./keys";
export * from "./recovery-code";
export * from "./strength";
