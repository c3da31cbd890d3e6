// One thinking trap: what it is, and the Socratic questions the guide asks about it.
import { TRAP_INFO } from "../../exercises/traps";
import { isTrap, questionsFor } from "../../insights";
import { hrefFor } from "../router";
import "./insights.css";

export default function TrapQuestions({ trap }: { trap: string }) {
  if (!isTrap(trap))
    return (
      <main id="main" className="page">
        <h1>Thinking trap not found</h1>
        <p>
          <a href={hrefFor({ name: "insights" })}>Back to insights</a>
        </p>
      </main>
    );
  const info = TRAP_INFO[trap];
  return (
    <main id="main" className="page stack" aria-labelledby="trap-title">
      <a className="back" href={hrefFor({ name: "insights" })}>
        <span aria-hidden="true">←</span> Insights
      </a>
      <h1 id="trap-title" tabIndex={-1}>
        {info.title}
      </h1>
      <p>{info.description}</p>
      <p className="muted">For example: “{info.example}”</p>
      <h2>Questions to try</h2>
      <ul className="question-list" data-testid="trap-questions">
        {questionsFor(trap).map((q) => (
          <li key={q.id}>{q.text}</li>
        ))}
      </ul>
      <p>
        <a href={hrefFor({ name: "exercises", id: "thought-record" })}>Work through it in a thought record</a>
      </p>
    </main>
  );
}
