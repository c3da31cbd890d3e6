// The app opens here: unlock with the passphrase, or with the recovery code (then a new passphrase).
import { useEffect, useRef, useState, type FormEvent } from "react";
import { UnlockDelayedError, WrongPassphraseError } from "../app-contract";
import { errorMessage } from "./hooks";
import {
  KeyProgress,
  PassphraseField,
  RecoveryFields,
  newPassphraseProblem,
  useNewPassphrase,
} from "./PassphraseFields";
import { vault } from "./services";

export function LockScreen() {
  const [mode, setMode] = useState<"passphrase" | "recovery">("passphrase");
  return (
    <main id="main" className="lock narrow">
      <div className="brand-mark" aria-hidden="true">
        <img src="/icons/icon.svg" alt="" width="56" height="56" />
      </div>
      {mode === "passphrase" ? (
        <UnlockForm onRecovery={() => setMode("recovery")} />
      ) : (
        <RecoveryForm onBack={() => setMode("passphrase")} />
      )}
    </main>
  );
}

/** Counts down to 0 from a deadline (ms since epoch), once a second. */
function useCountdown(until: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= Date.now()) return;
    const t = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(t);
  }, [until]);
  return Math.max(0, Math.ceil((until - now) / 1000));
}

function UnlockForm({ onRecovery }: { onRecovery: () => void }) {
  const [passphrase, setPassphrase] = useState("");
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState("");
  const [retryAt, setRetryAt] = useState(0);
  const wait = useCountdown(retryAt);
  const busy = progress !== null;
  const formRef = useRef<HTMLFormElement>(null);
  // A failed try disables, clears and so blurs the field: give the keyboard back to it.
  useEffect(() => {
    if (error && !busy) formRef.current?.querySelector<HTMLInputElement>('input[name="passphrase"]')?.focus();
  }, [error, busy]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || wait > 0) return;
    if (!passphrase) {
      setError("Enter your passphrase.");
      return;
    }
    setError("");
    setProgress(0);
    try {
      await vault.unlock(passphrase, setProgress);
    } catch (err) {
      setProgress(null);
      if (err instanceof WrongPassphraseError) {
        // A delayed attempt was not checked; the countdown says when to try again.
        setError(err instanceof UnlockDelayedError ? "Too many tries in a row." : err.message);
        setRetryAt(err.retryAfterMs > 0 ? Date.now() + err.retryAfterMs : 0);
      } else setError(errorMessage(err));
      setPassphrase("");
    }
  };
  return (
    <form
      ref={formRef}
      className="card stack"
      onSubmit={submit}
      noValidate
      aria-labelledby="unlock-title"
      aria-busy={busy}
    >
      <h1 id="unlock-title">Your journal is locked</h1>
      <p>Enter your passphrase to unlock it on this device.</p>
      <fieldset disabled={busy} className="plain">
        <PassphraseField
          label="Passphrase"
          name="passphrase"
          value={passphrase}
          onChange={setPassphrase}
          autoComplete="current-password"
          invalid={Boolean(error)}
          describedBy={error ? "unlock-error" : undefined}
          autoFocus
        />
      </fieldset>
      <div aria-live="polite" className="live">
        {error && (
          <p className="field-error" id="unlock-error" data-testid="unlock-error">
            {error}
            {wait > 0 && <span className="retry"> You can try again in {wait} s.</span>}
          </p>
        )}
      </div>
      <KeyProgress fraction={progress} label="Unlocking…" />
      <div className="actions">
        <button type="button" className="link" onClick={onRecovery} disabled={busy}>
          Forgot it? Use recovery code
        </button>
        <button type="submit" className="primary" disabled={busy || wait > 0}>
          {busy ? "Unlocking…" : wait > 0 ? `Wait ${wait} s` : "Unlock"}
        </button>
      </div>
    </form>
  );
}

function RecoveryForm({ onBack }: { onBack: () => void }) {
  const [code, setCode] = useState("");
  const pair = useNewPassphrase();
  const { passphrase, confirm } = pair;
  const [submitted, setSubmitted] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState("");
  const [retryAt, setRetryAt] = useState(0);
  const wait = useCountdown(retryAt);
  const busy = progress !== null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || wait > 0) return;
    setSubmitted(true);
    const problem = !code.trim() ? "Enter your recovery code." : newPassphraseProblem(passphrase, confirm);
    setError(problem ?? "");
    if (problem) return;
    setProgress(0);
    try {
      await vault.unlockWithRecoveryCode(code.trim(), passphrase, setProgress);
    } catch (err) {
      setProgress(null);
      setError(errorMessage(err));
      if (err instanceof WrongPassphraseError)
        setRetryAt(err.retryAfterMs > 0 ? Date.now() + err.retryAfterMs : 0);
    }
  };
  return (
    <form
      className="card stack"
      onSubmit={submit}
      noValidate
      aria-labelledby="recover-title"
      aria-busy={busy}
    >
      <h1 id="recover-title">Unlock with your recovery code</h1>
      <p>Enter the recovery code you saved when you set up VentWell, then choose a new passphrase.</p>
      <fieldset disabled={busy} className="plain stack">
        <RecoveryFields
          codeId="recovery-code-input"
          code={code}
          onCode={setCode}
          pair={pair}
          submitted={submitted}
          autoFocus
        />
      </fieldset>
      <div aria-live="polite" className="live">
        {error && (
          <p className="field-error" data-testid="unlock-error">
            {error}
            {wait > 0 && <span className="retry"> You can try again in {wait} s.</span>}
          </p>
        )}
      </div>
      <KeyProgress fraction={progress} label="Checking your code and setting the new passphrase…" />
      <div className="actions">
        <button type="button" className="ghost" onClick={onBack} disabled={busy}>
          Back
        </button>
        <button type="submit" className="primary" disabled={busy || wait > 0}>
          Unlock and set passphrase
        </button>
      </div>
    </form>
  );
}
