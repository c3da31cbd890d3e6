// The guide's model: download progress on first load, a kind note if it can't load.
import { useEffect, useState } from "react";
import { isModelCached } from "../../ai/model-cache";
import { aiClient, useAiStatus } from "./ai";

export function ModelStatus() {
  const s = useAiStatus();
  // A model already on this device loads in a few seconds with no download: no banner then, so
  // the page doesn't jump on every unlock. Unknown (no Cache API) counts as a download.
  const [cached, setCached] = useState<boolean | "checking">("checking");
  useEffect(() => {
    let live = true;
    void isModelCached().then((c) => live && setCached(c === true));
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    // Start as soon as the journal is open, so the first reply doesn't wait for the download.
    aiClient()
      .load()
      .catch(() => undefined); // shown below from the status
  }, []);
  const pct = Math.round(s.fraction * 100);
  return (
    <div className="model-status" data-testid="model-status" data-state={s.state}>
      {s.state === "loading" && cached === false && (
        <div className="model-loading">
          {/* Only the sentence is live: a percentage in a live region would be read out at every step. */}
          <span role="status">Getting the guide ready on this device…</span>
          <progress aria-label="Guide download" max={100} value={pct} />
          <span aria-hidden="true">{pct}%</span>
          <span className="hint">A one-time download. After this, the guide works offline.</span>
        </div>
      )}
      {s.state === "error" && (
        <div role="status" className="model-error">
          <p>
            The guide's model isn't available right now, so its replies will be simpler. The safety check on
            your words still runs. {s.message ? <span className="muted">({s.message})</span> : null}
          </p>
          <button
            type="button"
            className="ghost small"
            onClick={() =>
              aiClient()
                .load()
                .catch(() => undefined)
            }
          >
            Try again
          </button>
        </div>
      )}
    </div>
  );
}
