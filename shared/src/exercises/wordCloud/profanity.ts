/*
 * Swear words, found by a maintained filter rather than a list of our own.
 *
 * Why bad-words-next: it is TypeScript, has separate dictionaries per language (English,
 * Spanish, French, German, Polish, Russian, Ukrainian…) that we add one by one, catches
 * look-alike spellings ("sh1t", "$hit") and Unicode confusables, and exposes `check(word)`
 * so we can mask a word our own way (`f***`, keeping the first letter so the room still
 * reads the sentence). It is pure string matching: no I/O, no clock, no randomness, so it
 * is safe in the deterministic reducer (its memo cache only remembers answers it would
 * give again). `obscenity` is more robust against obfuscation but ships an English
 * dataset only; `glin-profanity` covers many languages but is built around React hooks
 * and fuzzy matching whose results depend on its thresholds.
 */
import BadWordsNext from 'bad-words-next';
import de from 'bad-words-next/lib/de';
import en from 'bad-words-next/lib/en';
import es from 'bad-words-next/lib/es';
import fr from 'bad-words-next/lib/fr';
import pl from 'bad-words-next/lib/pl';
import ru from 'bad-words-next/lib/ru';
import ua from 'bad-words-next/lib/ua';

/** Languages whose swear words are caught. */
export const PROFANITY_LANGUAGES = ['en', 'es', 'fr', 'de', 'pl', 'ru', 'ua'] as const;

let filter: BadWordsNext | null = null;

/** The filter, built on first use (compiling the dictionaries takes a few milliseconds). */
function profanityFilter(): BadWordsNext {
  if (!filter) {
    filter = new BadWordsNext();
    for (const data of [en, es, fr, de, pl, ru, ua]) filter.add(data);
  }
  return filter;
}

/** A swear word with its first letter kept and the rest starred: "shit!" → "s***!". */
export function maskWord(token: string): string {
  const chars = Array.from(token);
  const first = chars.findIndex((c) => /[\p{L}\p{N}]/u.test(c));
  if (first < 0) return token;
  let last = chars.length - 1;
  while (last > first && !/[\p{L}\p{N}]/u.test(chars[last] ?? '')) last--;
  return chars.map((c, i) => (i > first && i <= last ? '*' : c)).join('');
}

/** What the filter found in an entry. */
export interface ProfanityCheck {
  isProfane: boolean;
  /** The text with each swear word masked; the text itself when clean. */
  masked: string;
}

/** Checks an entry and masks its swear words, word by word. */
export function checkProfanity(text: string): ProfanityCheck {
  const words = profanityFilter();
  let isCaught = false;
  // One pass over the whole text first: most entries are clean and stop here.
  const filtered = words.filter(text, () => {
    isCaught = true;
  });
  if (!isCaught) return { isProfane: false, masked: text };
  let isMasked = false;
  const masked = text
    .split(/(\s+)/u)
    .map((token) => {
      if (token.trim() === '' || !words.check(token)) return token;
      isMasked = true;
      return maskWord(token);
    })
    .join('');
  // A phrase caught only as a whole ("son of a …") keeps the filter's own placeholder.
  return { isProfane: true, masked: isMasked ? masked : filtered };
}
