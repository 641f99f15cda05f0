// The names of particular things a clause speaks of: "the Lexigrid MedTerm Termbase", "CHOLVEXA", "the
// Northpoint Anatomy Library". A capitalised name counts when one of its words is not a word contracts capitalise
// as a matter of course (rules/data/defined-term-words.yaml) and not a word of a party's name or role: "the
// Licensed Software", "Pre-Existing Materials" and "Orvanta Health, Inc." name no particular thing. Two
// contracts that name the same particular thing speak of the same work, whatever else their words say.
import { setInCapitals } from '../names.js';
import { isDefinedTermWord } from './knowledge.js';

/** Lower-case words to test against: a set, or anything that answers `has`. */
export interface WordSet {
  has(word: string): boolean;
}

/** Words that open a capitalised run without being part of the name. */
const LEADING =
  /^(?:The|A|An|Any|All|Each|Every|Such|This|That|These|Those|Its|Their|Our|Your|His|Her|No|Neither|Either|Both|Other|Said|Same|If|In|On|Upon|Under|For|To|By|With|From|Of|As|At|And|Or|Including|Subject|Notwithstanding|Except|Vendor['’]s|Licensor['’]s)\s+/;

/** A capitalised run of one to five words ("MedTerm", "Re-Con", "O'Neil" are words), or a word in capitals. */
const RUN = /(?<![\w'’-])(?:[A-Z][\w'’-]*)(?:\s+(?:of\s+|de\s+|for\s+)?[A-Z][\w'’-]*){0,4}/g;

/**
 * The particular things a text names, each as written ("Lexigrid MedTerm Termbase"). `partyWords` are the words of
 * the parties' names and roles in the contracts compared (lower case): a name made only of them and of defined-term
 * words is a party or a defined term, not a thing.
 */
export function namedThings(text: string, partyWords: WordSet): Set<string> {
  const out = new Set<string>();
  if (setInCapitals(text)) return out;
  for (const m of text.matchAll(RUN)) {
    let name = m[0].replace(/['’]s$/, '');
    while (LEADING.test(name)) name = name.replace(LEADING, '');
    const words = name.split(/\s+/).filter((w) => !/^(?:of|de|for)$/.test(w));
    // one word that opens a sentence ("Nothing", "Upon") is capitalised for that alone: it counts only in
    // capitals ("CHOLVEXA") or with a capital inside ("MedTerm")
    const opens = !/[a-z,]\s+$/.test(text.slice(Math.max(0, m.index - 3), m.index));
    // a word in quotes is a name given ('the library known as "Tidewater"'), wherever it stands
    const quoted =
      /["“']$/.test(text.slice(Math.max(0, m.index - 1), m.index)) && /^["”']/.test(text.slice(m.index + m[0].length));
    if (words.length === 1 && opens && !quoted && !/^[A-Z0-9-]{4,}$|^[A-Z][a-z]+[A-Z]/.test(words[0]!)) continue;
    const particular = words.some((w) => {
      const low = w.toLowerCase().replace(/['’]s$/, '');
      return low.length >= 3 && /[a-z]/i.test(low) && !isDefinedTermWord(low) && !partyWords.has(low);
    });
    if (particular) out.add(name);
  }
  return out;
}

/** The particular things both texts name: a name of one found, as whole words, in the other. */
export function sharedThings(a: string, b: string, partyWords: WordSet): string[] {
  const inA = namedThings(a, partyWords),
    inB = namedThings(b, partyWords);
  const found = (name: string, text: string) =>
    new RegExp(`(?<![\\w-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}(?![\\w-])`).test(
      text,
    );
  const shared = new Set<string>();
  for (const n of inA) if (found(n, b)) shared.add(n);
  for (const n of inB) if (found(n, a)) shared.add(n);
  // a name inside a longer shared one is the same thing said twice
  return [...shared].filter((n) => ![...shared].some((o) => o !== n && o.includes(n)));
}
