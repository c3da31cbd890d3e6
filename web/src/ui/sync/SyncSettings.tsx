// Settings → Sync: sign up / sign in / sign out / delete account, and what the relay stores.
import { useState, type FormEvent } from "react";
import { Username } from "@ventwell/shared";
import { errorMessage } from "../hooks";
import { statusLabel, sync, useSyncStatus } from "./hooks";
import { SyncSignInForm } from "./SyncSignInForm";
import { TypedDeleteForm } from "../TypedDeleteForm";
import "./sync.css";

export function SyncSettings() {
  const s = useSyncStatus();
  return (
    <section className="card stack sync-settings" aria-labelledby="sync-title">
      <h2 id="sync-title">Sync across devices</h2>
      <p className="muted">
        Optional. The sync server stores only encrypted blobs it cannot open, your username, and what it needs
        to check your sign-in (a salt, a slow hash of a key derived from your passphrase — never the
        passphrase — and your encrypted keys). Your writing, titles and moods are encrypted on this device
        before they leave it.
      </p>
      {s.phase === "off" ? <SignedOut /> : <SignedIn />}
    </section>
  );
}

function SignedOut() {
  const [username, setUsername] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim()) return setError("Choose a username for sync.");
    // The relay's own rule, checked here first so the message is a sentence, not a server error.
    if (!Username.safeParse(username.trim()).success)
      return setError(
        "A sync username is 3 to 128 characters: letters, digits and . _ @ + -, starting with a letter or digit.",
      );
    setBusy(true);
    setError("");
    try {
      await sync.signUp(username.trim());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="stack">
      <p>This journal stays on this device only. Turn on sync to use it on your other devices too.</p>
      <form className="stack" onSubmit={submit} noValidate aria-labelledby="sync-signup-title">
        <h3 id="sync-signup-title">Turn on sync</h3>
        <div className="field">
          <label htmlFor="sync-signup-username">Choose a sync username</label>
          <input
            id="sync-signup-username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
            autoCapitalize="off"
            spellCheck={false}
            disabled={busy}
          />
        </div>
        <p className="muted small">
          Sign in on other devices with this username and your journal passphrase.
        </p>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="actions start">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Turning on…" : "Turn on sync"}
          </button>
        </div>
      </form>
      <details>
        <summary>Already syncing this journal? Sign in</summary>
        <SyncSignInForm />
      </details>
    </div>
  );
}

function SignedIn() {
  const s = useSyncStatus();
  return (
    <div className="stack">
      <dl>
        <dt>Signed in as</dt>
        <dd data-testid="sync-username">{s.username}</dd>
        <dt>Status</dt>
        <dd data-testid="sync-settings-status" data-phase={s.phase}>
          {statusLabel(s)}
          {s.lastSyncedAt ? ` · last synced ${new Date(s.lastSyncedAt).toLocaleTimeString()}` : ""}
        </dd>
      </dl>
      {s.message && (
        <p className={s.phase === "error" || s.phase === "reauth" ? "field-error" : "muted"} role="alert">
          {s.message}
        </p>
      )}
      {s.phase === "reauth" ? (
        <SyncSignInForm initialUsername={s.username} submitLabel="Sign in again" />
      ) : (
        <div className="actions start">
          <button type="button" onClick={() => sync.retry()}>
            Sync now
          </button>
        </div>
      )}
      <SignOut />
      <DeleteAccount />
    </div>
  );
}

function SignOut() {
  const [wipe, setWipe] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const signOut = async () => {
    setBusy(true);
    try {
      await sync.signOut({ deleteLocalData: wipe });
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <div className="stack">
      <h3>Sign out of sync</h3>
      <p className="muted">Signing out forgets the sync session on this device and locks the journal.</p>
      <label className="check">
        <input type="checkbox" checked={wipe} onChange={(e) => setWipe(e.target.checked)} />
        <span>
          Also delete the journal from this device (it stays on the sync server and your other devices)
        </span>
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions start">
        <button type="button" onClick={() => void signOut()} disabled={busy}>
          Sign out
        </button>
      </div>
    </div>
  );
}

function DeleteAccount() {
  return (
    <TypedDeleteForm
      id="sync-delete"
      title="Delete sync account"
      headingLevel={3}
      className="danger-zone"
      submitLabel="Delete sync account"
      onConfirm={() => sync.deleteAccount()}
    >
      <p>
        Deletes your account and every encrypted blob from the sync server, then deletes the journal from this
        device. Other devices keep their copy until you delete it there. This cannot be undone.
      </p>
    </TypedDeleteForm>
  );
}
