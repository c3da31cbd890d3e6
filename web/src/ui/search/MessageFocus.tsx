// Opens an entry at a message (from a search result): waits for the message to render, then
// scrolls it into view, marks it and moves focus there so screen readers start at it.
import { useEffect } from "react";

export function MessageFocus({ messageId }: { messageId: string }) {
  useEffect(() => {
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const find = () => document.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(messageId)}"]`);
    const go = (el: HTMLElement) => {
      done = true;
      observer.disconnect();
      // After the conversation's own scroll-to-latest has run.
      timer = setTimeout(() => {
        document.querySelectorAll(".search-target").forEach((n) => n.classList.remove("search-target"));
        el.classList.add("search-target");
        el.tabIndex = -1;
        el.scrollIntoView({ block: "center" });
        el.focus({ preventScroll: true });
      }, 120);
    };
    const observer = new MutationObserver(() => {
      const el = !done && find();
      if (el) go(el);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const now = find();
    if (now) go(now);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [messageId]);
  return null;
}
