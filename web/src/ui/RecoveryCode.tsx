// The recovery code, shown exactly once: copy, download as .txt, print, then confirm it is saved.
import { useState, type FormEvent } from "react";
import { dateStamp, downloadText } from "./download";

export function RecoveryCode({ code, onDone }: { code: string; onDone: () => void }) {
  const [saved, setSaved] = useState(false);
  const [status, setStatus] = useState("");
  const [tried, setTried] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setStatus("Copied. Paste it somewhere safe, outside this device if you can.");
    } catch {
      setStatus("Couldn't copy automatically — select the code and copy it by hand.");
    }
  };
  const download = () => {
    downloadText(
      `ventwell-recovery-code-${dateStamp()}.txt`,
      `VentWell recovery code\n\n${code}\n\nCreated ${new Date().toLocaleString()}.\n` +
        `Use it if you forget your passphrase: on the lock screen choose "Use recovery code".\n` +
        `If you use sync and no device has your journal any more, choose "recover with my recovery code"\n` +
        `on the first screen of a new device (with your sync username).\n` +
        `Anyone with this code and this device (or your sync username) can open your journal. Keep it private.\n`,
    );
    setStatus("Downloaded. Move the file somewhere safe — not only this device.");
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (saved) onDone();
  };
  return (
    <form className="card stack recovery" onSubmit={submit} noValidate aria-labelledby="rc-title">
      <h1 id="rc-title">Save your recovery code</h1>
      <p>
        If you ever forget your passphrase, this code is the <strong>only</strong> way back into your journal.
        It is shown just this once.
      </p>
      <p className="recovery-code" aria-label="Recovery code" data-testid="recovery-code" translate="no">
        <CodeHalves code={code} />
      </p>
      <div className="actions wrap no-print">
        <button type="button" onClick={copy}>
          Copy
        </button>
        <button type="button" onClick={download}>
          Download .txt
        </button>
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <p className="status no-print" role="status">
        {status}
      </p>
      <label className="check no-print">
        <input
          type="checkbox"
          checked={saved}
          onChange={(e) => setSaved(e.target.checked)}
          aria-invalid={(tried && !saved) || undefined}
        />
        <span>I saved my recovery code somewhere safe.</span>
      </label>
      {tried && !saved && (
        <p className="field-error no-print" role="alert">
          Please save the code and tick the box — you won't see it again.
        </p>
      )}
      <div className="actions no-print">
        <button type="submit" className="primary">
          Open my journal
        </button>
      </div>
    </form>
  );
}

/** Three groups per half, each half kept whole: on a narrow screen it wraps 3 + 3, never mid-group. */
function CodeHalves({ code }: { code: string }) {
  const groups = code.split("-");
  const cut = Math.ceil(groups.length / 2);
  const first = groups.slice(0, cut).join("-");
  const second = groups.slice(cut).join("-");
  return second ? (
    <>
      <span className="rc-half">{first}-</span>
      <span className="rc-half">{second}</span>
    </>
  ) : (
    <span className="rc-half">{first}</span>
  );
}
