/**
 * How entries are counted: the same word typed in different ways ("Customers!", "customer",
 * " CUSTOMER ") counts as one. Pure and deterministic: no locale-dependent calls
 * (`toLowerCase`, not `toLocaleLowerCase`), no dictionaries beyond the small tables here.
 */

/** A counted term: the key entries are counted under, and how this entry spelled it. */
export interface Term {
  key: string;
  spelling: string;
}

/**
 * Punctuation and separators around a word ("(great!)", "“fast”", "customers'"), except
 * the stars of a masked swear word ("s***"), which must stay masked.
 */
const SURROUNDING = /^(?:(?!\*)[\p{P}\p{Z}])+|(?:(?!\*)[\p{P}\p{Z}])+$/gu;
/** A possessive ending: "customer's", "customer’s". */
const POSSESSIVE = /['’]s$/u;

/**
 * Words ending in "s" that are not plurals, or whose plural form is the word people mean.
 * Endings the rules already keep ("-ss", "-us", "-is") need no entry here.
 */
const INVARIANT = new Set([
  'always',
  'besides',
  'chaos',
  'christmas',
  'does',
  'economics',
  'ethics',
  'has',
  'its',
  'lens',
  'logistics',
  'means',
  'news',
  'perhaps',
  'physics',
  'politics',
  'sales',
  'series',
  'species',
  'thanks',
  'towards',
  'was',
  'whereas',
  'yes',
]);

/** Irregular plurals people write in workshops. "People" stays: it is what people mean. */
const IRREGULAR: Readonly<Record<string, string>> = Object.assign(Object.create(null), {
  children: 'child',
  women: 'woman',
  men: 'man',
  feet: 'foot',
  teeth: 'tooth',
  mice: 'mouse',
  criteria: 'criterion',
}) as Record<string, string>;

/** "-ies" plurals of words that end in "-ie", not "-y" ("movies" is not "movy"). */
const IE_WORDS = new Set(['cookie', 'movie', 'calorie', 'zombie', 'rookie', 'selfie', 'freebie']);
/** "-ches" plurals of words that end in "-che" ("headaches" is not "headach"). */
const CHE_WORDS = new Set([
  'ache',
  'headache',
  'cache',
  'niche',
  'avalanche',
  'cliche',
  'moustache',
]);

/**
 * Folds a simple English plural to its singular: "customers" → "customer", "policies" →
 * "policy", "processes" → "process", "boxes" → "box". Leaves alone what only looks plural:
 * "business", "process", "glass", "status", "analysis", "news", and anything that is not
 * plain a–z (other languages, numbers) or shorter than four letters ("bus", "gas", "its").
 * Expects a lower-case word.
 */
export function foldPlural(word: string): string {
  const irregular = Object.hasOwn(IRREGULAR, word) ? IRREGULAR[word] : undefined;
  if (irregular) return irregular;
  if (word.length < 4 || !/^[a-z]+$/.test(word) || !word.endsWith('s')) return word;
  if (INVARIANT.has(word)) return word;
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('ies') && word.length > 4) {
    const ie = word.slice(0, -1);
    return IE_WORDS.has(ie) ? ie : `${word.slice(0, -3)}y`;
  }
  if (word.endsWith('sses') || /(?:x|zz|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('ches')) {
    const che = word.slice(0, -1);
    return CHE_WORDS.has(che) ? che : word.slice(0, -2);
  }
  return word.slice(0, -1);
}

/** A word as typed, without the punctuation around it and a possessive "'s". */
export function bareWord(word: string): string {
  return word.normalize('NFC').replace(SURROUNDING, '').replace(POSSESSIVE, '');
}

/**
 * The key a word is counted under: NFC, lower case, no punctuation around it, no
 * possessive, plural folded. Empty when nothing is left ("!!!").
 */
export function normalizeWord(word: string): string {
  return foldPlural(bareWord(word).toLowerCase());
}

/** Splits on whitespace; NFC first so composed and decomposed letters count alike. */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/\s+/u)
    .filter((w) => w !== '');
}

/**
 * A short entry ("Customer service!", "customers") as one counted phrase: its words
 * normalised and joined by one space. Null when no word is left.
 */
export function phraseTerm(text: string): Term | null {
  const words = wordsOf(text);
  const keys = words.map(normalizeWord).filter((k) => k !== '');
  if (keys.length === 0) return null;
  const spelling = words
    .map(bareWord)
    .filter((w) => w !== '')
    .join(' ');
  return { key: keys.join(' '), spelling };
}

/** Common English words a text wall's word count leaves out. */
const STOP_WORDS = new Set(
  (
    'a about after all also am an and any are as at be because been before being but by can ' +
    'could did do does doing dont for from get gets getting go had has have having he her here ' +
    'him his how i if in into is it its just let like make makes many me more most much my ' +
    'no not of off on once one only or other our ours out over own same she should so some ' +
    'such than that the their them then there these they thing things this those through to ' +
    'too up us very was way we were what when where which while who why will with would you ' +
    'your yours cant wont isnt arent really always never even still get got lot lots'
  ).split(' '),
);

/** Separators inside a sentence besides spaces: "fast/friendly", "wait,queue". */
const SENTENCE_SPLIT = /[\s,;:!?/()[\]{}"“”„«»…·–—]+/u;

/**
 * The words of a sentence that count for the text wall's "top words": normalised, each
 * once per entry, without stop words, one-letter words or masked words (`f***`).
 */
export function sentenceTerms(text: string): Term[] {
  const seen = new Set<string>();
  const terms: Term[] = [];
  for (const raw of text.normalize('NFC').split(SENTENCE_SPLIT)) {
    if (raw.includes('*')) continue;
    const spelling = bareWord(raw);
    const key = foldPlural(spelling.toLowerCase().replace(/['’]/gu, ''));
    if (Array.from(key).length < 2 || STOP_WORDS.has(key) || seen.has(key)) continue;
    seen.add(key);
    terms.push({ key, spelling });
  }
  return terms;
}

/**
 * The spelling shown for a key: the one typed most often; ties go to the first in code
 * point order, so every replay and every server picks the same.
 */
export function commonSpelling(spellings: Readonly<Record<string, number>>): string {
  let best = '';
  let bestCount = -1;
  for (const [spelling, count] of Object.entries(spellings)) {
    if (count > bestCount || (count === bestCount && spelling < best)) {
      best = spelling;
      bestCount = count;
    }
  }
  return best;
}
