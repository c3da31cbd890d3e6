/** The browser's Notification API behind the Notifier seam. */
import type { NotificationPermissionState, Notifier } from "./reminders";

const TAG = "ventwell-check-in";
const ICON = "/icons/icon-192.png";

export function browserNotifier(): Notifier {
  const supported = () => typeof Notification !== "undefined";
  return {
    permission: () =>
      supported() ? (Notification.permission as NotificationPermissionState) : "unsupported",
    async request() {
      if (!supported()) return "unsupported";
      return (await Notification.requestPermission()) as NotificationPermissionState;
    },
    async show(title, body) {
      if (!supported() || Notification.permission !== "granted") return false;
      // Through the service worker where there is one (required on Android), else directly.
      try {
        const reg = await navigator.serviceWorker?.getRegistration();
        if (reg?.active) {
          await reg.showNotification(title, { body, tag: TAG, icon: ICON });
          return true;
        }
      } catch {
        // fall through to a page notification
      }
      try {
        const n = new Notification(title, { body, tag: TAG, icon: ICON });
        n.onclick = () => {
          window.focus();
          n.close();
        };
        return true;
      } catch {
        return false;
      }
    },
  };
}
