// Service worker registration; a new deploy waits until the person chooses to reload.
import { useRegisterSW } from "virtual:pwa-register/react";

export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisterError() {
      // Without a service worker the app still works online; nothing personal to report.
    },
  });
  if (!needRefresh) return null;
  return (
    <div className="update-banner" role="status">
      <span>A new version of VentWell is ready.</span>
      <button type="button" className="primary small" onClick={() => void updateServiceWorker(true)}>
        Reload
      </button>
      <button type="button" className="ghost small" onClick={() => setNeedRefresh(false)}>
        Later
      </button>
    </div>
  );
}
