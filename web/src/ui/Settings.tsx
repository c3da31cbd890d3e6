// Settings and "own your data": passphrase, auto-lock, export/import, delete everything.
import { useRef, useEffect, useState, type ChangeEvent, type FormEvent } from "react";
import { WrongPassphraseError } from "../app-contract";
import { dateStamp, downloadText } from "./download";
import { errorMessage } from "./hooks";
import { KeyProgress, NewPassphraseFields, PassphraseField, newPassphraseProblem } from "./PassphraseFields";
import { journal, vault } from "./services";
import { useToast } from "./Toasts";
import { SyncSettings } from "./sync/SyncSettings";
import { ReminderSettings } from "./reminders/ReminderSettings";
import { TypedDeleteForm } from "./TypedDeleteForm";
import { collectExtras, describeRestore, restoreExtras } from "../journal/extras";
import { reloadSafetyPlan } from "./safety-plan/store";

const AUTO_LOCK_CHOICES = [1, 2, 5, 10, 15, 30, 60];

export function Settings() {
  // Moving focus to the heading tells screen-reader users the page changed.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="settings stack-lg">
      <h1 tabIndex={-1} ref={heading}>
        Settings
      </h1>
      <AutoLock />
      <ReminderSettings />
      <ChangePassphrase />
      <SyncSettings />
      <YourData />
      <DeleteEverything />
    </div>
  );
}

function AutoLock() {
  const [minutes, setMinutes] = useState(() => vault.autoLockMinutes());
  const [status, setStatus] = useState("");
  const change = async (e: ChangeEvent<HTMLSelectElement>) => {
    const next = Number(e.target.value);
    setMinutes(next);
    try {
      await vault.setAutoLockMinutes(next);
      setStatus(`Saved. VentWell locks after ${next} ${next === 1 ? "minute" : "minutes"} without activity.`);
    } catch (err) {
      setStatus(errorMessage(err));
    }
  };
  const choices = AUTO_LOCK_CHOICES.includes(minutes)
    ? AUTO_LOCK_CHOICES
    : [...AUTO_LOCK_CHOICES, minutes].sort((a, b) => a - b);
  return (
    <section className="card stack" aria-labelledby="autolock-title">
      <h2 id="autolock-title">Auto-lock</h2>
      <div className="field">
        <label htmlFor="autolock">Lock after this long without activity</label>
        <select id="autolock" value={minutes} onChange={change}>
          {choices.map((m) => (
            <option key={m} value={m}>
              {m} {m === 1 ? "minute" : "minutes"}
            </option>
          ))}
        </select>
      </div>
      <p className="status" role="status">
        {status}
      </p>
    </section>
  );
}

function ChangePassphrase() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const busy = progress !== null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    const problem = !current ? "Enter your current passphrase." : newPassphraseProblem(next, confirm);
    if (problem) return setMessage({ kind: "error", text: problem });
    setMessage(null);
    setProgress(0);
    try {
      await vault.changePassphrase(current, next, setProgress);
      setCurrent("");
      setNext("");
      setConfirm("");
      setSubmitted(false);
      setMessage({ kind: "ok", text: "Passphrase changed. Use the new one next time you unlock." });
    } catch (err) {
      const text =
        err instanceof WrongPassphraseError ? "Your current passphrase doesn't match." : errorMessage(err);
      setMessage({ kind: "error", text });
    } finally {
      setProgress(null);
    }
  };
  return (
    <section className="card" aria-labelledby="change-title">
      <form className="stack" onSubmit={submit} noValidate aria-busy={busy}>
        <h2 id="change-title">Change passphrase</h2>
        <p className="muted">
          Your entries are not re-encrypted; only the key that unlocks them is. Your recovery code keeps
          working.
        </p>
        <fieldset disabled={busy} className="plain stack">
          <PassphraseField
            label="Current passphrase"
            value={current}
            onChange={setCurrent}
            autoComplete="current-password"
          />
          <NewPassphraseFields
            label="New passphrase"
            passphrase={next}
            confirm={confirm}
            onPassphrase={setNext}
            onConfirm={setConfirm}
            submitted={submitted}
          />
        </fieldset>
        <KeyProgress fraction={progress} label="Re-wrapping your key…" />
        <div aria-live="polite" className="live">
          {message && <p className={message.kind === "ok" ? "success" : "field-error"}>{message.text}</p>}
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Change passphrase
          </button>
        </div>
      </form>
    </section>
  );
}

function YourData() {
  const toast = useToast();
  const [status, setStatus] = useState("");
  const exportAs = async (kind: "json" | "md") => {
    try {
      const text =
        kind === "json"
          ? await journal.exportJson(await collectExtras(vault))
          : await journal.exportMarkdown();
      downloadText(
        `ventwell-journal-${dateStamp()}.${kind}`,
        text,
        kind === "json" ? "application/json" : "text/markdown",
      );
      setStatus(
        kind === "json"
          ? "Exported as JSON. The file is not encrypted — keep it somewhere private."
          : "Exported as Markdown. The file is not encrypted — keep it somewhere private.",
      );
    } catch (err) {
      setStatus(errorMessage(err));
    }
  };
  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    try {
      const { imported, extras } = await journal.importJson(await file.text());
      const also = extras ? describeRestore(await restoreExtras(vault, extras)) : "";
      if (extras?.safetyPlan) await reloadSafetyPlan();
      const text = `Imported ${imported} ${imported === 1 ? "entry" : "entries"}.${also ? ` ${also}` : ""}`;
      setStatus(text);
      toast({ text });
    } catch (err) {
      setStatus(errorMessage(err));
    } finally {
      input.value = "";
    }
  };
  return (
    <section className="card stack" aria-labelledby="data-title">
      <h2 id="data-title">Your data</h2>
      <p className="muted">
        Take everything with you. JSON can be imported back into VentWell and also carries your safety plan,
        quick check-ins, exercise sessions and activity plans; Markdown holds your entries, easy to read
        anywhere. Exported files are plain text, not encrypted.
      </p>
      <div className="actions wrap start">
        <button type="button" onClick={() => void exportAs("json")}>
          Export JSON
        </button>
        <button type="button" onClick={() => void exportAs("md")}>
          Export Markdown
        </button>
        <label className="button file-button">
          Import JSON…
          <input
            type="file"
            accept="application/json,.json"
            onChange={importFile}
            className="visually-hidden"
            data-testid="import-input"
          />
        </label>
      </div>
      <p className="status" role="status">
        {status}
      </p>
    </section>
  );
}

function DeleteEverything() {
  return (
    <section className="card danger-zone">
      <TypedDeleteForm
        id="wipe"
        title="Delete all data on this device"
        headingLevel={2}
        submitLabel="Delete everything"
        onConfirm={() => journal.wipeDevice()}
      >
        <p>
          This permanently erases your journal, keys and settings from this browser. It cannot be undone.
          Export first if you want a copy.
        </p>
      </TypedDeleteForm>
    </section>
  );
}
