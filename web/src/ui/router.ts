// Hash routes keep the back button working without a server and without a router library.
import { useSyncExternalStore } from "react";

export type Route =
  | { name: "journal" }
  | { name: "entry"; id: string; messageId?: string }
  | { name: "settings" }
  | { name: "safety-plan" }
  | { name: "exercises"; id?: string }
  | { name: "insights" }
  | { name: "insights-trap"; trap: string }
  | { name: "search" }
  | { name: "report" };

function parse(hash: string): Route {
  const path = hash.replace(/^#/, "");
  const entry = /^\/entry\/([^/]+)(?:\/m\/([^/]+))?$/.exec(path);
  if (entry?.[1])
    return entry[2]
      ? { name: "entry", id: decodeURIComponent(entry[1]), messageId: decodeURIComponent(entry[2]) }
      : { name: "entry", id: decodeURIComponent(entry[1]) };
  if (path === "/insights") return { name: "insights" };
  const trap = /^\/insights\/traps\/([a-z_]+)$/.exec(path);
  if (trap?.[1]) return { name: "insights-trap", trap: trap[1] };
  if (path === "/search") return { name: "search" };
  if (path === "/report") return { name: "report" };
  if (path === "/settings") return { name: "settings" };
  if (path === "/safety-plan") return { name: "safety-plan" };
  const exercise = /^\/exercises(?:\/([^/]+))?$/.exec(path);
  if (exercise)
    return exercise[1] ? { name: "exercises", id: decodeURIComponent(exercise[1]) } : { name: "exercises" };
  return { name: "journal" };
}

const subscribe = (l: () => void) => {
  window.addEventListener("hashchange", l);
  return () => window.removeEventListener("hashchange", l);
};
const snapshot = () => window.location.hash;

export function useRoute(): Route {
  return parse(useSyncExternalStore(subscribe, snapshot));
}

export function hrefFor(route: Route): string {
  if (route.name === "entry")
    return `#/entry/${encodeURIComponent(route.id)}${route.messageId ? `/m/${encodeURIComponent(route.messageId)}` : ""}`;
  if (route.name === "insights") return "#/insights";
  if (route.name === "insights-trap") return `#/insights/traps/${route.trap}`;
  if (route.name === "search") return "#/search";
  if (route.name === "report") return "#/report";
  if (route.name === "settings") return "#/settings";
  if (route.name === "safety-plan") return "#/safety-plan";
  if (route.name === "exercises")
    return route.id ? `#/exercises/${encodeURIComponent(route.id)}` : "#/exercises";
  return "#/";
}

export function navigate(route: Route, opts: { replace?: boolean } = {}) {
  const href = hrefFor(route);
  if (opts.replace) {
    window.history.replaceState(null, "", href);
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  } else window.location.hash = href;
}
