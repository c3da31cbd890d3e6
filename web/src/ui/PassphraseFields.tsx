// Passphrase inputs: one with a show/hide toggle, and the "choose + confirm" pair with a meter.
import { useId, useState } from "react";
import { estimateStrength } from "./passphrase";

interface FieldProps {
  label: string;
  value: string;
  onChange: (v: string) => void;
  autoComplete: "current-password" | "new-password";
  name?: string;
  describedBy?: string;
  invalid?: boolean;
  autoFocus?: boolean;
}

export function PassphraseField({
  label,
  value,
  onChange,
  autoComplete,
  name,
  describedBy,
  invalid,
  autoFocus,
}: FieldProps) {
  const id = useId();
  const [shown, setShown] = useState(false);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="input-with-button">
        <input
          id={id}
          name={name}
          type={shown ? "text" : "password"}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          autoComplete={autoComplete}
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          autoFocus={autoFocus}
          required
        />
        <button
          type="button"
          className="ghost small"
          aria-pressed={shown}
          onClick={() => setShown((s) => !s)}
        >
          {shown ? "Hide" : "Show"}
          <span className="visually-hidden"> {label.toLowerCase()}</span>
        </button>
      </div>
    </div>
  );
}

interface NewProps {
  passphrase: string;
  confirm: string;
  onPassphrase: (v: string) => void;
  onConfirm: (v: string) => void;
  submitted: boolean;
  label?: string;
  autoFocus?: boolean;
}

/** Returns null when the pair is valid, else the message to show. */
export function newPassphraseProblem(passphrase: string, confirm: string): string | null {
  if (!estimateStrength(passphrase).acceptable)
    return "Choose a passphrase of at least 10 characters, or 4 or more words.";
  if (passphrase !== confirm) return "The two passphrases don't match.";
  return null;
}

export function NewPassphraseFields({
  passphrase,
  confirm,
  onPassphrase,
  onConfirm,
  submitted,
  label,
  autoFocus,
}: NewProps) {
  const meterId = useId();
  const confirmId = useId();
  const strength = estimateStrength(passphrase);
  const mismatch = submitted && confirm !== passphrase;
  return (
    <>
      <PassphraseField
        label={label ?? "Choose a passphrase"}
        name="new-passphrase"
        value={passphrase}
        onChange={onPassphrase}
        autoComplete="new-password"
        describedBy={meterId}
        invalid={submitted && !strength.acceptable}
        autoFocus={autoFocus}
      />
      <div className="strength" id={meterId}>
        <meter
          min={0}
          max={4}
          low={2}
          high={3}
          optimum={4}
          value={strength.score}
          aria-label="Passphrase strength"
          data-score={strength.score}
        />
        <p className="hint">
          {strength.label && <strong>{strength.label}. </strong>}
          {strength.hint}
        </p>
      </div>
      <PassphraseField
        label="Type it again"
        name="confirm-passphrase"
        value={confirm}
        onChange={onConfirm}
        autoComplete="new-password"
        describedBy={mismatch ? confirmId : undefined}
        invalid={mismatch}
      />
      {mismatch && (
        <p className="field-error" id={confirmId}>
          The two passphrases don't match.
        </p>
      )}
    </>
  );
}

/** The recovery code input: lock screen, and recovery on a new device (sync onboarding). */
export function RecoveryCodeField(props: {
  value: string;
  onChange: (v: string) => void;
  id?: string;
  autoFocus?: boolean;
}) {
  const generated = useId();
  const id = props.id ?? generated;
  return (
    <div className="field">
      <label htmlFor={id}>Recovery code</label>
      <input
        id={id}
        name="recovery-code"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        className="mono"
        autoFocus={props.autoFocus}
        required
      />
    </div>
  );
}

export type NewPassphrasePair = Pick<NewProps, "passphrase" | "confirm" | "onPassphrase" | "onConfirm">;

/** State of a "choose + confirm" pair, ready to spread into NewPassphraseFields. */
export function useNewPassphrase(): NewPassphrasePair {
  const [passphrase, onPassphrase] = useState("");
  const [confirm, onConfirm] = useState("");
  return { passphrase, confirm, onPassphrase, onConfirm };
}

/** Recovery code + new passphrase: the lock screen, and recovery on a new device. */
export function RecoveryFields(props: {
  code: string;
  onCode: (v: string) => void;
  pair: NewPassphrasePair;
  submitted: boolean;
  codeId?: string;
  autoFocus?: boolean;
}) {
  return (
    <>
      <RecoveryCodeField
        id={props.codeId}
        value={props.code}
        onChange={props.onCode}
        autoFocus={props.autoFocus}
      />
      <NewPassphraseFields label="New passphrase" {...props.pair} submitted={props.submitted} />
    </>
  );
}

/** Key derivation progress; Argon2id takes a few seconds on purpose. */
export function KeyProgress({ fraction, label }: { fraction: number | null; label: string }) {
  if (fraction === null) return null;
  return (
    <div className="key-progress" role="status">
      <label>
        <span>{label}</span>
        <progress max={1} value={fraction > 0 ? fraction : undefined} />
      </label>
      <p className="hint">This takes a few seconds on purpose: it makes guessing your passphrase slow.</p>
    </div>
  );
}
