// Content words of phrases, for loose overlap of subjects, fields and businesses across contracts.

import { isDefinedTerm } from '../extract/attributes/definitions.js';

const STOP = new Set(
  'the a an of and or in to for with by on any all its their his her our your this that such other into from as at be is are will shall may software services service products product business company client customer consultant contractor licensor licensee provider supplier vendor distributor reseller party parties agreement related including similar field area industry market sector use'.split(
    ' ',
  ),
);
// The cross-contract checks compare the same clause texts pair after pair: each text's words are read once.
// Large enough to hold every clause text of a portfolio of thousands of contracts: the pair loops walk them all
// again for each contract, so a smaller cache would be emptied before any entry is read twice.
const KEYWORDS_CACHE_MAX = 100_000;
const keywordCache = new Map<string, { list: readonly string[]; set: ReadonlySet<string> }>();
function keywordsOf(text: string): { list: readonly string[]; set: ReadonlySet<string> } {
  let k = keywordCache.get(text);
  if (!k) {
    const list = [
      ...new Set(
        text
          .toLowerCase()
          .replace(/[^a-z0-9\s-]/g, ' ')
          .split(/\s+/)
          .filter((w) => w.length > 2 && !STOP.has(w))
          .map((w) => w.replace(/(?:ies)$/, 'y').replace(/(?<=[^s])s$/, '')),
      ),
    ];
    k = { list: Object.freeze(list), set: new Set(list) };
    if (keywordCache.size >= KEYWORDS_CACHE_MAX) keywordCache.clear();
    keywordCache.set(text, k);
  }
  return k;
}
export function keywords(text: string): readonly string[] {
  return keywordsOf(text).list;
}

/** Whether `word` is one of the text's keywords. */
export function hasKeyword(text: string, word: string): boolean {
  return keywordsOf(text).set.has(word);
}

/** Share of a's keywords found in b (0..1). */
export function overlap(a: string, b: string): number {
  const ka = keywordsOf(a).list;
  if (!ka.length) return 0;
  const kb = keywordsOf(b).set;
  let n = 0;
  for (const w of ka) if (kb.has(w)) n++;
  return n / ka.length;
}

/** Whether a subject is only a defined term ("the Software", "Licensed Materials") whose meaning is elsewhere. */
export function definedTermOnly(subject: string): boolean {
  return isDefinedTerm(subject) && keywords(subject).length <= 1;
}
