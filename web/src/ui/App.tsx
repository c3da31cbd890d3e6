// Top level: loading → onboarding (first run) → lock screen → the journal shell.
import { lazy, Suspense, useCallback, useEffect, useState, type MouseEvent } from "react";
import { useVaultStatus } from "./hooks";
import { MessageFocus } from "./search/MessageFocus";
import { JournalList } from "./JournalList";
import { EntryView } from "./EntryView";
import { LockScreen } from "./LockScreen";
import { Onboarding } from "./Onboarding";
import { hrefFor, useRoute } from "./router";
import { startAutoLock, vault } from "./services";
import { Settings } from "./Settings";
import { GuideLayer } from "./guide/GuideLayer";
import { CrisisLayer } from "./crisis/CrisisScreen";
import { SafetyPlanEditor } from "./safety-plan/SafetyPlanEditor";
import { ToastProvider } from "./Toasts";
import { UpdatePrompt } from "./UpdatePrompt";
import { SyncIndicator } from "./sync/SyncIndicator";
import { ExercisesScreen } from "./exercises/ExercisesScreen";
import { ReminderNudge } from "./reminders/ReminderNudge";

export function App() {
  return (
    <ToastProvider>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <UpdatePrompt />
      <Screens />
      {/* Outside the shell: an auto-lock never hides the crisis lines (the safety plan, encrypted, does hide). */}
      <CrisisLayer />
    </ToastProvider>
  );
}

// The hash is the router's, so the skip link moves focus itself instead of changing it.
function skipToMain(e: MouseEvent<HTMLAnchorElement>) {
  e.preventDefault();
  const main = document.getElementById("main");
  if (!main) return;
  main.tabIndex = -1;
  main.focus();
}

function Screens() {
  const status = useVaultStatus();
  // Idle auto-lock reads the (encrypted) setting each time it checks, so no re-arming is needed.
  useEffect(() => startAutoLock(vault), []);
  // Onboarding stays on screen after the vault unlocks, until the recovery code is confirmed.
  const [onboarding, setOnboarding] = useState(false);
  useEffect(() => {
    if (status === "new") setOnboarding(true);
  }, [status]);
  if (status === "loading")
    return (
      <main id="main" className="narrow center" aria-busy="true">
        <p role="status">Opening VentWell…</p>
      </main>
    );
  if (status === "new" || onboarding) return <Onboarding onDone={() => setOnboarding(false)} />;
  if (status === "locked") return <LockScreen />;
  return <Shell />;
}

// Insights, search and the report load on demand, with their chart and PDF libraries.
const InsightsScreen = lazy(() => import("./insights/InsightsScreen"));
const TrapQuestions = lazy(() => import("./insights/TrapQuestions"));
const SearchScreen = lazy(() => import("./search/SearchScreen"));
const ReportScreen = lazy(() => import("./reports/ReportScreen"));
const loadingScreen = (
  <main id="main" className="page" aria-busy="true">
    <p role="status" className="muted">
      Opening…
    </p>
  </main>
);

function Shell() {
  const route = useRoute();
  const lock = useCallback(() => vault.lock(), []);
  const listFirst = route.name === "journal";
  return (
    <div className="shell" data-route={route.name}>
      <header className="topbar">
        <a className="brand" href={hrefFor({ name: "journal" })}>
          <img src="/icons/icon.svg" alt="" width="28" height="28" />
          <span>VentWell</span>
        </a>
        <nav aria-label="Main">
          <a
            href={hrefFor({ name: "journal" })}
            aria-current={route.name === "journal" || route.name === "entry" ? "page" : undefined}
          >
            Journal
          </a>
          <a
            href={hrefFor({ name: "exercises" })}
            aria-current={route.name === "exercises" ? "page" : undefined}
          >
            Exercises
          </a>
          <a
            href={hrefFor({ name: "insights" })}
            aria-current={route.name.startsWith("insights") || route.name === "report" ? "page" : undefined}
          >
            Insights
          </a>
          <a href={hrefFor({ name: "search" })} aria-current={route.name === "search" ? "page" : undefined}>
            Search
          </a>
          <a
            href={hrefFor({ name: "settings" })}
            aria-current={route.name === "settings" ? "page" : undefined}
          >
            Settings
          </a>
          <a
            href={hrefFor({ name: "safety-plan" })}
            aria-current={route.name === "safety-plan" ? "page" : undefined}
          >
            My safety plan
          </a>
        </nav>
        <SyncIndicator />
        <button type="button" className="lock-now" onClick={lock}>
          <LockIcon />
          Lock
        </button>
      </header>
      <GuideLayer />
      <ReminderNudge />
      {route.name === "insights" ||
      route.name === "insights-trap" ||
      route.name === "search" ||
      route.name === "report" ? (
        <Suspense fallback={loadingScreen}>
          {route.name === "insights" ? (
            <InsightsScreen />
          ) : route.name === "insights-trap" ? (
            <TrapQuestions trap={route.trap} />
          ) : route.name === "search" ? (
            <SearchScreen />
          ) : (
            <ReportScreen />
          )}
        </Suspense>
      ) : route.name === "exercises" ? (
        <ExercisesScreen id={route.id} />
      ) : route.name === "settings" ? (
        <main id="main" className="page">
          <Settings />
        </main>
      ) : route.name === "safety-plan" ? (
        <SafetyPlanEditor />
      ) : (
        <div className={`split ${listFirst ? "show-list" : "show-entry"}`}>
          <JournalList activeId={route.name === "entry" ? route.id : undefined} isMain={listFirst} />
          {route.name === "entry" ? (
            <>
              <EntryView key={route.id} id={route.id} />
              {route.messageId && <MessageFocus key={route.messageId} messageId={route.messageId} />}
            </>
          ) : (
            <section className="entry-empty" aria-hidden="true">
              <p>Choose an entry, or start a new one.</p>
            </section>
          )}
        </div>
      )}
    </div>
  );
}

function LockIcon() {
  return (
    <svg
      aria-hidden="true"
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.2"
      strokeLinecap="round"
    >
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V8a4 4 0 0 1 8 0v3" />
    </svg>
  );
}
