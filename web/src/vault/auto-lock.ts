/**
 * Idle auto-lock for the UI: any keyboard, pointer, wheel or touch activity resets the
 * timer; a periodic check (and a check on returning to the tab) locks once the idle time
 * passes. Wall-clock based, so a sleeping laptop locks on wake.
 */
import type { Vault } from "../app-contract";

const ACTIVITY = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart", "scroll"] as const;

export function startAutoLock(
  vault: Pick<Vault, "status" | "lock" | "autoLockMinutes">,
  getMinutes: () => number = () => vault.autoLockMinutes(),
  opts: { target?: EventTarget; checkEveryMs?: number; now?: () => number } = {},
): () => void {
  const target = opts.target ?? globalThis;
  const now = opts.now ?? Date.now;
  let last = now();
  const touch = () => {
    last = now();
  };
  const check = () => {
    const minutes = getMinutes();
    if (vault.status() === "unlocked" && minutes > 0 && now() - last >= minutes * 60_000) vault.lock();
    if (vault.status() !== "unlocked") last = now(); // the clock starts again at the next unlock
  };
  for (const e of ACTIVITY) target.addEventListener(e, touch, { passive: true, capture: true });
  const onVisible = () => {
    if (typeof document === "undefined" || document.visibilityState === "visible") check();
  };
  target.addEventListener("visibilitychange", onVisible);
  if (typeof document !== "undefined" && target !== document)
    document.addEventListener("visibilitychange", onVisible);
  const timer = setInterval(check, opts.checkEveryMs ?? 5_000);
  return () => {
    clearInterval(timer);
    for (const e of ACTIVITY) target.removeEventListener(e, touch, { capture: true });
    target.removeEventListener("visibilitychange", onVisible);
    if (typeof document !== "undefined") document.removeEventListener("visibilitychange", onVisible);
  };
}
