// "Try: <exercise>" under a guide reply that invites one (Action phase).
import type { Message } from "../../app-contract";
import { exerciseForGuideMessage } from "../../exercises";

export function TryExercise({ message }: { message: Message }) {
  const exercise = exerciseForGuideMessage(message);
  if (!exercise) return null;
  return (
    <a className="button try-exercise" href={`#/exercises/${exercise.id}`}>
      Try: {exercise.title}
    </a>
  );
}
