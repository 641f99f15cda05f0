// Document-level facts that are not found sentence by sentence: the document's name, its parties and
// its dates, read from the title and preamble. Pure: text in, clauses out.
//
//   meta.document-name   attributes { name }                      the title ("CONSULTING AGREEMENT")
//   meta.parties         attributes { parties: [{ name, role }] } on the first clause; one clause per party name
//   meta.agreement-date  attributes { date } (ISO)                 the date the contract is made / dated
//   meta.effective-date  attributes { date } (ISO)                 when it takes effect (defaults to the agreement date)
// A date with a blank part ("June __, 2019") gives a clause without a value.
import { escapeRegExp } from '../names.js';
import type { Clause } from '../schema.js';
import { findDates, type DateMention } from './attributes/dates.js';
import { findParties, preambleStart } from './attributes/parties.js';
import { segment, type Segment } from './segment.js';

const TITLE_WORDS =
  /\b(?:AGREEMENT|CONTRACT|AMENDMENT|ADDENDUM|LICEN[CS]E|LEASE|MEMORANDUM|PLAN|TERMS|CHARTER|DEED|ORDER|STATEMENT OF WORK|UNDERTAKING|ARRANGEMENT|PROTOCOL|LETTER|NOTE|SCHEDULE)\b/;

function clause(text: string, category: string, start: number, end: number, rule: string, attributes?: Clause['attributes']): Clause {
  return {
    category,
    start,
    end,
    text: text.slice(start, end),
    ruleId: `meta/${rule}`,
    ...(attributes && Object.keys(attributes).length ? { attributes } : {}),
  };
}

/** The title: an upper-case line near the top naming the kind of agreement, else "This X Agreement" of the preamble. */
export function findTitle(text: string): { start: number; end: number; name: string } | undefined {
  const head = text.slice(0, 4000);
  const lineRe = /[^\n]+/g;
  for (let m; (m = lineRe.exec(head)); ) {
    const raw = m[0];
    // a line may hold several pieces separated by runs of spaces (PDF columns)
    for (const piece of raw.split(/\s{3,}/)) {
      const t = piece.trim();
      if (t.length < 6 || t.length > 120) continue;
      if (/^(?:EXHIBIT|Exhibit|SCHEDULE\s+[A-Z0-9]|ANNEX|APPENDIX)\b/.test(t) && !/AGREEMENT/.test(t.replace(/^\S+\s+\S+\s*/, ''))) continue;
      const words = t.replace(/^(?:EXHIBIT|Exhibit)\s+[\d.A-Z()-]+\s*/, '').replace(/^[^A-Za-z]+/, '');
      if (!TITLE_WORDS.test(words)) continue;
      const letters = words.replace(/[^A-Za-z]/g, '');
      if (!letters.length || letters.replace(/[^A-Z]/g, '').length / letters.length < 0.8) continue;
      if (/CONFIDENTIAL|OMITTED|REDACTED|SECURITIES AND EXCHANGE|PORTIONS OF THIS/.test(words)) continue;
      const s = m.index + raw.indexOf(piece) + piece.indexOf(words.trim().slice(0, 10));
      const name = words.trim().replace(/[.:,]$/, '');
      return { start: s, end: s + name.length, name };
    }
  }
  const p = /\bTHIS\s+((?:[A-Z][A-Za-z-]*\s+){0,8}(?:AGREEMENT|Agreement|CONTRACT|Contract|AMENDMENT|Amendment|ADDENDUM|Addendum|LICENSE|License|LEASE|Lease))\b/i.exec(head);
  if (p && /^[A-Z]/.test(p[1]!)) {
    const s = p.index + p[0].length - p[1]!.length;
    return { start: s, end: s + p[1]!.length, name: p[1]! };
  }
  return undefined;
}

/** Where the dates and parties are stated: from the title to the end of the preamble. */
function headRegion(text: string): { start: number; end: number } {
  const start = preambleStart(text);
  const rest = text.slice(start, start + 6000);
  const stop = /\b(?:WHEREAS|W\s?I\s?T\s?N\s?E\s?S\s?S\s?E\s?T\s?H|RECITALS?\b|NOW,?\s+THEREFORE|BACKGROUND\b|Recitals\b|Whereas\b)|\n\s*(?:ARTICLE|Article|SECTION|Section)?\s*1\.?\d?\s+[A-Z]/.exec(rest);
  const end = start + (stop && stop.index > 40 ? stop.index : Math.min(rest.length, 1500));
  return { start, end };
}

const EFFECTIVE_BEFORE =
  /(?:\beffective\s+(?:as\s+of\s+|on\s+|from\s+|date\s+(?:of|is)\s+)?|\bEffective\s+Date\s*(?:shall\s+)?(?:means|is|shall\s+be|:|-)?\s*(?:\d{1,2}:\d{2}\s*[ap]\.?m\.?[^.]{0,60}?\bon\s+)?|\b(?:commenc\w+|begin(?:ning|s)?|take\s+effect|start(?:ing|s)?)\s+(?:on|as\s+of|from)\s+(?:the\s+)?|\bcontract\s+start\s*:?\s*)$/i;
const EFFECTIVE_AFTER = /^\s*,?\s*(?:\(|["“])\s*(?:the\s+|this\s+)?(?:hereinafter\s+)?(?:referred\s+to\s+as\s+)?(?:the\s+)?["“”']{0,2}\s*Effective\s+Date/i;

function isEffectiveMention(text: string, d: DateMention): boolean {
  const before = text.slice(Math.max(0, d.start - 80), d.start).replace(/\s+/g, ' ');
  const after = text.slice(d.end, d.end + 60).replace(/\s+/g, ' ');
  return EFFECTIVE_BEFORE.test(before) || EFFECTIVE_AFTER.test(after);
}

/** A date that dates another document: "the Supply Agreement dated April 1, 2017", "Source: ..., 12/2/2019". */
function isReferenceToOtherDocument(text: string, d: DateMention): boolean {
  const before = text.slice(Math.max(0, d.start - 160), d.start).replace(/\s+/g, ' ');
  if (/\bSource:[^\n]{0,80}$/.test(text.slice(Math.max(0, d.start - 90), d.start))) return true;
  const ref = /\b(?:that\s+certain|the|an?|said|certain|existing|original)\s+(?:(?:[A-Z][\w-]*|and|of|for|&|to)\s+){0,10}(?:Agreement|Contract|Plan|Note|Lease|License|Amendment|Deed|Letter)\b(?:(?!\b(?:is|shall|will|are|was)\b)[^.;]){0,60}?\b(?:dated|entered\s+into)\s+(?:as\s+of\s+|on\s+)?(?:the\s+)?$/;
  const own = /\b(?:this|This|THIS)\s+(?:[A-Z][\w-]*\s+){0,8}(?:Agreement|Contract|AGREEMENT|CONTRACT|Amendment|AMENDMENT)\b(?:(?!Agreement|Contract)[^.;]){0,60}?\bdated\s+(?:as\s+of\s+)?$/;
  return ref.test(before) && !own.test(before);
}

/** How a date's left context says it is the agreement's own date. */
const OWN_DATE = /\b(?:dated|Dated|DATED|as\s+of|AS\s+OF|made|MADE|entered\s+into|ENTERED\s+INTO|executed|effective|EFFECTIVE|signed|day\s+of|Date|DATE|on|ON|this|THIS|from)\s*(?:on\s+|as\s+(?:of|from)\s+|from\s+)?(?:the\s+|this\s+)?[:,]?\s*$/;

const OWN_STRONG = /\b(?:made|entered\s+into|executed|dated)\s+(?:and\s+entered\s+into\s+)?(?:on\s+|as\s+of\s+)?(?:the\s+|this\s+)?$/i;

function inWitnessDate(text: string): DateMention | undefined {
  const re = /\bIN\s+WITNESS\s+WHEREOF\b|\b(?:SIGNED|DONE\s+AND\s+SIGNED|signed|executed)\s+(?:at|in)\s+[A-Z]/g;
  for (let m; (m = re.exec(text)); ) {
    const win = text.slice(m.index, m.index + 400);
    const end = win.search(/\.\s|\n\s*\n/);
    const sentence = end > 0 ? win.slice(0, end + 1) : win;
    const d = findDates(sentence)[0];
    if (d) return { ...d, start: d.start + m.index, end: d.end + m.index };
  }
  return undefined;
}

/** The first date in the signature block (after "IN WITNESS WHEREOF", else in the last pages). */
function signatureDate(text: string): DateMention | undefined {
  const w = text.search(/\bIN\s+WITNESS\s+WHEREOF|\bSIGNATURES?\b|\bSigned\s+(?:by|for|on\s+behalf)/);
  const from = w >= 0 ? w : Math.max(0, text.length - 3000);
  // signed on different days, a contract is made on the last signature
  const ds = findDates(text.slice(from, from + 3000)).filter((x) => x.iso);
  const block = ds.filter((x) => x.start - ds[0]!.start < 600);
  const last = block.reduce<DateMention | undefined>((a, b) => (!a || b.iso! > a.iso! ? b : a), undefined);
  return last ? { ...last, start: last.start + from, end: last.end + from } : undefined;
}

export interface MetaDates {
  agreement?: DateMention;
  effective?: DateMention;
  /** the text says when it takes effect (else the effective date is the agreement date) */
  effectiveStated?: boolean;
}

/** SEC filing footers ("Source: ACME INC, 10-K, 12/2/2019") date the filing, not the contract: blank them out. */
function maskFilingFooters(text: string): string {
  return text.replace(/\bSource:[^\n]{0,120}?\d{1,2}\/\d{1,2}\/\d{4}/g, (m) => ' '.repeat(m.length));
}

export function findMetaDates(original: string): MetaDates {
  const text = maskFilingFooters(original);
  const region = headRegion(text);
  const topEnd = Math.max(region.end, Math.min(text.length, 2500));
  const top = findDates(text.slice(0, topEnd)).filter((d) => (d.iso || d.blank) && !isReferenceToOtherDocument(text, d));
  const ownish = (d: DateMention) => OWN_DATE.test(text.slice(Math.max(0, d.start - 40), d.start).replace(/\s+/g, ' '));
  const inPreamble = top.filter((d) => d.start >= region.start && d.start < region.end);
  const beforePreamble = top.filter((d) => d.start < region.start);
  // "shall be effective as of May 1, 2020 and is made and entered into this 10th day of January, 2020":
  // the date it is made, not the date it takes effect, in the same sentence
  const first = inPreamble.find(ownish);
  const made = first && isEffectiveMention(text, first)
    ? inPreamble.find((d) => d.start > first.start && OWN_STRONG.test(text.slice(Math.max(0, d.start - 40), d.start).replace(/\s+/g, ' ')) &&
      !/[.;]\s/.test(text.slice(first.end, d.start)))
    : undefined;
  let agreement: DateMention | undefined =
    made ??
    first ??
    // a date line under the title ("AGENCY AGREEMENT\n\nMay 14, 2014"), or "Dated: ..." at the top
    beforePreamble.find((d) => !isEffectiveMention(text, d)) ??
    beforePreamble[0] ??
    inPreamble.find((d) => d.start < region.start + 400) ??
    inWitnessDate(text) ??
    signatureDate(text);
  // effective date: a definition ("Effective Date" means ...), the preamble's "effective as of", the term's
  // "shall commence on", else the agreement date
  const stated = (re: RegExp): DateMention | undefined => {
    for (let m; (m = re.exec(text)); ) {
      const from = m.index + m[0].length;
      const d = findDates(text.slice(from, from + 140)).find((x) => x.iso || x.blank);
      if (!d) continue;
      const gap = text.slice(from, from + d.start).replace(/\b[ap]\.m\./gi, 'am');
      if (/[.;]|\b(?:and|or|expire|end|terminat\w*|until|through)\b/i.test(gap) || gap.length > 90) continue;
      return { ...d, start: d.start + from, end: d.end + from };
    }
    return undefined;
  };
  let effective: DateMention | undefined =
    stated(/["“]Effective\s+Date["”]\s*(?:shall\s+)?(?:mean|means|is|shall\s+be)\b|\bEFFECTIVE\s+DATE\s*(?:means|:)|\bEffective\s+Date\s*:|\bEffective\s+Date\s*(?=(?:\d|[A-Z][a-z]{2,8}\.?\s+\d))/gi) ??
    top.find((d) => isEffectiveMention(text, d)) ??
    stated(/\b(?:shall|will)\s+(?:commence|begin|become\s+effective|take\s+effect|be\s+effective|enter\s+into\s+(?:force|effect))(?:\s+(?:on|as\s+of|from))?\b|\bis\s+effective\s+(?:on|as\s+of|from)\b|\beffective\s+date\s+of\s+(?:this|the)\s+\w+\s+(?:will|shall)\s+be\b|\bCOMMENCEMENT\s+DATE\b[^:\n]{0,60}:|\bcommencement\s+date\b[^.]{0,40}?\b(?:is|will\s+be|shall\s+be)|\bSigned\s+and\s+effective\b/gi);
  if (agreement && !agreement.iso && effective?.iso && agreement.start === effective.start) effective = agreement;
  // "made as of the Effective Date": the agreement date is the effective date, defined elsewhere;
  // "dated as of this ____ day of ____, 2012, but made effective as of February 20, 2012": likewise
  if ((!agreement || (!agreement.iso && agreement.start >= region.start)) && effective?.iso) agreement = effective;
  const effectiveStated = !!effective;
  if (!effective && agreement) effective = agreement;
  return { agreement, effective, effectiveStated };
}

/** A name as a pattern that ignores case and how the text breaks its lines ("ACME\n  Inc." is "Acme Inc."). */
function loosePattern(name: string): RegExp {
  return new RegExp(name.trim().split(/\s+/).map(escapeRegExp).join('\\s+'), 'i');
}

/** "(each a "Party" and together the "Parties")", "are hereinafter referred to collectively as the "Parties"" */
const PARTIES_IN_PARENS = /\((?:[^()\n]{0,80})["“]Part(?:y|ies)["”][^()]{0,80}\)/;
const PARTIES_CALLED = '\\b(?:referred\\s+to|known|called)\\s+(?:herein\\s+)?(?:individually|collectively|each|jointly|together)?[^.;()]{0,60}["“]Part(?:y|ies)[.,]?["”][^.;()\\n]{0,80}';
/** the sentence's words before the phrase, up to 160 characters */
const PARTIES_LEAD = 160;
const PARTIES_CALLED_ONLY = new RegExp(PARTIES_CALLED, 'i');
const PARTIES_CALLED_LED = new RegExp(`(?:[^.;()\\n]|\\n(?![ \\t]*\\n)){0,${PARTIES_LEAD}}${PARTIES_CALLED}`, 'i');

/**
 * The first phrase that defines the parties together, with the words that lead to it in its sentence. The
 * leading words are matched only back from the first phrase: the earliest start of any match is the one led to
 * the first phrase, and trying the lead at every position of the text cost more than the rest of the preamble.
 */
function partiesDefined(head: string): RegExpExecArray | null {
  const m = PARTIES_IN_PARENS.exec(head);
  if (m) return m;
  const called = PARTIES_CALLED_ONLY.exec(head);
  if (!called) return null;
  const from = Math.max(0, called.index - PARTIES_LEAD - 1);
  const led = PARTIES_CALLED_LED.exec(head.slice(from));
  if (led) led.index += from;
  return led;
}

/**
 * Where else the parties are named: the first mention of each name when it comes before the one the preamble
 * gives (a title page, a cover line), and the phrase that defines them together as "the Parties".
 */
function partyMentions(text: string, parties: readonly { name: string; start: number; end: number }[]): Array<[number, number, string]> {
  const out: Array<[number, number, string]> = [];
  const taken = (s: number, e: number) => parties.some((p) => p.start < e && s < p.end) || out.some(([a, b]) => a < e && s < b);
  for (const p of parties) {
    if (p.name.trim().length < 4) continue;
    const first = firstMention(text, p.name, p.start, 4);
    if (first && !taken(first[0], first[1])) out.push([first[0], first[1], 'parties-first-mention']);
  }
  const head = text.slice(0, 8000);
  const m = partiesDefined(head);
  if (m) {
    const lead = /^\s*/.exec(m[0])![0].length;
    out.push([m.index + lead, m.index + m[0].length, 'parties-defined']);
  }
  return out;
}

/** `segs`: the document's segments, when the caller has them already. */
export function extractMeta(text: string, segs: readonly Segment[] = segment(text)): Clause[] {
  const out: Clause[] = [];
  const title = findTitle(text);
  if (title) {
    out.push(clause(text, 'meta.document-name', title.start, title.end, 'document-name', { name: title.name }));
    // the name's first mention, when the text names itself before its title (a cover page, a filing's exhibit line)
    const first = firstMention(text, title.name, title.start, 12);
    if (first) out.push(clause(text, 'meta.document-name', first[0], first[1], 'document-name-first-mention'));
  }
  const parties = findParties(text);
  parties.forEach((p, i) => {
    out.push(clause(text, 'meta.parties', p.start, p.end, 'parties',
      i === 0 ? { parties: parties.map((q) => ({ name: q.name, ...(q.role ? { role: q.role } : {}) })) } : undefined));
  });
  for (const [start, end, rule] of partyMentions(text, parties)) out.push(clause(text, 'meta.parties', start, end, rule));
  const { agreement, effective } = findMetaDates(text);
  if (agreement) out.push(clause(text, 'meta.agreement-date', agreement.start, agreement.end, 'agreement-date', agreement.iso ? { date: agreement.iso } : undefined));
  if (effective) out.push(clause(text, 'meta.effective-date', effective.start, effective.end, 'effective-date', effective.iso ? { date: effective.iso } : undefined));
  for (const [category, d] of [['meta.agreement-date', agreement], ['meta.effective-date', effective]] as const) {
    if (!d) continue;
    const first = firstMention(text, text.slice(d.start, d.end), d.start, 12);
    if (first) out.push(clause(text, category, first[0], first[1], `${category.slice(5)}-first-mention`));
  }
  const commencement = commencementSentence(segs);
  if (commencement) out.push(clause(text, 'meta.effective-date', commencement[0], commencement[1], 'effective-date-sentence'));
  return out;
}

/** An earlier mention of the same words (a date on a cover page, in a filing's exhibit line), if any. */
function firstMention(text: string, words: string, start: number, minLength: number): [number, number] | undefined {
  if (words.trim().length < minLength) return undefined;
  const m = loosePattern(words).exec(text);
  return m && m.index + m[0].length <= start ? [m.index, m.index + m[0].length] : undefined;
}

/** ""Effective Date" means ...": the segment (sentence) that defines when the contract takes effect. */
const COMMENCES = /["“]Effective\s+Date["”]\s*(?:shall\s+)?(?:mean|means|is|shall\s+be)\b|\bthe\s+effective\s+date\s+of\s+(?:this|the)\s+\w+\s+(?:will|shall)\s+be\b/i;

function commencementSentence(segs: readonly Segment[]): [number, number] | undefined {
  const s = segs.find((x) => COMMENCES.test(x.text));
  return s ? [s.start, s.end] : undefined;
}
