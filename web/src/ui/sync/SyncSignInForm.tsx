// Sign in to sync with username + passphrase: on a fresh device this brings the journal here.
// The same form recovers with the recovery code (passphrase forgotten): code + new passphrase.
import { useState, type FormEvent } from "react";
import { errorMessage } from "../hooks";
import {
  KeyProgress,
  PassphraseField,
  RecoveryFields,
  newPassphraseProblem,
  useNewPassphrase,
} from "../PassphraseFields";
import { sync } from "./hooks";

export type SignInMode = "signin" | "recover";

export function SyncSignInForm(props: {
  initialUsername?: string;
  submitLabel?: string;
  onDone?: () => void;
  mode?: SignInMode;
}) {
  const recover = props.mode === "recover";
  const [username, setUsername] = useState(props.initialUsername ?? "");
  const [passphrase, setPassphrase] = useState("");
  const [code, setCode] = useState("");
  const pair = useNewPassphrase();
  const [submitted, setSubmitted] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState("");
  const busy = progress !== null;
  const problem = (): string | null => {
    if (!recover)
      return username.trim() && passphrase ? null : "Enter your sync username and your passphrase.";
    if (!username.trim() || !code.trim()) return "Enter your sync username and your recovery code.";
    return newPassphraseProblem(pair.passphrase, pair.confirm);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    const p = problem();
    setError(p ?? "");
    if (p) return;
    setProgress(0);
    try {
      if (recover) await sync.recover(username.trim(), code.trim(), pair.passphrase, setProgress);
      else await sync.signIn(username.trim(), passphrase, setProgress);
      setPassphrase("");
      pair.onPassphrase("");
      pair.onConfirm("");
      setCode("");
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
        {recover ? (
          <RecoveryFields code={code} onCode={setCode} pair={pair} submitted={submitted} />
        ) : (
          <PassphraseField
            label="Passphrase"
            value={passphrase}
            onChange={setPassphrase}
            autoComplete="current-password"
          />
        )}
      </fieldset>
      <KeyProgress
        fraction={progress}
        label={
          recover
            ? "Checking your recovery code, fetching your keys and setting the new passphrase…"
            : "Checking your passphrase and fetching your keys…"
        }
      />
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

const ONBOARDING = {
  signin: {
    title: "Sign in to your synced journal",
    intro:
      "Use the sync username and passphrase from your other device. Your journal is downloaded in encrypted form and opened here with your passphrase; the sync server never sees it.",
    submit: "Sign in and open my journal",
  },
  recover: {
    title: "Recover with your recovery code",
    intro:
      "Forgot your passphrase and have no device with your journal? Enter your sync username and the recovery code you saved when you set up VentWell, then choose a new passphrase. Your journal is downloaded in encrypted form and opened here; the old passphrase stops working.",
    submit: "Recover and open my journal",
  },
} as const;

/** First-run alternative to creating a journal: bring an existing one from the relay. */
export function SyncSignInOnboarding({
  mode = "signin",
  onBack,
  onDone,
}: {
  mode?: SignInMode;
  onBack: () => void;
  onDone: () => void;
}) {
  const text = ONBOARDING[mode];
  return (
    <section className="card stack" aria-labelledby="sync-onboard-title">
      <h1 id="sync-onboard-title">{text.title}</h1>
      <p className="muted">{text.intro}</p>
      <SyncSignInForm key={mode} mode={mode} submitLabel={text.submit} onDone={onDone} />
      <div className="actions start">
        <button type="button" className="ghost" onClick={onBack}>
          Back
        </button>
      </div>
    </section>
  );
}
