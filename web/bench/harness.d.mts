export function buildAndServe(outDir: string): Promise<{ base: string; close: () => Promise<void> }>;
