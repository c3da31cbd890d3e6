// The exercise catalogue (bundled, works offline) and one exercise at #/exercises/<id>.
import { EXERCISES, exerciseById } from "@ventwell/shared";
import { ExerciseRunner } from "./ExerciseRunner";
import "./exercises.css";

export function ExercisesScreen({ id }: { id?: string }) {
  if (id !== undefined) {
    const exercise = exerciseById(id);
    if (!exercise)
      return (
        <main id="main" className="page stack">
          <h1 tabIndex={-1}>Exercise not found</h1>
          <p>
            That exercise isn't in this version of VentWell. <a href="#/exercises">See all exercises</a>
          </p>
        </main>
      );
    return (
      <main id="main" className="page">
        <ExerciseRunner key={exercise.id} exercise={exercise} />
      </main>
    );
  }
  return (
    <main id="main" className="page stack-lg exercises">
      <div className="stack">
        <h1 tabIndex={-1}>Exercises</h1>
        <p className="lede">
          Short things to do when you want to, not homework. Each one can be stopped at any time.
        </p>
      </div>
      <ul className="exercise-list" aria-label="Exercises">
        {EXERCISES.map((e) => (
          <li key={e.id} className="card exercise-card stack">
            <h2>
              <a href={`#/exercises/${e.id}`}>{e.title}</a>
            </h2>
            <p>{e.summary}</p>
            <p className="muted small">
              About {e.minutes} {e.minutes === 1 ? "minute" : "minutes"} · stop any time
            </p>
          </li>
        ))}
      </ul>
    </main>
  );
}
