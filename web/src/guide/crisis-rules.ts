/**
 * The lexical safety net's rules, matched against normalised text one sentence at a time
 * (see normalize.ts). Each rule is a phrase family; `exempt` removes fixed idioms before
 * matching, `unless` vetoes a sentence by context, `topicVeto` lets clear talk about a topic,
 * about someone else, or about past recovery through. README.md lists the decisions.
 */

export interface Rule {
  id: string;
  pattern: RegExp;
  /** Spans removed before matching: fixed idioms and topics ("suicide prevention", "die laughing"). */
  exempt?: RegExp;
  /** Context that vetoes the sentence unless intent is stated (accidents, bungee jumps). */
  unless?: RegExp;
  /** Clear topic / third-person / past-recovery sentences do not fire (unless present risk shows). */
  topicVeto?: boolean;
  /** Firm, unhedged negation right before the phrase defuses it ("I'd never hurt myself"). */
  softenable?: boolean;
}

const SELF = String.raw`(?:myself|my self|meself)`;
const OTHER_SELF = String.raw`(?:himself|herself|themselves|themself|yourself)`;
const FILLER = String.raw`(?:\s+(?:just|fucking|freaking|literally|actually|really|finally))?`;
export const SELF_HARM_VERB = String.raw`(?:cut|cutting|cuts|burn|burning|burned|burnt|hurt|hurting|harm|harming|hit|hitting|punch|punched|punching|starve|starving|scratch|scratched|scratching)`;
const ACCIDENT =
  /\b(?:shaving|cooking|chopping|kitchen|stove|oven|pan|kettle|iron|gym|lifting|workout|training|running|playing|practice|accident|accidentally|by mistake|slipped|tripped|fell|paper|garden|gardening|sport|football|soccer|skating|climbing|hiking|bike|cycling|fence|broken glass|rock|bramble|thorns?|cat|dog|eczema|itch\w*|rash|mosquito|bites?|stir fry|recipe|knife skills)\b/;
const PILLS = String.raw`(?:pills?|tablets?|meds|medication|medicine|painkillers|paracetamol|tylenol|ibuprofen)`;
const MEANS = String.raw`(?:rope|gun|pistol|rifle|firearm|bridge|pills|tablets|razor|blade|blades|ledge|train tracks|tracks)`;
const DEATH = String.raw`(?:end it|end this|end things|be done with it|not be here|never wake|say goodbye|goodbye forever|no more pain|over with|the last time|finally be free|die|dying|be dead)`;
const BODY = String.raw`(?:arms?|wrists?|thighs?|legs?|skin|stomach|hips?)`;
const SENTENCE_END = String.raw`\s*(?:[.!?;]|$)`;

/** Strong intent overrides an accident context: "burned my hand on the stove on purpose". */
export const INTENT =
  /\b(?:on purpose|deliberately|to feel something|because i deserve|to punish myself|wanted it to hurt|want(?:ed)? to (?:cut|hurt|burn|harm))\b/;

/** Talk about a topic (media, study, work), about someone else, or about past recovery. */
export const TOPIC_CONTEXT = new RegExp(
  [
    String.raw`\b(?:documentary|film|movie|book|novel|play|podcast|article|news|story|scene|character|episode|series|lecture|class|course|coursework|module|dissertation|essay|project|research|paper|study|statistics?|rates?|theory|training|workshop|leaflet|guidelines|reporting|inquest|campaign|charity|fundraiser|awareness|prevention|patients?|callers?|colleagues?|video games?|tiktok|filters?|safeguarding|first aid|lecturer|teacher|placement|media|history of|experience with)\b`,
    String.raw`\basked (?:me )?(?:if|whether|about)\b`,
    String.raw`\b(?:died|dies|death|lost|losing)\b(?:\s+\w+){0,2}\s+(?:by|to|from|of|after)\s+(?:a |an )?(?:suicide|overdose)`,
    String.raw`\b(?:his|her|their)\s+(?:\w+\s+)?(?:suicide|overdose|self harm)`,
    String.raw`\b(?:he|she|they)\s+(?:is|was|are|were|has been|have been|had been|used to)\s+(?:\w+\s+){0,2}(?:suicidal|self harming|cutting|thinking (?:of|about) suicide)`,
    String.raw`\b(?:used to|when i was|years? ago|months? ago|at \d+|since i (?:stopped|last)|(?:years?|months?|weeks?|days?) (?:clean|free|since)|(?:self harm|sh) free|clean from|stopped (?:self harming|cutting|hurting myself)|in recovery|as a teenager|(?:are|is|have|has) gone|been years)\b`,
  ].join("|"),
);

/** Present, first-person risk cancels a topic veto: "…and the urges are back", "I feel suicidal". */
export const PRESENT_RISK =
  /\b(?:again|still|lately|these days|right now|tonight|urges? (?:are|is) back|thinking about (?:it|doing it)|(?<!used to )want to|going to|relapse\w*|coming back|creeping back|back again|said yes|i (?:am|feel|have been|keep|think about)\s+(?:\w+\s+)?(?:suicid\w*|self harm\w*|overdos\w*))\b/;

export const RULES: Rule[] = [
  {
    id: "kill_self",
    pattern: new RegExp(
      String.raw`\b(?:kill|killing|killed|kil|kiling|off|offing)${FILLER}\s+${SELF}\b|\bkms\b`,
    ),
    exempt: /\b\d+(?: ?\.\d+)? ?kms\b/g, // "a 10 kms run"
  },
  {
    id: "kill_self_other",
    pattern: new RegExp(String.raw`\b(?:kill|killing|killed)${FILLER}\s+${OTHER_SELF}\b`),
    unless: /\b(?:video game|game|movie|film|show|book|character|episode|season|in the story)\b/,
    exempt:
      /\bkilling (?:himself|herself|themselves|yourself) (?:working|at work|with work|over|for|to (?:get|make|finish|pay|keep))\b/g,
  },
  { id: "unalive", pattern: /\bun alive\b|\bunaliv\w*/, topicVeto: true },
  {
    id: "suicide",
    pattern: /\bsuicid\w*|\bsucid\w*|\bsuicde\w*|\bsuiside\w*|\bsewer slide\b/,
    exempt: /\bsuicide (?:squad|doors?|bomb\w*|attack\w*|runs?|sprints?|drills?|mission)\b/g,
    topicVeto: true,
  },
  {
    id: "end_life",
    pattern: new RegExp(
      String.raw`\b(?:end|ending|ended|take|taking|took)\s+(?:my|my own)\s+life\b|\b(?:end|ending) it all\b|\bend everything\b|\b(?:end|ending) (?:it|things|this|my life) (?:tonight|today|for good|forever|soon|now)\b|\bend my (?:existence|suffering for good)\b|\b(?:going to|want to|will|ready to|time to|night to|day to|am|decided to) end (?:it|things)${SENTENCE_END}|\bi am ending (?:it|things)${SENTENCE_END}|\bdone with (?:life|living|being alive|existing)\b|\bdecided (?:to|that i will) (?:die|end (?:it|my life|things))\b`,
    ),
  },
  {
    id: "want_die",
    pattern:
      /\b(?:want|wants|wanted|wish|wishing|ready|need|deserve|deserves|would like|like) (?:to )?(?:just )?(?:die|be dead|not exist|stop existing|not wake up|never wake up|disappear forever)\b|\bwish i (?:was|were|had been) (?:dead|never born)\b|\bwish i (?:had |would )?never (?:been born|existed)\b|\brather be dead\b|\brather not (?:be here at all|exist|be alive)\b|\bif i (?:just )?(?:did not|never|would not) wake up\b|\b(?:go to )?sleep and never wake up\b|\bhop\w* i (?:will not|do not|never|would not) wake up\b|\b(?:thinking|think|thought) (?:about|of) (?:dying|being dead|ending it|not being here|not existing)\b|\b(?:imagining|imagine|picturing) (?:being dead|my (?:own )?funeral)\b|\bhop\w* (?:i|to) (?:get |gets )?hit by a\b|\bways to (?:die|kill myself|end it)\b|\bhow to (?:die|kill myself)\b|\bpainless(?:ly)? (?:way|ways|death|to die)\b/,
    exempt: /\bdie (?:of|from) (?:embarrassment|laughing|laughter|cringe|boredom|shame)\b|\bdie laughing\b/g,
    topicVeto: true,
  },
  {
    id: "not_alive",
    pattern: new RegExp(
      String.raw`\b(?:do not|no longer|never|not) (?:want|wish|care) (?:to )?(?:be alive|stay alive|exist|keep existing|wake up|keep living|go on living|be here (?:anymore|any more|no more)|be in this world|live (?:anymore|any more|no more|like this|this way|with this|in this world|another day))\b|\b(?:do not|no longer|never) want to (?:live|be here|go on)${SENTENCE_END}|\b(?:tired|sick) of (?:being alive|living|existing)\b|\bno (?:reason|point) (?:for me )?(?:to|in) (?:live|living|being alive|going on|existing|stay|staying|be here|keep going)\b|\bcan not (?:go on|keep going|keep living) (?:anymore|any more|like this|living)\b|\bcan not keep being alive\b|\b(?:do not|does not|did not) deserve to (?:live|be alive|exist)\b|\bnot (?:to )?go on${SENTENCE_END}`,
    ),
  },
  {
    id: "burden",
    pattern:
      /\b(?:better off|happier|easier) without me\b|\bbetter (?:place|world) without me\b|\bbetter off dead\b|\bworth (?:more|something) dead\b|\b(?:better|kinder|easier|happier|relieved|heal faster|move on faster)\b(?: \w+){0,3} if i (?:was|were) (?:gone|not around|not here|dead)\b|\b(?:worry about|deal with|put up with) me (?:for )?(?:much )?longer\b|\b(?:will not|would not|not going to) be (?:around|here|alive|a burden) (?:much )?(?:longer|tomorrow|anymore|for long|for it|next \w+|to see)\b|\b(?:no one|nobody) (?:would|will) (?:miss|notice) (?:me|if i (?:was|were) gone)\b/,
  },
  {
    id: "overdose",
    pattern: new RegExp(
      String.raw`\boverdos\w*|\bover dos\w*|\bod (?:on|tonight)\b|\b(?:take|took|taking|swallow|swallowed|swallowing|down|downed)\s+(?:all|every|a bunch of|a handful of|handfuls of|a whole|the whole|a lot of|loads of|a bottle of|bottle of)\b[\w ]{0,25}?\b${PILLS}|\b(?:took|take|swallowed)\b[^.!?;]{0,40}\b${PILLS}\b[^.!?;]{0,40}\bon purpose\b`,
    ),
    exempt:
      /\boverdos\w* on (?:caffeine|coffee|sugar|chocolate|candy|sweets|netflix|tv|memes|cake|tiktok|carbs|cuteness)\b/g,
    topicVeto: true,
  },
  {
    id: "self_harm",
    pattern: new RegExp(
      String.raw`\b${SELF_HARM_VERB}${FILLER}\s+${SELF}\b|\bself harm\w*|\bselfharm\w*|\bslit (?:my|both) wrists?\b|\b(?:cutting|self harming) again\b|\bi (?:cut|sh|sh would) again\b|\bstarted cutting\b|\brelapsed? (?:on|into|with) (?:cutting|self harm\w*)\b|\b(?:cut|cutting|scratch\w*|burn\w*|dig\w* my nails into) my ${BODY}\b|\b(?:until|till) (?:it|they|i) (?:bled|bleed|bruised?)\b|^(?:cut|cutting) again\b|\bnew cuts (?:on|over)\b|\b(?:hitting|hit|punching|punched|bashing|banging) my (?:legs?|arms?|thighs?|stomach)\b[^.!?;]{0,30}\b(?:till|until)\b|\burges? to (?:cut|self harm|hurt myself|burn myself)\b|\bneed to cut${SENTENCE_END}|\bbought (?:new |more |some )?(?:blades|razors)\b|\bi (?:\w+ )?(?:cut|burn\w*|hurt|hit|punch\w*|scratch\w*) (?:my|myself)\b[^.!?;]{0,30}\bon purpose\b`,
    ),
    unless: ACCIDENT,
    topicVeto: true,
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
      /\b(?:jump|jumping|throw myself|step|stepping|walk|walking) (?:off|from|in front of) (?:a |the |that |this |my )?(?:\w+ )?(?:bridge|building|roof|rooftop|cliff|balcony|window|ledge|train|bus|truck|lorry|car|traffic|tracks|car park|parking garage)\b|\b(?:walk|walking|step|stepping|run|running) (?:out )?into traffic\b|\b(?:want|wanted|wanting) to (?:step|jump) off\b|\bdriv\w* (?:my car |the car )?(?:into|off) (?:a |the )?(?:wall|tree|river|cliff|oncoming)/,
    unless: /\b(?:bungee|diving board|pool|lake|into the sea|parachut\w*|skydiv\w*)\b/,
  },
  {
    id: "means_intent",
    // A means word and a plan, stockpile or death phrase in the same sentence.
    pattern: new RegExp(
      String.raw`\b(?:saving|saved|stockpil\w*|hoard\w*|collecting|counting|stashing|hiding)\s+(?:up\s+)?(?:my\s+|the\s+|some\s+)?(?:\w+\s+)?${PILLS}|\b(?:stash|stockpile|hoard|collection) of (?:\w+ ){0,4}${PILLS}|\bhow many (?:of )?(?:my )?${PILLS} (?:would|will|does|to|it)\b|\b(?:gun|weapon|knife|blade|razor|pills)\b[^.!?;]{0,60}\b(?:use|using) it on ${SELF}\b|\b${MEANS}\b[^.!?;]{0,60}\b${DEATH}\b|\b${DEATH}\b[^.!?;]{0,60}\b${MEANS}\b`,
    ),
    exempt: /\bdying (?:to|for|of)\b|\bdie (?:of|from) (?:embarrassment|laughing|boredom)\b|\bdie hard\b/g,
  },
  {
    id: "goodbye",
    pattern:
      /\b(?:wrote|written|writing|write|left|leaving)\s+(?:a |my |some )?(?:suicide|goodbye) (?:note|letter)s?\b|\bgiving away (?:all )?my (?:things|stuff|belongings|possessions|pets)\b|\b(?:my )?last (?:day|night|entry) (?:alive|on earth|ever)\b|\bthis is (?:goodbye|my last entry)\b|\bsaying goodbye (?:to everyone|forever)\b|\bgoodbye (?:everyone|journal|world|all)\b|\bwhoever finds (?:me|this)\b|\bif anyone finds this\b|\blast thing i will (?:ever )?write\b/,
    exempt: /\bmy last entry (?:in|of) (?:this|the) (?:journal|notebook|diary|book)\b/g,
  },
];

/** A firm negation right before a self-harm phrase: "I'd never hurt myself", "I won't cut myself". */
export const NEGATED_SELF_HARM = new RegExp(
  String.raw`\b(?:would never|will never|never would|never will|could never|never going to|am not going to|not going to|would not|will not|do not|never)\s+(?:ever\s+|really\s+|actually\s+)?${SELF_HARM_VERB}\s+${SELF}\b`,
  "g",
);

/** Anything that leaves the door open: "I think", "maybe", "for now", "…though". */
export const HEDGE =
  /\b(?:i think|i guess|probably|maybe|perhaps|not sure|unless|yet|for now|sometimes|kind of|sort of|i do not know|or not|at the moment|tonight|this time|though)\b/;
