// First run: what is stored where → consent → passphrase → key derivation → recovery code.
import { useId, useState, type FormEvent } from "react";
import { errorMessage } from "./hooks";
import { KeyProgress, NewPassphraseFields, newPassphraseProblem } from "./PassphraseFields";
import { RecoveryCode } from "./RecoveryCode";
import { vault } from "./services";
import { SyncSignInOnboarding } from "./sync/SyncSignInForm";

type Step = "welcome" | "passphrase" | "recovery" | "signin" | "recover";

export function Onboarding({ onDone }: { onDone: () => void }) {
  const [step, setStep] = useState<Step>("welcome");
  const [syncLater, setSyncLater] = useState(false);
  const [recoveryCode, setRecoveryCode] = useState("");
  return (
    <main id="main" className="onboarding narrow">
      <div className="brand-mark" aria-hidden="true">
        <img src="/icons/icon.svg" alt="" width="56" height="56" />
      </div>
      {step === "welcome" && (
        <Welcome
          syncLater={syncLater}
          setSyncLater={setSyncLater}
          onNext={() => setStep("passphrase")}
          onSignIn={() => setStep("signin")}
          onRecover={() => setStep("recover")}
        />
      )}
      {(step === "signin" || step === "recover") && (
        <SyncSignInOnboarding mode={step} onBack={() => setStep("welcome")} onDone={onDone} />
      )}
      {step === "passphrase" && (
        <ChoosePassphrase
          onBack={() => setStep("welcome")}
          onCreated={(code) => {
            setRecoveryCode(code);
            setStep("recovery");
          }}
        />
      )}
      {step === "recovery" && <RecoveryCode code={recoveryCode} onDone={onDone} />}
    </main>
  );
}

function Welcome(props: {
  syncLater: boolean;
  setSyncLater: (v: boolean) => void;
  onNext: () => void;
  onSignIn: () => void;
  onRecover: () => void;
}) {
  const [onDevice, setOnDevice] = useState(false);
  const [tried, setTried] = useState(false);
  const errorId = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (onDevice) props.onNext();
  };
  /** The sync ways in still need the on-device consent. */
  const consented = (go: () => void) => () => {
    setTried(true);
    if (onDevice) go();
  };
  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="welcome-title">
      <h1 id="welcome-title">Welcome to VentWell</h1>
      <p className="lede">A private place to write down what's on your mind.</p>
      <ul className="facts">
        <li>
          <strong>Stored on this device, encrypted.</strong> Everything you write is locked with your
          passphrase before it is saved in this browser.
        </li>
        <li>
          <strong>Only you can read it.</strong> Not us, not anyone with access to this device's storage —
          without your passphrase it is unreadable.
        </li>
        <li>
          <strong>The guide runs here too.</strong> The guide that answers you works on this device; your
          words are not sent anywhere to be analysed.
        </li>
        <li>
          <strong>Sync is optional.</strong> If you turn it on, our server only ever stores encrypted blobs it
          cannot open.
        </li>
      </ul>
      <fieldset className="consents">
        <legend>Your consent</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={onDevice}
            onChange={(e) => setOnDevice(e.target.checked)}
            aria-describedby={tried && !onDevice ? errorId : undefined}
            aria-invalid={(tried && !onDevice) || undefined}
          />
          <span>
            I agree that VentWell processes what I write <strong>on this device</strong> to store it encrypted
            and to let the guide reply. <span className="tag">Required</span>
          </span>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={props.syncLater}
            onChange={(e) => props.setSyncLater(e.target.checked)}
          />
          <span>
            Offer me encrypted sync between my devices (you can turn it on in Settings).{" "}
            <span className="tag muted">Optional</span>
          </span>
        </label>
        {tried && !onDevice && (
          <p className="field-error" id={errorId} role="alert">
            To keep a journal here, please agree to on-device processing.
          </p>
        )}
      </fieldset>
      <p className="hint">
        VentWell is a journal, not a substitute for professional care. If you are in danger, call your local
        emergency number.
      </p>
      <div className="actions">
        <button type="submit" className="primary">
          Continue
        </button>
      </div>
      <div className="actions">
        <button type="button" className="ghost" onClick={consented(props.onSignIn)}>
          I already sync VentWell on another device — sign in
        </button>
      </div>
      <div className="actions">
        <button type="button" className="ghost" onClick={consented(props.onRecover)}>
          I sync VentWell elsewhere but forgot my passphrase — recover with my recovery code
        </button>
      </div>
    </form>
  );
}

function ChoosePassphrase({ onBack, onCreated }: { onBack: () => void; onCreated: (code: string) => void }) {
  const [passphrase, setPassphrase] = useState("");
  const [confirm, setConfirm] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState("");
  const busy = progress !== null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    const problem = newPassphraseProblem(passphrase, confirm);
    setError(problem ?? "");
    if (problem) return;
    setProgress(0);
    try {
      const { recoveryCode } = await vault.create(passphrase, setProgress);
      onCreated(recoveryCode);
    } catch (err) {
      setProgress(null);
      setError(errorMessage(err));
    }
  };
  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="pass-title" aria-busy={busy}>
      <h1 id="pass-title">Choose a passphrase</h1>
      <p>
        Your passphrase unlocks your journal on this device. A few unrelated words are easy to remember and
        hard to guess — for example four words you picture together.{" "}
        <strong>We cannot recover it for you</strong>; next you'll get a recovery code as a backup.
      </p>
      <fieldset disabled={busy} className="plain">
        <NewPassphraseFields
          passphrase={passphrase}
          confirm={confirm}
          onPassphrase={setPassphrase}
          onConfirm={setConfirm}
          submitted={submitted}
          autoFocus
        />
      </fieldset>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <KeyProgress fraction={progress} label="Creating your encryption keys on this device…" />
      <div className="actions">
        <button type="button" className="ghost" onClick={onBack} disabled={busy}>
          Back
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Creating keys…" : "Create my journal"}
        </button>
      </div>
    </form>
  );
}
