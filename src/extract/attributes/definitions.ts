// Defined terms: what a contract says a capitalised term means, so that a value read as "the Software" or
// "the Territory" can be compared by what it stands for. Contracts define terms in two ways, both read here:
// a definition ("Software" means ..., "Field" shall mean ...) and a parenthesis after the words it names
// (the TerraPath routing library (the "Software")). Pure.
import { norm } from './util.js';

/** A value that is only a defined term: "the Software", "Licensed Materials", "Territory". */
export function isDefinedTerm(value: string): boolean {
  // "the Software", "Licensed Materials", "the Field of Interest", "Products and Services"
  return /^(?:the\s+)?[A-Z][\w-]*(?:\s+(?:(?:of|and|for|in|to)\s+)?[A-Z][\w-]*){0,3}$/.test(value.trim());
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const Q = `["“”'‘’]`;

// The clauses of one document ask in turn: its text is normalised once, not once per clause, and each term
// is looked up once per document.
let lastDoc: string | undefined;
let lastNorm = '';
const found = new Map<string, string | undefined>();
const attachments = new Map<string, string | undefined>();
const inclusions = new Map<string, string[]>();
function normalised(docText: string): string {
  if (docText !== lastDoc) {
    lastDoc = docText;
    lastNorm = norm(docText);
    found.clear();
    attachments.clear();
    inclusions.clear();
  }
  return lastNorm;
}

const STOP = /[.;:()]/;
const SPACE = /\s/;

/**
 * What `([^.;:()]{3,240}?)\s*<paren>` finds first in `t`, where `paren` (global) matches the parenthesis: the
 * same match, found from each parenthesis backwards instead of by trying the pattern at every position of the
 * text (240 steps at each). The words cannot run over a stop character, so a start can only reach the first
 * parenthesis after it; the first parenthesis that some start reaches gives the leftmost match, and its
 * earliest start the match itself: the shortest words that reach it are those up to its leading white space.
 */
export function wordsBefore(t: string, paren: RegExp): { index: number; words: string } | undefined {
  paren.lastIndex = 0;
  for (let m = paren.exec(t); m; m = paren.exec(t)) {
    const p = m.index;
    paren.lastIndex = p + 1;
    let w = p; // the white space before the parenthesis starts at w
    while (w > 0 && SPACE.test(t[w - 1]!)) w--;
    let from = w; // the words run back to the character after the last stop before w
    while (from > 0 && !STOP.test(t[from - 1]!)) from--;
    const start = Math.max(from, w - 240);
    if (start + 3 > p) continue;
    return { index: start, words: t.slice(start, Math.max(start + 3, w)) };
  }
  return undefined;
}

const MAX_ATTACHMENT = 6000;

/** The text of an attachment from its heading (a line that starts with its name) to the next attachment's
 *  heading; undefined when the document has no such heading. */
export function attachmentText(kind: string, id: string, docText: string): string | undefined {
  normalised(docText);
  const key = `${kind.toLowerCase()} ${id.toUpperCase()}`;
  if (!attachments.has(key)) attachments.set(key, findAttachment(kind, id, docText));
  return attachments.get(key);
}

function findAttachment(kind: string, id: string, docText: string): string | undefined {
  // the heading may carry a label of its own first ("Schedule A: Exhibit B - Incorporated Items")
  const heading = new RegExp(
    String.raw`(?:^|\n)[ \t]*(?:[A-Z][\w ]{0,20}[:–—-][ \t]*)?${kind}\s+${escape(id)}(?![\w(-]|\.\d)[^\n]*`,
    'gi',
  );
  let last: RegExpExecArray | undefined;
  for (const m of docText.matchAll(heading)) last = m;
  if (!last) return undefined;
  const from = last.index + last[0].length;
  const rest = docText.slice(from, from + MAX_ATTACHMENT);
  const next = /\n[ \t]*(?:Schedule|Exhibit|Annex|Appendix|Attachment)\s+(?:[A-Z]{1,3}|\d{1,2})\b/i.exec(rest);
  return `${last[0].trim()}\n${next ? rest.slice(0, next.index) : rest}`;
}

/** "Schedule B", "Exhibit 2", "Annex A-1", "Appendix III" */
export const ATTACHMENT =
  /\b(Schedule|Exhibit|Annex|Appendix|Attachment)\s+([A-Z]{1,3}(?:-\d{1,2})?(?![\w(])|\d{1,2}(?:\.\d{1,2})*(?:\([a-z0-9]{1,3}\))?)/gi;

/** The texts of the attachments a text names ("Schedule B", "Exhibit 2"), each once, in the order named. */
export function attachedTexts(text: string, docText: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of text.matchAll(ATTACHMENT)) {
    const key = `${m[1]!.toLowerCase()} ${m[2]!.toUpperCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const t = attachmentText(m[1]!, m[2]!, docText);
    if (t) out.push(t);
  }
  return out;
}

/** A definition with the attachment it points to ("as listed in Exhibit B") read into it: the definition,
 *  then the attachment's text (up to 600 characters). */
export function withAttachment(means: string, docText: string): string {
  for (const m of means.matchAll(ATTACHMENT)) {
    const t = attachmentText(m[1]!, m[2]!, docText);
    if (t) return `${means}; ${t.replace(/\s+/g, ' ').trim().slice(0, 600)}`;
  }
  return means;
}

/** Parties, the contract itself and its scope: a definition that names them does not say what a thing is. */
const NOT_NESTED =
  /^(?:Licensor|Licensee|Company|Client|Customer|Consultant|Contractor|Provider|Supplier|Distributor|Vendor|Reseller|Part(?:y|ies)|Term|(?:[A-Z][\w-]*\s+)?(?:Territory|Field|Agreement|Date)|(?:Exhibit|Schedule|Appendix|Annex|Section|Article)\b.*)$/;

/** A definition with the definitions of the terms it is made of, one level down: "Licensed Technology" means "the
 *  Licensed Patents and know-how ...", and "Licensed Patents" means the patents a schedule lists (at most two). */
function withNested(means: string, term: string, docText: string): string {
  let out = means;
  let n = 0;
  for (const m of means.matchAll(/\bthe\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})/g)) {
    const inner = m[1]!;
    if (inner === term || NOT_NESTED.test(inner)) continue;
    const d = meansOf(inner, normalised(docText));
    if (!d || !/[a-z]{3}/i.test(d)) continue;
    out += `; ${inner}: ${withAttachment(d, docText).replace(/\s+/g, ' ').slice(0, 600)}`;
    if (++n === 2) break;
  }
  return out;
}

/** What a value that names a defined term means: "the Software" as written, or "the project" where the
 *  contract defines "Project" (contracts do not always capitalise their defined terms); undefined otherwise. */
export function meaningOf(value: string, docText: string): string | undefined {
  const v = value.trim().replace(/^(?:such|any|all|each|its|their|this|that|these|those)\s+/i, '');
  const found = (means: string | undefined) =>
    means ? withNested(withAttachment(means, docText), v.replace(/^the\s+/i, ''), docText) : undefined;
  if (isDefinedTerm(v)) return found(definitionOf(v, docText));
  const lower = /^(?:the\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})$/.exec(v);
  if (!lower) return undefined;
  // as the contract quotes it ("incorporated items"), else capitalised ("the project" for "Project")
  const capitalised = lower[1]!.replace(/(^|\s)([a-z])/g, (_, sp: string, c: string) => sp + c.toUpperCase());
  return found(definitionOf(lower[1]!, docText) ?? definitionOf(capitalised, docText));
}

/** What the contract says a defined term includes, outside its definition: "For clarity, Inventions include
 *  the software tools ... that Consultant brings to the engagement" (each such statement, up to 300
 *  characters). */
export function inclusionsOf(term: string, docText: string): string[] {
  const t = normalised(docText);
  let v = inclusions.get(term);
  if (!v) {
    v = findInclusions(term, t);
    inclusions.set(term, v);
  }
  return v;
}

function findInclusions(term: string, t: string): string[] {
  const re = new RegExp(
    String.raw`(?<![\w"“])${escape(term)}(?![\w"”])\s+(?:shall\s+|will\s+|also\s+|shall\s+also\s+)?includes?\s+([^.;]{3,300})`,
    'g',
  );
  return [...t.matchAll(re)].map((m) => m[1]!.trim()).slice(0, 4);
}

/** What `term` ("the Software", "Territory") means in `docText`, in the contract's own words; undefined when
 *  the contract does not define it. */
export function definitionOf(term: string, docText: string): string | undefined {
  const name = term.trim().replace(/^the\s+/i, '');
  if (!name) return undefined;
  const t = normalised(docText);
  if (!found.has(name)) found.set(name, lookUp(name, t));
  return found.get(name);
}

/** The "X means ..." definition of a term, not the words before a parenthesis (which is how parties are named). */
function meansOf(name: string, t: string): string | undefined {
  return meansPattern(name).exec(t)?.[1]!.trim();
}

const meansPattern = (name: string): RegExp => {
  const n = escape(name);
  return new RegExp(
    `${Q}${n}${Q}\\s*(?:\\([^)]{0,40}\\)\\s*)?(?:,\\s*)?(?:shall\\s+|will\\s+|as\\s+used\\s+(?:herein|in\\s+this\\s+Agreement),?\\s+)?(?:means?|refers?\\s+to|shall\\s+refer\\s+to|is\\s+defined\\s+as)\\s*[:,]?\\s+([^;]{3,600}?)(?:[;.](?:\\s|$)|$)`,
  );
};

function lookUp(name: string, t: string): string | undefined {
  const n = escape(name);
  const means = meansPattern(name).exec(t);
  if (means) return means[1]!.trim();
  // the words before '(the "Software")', back to the start of their clause
  const paren = wordsBefore(
    t,
    new RegExp(
      `\\((?:the\\s+|each\\s+(?:a|an)\\s+|collectively(?:,)?\\s+|hereinafter\\s+(?:the\\s+)?)?${Q}${n}${Q}\\)`,
      'g',
    ),
  );
  if (!paren) return undefined;
  // the clause the parenthesis closes, less a recital's lead ("WHEREAS,") and the words that bring in the thing
  // defined ("Developer will build a ...")
  // a clause longer than the look-back starts mid-word: from its next word on
  const head = paren.index > 0 && /\w/.test(t[paren.index - 1]!) ? paren.words.replace(/^\S*\s+/, '') : paren.words;
  const words = head
    .trim()
    .replace(/^(?:WHEREAS|NOW,?\s+THEREFORE),?\s+/i, '')
    .replace(
      /^.{0,80}?\b(?:will|shall|agrees\s+to|has|have)\s+(?:\w+\s+)?(?:build|develop|developed|create|provide|deliver|design|supply|license)\s+/i,
      '',
    );
  return words.length >= 3 ? words : undefined;
}
