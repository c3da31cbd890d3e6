/**
 * The crisis screen: a full-screen takeover with hand-written words only (never generated
 * text), the device locale's crisis lines with tap-to-call and tap-to-text links, the
 * emergency number, the international directory and "My safety plan" when one exists.
 *
 * @remarks Never a trap: Escape, "I'm safe right now, continue" and "Back to my journal" all
 * leave it. Everything shown is bundled, so it works offline.
 */
import { useEffect, useRef, type ReactNode } from "react";
import type { CrisisContact, CrisisLine } from "../../guide";
import { navigate } from "../router";
import { SafetyPlanView } from "../safety-plan/SafetyPlanView";
import { hasPlan, useSafetyPlan } from "../safety-plan/store";
import { deviceResources } from "./resources";
import { closeCrisis, useCrisisView } from "./state";
import "./crisis.css";

export function CrisisLayer() {
  const view = useCrisisView();
  return view.open ? <CrisisScreen /> : null;
}

function CrisisScreen() {
  const ref = useRef<HTMLDialogElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const plan = useSafetyPlan();
  const { country, directory } = deviceResources();

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal(); // the rest of the page is inert while it shows
    headingRef.current?.focus();
    return () => d?.close();
  }, []);

  const leave = (to: "entry" | "journal" | "plan") => {
    closeCrisis();
    if (to === "journal") {
      navigate({ name: "journal" });
      requestAnimationFrame(() => document.getElementById("list-title")?.focus());
    } else if (to === "plan") navigate({ name: "safety-plan" });
    else requestAnimationFrame(() => document.getElementById("composer-input")?.focus());
  };

  return (
    <dialog
      ref={ref}
      className="crisis"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="crisis-title"
      aria-describedby="crisis-lede"
      data-testid="crisis-screen"
      onCancel={(e) => {
        e.preventDefault(); // Escape: leave the way "continue" does, with our own focus handling
        leave("entry");
      }}
    >
      <div className="crisis-inner">
        <h1 id="crisis-title" ref={headingRef} tabIndex={-1}>
          You don't have to carry this alone
        </h1>
        <p id="crisis-lede" className="crisis-lede">
          What you wrote sounds really heavy, and I'm glad you put it into words. Talking with someone right
          now can make a difference. The people at these lines are there to listen.
        </p>

        {country ? (
          <section aria-labelledby="crisis-lines" className="crisis-section">
            <h2 id="crisis-lines">Talk to someone now ({country.name})</h2>
            <ul className="crisis-lines">
              {country.lines.map((l) => (
                <Line key={l.id} line={l} />
              ))}
            </ul>
          </section>
        ) : (
          <section aria-labelledby="crisis-lines" className="crisis-section">
            <h2 id="crisis-lines">Talk to someone now</h2>
            <p>
              <a className="button primary" href={directory.url} target="_blank" rel="noopener noreferrer">
                Find a helpline in your country
              </a>
            </p>
            <p className="muted">{directory.description}</p>
          </section>
        )}

        <section aria-labelledby="crisis-emergency" className="crisis-section crisis-emergency">
          <h2 id="crisis-emergency">If you're in danger right now</h2>
          {country ? (
            <p>
              If you might act on these thoughts, or you're not safe where you are, call the emergency number.{" "}
              <a className="button danger-solid" href={country.emergency.href} data-testid="emergency-number">
                Call {country.emergency.number}
              </a>
            </p>
          ) : (
            <p>
              If you might act on these thoughts, or you're not safe where you are, call your local emergency
              number.
            </p>
          )}
        </section>

        {hasPlan(plan) && (
          <section aria-labelledby="crisis-plan" className="crisis-section" data-testid="crisis-safety-plan">
            <h2 id="crisis-plan">My safety plan</h2>
            <SafetyPlanView plan={plan.plan} headingLevel={3} />
            <p>
              <button type="button" className="ghost small" onClick={() => leave("plan")}>
                Edit my safety plan
              </button>
            </p>
          </section>
        )}

        {country && (
          <p className="crisis-directory">
            Somewhere else, or want other options?{" "}
            <a href={directory.url} target="_blank" rel="noopener noreferrer">
              {directory.name}
            </a>{" "}
            lists free, confidential helplines in many countries.
          </p>
        )}
        <p className="muted small">
          VentWell can't contact anyone for you and isn't an emergency service. Nothing you wrote leaves this
          device.
        </p>
        <p className="muted small" data-testid="crisis-mistake">
          This page opens whenever your words might mean you're not safe. If it opened by mistake, choose “I'm
          safe right now, continue” to go back to your entry.
        </p>

        <div className="crisis-leave">
          <button type="button" className="primary" onClick={() => leave("entry")}>
            I'm safe right now, continue
          </button>
          <button type="button" className="ghost" onClick={() => leave("journal")}>
            Back to my journal
          </button>
          {!hasPlan(plan) && plan.state === "ready" && (
            <button type="button" className="ghost" onClick={() => leave("plan")}>
              Write a safety plan for later
            </button>
          )}
        </div>
      </div>
    </dialog>
  );
}

function Line({ line }: { line: CrisisLine }) {
  return (
    <li className="crisis-line" data-testid="crisis-line" data-line={line.id}>
      <h3>{line.name}</h3>
      <p>
        {line.description} <span className="muted">({line.hours})</span>
      </p>
      <p className="crisis-contacts">
        {line.contacts.map((c) => (
          <Contact key={c.href} contact={c} />
        ))}
      </p>
      {line.note && <p className="muted small">{line.note}</p>}
    </li>
  );
}

function Contact({ contact: c }: { contact: CrisisContact }): ReactNode {
  const external = c.href.startsWith("https://");
  return (
    <a
      className={`button ${c.kind === "call" ? "primary" : "secondary"}`}
      href={c.href}
      data-kind={c.kind}
      {...(external ? { target: "_blank", rel: "noopener noreferrer" } : {})}
    >
      {c.label}
      {c.value && !c.label.includes(c.value) ? ` (${c.value})` : ""}
    </a>
  );
}
