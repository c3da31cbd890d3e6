// A written safety plan, read-only: the sections that have something in them, phones as tap-to-call.
import type { SafetyContact, SafetyPlan } from "../../guide";
import { SAFETY_PLAN_SECTIONS, telHref } from "../../guide";

type Level = 2 | 3;

export function SafetyPlanView({ plan, headingLevel }: { plan: SafetyPlan; headingLevel: Level }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="plan-view">
      {SAFETY_PLAN_SECTIONS.map(({ key, title }) => {
        const body =
          key === "distractions" ? (
            <>
              <Items items={plan.distractions.places} />
              <People people={plan.distractions.people} />
            </>
          ) : key === "helpPeople" || key === "professionals" ? (
            <People people={plan[key]} />
          ) : (
            <Items items={plan[key]} />
          );
        const empty =
          key === "distractions"
            ? plan.distractions.places.length + plan.distractions.people.length === 0
            : plan[key].length === 0;
        if (empty) return null;
        return (
          <section key={key} className="plan-view-section" data-section={key}>
            <H>{title}</H>
            {body}
          </section>
        );
      })}
    </div>
  );
}

function Items({ items }: { items: string[] }) {
  if (!items.length) return null;
  return (
    <ul>
      {items.map((x, i) => (
        <li key={i}>{x}</li>
      ))}
    </ul>
  );
}

function People({ people }: { people: SafetyContact[] }) {
  if (!people.length) return null;
  return (
    <ul className="plan-people">
      {people.map((p, i) => {
        const tel = telHref(p.phone);
        return (
          <li key={i}>
            <span className="plan-person">{p.name}</span>
            {p.note && <span className="muted"> — {p.note}</span>}
            {p.phone &&
              (tel ? (
                <>
                  {" "}
                  <a className="plan-call" href={tel}>
                    Call {p.phone}
                  </a>
                </>
              ) : (
                <span> · {p.phone}</span>
              ))}
          </li>
        );
      })}
    </ul>
  );
}
