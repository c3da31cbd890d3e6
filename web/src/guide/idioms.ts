/**
 * Everyday idioms that make a whole message: "this traffic is killing me", "I'm dying to see
 * it", "this exam will be the death of me". The model can score such a short line as risky; when
 * the WHOLE message is one of them and nothing else, the gate does not let the model fire on it.
 *
 * @remarks Deliberately narrow, because it overrides the model:
 * - only the whole message (an interjection before and "lol"/"today" after are allowed);
 * - "killing me" / "the death of me" only with a listed everyday nuisance as the subject ("this
 *   life", "the loneliness", "everything", "it" are never listed);
 * - "dying to/for" only with a listed harmless verb or treat, and no word of risk after it;
 * - the lexical safety net runs first and always wins (crisis-gate.ts).
 */
import { normalizeForGate } from "./normalize.js";

const NUISANCE = [
  "traffic",
  "exam",
  "exams",
  "homework",
  "heat",
  "humidity",
  "cold",
  "commute",
  "queue",
  "wait",
  "weather",
  "noise",
  "deadline",
  "deadlines",
  "revision",
  "essay",
  "coursework",
  "assignment",
  "boss",
  "manager",
  "meeting",
  "meetings",
  "neighbours",
  "neighbors",
  "neighbour",
  "neighbor",
  "shoes",
  "feet",
  "back",
  "knees",
  "hangover",
  "cough",
  "flu",
  "toddler",
  "kids",
  "baby",
  "teething",
  "printer",
  "wifi",
  "internet",
  "laptop",
  "phone",
  "bus",
  "train",
  "suspense",
  "cliffhanger",
  "show",
  "series",
  "song",
  "gym",
  "workout",
  "diet",
  "shift",
  "job",
  "work",
  "week",
  "monday",
  "mondays",
  "ending",
  "waiting",
  "hill",
  "stairs",
  "heels",
  "rota",
  "admin",
  "paperwork",
].join("|");
const SUBJECT = `(?:this|the|that|these|those|my|our|his|her|their) (?:[a-z]+ ){0,2}(?:${NUISANCE})`;
const SOFT = "(?:literally |actually |honestly |really |so |slowly |absolutely )?";
const HARMLESS_VERB =
  "(?:see|try|know|meet|watch|hear|read|visit|go|eat|taste|tell you|show you|find out|get home|hug)";
const TREAT =
  "(?:a |an |some )(?:coffee|tea|cuppa|drink|pint|beer|wine|nap|holiday|break|pizza|burger|snack|shower|bath|sandwich|chocolate)";
// "again" too: "dying to see her again" can be about someone who has died.
const RISK =
  /\b(?:die|dying|dead|death|gone|forever|end|sleep|kill|disappear|never|leave|over|bye|goodbye|pills?|again)\b/;

/** A pattern's one capture group, when it has one, is the words after it: none may be risky. */
const IDIOMS: { id: string; whole: RegExp }[] = [
  { id: "nuisance-killing-me", whole: new RegExp(`^${SUBJECT} (?:is|are|was|were) ${SOFT}killing me$`) },
  {
    id: "nuisance-death-of-me",
    whole: new RegExp(`^${SUBJECT} (?:will|is going to) be the death of me$`),
  },
  {
    id: "dying-to",
    whole: new RegExp(`^(?:i am )?${SOFT}dying (?:to ${HARMLESS_VERB}|for ${TREAT})((?: [a-z']+){0,6})$`),
  },
];

const LEAD = /^(?:(?:ugh|urgh|argh|omg|oh my god|honestly|man|god|seriously|lol|ok|okay|well)[\s,.!]+)+/;
const TRAIL = /(?:[\s,]+(?:lol|lmao|haha+|right now|today|tonight|already|honestly))*[\s.!?…]*$/;

/** The id of the everyday idiom this whole message is, or null. */
export function everydayIdiom(text: string): string | null {
  const core = normalizeForGate(text)
    .normalized.replace(/[\u{1F300}-\u{1FAFF}\u{2600}-\u{27BF}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(LEAD, "")
    .replace(TRAIL, "");
  for (const idiom of IDIOMS) {
    const m = idiom.whole.exec(core);
    if (!m) continue;
    if (m[1] !== undefined && RISK.test(m[1])) continue;
    return idiom.id;
  }
  return null;
}
