import { useState, type FormEvent, type ReactNode } from "react";
import { errorMessage } from "./hooks";

/**
 * A destructive action that runs only after the person types DELETE: "delete all data on this
 * device" and "delete sync account" share it.
 */
export function TypedDeleteForm(props: {
  /** Prefix for the heading and input ids. */
  id: string;
  title: string;
  headingLevel: 2 | 3;
  className?: string;
  submitLabel: string;
  onConfirm: () => Promise<void>;
  children: ReactNode;
}) {
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const Heading = props.headingLevel === 2 ? "h2" : "h3";
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (typed !== "DELETE") return setError("Type DELETE in capital letters to confirm.");
    setBusy(true);
    try {
      await props.onConfirm();
      window.location.hash = "";
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <form
      className={`stack ${props.className ?? ""}`.trim()}
      onSubmit={submit}
      noValidate
      aria-labelledby={`${props.id}-title`}
    >
      <Heading id={`${props.id}-title`}>{props.title}</Heading>
      {props.children}
      <div className="field">
        <label htmlFor={`${props.id}-confirm`}>
          Type <strong>DELETE</strong> to confirm
        </label>
        <input
          id={`${props.id}-confirm`}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={Boolean(error) || undefined}
        />
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions start">
        <button type="submit" className="danger-solid" disabled={typed !== "DELETE" || busy}>
          {busy ? "Deleting…" : props.submitLabel}
        </button>
      </div>
    </form>
  );
}
