/**
 * What kind of answer a question asks for, read from its question words ("when", "how many",
 * "who", …) — the expected answer type of classic question answering. Pure functions: the
 * answer type of a question, and whether a sentence holds an answer of that type.
 */
import { createRequire } from "node:module";
import type { Country } from "world-countries";
import lemmatizer from "wink-lemmatizer";
import { tagWords } from "../corpus/tagger.js";
import { CHAT_QUESTION_WORDS, STOP_WORDS, wordTokens, type Token } from "./analyse.js";

export type AnswerType = "time" | "year" | "duration" | "quantity" | "money" | "percent" | "age" | "party" | "career" | "person" | "place" | "reason" | "definition" | "country" | "view";

export interface QuestionShape {
  type?: AnswerType;
  /** Tokens that belong to the question phrase ("long" in "how long"), not to its topic. */
  phraseTokens: Set<number>;
  /** The tokens of the thing counted in "how many …", from its first word to its noun ("electric buses" in "How many electric buses …?"). */
  counted?: { from: number; to: number };
  /** The token of the noun a "what is the …" question asks for ("turnout" in "What was the turnout in the election?"). */
  focus?: number;
  /** The token of the deed a "who …" question asks the doer of ("chaired" in "Who chaired the talks?"). */
  deed?: number;
}

const MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December";
const MONTH_ABBREVIATIONS = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec";
/** A year of the last two centuries and this one, in figures. */
const YEAR = "(?:1[89]|20)\\d\\d";
const WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
const NUMBER_WORDS =
  "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen|dozens|half|couple|several|twice|thrice";

/** A lower-case word as a pattern that also takes it capitalised ("euro" → "[Ee]uro"), for patterns where case matters otherwise. */
function eitherCase(word: string): string {
  return `[${word[0]}${word[0]!.toUpperCase()}]${word.slice(1)}`;
}

/** Currency names that are also everyday English words; "pound" is also a weight, so it counts only after "million" and the like. */
const EVERYDAY_CURRENCY_NAMES = new Set(["mark", "won", "real", "bonds", "pound"]);
/**
 * The world's currencies, from the gazetteer the alias table uses (`world-countries`): their codes
 * ("NOK"), the last word of their names ("krone", "shilling", "afghani") and their symbols: signs
 * ("€", "₹") anywhere, symbols in letters ("kr", "Rp") as a word of their own, and not a symbol of
 * one letter, which is more often something else ("Q3", "from 2023" for the manat's "m"). A name
 * that is an everyday word ("mark", "won", "real") is left out: "passed the 20,000 mark".
 */
const CURRENCIES = (() => {
  const countries = createRequire(import.meta.url)("world-countries/countries.json") as Country[];
  const codes = new Set<string>();
  const names = new Set<string>();
  const signs = new Set<string>();
  const letters = new Set<string>();
  for (const c of countries) {
    for (const [code, currency] of Object.entries(c.currencies ?? {})) {
      codes.add(code);
      const name = currency.name.split(" ").at(-1)!.toLowerCase();
      if (!EVERYDAY_CURRENCY_NAMES.has(name)) names.add(eitherCase(name));
      // Nordic plurals: "kronor", "kroner".
      if (/^kron[ae]$/.test(name)) names.add(name.endsWith("a") ? "kronor" : "kroner");
      // "Rs ", "kr.", "Bs.": the letters are the symbol; "R$", "C$" are met by their sign.
      const symbol = (currency.symbol ?? "").trim().replace(/\.$/, "");
      if (/^\p{L}{2,}$/u.test(symbol)) letters.add(symbol);
      else if (symbol && !/\p{L}/u.test(symbol)) signs.add(symbol);
    }
  }
  const alternatives = (set: Set<string>) => [...set].map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  // A name is already a pattern ("[Ee]uro"); a code that is also a common acronym needs a sum that looks like one (see money).
  return { codes: alternatives(codes), names: [...names].join("|"), signs: alternatives(signs), letters: alternatives(letters) };
})();
/** A number in figures (bounded, so that a long run of digits and commas cannot make matching slow) or in words, of either case. */
const FIGURES = `\\d[\\d,.]{0,24}`;
const AMOUNT = `(?:${FIGURES}|${NUMBER_WORDS.split("|").map(eitherCase).join("|")})`;
const SCALE_WORD = "million|billion|trillion|bn|m|k|crore|lakh";
const SCALE = `(?:\\s*(?:${SCALE_WORD})\\b)?`;
/** A whole sum after a currency code: with a scale, or of three figures or more, or with a separator ("NOK 3 billion", "EUR 500"; not "COP28", "TOP 10"). */
const CODE_SUM = `(?:${FIGURES}\\s*(?:${SCALE_WORD})\\b|\\d{3,}|\\d[\\d,.]*[,.]\\d+)`;

/** Sentence patterns that carry an answer of each type ("country" needs the actors: see answering). */
const TYPE_PATTERNS: Record<Exclude<AnswerType, "country">, RegExp> = {
  year: new RegExp(`\\b${YEAR}\\b`),
  time: new RegExp(
    `\\b(?:(?:${MONTHS})\\b|${YEAR}\\b|(?:${NUMBER_WORDS}|\\d+|a|an)\\s+(?:years?|months?|weeks?|days?|decades?|hours?|centuries)\\b|(?:last|next|this|since|until|ago|yesterday|tomorrow|today|${WEEKDAYS})\\b)`,
    "i",
  ),
  // "for 19 hours", "an 11-day strike", "a two-week stoppage".
  duration: new RegExp(
    `\\b(?:(?:${NUMBER_WORDS}|\\d+|a|an)(?:\\s+|-)(?:years?|months?|weeks?|days?|decades?|hours?|centuries)\\b|since\\b|until\\b|for\\s+(?:years|months|decades|weeks))`,
    "i",
  ),
  quantity: new RegExp(`(?:\\d|\\b(?:${NUMBER_WORDS})\\b|%|\\bpercent\\b|[$€£])`, "i"),
  // "$4.5 billion", "€12m", "NOK 3 billion" (not "CAD 3D" or "COP28"), "350 million shillings",
  // "50 million Norwegian kroner", "1.2 billion U.S. dollars", "40 million Euros", "500 crore
  // rupees", "20 million pounds" (not "weighed 20 pounds"). Case matters: a code is in capitals
  // ("ALL" is the Albanian lek, "all" is not).
  money: new RegExp(
    `(?:${CURRENCIES.signs})\\s?\\d|\\b(?:${CURRENCIES.letters})\\.?\\s?\\d|\\b(?:${CURRENCIES.codes})\\s?${CODE_SUM}(?![\\p{L}\\d])|\\b${AMOUNT}${SCALE}\\s+(?:(?:U\\.S\\.|\\p{Lu}[\\p{L}.]*)\\s+){0,2}(?:${CURRENCIES.names}|${CURRENCIES.codes})(?:e?s)?\\b|\\b${AMOUNT}\\s*(?:${SCALE_WORD})\\s+(?:[Pp]ounds?|sterling)\\b`,
    "u",
  ),
  // "22%", "22 percent", "22 per cent", "0.4 percentage points", "3pc", "one in five", "1 in 14",
  // "a third", "half of"; not "300 in 2023", "the second half of the year", "half an hour".
  percent: /\d\s?%|\bper\s?cent(?:age points?)?\b|\d\s?pc\b|\b(?:one|two|three|\d{1,2}) in (?:every )?(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,3})\b(?![,.]?\d)|(?<!(?:first|second|latter|former)\s)\bhalf of\b|\b(?:a third|two-thirds|a quarter of|three-quarters)\b/i,
  // "aged 54", "54 years old", "54 years of age", "a 54-year-old", "Marcos Ribeiro, 54, …",
  // "… Ribeiro, 54.", "Ribeiro (54)". Case matters for the name: "in total, 40, were hurt" is no age.
  age: new RegExp(
    `\\b[Aa]ged?\\s+\\d|\\b${AMOUNT}[\\s-]+years?[\\s-]+(?:old|of age)\\b|\\bage\\s+of\\s+${AMOUNT}\\b|(?!(?:${MONTHS}|${WEEKDAYS})\\b)\\p{Lu}\\p{L}+,\\s+\\d{1,3}(?:[,.;)]|\\s+(?:said|says|told|who)\\b)(?!\\d)|\\p{Lu}\\p{L}+\\s+\\(\\d{1,3}\\)`,
    "u",
  ),
  // "the Labour Party", "the Law and Justice party", "the ruling party", "a Social Democrat", "the
  // Orange Democratic Movement"; not "both parties", "a third party".
  party: /\b\p{Lu}[\p{L}-]*(?:\s+(?:\p{Lu}[\p{L}-]*|and|of))*\s+[Pp]art(?:y|ies)\b|\b(?:ruling|opposition|governing|political|nationalist|centrist|populist|far-right|far-left)\s+part(?:y|ies)\b|\b(?:Democrat|Republican|Labour|Conservative|Liberal|Socialist|Communist|Green|Tory|Tories)s?\b|\b\p{Lu}\p{Ll}+ (?:Movement|Alliance|Front|Congress|League)\b/u,
  // "a former diplomat", "previously ran …", "spent 14 years at …", "who had served as …".
  career: /\b(?:former(?:ly)?|previously|earlier|ex-\p{L}+|used to|had been|had (?:worked|served|led|run|headed)|served as|worked (?:as|at|for)|spent (?:\S+ ){1,2}(?:years|decades)|career|veteran)\b/iu,
  person: /\b\p{Lu}\p{Ll}+(?:\s+(?:(?:de|van|von|der|den|du|da|al|bin|ibn|la|le|del)\s+)*\p{Lu}[\p{Ll}'’-]+)+,\s+(?:the|a|an|who|its|his|her)\b|\b(?:according to|said|told|reported|says)\b/u,
  place: /\b(?:in|at|to|from|near|across)\s+(?:the\s+)?\p{Lu}\p{Ll}+/u,
  reason: /\b(?:because|since|due to|owing to|in order to|so that|for this reason|that is why|this is why|motives?|reasons?|why)\b|:/i,
  definition: /\b\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)*,\s+(?:the|a|an)\s+\p{L}/u,
  // "Moscow views the government as a puppet", "he considered Lindqvist “a capable commissioner”",
  // "for the United States, Afghanistan remains a partner".
  view: /(?<!(?:\bnot|n['’]t|\bnever)\s)\b(?:see|sees|saw|seen|seeing|view|views|viewed|viewing|regard|regards|regarded|regarding|consider|considers|considered|considering|perceive|perceives|perceived|treat|treats|treated|treating|deem|deems|deemed)\b[^.;:!?]{1,80}?\bas\b|\b(?:considers?|considered|deems?|deemed)\s+[^.;:!?]{1,40}?\s(?:to be\b|an?\s|[“"])|(?:^|[,;:—–]\s*)[Ff]or\s+(?:the\s+)?\p{Lu}[\p{L}.’'-]*(?:\s+\p{Lu}[\p{L}.’'-]*)*,/u,
};

/**
 * Words that place the question in time relative to the asker ("today", "currently"): they
 * anchor the question to the article's own time and are not what it is about.
 */
const DEICTIC_TIME = /^(?:today|now|currently|nowadays|presently)$/;

/**
 * "Used to" / "did … use to" before a verb marks a habit in the past ("How did Egypt use to see
 * the dam?"), not a use of anything; after a form of "be" or "get" it is the verb itself ("what
 * is the money used to build?", "they got used to it").
 */
function marksHabit(words: readonly string[], i: number): boolean {
  return /^used?$/.test(words[i]!) && words[i + 1] === "to" && !words.slice(0, i).some((w) => /^(?:is|are|was|were|be|been|being|get|gets|got|getting)$/.test(w));
}

/**
 * "How does X see Y?", "What does X make of Y?", "How did X use to regard Y?": the verb asks for
 * X's view of Y, which the articles give in many words, not for a seeing or a making.
 */
const REGARD_VERB = /^(?:see|view|regard|perceive|consider|think|feel|make)$/;

function viewVerb(words: readonly string[], at: number): number | undefined {
  if (!/^(?:do|does|did)$/.test(words[at + 1] ?? "")) return undefined;
  for (let i = at + 2; i < words.length; i++) {
    if (!REGARD_VERB.test(words[i]!)) continue;
    const after = words[i + 1] ?? "";
    // "What does X make of Y?", "think of / about", "feel about"; "how" takes the verb alone.
    if (words[at] === "what" ? /^(?:of|about)$/.test(after) : words[i] !== "make" && words[i] !== "think") return i;
  }
  return undefined;
}

/** Nouns and verbs that make "how much" ask for money. */
const MONEY_NOUN = /^(?:money|cash|funding|funds)$/;
const PAYMENT_VERB = /^(?:pay|pays|paid|paying|cost|costs|costing|spend|spends|spent|spending|lend|lends|lent|lending|borrow|borrows|borrowed|borrowing|pledge|pledges|pledged|pledging|owe|owes|owed|owing|charge|charges|charged|charging|earn|earns|earned|earning|donate|donates|donated|donating|invest|invests|invested|investing)$/;

const AUXILIARY = /^(?:do|does|did|will|would|has|have|had|is|are|was|were|can|could|should|must|might|may)$/;

/** Nouns after "how much" that a verb of paying may take without being money: "How much time did they spend …?". */
const NOT_MONEY = /^(?:time|effort|energy|attention|of|land|water|ground)$/;

/** After "how much": a money noun; or an auxiliary, past at most one noun ("how much tax did …"), and then a verb of paying. */
function asksMoney(words: readonly string[], from: number): boolean {
  if (MONEY_NOUN.test(words[from] ?? "")) return true;
  const auxiliary = AUXILIARY.test(words[from] ?? "") ? from : AUXILIARY.test(words[from + 1] ?? "") && !NOT_MONEY.test(words[from] ?? "") ? from + 1 : -1;
  return auxiliary >= 0 && words.slice(auxiliary + 1).some((x) => PAYMENT_VERB.test(x));
}

/** Nouns for a sum of money: "What is the fare?", "What's her salary as chief executive?". */
const SUM_NOUN = /^(?:salary|salaries|wage|wages|fee|fees|fare|fares|price|prices|cost|costs|budget|budgets|revenue|revenues|turnover|profit|profits|earnings|fine|fines|subsidy|subsidies|bill)$/;
const BE = /^(?:is|was|are|were)$/;
const PREPOSITION = /^(?:as|for|of|in|at|on|to|per|from|under|with)$/;

/**
 * "What is the price of a ticket?", "What's Pinto's salary as CEO?": "what", a form of "be"
 * (`fused` in "what's"), a noun phrase whose head is a noun for a sum of money, and nothing
 * after it but the end or a preposition; not "What did the fine cover?" nor "What is the budget
 * used for?".
 */
function asksSum(words: readonly string[], at: number, fused: boolean): boolean {
  if (!fused && !BE.test(words[at + 1] ?? "")) return false;
  for (let k = fused ? at + 1 : at + 2; k < words.length; k++) {
    if (AUXILIARY.test(words[k]!)) return false;
    if (SUM_NOUN.test(words[k]!)) return k + 1 === words.length || PREPOSITION.test(words[k + 1]!);
  }
  return false;
}

/** What follows "before" in a question about someone's earlier career: "before becoming", "before she joined", "before taking office". */
const EARLIER_THAN = /^(?:becoming|joining|taking|entering|he|she|they)$/;

const COUNTRY_NOUN = /^(?:country|countries|nation|nations)$/;
/** "When did the spill happen?", "What occurred in March?": the verb only says that something took place. */
const EVENT_VERB = /^(?:happen|happens|happened|happening|occur|occurs|occurred|occurring)$/;

/** Requests that open a question without being its topic: "tell me about …", "describe …". */
const REQUEST = /^(?:tell|show|give|explain|describe|summari[sz]e|list)$/;
/** Words for the source itself, in "what does the article say about …". */
const SOURCE_WORD = /^(?:article|articles|text|story|piece|author|writer|report|essay|analysis)$/;
const SAYING = /^(?:say|says|said|mention|mentions|tell|tells|claim|claims|write|writes|wrote|argue|argues)$/;

/** Articles, possessive and demonstrative determiners: after one, a word is a noun ("the aims", "their talks"). */
export const DETERMINERS = "the|a|an|its|their|his|her|our|my|your|this|these|those";

/**
 * A support verb ("holding their talks", "take place", "make a decision") says little: the noun
 * after it says what happens, and the articles may give that noun any verb ("talks … have been
 * taking place"). It frames the question when a noun follows it, past a determiner; not in a
 * phrasal verb ("give back", "take over") or before a pronoun.
 */
const SUPPORT_VERB = /^(?:hold|holds|held|holding|take|takes|took|taken|taking|make|makes|made|making|give|gives|gave|given|giving|conduct|conducts|conducted|conducting)$/;
const DETERMINER = new RegExp(`^(?:${DETERMINERS}|any|some|new)$`);
const NOT_A_NOUN = /^(?:back|out|up|down|off|over|away|in|on|into|to|for|from|with|by|at|of|about|it|them|him|us|me|you|there|here)$/;

function supportsNoun(words: readonly string[], i: number): boolean {
  // "carried out the research": the phrasal verb says no more than "did".
  if (/^carr(?:y|ies|ied|ying)$/.test(words[i]!) && words[i + 1] === "out") return true;
  if (words[i] === "out" && /^carr(?:y|ies|ied|ying)$/.test(words[i - 1] ?? "")) return true;
  if (!SUPPORT_VERB.test(words[i]!)) return false;
  const next = DETERMINER.test(words[i + 1] ?? "") ? words[i + 2] : words[i + 1];
  return next !== undefined && /^\p{L}{3,}$/u.test(next) && !NOT_A_NOUN.test(next);
}

/** "How long does it take to …", "how long will the work take?". */
const TAKING_TIME = /^(?:take|takes|took|taken|taking)$/;

/** Read the answer type from the question's first words. */
export function questionShape(tokens: readonly Token[]): QuestionShape {
  // Lower case, no possessive, chat spellings of question words as the words ("whats" → what).
  const words = tokens.map((t) => t.text.toLowerCase().replace(/['’]s$/, "")).map((w) => CHAT_QUESTION_WORDS[w] ?? w);
  const shape = shapeOf(tokens, words);
  const focus = focusOf(tokens, words);
  const deed = deedOf(tokens, words);
  return {
    ...shape,
    ...(focus === undefined || shape.phraseTokens.has(focus) ? {} : { focus }),
    ...(deed === undefined || shape.phraseTokens.has(deed) ? {} : { deed }),
  };
}

/**
 * "Who chaired the talks?", "Who will chair …", "Who is going to foot …": the verb after a
 * question-opening "who" (past auxiliaries, "going to" and adverbs), whose doer the question asks
 * for. None when a noun phrase or a name follows ("Who is the president …", "Whom has Washington
 * called …"), or for a verb of holding an office or a thing ("Who leads …", "Who runs …").
 */
function deedOf(tokens: readonly Token[], words: readonly string[]): number | undefined {
  if (words[0] !== "who" && words[0] !== "whom") return undefined;
  let i = 1;
  while (i < words.length && DEED_PREFIX.test(words[i]!)) i++;
  const word = words[i];
  if (word === undefined || !/^\p{Ll}/u.test(tokens[i]!.text) || STOP_WORDS.has(word)) return undefined;
  // "Who leads the union?" is answered by the leader's title ("Margaret Furlong, general secretary
  // of the union"), which says no deed.
  if (HOLDING.has(lemmatizer.verb(word))) return undefined;
  return i;
}

/** Verbs of holding an office or a thing, whose doer a title or an owner's name gives. */
const HOLDING = new Set(["lead", "head", "run", "direct", "manage", "helm", "govern", "rule", "command", "oversee", "own", "control", "represent"]);

/** Words between "who" and its verb: auxiliaries, "going to", adverbs ("Who is going to foot …", "Who else is leaning …"). */
const DEED_PREFIX = /^(?:will|would|shall|did|does|do|has|have|had|is|was|are|were|be|been|going|to|can|could|should|might|may|must|currently|now|still|actually|really|else|first|ultimately)$/;

const A_DETERMINER = new RegExp(`^(?:${DETERMINERS})$`);

/**
 * "What was the turnout in the election?", "What is the main concern of US officials?": the head
 * of the noun phrase after "what" or "which" and a form of "be", before a preposition or the end.
 */
function focusOf(tokens: readonly Token[], words: readonly string[]): number | undefined {
  const at = words.findIndex((w) => w === "what" || w === "which");
  if (at < 0) return undefined;
  const fused = /['’]s$/.test(tokens[at]!.text);
  let i = fused ? at + 1 : BE.test(words[at + 1] ?? "") ? at + 2 : -1;
  if (i < 0) return undefined;
  while (i < words.length && A_DETERMINER.test(words[i]!)) i++;
  let head: number | undefined;
  for (; i < words.length && !STOP_WORDS.has(words[i]!) && /^\p{L}/u.test(words[i]!); i++) head = i;
  return head;
}

function shapeOf(tokens: readonly Token[], words: readonly string[]): QuestionShape {
  const phraseTokens = new Set<number>();
  words.forEach((w, i) => {
    // "What happens next?": a "next" that ends the question places it in time, like "today".
    const lastNext = w === "next" && i === words.length - 1;
    // "What is the name of the port authority's president?": the answer is a name; "name" is no topic.
    const nameOf = /^names?$/.test(w) && words[i - 1] === "the" && words[i + 1] === "of";
    if (DEICTIC_TIME.test(w) || lastNext || EVENT_VERB.test(w) || marksHabit(words, i) || nameOf || supportsNoun(words, i)) phraseTokens.add(i);
    // "the article says", "this text mentions": the source and its saying are the question's frame.
    if (SOURCE_WORD.test(w) && /^(?:the|this|these|that)$/.test(words[i - 1] ?? "") && SAYING.test(words[i + 1] ?? words[i + 2] ?? "")) {
      phraseTokens.add(i);
      phraseTokens.add(SAYING.test(words[i + 1] ?? "") ? i + 1 : i + 2);
    }
  });
  words.forEach((w, i) => {
    // "… and how long does it run?": a second question phrase frames the question like the first.
    if (w === "how" && /^(?:long|many|much|often|soon|old|far)$/.test(words[i + 1] ?? "")) phraseTokens.add(i + 1);
    // "in order to end the dispute": a purpose, not an order.
    if (w === "order" && words[i - 1] === "in" && /^(?:to|that|for)$/.test(words[i + 1] ?? "")) phraseTokens.add(i);
    // "Who is going to pay?": a future, not a going.
    if (w === "going" && words[i + 1] === "to" && /^(?:am|is|are|was|were|be|been|not|still|really)$/.test(words[i - 1] ?? "")) phraseTokens.add(i);
  });
  const first = words.findIndex((w) => w !== "please");
  if (first >= 0 && REQUEST.test(words[first]!)) {
    phraseTokens.add(first);
    if (/^(?:me|us)$/.test(words[first + 1] ?? "")) phraseTokens.add(first + 1);
  }
  const at = words.findIndex((w) => /^(?:when|how|who|whom|whose|where|why|what|which)$/.test(w));
  if (at < 0) return { phraseTokens };
  const w = words[at];
  const next = words[at + 1] ?? "";
  const mark = (...offsets: number[]) => offsets.forEach((o) => phraseTokens.add(at + o));
  if (w === "when") return { type: "time", phraseTokens };
  if (w === "how" && next === "long") {
    // "How long did the spill last?", "How long does it take to …?": the verb only says that time passed.
    const passing = words.findIndex((x, i) => i > at + 1 && (/^(?:last|lasts|lasted)$/.test(x) ? i === words.length - 1 : TAKING_TIME.test(x) && /^(?:to|for|$)/.test(words[i + 1] ?? "")));
    if (passing >= 0) phraseTokens.add(passing);
    return mark(1), { type: "duration", phraseTokens };
  }
  if (w === "how" && /^(?:soon|often)$/.test(next)) return mark(1), { type: "time", phraseTokens };
  if (w === "how" && next === "old") return mark(1), { type: "age", phraseTokens };
  // "How much money …", "How much did Kabul pay …": an amount of money, not any number ("How much
  // time did they spend …", "How much of its budget did it spend …").
  if (w === "how" && next === "much" && asksMoney(words, at + 2)) return mark(1), { type: "money", phraseTokens };
  if (w === "what" && asksSum(words, at, /['’]s$/.test(tokens[at]!.text))) return { type: "money", phraseTokens };
  if (w === "how" && next === "many") return mark(1), { type: "quantity", phraseTokens, ...countedAfter(words, at + 2) };
  if (w === "how" && /^(?:many|much|far|big|large|small|tall|high|wide|deep|heavy|fast|close)$/.test(next)) return mark(1), { type: "quantity", phraseTokens };
  // "In what year …", "since which year …": a year in figures, not any time ("before May").
  if ((w === "what" || w === "which") && next === "year") return mark(1), { type: "year", phraseTokens };
  if ((w === "what" || w === "which") && /^(?:month|date|day|time)$/.test(next)) return mark(1), { type: "time", phraseTokens };
  // "What percentage …" and "what share of …" are answered in percent ("80% of its coffee"), a
  // share of what follows "of"; "what share …" alone, or "what number", by a number, like "how much".
  const shareOfSomething = /^(?:share|proportion|fraction)$/.test(next) && words[at + 2] === "of";
  if ((w === "what" || w === "which") && (/^(?:percentage|percent)$/.test(next) || shareOfSomething)) return mark(1), { type: "percent", phraseTokens, ...shareOf(tokens, words, at + 2) };
  if (w === "what" && /^(?:share|proportion|fraction|number|amount|sum)$/.test(next)) return mark(1), { type: "quantity", phraseTokens };
  // "Which countries …", "What European nation …": the answer names a country; the noun is the question's frame.
  const countryAt = [1, 2].find((o) => COUNTRY_NOUN.test(words[at + o] ?? ""));
  if ((w === "what" || w === "which") && countryAt !== undefined) return mark(countryAt), { type: "country", phraseTokens };
  // "Which political party does X belong to?": the answer names a party, often with the word itself ("of the Labour Party").
  const partyAt = [1, 2].find((o) => /^part(?:y|ies)$/.test(words[at + o] ?? ""));
  if ((w === "what" || w === "which") && partyAt !== undefined && (partyAt === 1 || words[at + 1] === "political")) return { type: "party", phraseTokens };
  // "What did X do before becoming …?", "What job did X hold before he joined …?": an earlier post.
  if (w === "what" && words.some((x, i) => x === "before" && EARLIER_THAN.test(words[i + 1] ?? ""))) return { type: "career", phraseTokens };
  const regard = w === "how" || w === "what" ? viewVerb(words, at) : undefined;
  if (regard !== undefined) return phraseTokens.add(regard), { type: "view", phraseTokens };
  if (w === "where") return { type: "place", phraseTokens };
  if (w === "why") return { type: "reason", phraseTokens };
  if (w === "who" || w === "whom" || w === "whose") {
    // "Who is X?" asks for a description of X when X is a name; "Who is the president …?" and
    // "Who did Y?" ask for a person.
    // "Who is leading the talks?" asks for a person too.
    const doing = /^\p{Ll}+ing$/u.test(tokens[at + 2]?.text ?? "");
    const describes = /^(?:is|was|are|were)$/.test(next) && !doing && !/^(?:the|a|an|this|that|these|those|its|their|his|her|our)$/.test(words[at + 2] ?? "");
    return { type: describes ? "definition" : "person", phraseTokens };
  }
  return { phraseTokens };
}

/**
 * The thing counted in "how many …": the first plural noun in the few words after "many", past
 * its adjectives ("How many electric buses …", "How many tonnes of tuna …"), a plural being a
 * word whose dictionary form (`wink-lemmatizer`) differs ("buses" → "bus"); failing one, the
 * first of those words that is no stop word and no verb's participle ("people", which the
 * dictionary keeps as it is, in "How many injured people …").
 */
function countedAfter(words: readonly string[], from: number): { counted?: { from: number; to: number } } {
  const word = (i: number) => /^\p{L}{3,}$/u.test(words[i] ?? "") && !STOP_WORDS.has(words[i]!);
  const end = Math.min(words.length, from + 3);
  for (let i = from; i < end; i++) if (word(i) && lemmatizer.noun(words[i]!) !== words[i]) return { counted: { from, to: i } };
  // Not a verb's participle: "How many died …?" counts no "died"; "How many injured people …?" counts people.
  for (let i = from; i < end; i++) if (word(i) && lemmatizer.verb(words[i]!) === words[i]) return { counted: { from, to: i } };
  return {};
}

/**
 * What a share is of, in "what percentage of the dementia cases in the study …": the noun phrase
 * after "of", to its head noun ("cases"), as the part-of-speech tagger (`compromise`) reads it.
 */
function shareOf(tokens: readonly Token[], words: readonly string[], at: number): { counted?: { from: number; to: number } } {
  if (words[at] !== "of") return {};
  const rest = tokens.slice(at + 1);
  const terms = tagWords(rest.map((t) => t.text).join(" ")).filter((t) => t.text !== "");
  if (terms.length !== rest.length) return {};
  let from = -1;
  let to = -1;
  for (const [i, { tags }] of terms.entries()) {
    if (from < 0 && (tags.has("Determiner") || (tags.has("Possessive") && tags.has("Pronoun")))) continue;
    if (tags.has("Verb") || tags.has("Preposition") || !["Noun", "Adjective", "Value"].some((x) => tags.has(x))) break;
    if (from < 0) from = i;
    if (tags.has("Noun")) to = i;
  }
  return to < 0 ? {} : { counted: { from: at + 1 + from, to: at + 1 + to } };
}

/** A word that counts: digits, or a number written out ("fourteen", "a dozen", "several"), but not a share ("half"). */
const COUNT_WORD = new RegExp(`^(?:\\d[\\d,.]*|${NUMBER_WORDS.replace("|half", "")}|hundreds|thousands|millions)$`, "i");

const WHOLE_YEAR = new RegExp(`^${YEAR}$`);
const MONTH_NAME = new RegExp(`^(?:${MONTHS}|${MONTH_ABBREVIATIONS})\\.?$`);

/** Whether a word is the name of a month or a day of the week ("March", "Fri"): a date, not the name of anything an article must mention. */
export function isCalendarName(word: string): boolean {
  return MONTH_NAME.test(word) || CALENDAR_DAY.test(word);
}

const CALENDAR_DAY = new RegExp(`^(?:${WEEKDAYS}|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\\.?$`);

/**
 * Whether the word at `i` counts: a number ("40", "fourteen", "thousands"), but not "one of …",
 * which picks one out of several ("if one of those forces collapses").
 */
export function countsAt(tokens: readonly Token[], i: number): boolean {
  return COUNT_WORD.test(tokens[i]!.text) && !(/^one$/i.test(tokens[i]!.text) && tokens[i + 1]?.text.toLowerCase() === "of");
}

/**
 * Whether a text holds a number that may count what a question asks about without naming it:
 * "rose to 40", "thousands have fled", "twice"; not a year or the day of a date ("in 2019", "on
 * 14 March"), nor a number of something else, a plural noun right after it ("two new MRI
 * scanners", "18 times"), nor a share ("41.3 percent"), nor "one", which is mostly an article
 * ("said one plant manager").
 */
export function givesNumber(text: string): boolean {
  const tokens = wordTokens(text);
  const month = (t: Token | undefined) => t !== undefined && MONTH_NAME.test(t.text);
  const share = (i: number) => /^(?:[.,]\d+)?\s?(?:%|per\s?cent\b|percent\b)/i.test(text.slice(tokens[i]!.end));
  return tokens.some(
    (t, i) => countsAt(tokens, i) && !/^one$/i.test(t.text) && !WHOLE_YEAR.test(t.text) && !month(tokens[i - 1]) && !month(tokens[i + 1]) && !share(i) && !countsANoun(text, tokens, i),
  );
}

/**
 * Whether a text holds a percentage that is not said to be of something ("rose by 4%", "won 34
 * percent"): it may be a share of what a question names; "9 per cent of its nurses" is a share of nurses.
 */
export function givesBareShare(text: string): boolean {
  return shareEnds(text).some((end) => !/^\s+of\b/i.test(text.slice(end)));
}

/** The ends of the percentages in a text ("9 per cent" in "9 per cent of its nurses"), as offsets. */
export function shareEnds(text: string): number[] {
  return [...text.matchAll(new RegExp(TYPE_PATTERNS.percent.source, "gi"))].map((m) => m.index + m[0].length);
}

/** How many words may stand between a number and the plural noun it counts ("two new MRI scanners"). */
const NOUN_REACH = 3;

/** Whether a plural noun follows the number at `i` within its phrase: before any function word or punctuation. */
function countsANoun(text: string, tokens: readonly Token[], i: number): boolean {
  for (let j = i + 1; j <= i + NOUN_REACH && j < tokens.length; j++) {
    const word = tokens[j]!.text.toLowerCase();
    if (!/^\s+$/.test(text.slice(tokens[j - 1]!.end, tokens[j]!.start)) || STOP_WORDS.has(word)) return false;
    // "four times since December" counts occurrences, which may be what is asked ("how many
    // visits"); "18 times the guideline", "three times higher" multiply something else.
    if (word === "times") return MULTIPLIED.test(tokens[j + 1]?.text ?? "");
    if (/^\p{L}+s$/u.test(word) && lemmatizer.noun(word) !== word) return true;
  }
  return false;
}

const MULTIPLIED = /^(?:the|a|an|as|that|more|less|higher|lower|larger|smaller|greater|bigger|faster|over)$/i;

/** Whether a sentence holds an answer of `type`. */
export function hasAnswerType(sentence: string, type: Exclude<AnswerType, "country">): boolean {
  return TYPE_PATTERNS[type].test(sentence);
}

/**
 * What a question asks of the article itself rather than of what it reports: who first published
 * it, or where ("Who first published this article?", "Where was it first published?"), or who
 * wrote it ("Who wrote this piece?"); undefined for any other question. Only "this" or "it", or
 * "the article" (story, piece, column…), name the article: "When was the report published?" asks
 * of a report the article may be about.
 */
export function asksOfTheArticle(question: string): "publisher" | "author" | undefined {
  if (!ITSELF.test(question)) return undefined;
  if (/\b(?:wrote|written|writer|author(?:ed)?|byline)\b/i.test(question)) return "author";
  if (/\b(?:publish(?:ed|er|es|ing)?|republish(?:ed)?|reprint(?:ed)?|appeared|source)\b/i.test(question)) return "publisher";
  return undefined;
}

const ITSELF =
  /\b(?:this|the)\s+(?:article|story|piece|essay|column|op-?ed|commentary|analysis|text)\b|\b(?:published|wrote|written)\s+(?:it|this)\b|\b(?:was|is|has)\s+(?:it|this)\s+(?:been\s+)?(?:first\s+|originally\s+)?(?:published|written|posted|reprinted)\b|\bthis\s*\??\s*$/i;

