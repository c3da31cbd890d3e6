// Compact sync state for the top bar: synced / syncing / pending N / offline / error + Retry.
import { hrefFor } from "../router";
import { statusLabel, sync, useSyncStatus } from "./hooks";
import "./sync.css";

export function SyncIndicator() {
  const s = useSyncStatus();
  if (s.phase === "off") return null;
  const problem = s.phase === "error" || s.phase === "offline" || s.phase === "reauth";
  return (
    <div className="sync-indicator" data-testid="sync-status" data-phase={s.phase} data-pending={s.pending}>
      <span className={`sync-dot ${s.phase}`} aria-hidden="true" />
      <span role="status" aria-live="polite" title={s.message}>
        {statusLabel(s)}
      </span>
      {(s.phase === "error" || s.phase === "offline") && (
        <button type="button" className="ghost small" onClick={() => sync.retry()}>
          Retry
        </button>
      )}
      {s.phase === "reauth" && (
        <a className="small" href={hrefFor({ name: "settings" })}>
          Sign in
        </a>
      )}
      {problem && s.message && <span className="visually-hidden">{s.message}</span>}
    </div>
  );
}
