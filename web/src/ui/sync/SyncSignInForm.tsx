// Sign in to sync with username + passphrase: on a fresh device this brings the journal here.
import { useState, type FormEvent } from "react";
import { errorMessage } from "../hooks";
import { KeyProgress, PassphraseField } from "../PassphraseFields";
import { sync } from "./hooks";

export function SyncSignInForm(props: {
  initialUsername?: string;
  submitLabel?: string;
  onDone?: () => void;
}) {
  const [username, setUsername] = useState(props.initialUsername ?? "");
  const [passphrase, setPassphrase] = useState("");
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState("");
  const busy = progress !== null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !passphrase) return setError("Enter your sync username and your passphrase.");
    setError("");
    setProgress(0);
    try {
      await sync.signIn(username.trim(), passphrase, setProgress);
      setPassphrase("");
      props.onDone?.();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setProgress(null);
    }
  };
  return (
    <form className="stack" onSubmit={submit} noValidate aria-busy={busy}>
      <fieldset disabled={busy} className="plain stack">
        <div className="field">
          <label htmlFor="sync-signin-username">Sync username</label>
          <input
            id="sync-signin-username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
            autoCapitalize="off"
            spellCheck={false}
          />
        </div>
        <PassphraseField
          label="Passphrase"
          value={passphrase}
          onChange={setPassphrase}
          autoComplete="current-password"
        />
      </fieldset>
      <KeyProgress fraction={progress} label="Checking your passphrase and fetching your keys…" />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions start">
        <button type="submit" className="primary" disabled={busy}>
          {props.submitLabel ?? "Sign in"}
        </button>
      </div>
    </form>
  );
}

/** First-run alternative to creating a journal: bring an existing one from the relay. */
export function SyncSignInOnboarding({ onBack, onDone }: { onBack: () => void; onDone: () => void }) {
  return (
    <section className="card stack" aria-labelledby="sync-onboard-title">
      <h1 id="sync-onboard-title">Sign in to your synced journal</h1>
      <p className="muted">
        Use the sync username and passphrase from your other device. Your journal is downloaded in encrypted
        form and opened here with your passphrase; the sync server never sees it.
      </p>
      <SyncSignInForm submitLabel="Sign in and open my journal" onDone={onDone} />
      <div className="actions start">
        <button type="button" className="ghost" onClick={onBack}>
          Back
        </button>
      </div>
    </section>
  );
}
