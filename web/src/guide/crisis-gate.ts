/**
 * The crisis gate: runs first on every message. It fires when the model's crisis score reaches
 * its threshold OR when a lexical safety net finds an explicit phrase (suicide, self-harm,
 * means plus intent). Either one is enough.
 *
 * @remarks The lexical net is deliberately simple and leans towards firing. Its decisions on
 * idioms, talk about other people and negation are listed in guide/README.md. `matched` names
 * the rule that fired, never the person's words, so it is safe to keep in memory or tests.
 */
import { normalizeForGate } from "./normalize.js";

export type CrisisReason = "model" | "lexical";

export interface CrisisGateResult {
  fired: boolean;
  reason: CrisisReason | null;
  /** Id of the lexical rule that matched (not the text), when the net fired. */
  matched?: string;
}

interface Rule {
  id: string;
  pattern: RegExp;
  /** Spans removed before matching: fixed idioms and topics ("suicide prevention", "die laughing"). */
  exempt?: RegExp;
  /** Context that vetoes the whole sentence unless intent is stated (accidents, bungee jumps). */
  unless?: RegExp;
  /** Firm, unhedged negation right before the phrase defuses it ("I'd never hurt myself"). */
  softenable?: boolean;
}

const SELF = String.raw`(?:myself|my self|meself)`;
const OTHER_SELF = String.raw`(?:himself|herself|themselves|themself|yourself)`;
const FILLER = String.raw`(?:\s+(?:just|fucking|freaking|literally|actually|really|finally))?`;
const SELF_HARM_VERB = String.raw`(?:cut|cutting|cuts|burn|burning|burned|burnt|hurt|hurting|harm|harming|hit|hitting|starve|starving|scratch|scratching)`;
const ACCIDENT =
  /\b(?:shaving|cooking|chopping|kitchen|stove|oven|pan|kettle|iron|gym|lifting|workout|training|running|playing|practice|accident|accidentally|by mistake|slipped|tripped|fell|paper|garden|gardening|sport|football|soccer|skating|climbing)\b/;
const PILLS = String.raw`(?:pills?|tablets?|meds|medication|medicine|painkillers|paracetamol|tylenol|ibuprofen)`;
const MEANS = String.raw`(?:rope|gun|pistol|rifle|firearm|bridge|pills|tablets|razor|blade|ledge|train tracks|tracks)`;
const DEATH = String.raw`(?:end it|end this|end things|be done with it|not be here|never wake|say goodbye|goodbye forever|no more pain|over with|the last time|finally be free|die|dying|be dead)`;

const RULES: Rule[] = [
  {
    id: "kill_self",
    pattern: new RegExp(String.raw`\b(?:kill|killing|killed|kil|kiling)${FILLER}\s+${SELF}\b|\bkms\b`),
    exempt: /\b\d+(?: ?\.\d+)? ?kms\b/g, // "a 10 kms run"
  },
  {
    id: "kill_self_other",
    pattern: new RegExp(String.raw`\b(?:kill|killing|killed)${FILLER}\s+${OTHER_SELF}\b`),
    unless: /\b(?:video game|game|movie|film|show|book|character|episode|season|in the story)\b/,
    exempt:
      /\bkilling (?:himself|herself|themselves|yourself) (?:working|at work|with work|over|for|to (?:get|make|finish|pay|keep))\b/g,
  },
  { id: "unalive", pattern: /\bun alive\b|\bunaliv\w*/ },
  {
    id: "suicide",
    pattern: /\bsuicid\w*|\bsucid\w*|\bsuicde\w*|\bsuiside\w*|\bsewer slide\b/,
    // Only fixed topical compounds are removed; "about suicide", "suicidal", "my friend's suicide" still fire.
    exempt:
      /\bsuicide (?:prevention|awareness|squad|doors?|bomb\w*|attack\w*|runs?|sprints?|drills?|mission)\b/g,
  },
  {
    id: "end_life",
    pattern:
      /\b(?:end|ending|ended|take|taking|took)\s+(?:my|my own)\s+life\b|\b(?:end|ending) it all\b|\bend everything\b|\b(?:end|ending) (?:it|things|this|my life) (?:tonight|today|for good|forever|soon|now)\b|\bend my (?:existence|suffering for good)\b/,
  },
  {
    id: "want_die",
    pattern:
      /\b(?:want|wanted|wish|wishing|ready|need|deserve|deserves) (?:to )?(?:just )?(?:die|be dead|not exist|stop existing|not wake up|never wake up|disappear forever)\b|\bwish i (?:was|were|had been) (?:dead|never born)\b|\bwish i (?:had )?never (?:been born|existed)\b|\bif i (?:just )?(?:did not|never|would not) wake up\b|\b(?:easier|better) (?:for everyone )?if i (?:was|were) (?:not here|not around|gone|dead)\b/,
    exempt: /\bdie (?:of|from) (?:embarrassment|laughing|laughter|cringe|boredom)\b|\bdie laughing\b/g,
  },
  {
    id: "not_alive",
    pattern:
      /\b(?:do not|no longer|never|not) (?:want|wish|care) (?:to )?(?:be alive|stay alive|exist|keep existing|wake up|keep living|go on living|be here (?:anymore|any more|no more)|be in this world|live (?:anymore|any more|no more|like this|this way|with this|in this world|another day))\b|\b(?:do not|no longer|never) want to (?:live|be here|go on)\s*(?:[.!?;]|$)|\b(?:tired|sick) of (?:being alive|living|existing)\b|\bno (?:reason|point) (?:to|in) (?:live|living|being alive|going on|existing)\b|\bcan not (?:go on|keep going|keep living) (?:anymore|any more|like this|living)\b/,
  },
  {
    id: "burden",
    pattern:
      /\b(?:better off|happier|easier) without me\b|\bbetter off dead\b|\b(?:will not|would not) be (?:around|here|a burden) (?:much )?(?:longer|tomorrow|anymore|for long)\b|\b(?:no one|nobody) (?:would|will) (?:miss|notice) (?:me|if i (?:was|were) gone)\b/,
  },
  {
    id: "overdose",
    pattern: new RegExp(
      String.raw`\boverdos\w*|\bover dos\w*|\bod (?:on|tonight)\b|\b(?:take|took|taking|swallow|swallowed|swallowing|down|downed)\s+(?:all|every|a bunch of|a handful of|handfuls of|a whole|the whole|a lot of|loads of|a bottle of|bottle of)\b[\w ]{0,25}?\b${PILLS}`,
    ),
    exempt:
      /\boverdos\w* on (?:caffeine|coffee|sugar|chocolate|candy|sweets|netflix|tv|memes|cake|tiktok|carbs|cuteness)\b/g,
  },
  {
    id: "self_harm",
    pattern: new RegExp(
      String.raw`\b${SELF_HARM_VERB}${FILLER}\s+${SELF}\b|\bself harm\w*|\bselfharm\w*|\bslit (?:my|both) wrists?\b|\b(?:cutting|self harming) again\b|\bstarted cutting\b|\brelapsed? (?:on|into|with) (?:cutting|self harm\w*)\b`,
    ),
    unless: ACCIDENT,
    softenable: true,
  },
  { id: "hang", pattern: new RegExp(String.raw`\bhang(?:ing)?\s+${SELF}\b|\bnoose\b`) },
  {
    id: "shoot_self",
    pattern: new RegExp(
      String.raw`\bshoot(?:ing)?\s+${SELF}\b|\bgun to my head\b|\bblow my brains\b|\bbullet (?:in|through) my (?:head|brain)\b`,
    ),
  },
  {
    id: "jump",
    pattern:
      /\b(?:jump|jumping|throw myself|step|stepping|walk|walking) (?:off|from|in front of) (?:a |the |that |this |my )?(?:\w+ )?(?:bridge|building|roof|rooftop|cliff|balcony|window|ledge|train|bus|truck|lorry|car|traffic|tracks|car park|parking garage)\b/,
    unless: /\b(?:bungee|diving board|pool|lake|into the sea|parachut\w*|skydiv\w*)\b/,
  },
  {
    id: "means_intent",
    // A means word and a plan, stockpile or death phrase in the same sentence.
    pattern: new RegExp(
      String.raw`\b(?:saving|saved|stockpil\w*|hoard\w*|collecting|counting|stashing|hiding)\s+(?:up\s+)?(?:my\s+|the\s+|some\s+)?(?:\w+\s+)?${PILLS}|\bhow many ${PILLS} (?:would|will|does|to)\b|\b${MEANS}\b[^.!?;]{0,60}\b${DEATH}\b|\b${DEATH}\b[^.!?;]{0,60}\b${MEANS}\b`,
    ),
    exempt: /\bdying (?:to|for|of)\b|\bdie (?:of|from) (?:embarrassment|laughing|boredom)\b|\bdie hard\b/g,
  },
  {
    id: "goodbye",
    pattern:
      /\b(?:wrote|written|writing|write|left|leaving)\s+(?:a |my |some )?(?:suicide|goodbye) (?:note|letter)s?\b|\bgiving away (?:all )?my (?:things|stuff|belongings|possessions|pets)\b|\b(?:my )?last (?:day|night|entry) (?:alive|on earth|ever)\b|\bthis is goodbye\b|\bsaying goodbye (?:to everyone|forever)\b/,
  },
];

/** A firm negation right before a self-harm phrase: "I'd never hurt myself", "I won't cut myself". */
const NEGATED_SELF_HARM = new RegExp(
  String.raw`\b(?:would never|will never|never would|never will|could never|never going to|am not going to|not going to|would not|will not|do not|never)\s+(?:ever\s+|really\s+|actually\s+)?${SELF_HARM_VERB}\s+${SELF}\b`,
  "g",
);
/** Anything that leaves the door open: "I think", "maybe", "for now", "but sometimes". */
const HEDGE =
  /\b(?:i think|i guess|probably|maybe|perhaps|not sure|unless|yet|for now|sometimes|kind of|sort of|i do not know|or not|at the moment|tonight|this time)\b/;
const INTENT =
  /\b(?:on purpose|deliberately|want to|wanted to|going to|need to|because i deserve|to feel something|to punish)\b/;

/**
 * The lexical safety net alone: the id of the first rule that matched, or null.
 * Idioms without a self-harm object ("this traffic is killing me") match no rule.
 */
export function lexicalMatch(text: string): string | null {
  const { normalized, hedged } = normalizeForGate(text);
  const openDoor = hedged || HEDGE.test(normalized);
  for (const rule of RULES) {
    for (const raw of sentencesOf(normalized)) {
      const sentence = rule.exempt ? raw.replace(rule.exempt, " ") : raw;
      if (!rule.pattern.test(sentence)) continue;
      if (rule.unless?.test(sentence) && !INTENT.test(sentence)) continue;
      if (rule.softenable && !openDoor && !rule.pattern.test(sentence.replace(NEGATED_SELF_HARM, " ")))
        continue;
      return rule.id;
    }
  }
  return null;
}

function sentencesOf(normalized: string): string[] {
  const parts = normalized
    .split(/[.!?;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return parts;
}

/**
 * Model score OR lexical net. `threshold` comes from the model's labels.json. A missing or
 * non-finite score counts as 0, so the lexical net still guards a failed model.
 */
export function crisisGate(text: string, crisisScore: number, threshold: number): CrisisGateResult {
  const matched = lexicalMatch(text);
  if (matched) return { fired: true, reason: "lexical", matched };
  const score = Number.isFinite(crisisScore) ? crisisScore : 0;
  if (score >= threshold) return { fired: true, reason: "model" };
  return { fired: false, reason: null };
}
