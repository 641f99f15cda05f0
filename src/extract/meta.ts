// Document-level facts that are not found sentence by sentence: the document's name, its parties and
// its dates, read from the title and preamble. Pure: text in, clauses out.
//
//   meta.document-name   attributes { name }                      the title ("CONSULTING AGREEMENT")
//   meta.parties         attributes { parties: [{ name, role }] } on the first clause; one clause per party name
//   meta.agreement-date  attributes { date } (ISO)                 the date the contract is made / dated
//   meta.effective-date  attributes { date } (ISO)                 when it takes effect: the date stated, else the agreement
//                                                                  date when the text speaks of taking effect or commencing
// A date with a blank part ("June __, 2019") gives a clause without a value.
import { escapeRegExp, upperShare } from '../names.js';
import type { Attributes, Clause } from '../schema.js';
import { findDates, type DateMention } from './attributes/dates.js';
import { findParties, preambleStart, type Party } from './attributes/parties.js';
import { MARKER, segment, type Segment } from './segment.js';

function clause(
  text: string,
  category: string,
  start: number,
  end: number,
  rule: string,
  attributes?: Clause['attributes'],
): Clause {
  return {
    category,
    start,
    end,
    text: text.slice(start, end),
    ruleId: `meta/${rule}`,
    ...(attributes && Object.keys(attributes).length ? { attributes } : {}),
  };
}

const TITLE_WORDS =
  /\b(?:AGREEMENT|CONTRACT|AMENDMENT|ADDENDUM|LICEN[CS]E|LEASE|MEMORANDUM|PLAN|TERMS|CHARTER|DEED|ORDER|STATEMENT OF WORK|UNDERTAKING|ARRANGEMENT|PROTOCOL|LETTER|NOTE|SCHEDULE|NDA|TERM SHEET)\b/;

/** A title that names no kind of agreement: "AGREEMENT", "Amendment", "THE CONTRACT". */
const GENERIC_TITLE =
  /^(?:the\s+|this\s+)?(?:agreement|contract|amendment|addendum|licen[cs]e|lease|schedule|terms|order|letter|note|plan)$/i;

/** Headings of a contract's own sections, not its title: "ENTIRE AGREEMENT", "TERM OF THE AGREEMENT". */
const SECTION_HEADING =
  /^(?:ENTIRE|WHOLE|COMPLETE|SEVERAB|COUNTERPART|NOTICES?\b|GOVERNING|ASSIGNMENT\b|WAIVER|HEADINGS?\b|SAFE\s+HARBOU?R)|\b(?:OF|TO|UNDER)\s+(?:THE|THIS)\s+(?:AGREEMENT|CONTRACT)$|^(?:TERM|TERMINATION|DURATION|SUBJECT[- ]MATTER|SCOPE|PURPOSE|EFFECT)\s+OF\b/i;

/** Words of a title in capitals ("SUPPLY", "NO.", "#2", "TURN-KEY"); not the preamble's "THIS" or "BETWEEN". */
const CAPS_WORD = String.raw`(?!THIS\b|THE\s+UNDERSIGNED\b|BETWEEN\b|DATED\b|MADE\b|WHEREAS\b|(?!NO\.|INC\.|CORP\.|LTD\.|CO\.)[A-Z]{2,}\.\s)[A-Z0-9][A-Z0-9&'’®.,/#-]*\s+`;
const CAPS_KIND = String.raw`(?:AGREEMENT|CONTRACT|ADDENDUM|AMENDMENT|LICEN[CS]E)`;
/** A title in capitals at the start of a long line: "CONSULTING AGREEMENT THIS AGREEMENT is dated ...". */
const LEADING_CAPS_TITLE = new RegExp(String.raw`^((?:${CAPS_WORD}){0,12}${CAPS_KIND})\b`);
/** A title in title case at the start of a long line: "Corporate Sponsorship Agreement Between ...". */
const LEADING_TITLE_CASE =
  /^((?:(?!This\b|THIS\b)(?:[A-Z][\w'’®&.,/-]*|and|of|the|to|for|&)\s+){1,8}(?:Agreement|Contract))(?=\s+(?:Between|between|by\s+and|This|THIS|WHEREAS|Whereas|made|dated|is\s+made|\{|\(|\[))/;
/** A title in capitals after a filing's notice in the same line: "... AS AMENDED. FIRST AMENDMENT TO SUPPLY AGREEMENT This ...". */
const CAPS_TITLE_AFTER = new RegExp(String.raw`[.:;\]]\s+((?:${CAPS_WORD}){1,12}${CAPS_KIND})\b`, 'g');
const EXHIBIT_LEAD =
  /^(?:(?:EXHIBIT|Exhibit|APPENDIX|Appendix|ANNEX|Annex|SCHEDULE|Schedule)\s+[\d.A-Z()-]+\s*)?(?:(?:EXECUTION\s+(?:COPY|VERSION)|Execution\s+(?:Copy|Version)|FINAL\s+VERSION|Page\s+\d+\s+of\s+\d+)\s*)?/;
const NOT_A_TITLE =
  /\bCONFIDENTIAL\b(?![\w\s-]{0,40}AGREEMENT$)|OMITTED|REDACTED|SECURITIES AND EXCHANGE|PORTIONS OF THIS/i;

/** Where a long line names the title, as [offset in the line, name]. */
function longLineTitle(t: string): [number, string] | undefined {
  const lead = LEADING_CAPS_TITLE.exec(t) ?? LEADING_TITLE_CASE.exec(t);
  // "SERVICES AGREEMENT SERVICES AGREEMENT This ...": a title written twice is named once
  if (lead) return [0, lead[1]!.replace(/^(.*?\b(AGREEMENT|CONTRACT)\b)\s.*\b\2$/, '$1')];
  const head = t.slice(0, 1500);
  CAPS_TITLE_AFTER.lastIndex = 0;
  for (let m; (m = CAPS_TITLE_AFTER.exec(head));) {
    const raw = m[1]!;
    const name = raw.replace(EXHIBIT_LEAD, '');
    if (!name || NOT_A_TITLE.test(name) || !/\s/.test(name.trim())) continue;
    return [m.index + m[0].length - raw.length + (raw.length - name.length), name];
  }
  return undefined;
}

/** A title in title case on a line of its own: "Reseller Agreement", "Software License, Customization and Maintenance Agreement". */
const TITLE_CASE_WORD = String.raw`(?:[A-Z][\w'’®&.,/-]*|[a-z]-[\w-]+|and|of|the|to|for|on|in|with|&|#?[0-9][\w.]*)\s+`;
const TITLE_CASE_LINE = new RegExp(
  String.raw`^(?:${TITLE_CASE_WORD}){1,10}(?:Agreement|Contract|Addendum|Amendment|Licen[cs]e|Lease|NDA)(?:\s+(?:No\.?|Number)\s*[\w.-]+)?$` +
    String.raw`|^(?:${TITLE_CASE_WORD}){0,10}(?:Letter\s+of\s+Intent|Term\s+Sheet|Offer\s+Letter|Order\s+Form|Statement\s+of\s+Work|Terms\s+of\s+Service)$`,
);

/** What may follow a title on its line: the parties ("Promotion Agreement Between X and Y"), a parenthesis. */
const TITLE_TRAILER = /\s+(?:by\s+and\s+)?(?:between|among)\b.*$|\s*\([^()]{0,80}\)\s*$/i;

/** Words a title broken over lines ends or goes on with: "AMENDMENT #2 TO THE" / "DISTRIBUTION AGREEMENT". */
const CONTINUES_AFTER = /\b(?:TO|TO\s+THE|OF|OF\s+THE|AND|FOR|ON)$/;
const CONTINUES_BEFORE = /^(?:TO|OF|AND|FOR|ON)\b/;

interface TitleCandidate {
  start: number;
  end: number;
  name: string;
}

const isCaps = (words: string) => upperShare(words) >= 0.8;

/** The next non-empty line after `from` in `head`: its start and text. */
function nextLine(head: string, from: number): { start: number; text: string } | undefined {
  const re = /[^\n]+/g;
  re.lastIndex = from;
  for (let m; (m = re.exec(head));)
    if (m[0].trim()) return { start: m.index + m[0].length - m[0].trimStart().length, text: m[0].trim() };
  return undefined;
}

/** The title lines of the head, in order, as they are asked for: each a title in capitals or in title case. */
function* titleCandidates(head: string): Generator<TitleCandidate> {
  const lineRe = /[^\n]+/g;
  for (let m; (m = lineRe.exec(head));) {
    const raw = m[0];
    // a line may hold several pieces separated by runs of spaces (PDF columns)
    let at = 0;
    for (const piece of raw.split(/\s{3,}/)) {
      const pieceAt = raw.indexOf(piece, at);
      at = pieceAt + piece.length;
      const trimmed = piece.trim();
      if (trimmed.length < 6 && !/^(?:SAFE|NDA)$/.test(trimmed)) continue;
      if (
        /^(?:EXHIBIT|Exhibit|SCHEDULE\s+[A-Z0-9]|ANNEX|APPENDIX)\b/.test(trimmed) &&
        !/AGREEMENT|CONTRACT/.test(trimmed.replace(/^\S+\s+\S+\s*/, ''))
      )
        continue;
      // a numbered section or list item ("12. ENTIRE AGREEMENT") is a heading of the contract's own, not its title
      if (MARKER.test(trimmed)) continue;
      let t = trimmed.replace(EXHIBIT_LEAD, '').replace(/^[^A-Za-z]+/, '');
      let offset = m.index + pieceAt + (piece.length - piece.trimStart().length) + (trimmed.length - t.length);
      if (t.length > 120) {
        const found = longLineTitle(t);
        if (!found) continue;
        offset += found[0];
        t = found[1];
      }
      // "Cover Page / for Bonterms Mutual NDA": the name the cover page is for
      const coverFor = /^for\s+(?=[A-Z])/.exec(t)?.[0].length ?? 0;
      offset += coverFor;
      const bare = t.slice(coverFor).replace(TITLE_TRAILER, '').trim();
      const caps = isCaps(bare);
      let name: string | undefined;
      // a SAFE (simple agreement for future equity) names itself in one word on its own line
      if (caps && (TITLE_WORDS.test(bare) || bare === 'SAFE')) name = bare.replace(/[.:,]$/, '');
      else if (!caps && TITLE_CASE_LINE.test(bare)) name = bare;
      if (!name) continue;
      if (NOT_A_TITLE.test(name) || SECTION_HEADING.test(name)) continue;
      let end = offset + name.length;
      // a title in capitals broken over short lines
      if (caps) {
        let joined = name,
          to = end;
        for (let k = 0; k < 3; k++) {
          const next = nextLine(head, to);
          if (!next || next.text.length > 80 || !isCaps(next.text)) break;
          // "FIRST AMENDMENT TO SAGEBRUSH / MANAGEMENT AND MAINTENANCE AGREEMENT": the agreement amended goes on
          const amended =
            /\b(?:AMENDMENT|ADDENDUM)\b.*\bTO\b/.test(joined) &&
            !/(?:AGREEMENT|CONTRACT)$/.test(joined) &&
            /(?:AGREEMENT|CONTRACT)[.:,]?$/.test(next.text);
          if (!(CONTINUES_AFTER.test(joined) || CONTINUES_BEFORE.test(next.text) || amended)) break;
          if (/\b(?:BETWEEN|AMONG|BY)\b/.test(next.text)) break;
          const line = next.text.replace(/[.:,]$/, '');
          joined = `${joined} ${line}`;
          to = next.start + line.length;
          // "SERVICE AGREEMENT / FOR / TRANSFER AGENT SERVICES / TO / <a party>": the title ends before the "TO"
          if (!CONTINUES_AFTER.test(joined)) {
            name = joined;
            end = to;
          }
        }
      }
      yield { start: offset, end, name: name.replace(/\s+/g, ' ') };
    }
  }
}

/**
 * The title: the first line near the top, in capitals or in title case, naming the kind of agreement
 * ("CONSULTING AGREEMENT", "Reseller Agreement"). A bare "AGREEMENT" gives way to a fuller name given
 * soon after it or by the preamble ("This Promotion Agreement"); else the preamble names it.
 */
export function findTitle(text: string): TitleCandidate | undefined {
  const head = text.slice(0, 4000);
  const specific = (c: TitleCandidate) => !GENERIC_TITLE.test(c.name);
  const lines = titleCandidates(head);
  const first = lines.next().value;
  if (first && specific(first)) return first;
  if (first) {
    // the lines are in order: past 600 characters after the bare title, none can be the fuller name
    for (const c of lines) {
      if (c.start - first.end >= 600) break;
      if (specific(c)) return c;
    }
  }
  const p =
    /\bTHIS\s+((?:[A-Z][A-Za-z-]*\s+){0,8}(?:AGREEMENT|Agreement|CONTRACT|Contract|AMENDMENT|Amendment|ADDENDUM|Addendum|LICENSE|License|LEASE|Lease))\b/i.exec(
      head,
    );
  const preamble =
    p && /^[A-Z]/.test(p[1]!)
      ? { start: p.index + p[0].length - p[1]!.length, end: p.index + p[0].length, name: p[1]! }
      : undefined;
  if (!first) return preamble;
  return preamble && specific(preamble) && preamble.start > first.start && preamble.start - first.end < 1500
    ? preamble
    : first;
}

/** Where the dates and parties are stated: from the title to the end of the preamble. */
function headRegion(text: string): { start: number; end: number } {
  const start = preambleStart(text);
  const rest = text.slice(start, start + 6000);
  const stop =
    /\b(?:WHEREAS|W\s?I\s?T\s?N\s?E\s?S\s?S\s?E\s?T\s?H|RECITALS?\b|NOW,?\s+THEREFORE|BACKGROUND\b|Recitals\b|Whereas\b)|\n\s*(?:ARTICLE|Article|SECTION|Section)?\s*1\.?\d?\s+[A-Z]/.exec(
      rest,
    );
  const end = start + (stop && stop.index > 40 ? stop.index : Math.min(rest.length, 1500));
  return { start, end };
}

/** What a contract does when it starts: "commence", "become effective", "enter into force". */
const TAKES_EFFECT = String.raw`(?:commence|begin|become\s+effective|take\s+effect|be\s+effective|enter\s+into\s+(?:force|effect)|come\s+into\s+(?:force|effect))`;
/** "The commencement date for this contract will be 16th June 2004": the start date named as such */
const COMMENCEMENT_DATE_IS = String.raw`\bcommencement\s+date\b[^.]{0,40}?\b(?:is|will\s+be|shall\s+be)\b`;

const EFFECTIVE_BEFORE =
  /(?:\beffective\s+(?:as\s+of\s+|on\s+|from\s+|date\s+(?:of|is)\s+)?|\bEffective\s+Date\s*(?:shall\s+)?(?:means|is|shall\s+be|:|-)?\s*(?:\d{1,2}:\d{2}\s*[ap]\.?m\.?[^.]{0,60}?\bon\s+)?|\b(?:commenc\w+|begin(?:ning|s)?|take\s+effect|start(?:ing|s)?)\s+(?:on|as\s+of|from)\s+(?:the\s+)?|\bcontract\s+start\s*:?\s*)$/i;
const EFFECTIVE_AFTER =
  /^\s*,?\s*(?:\(|["“])\s*(?:the\s+|this\s+)?(?:hereinafter\s+)?(?:referred\s+to\s+as\s+)?(?:the\s+)?["“”']{0,2}\s*Effective\s+Date/i;

function isEffectiveMention(text: string, d: DateMention): boolean {
  const before = text.slice(Math.max(0, d.start - 80), d.start).replace(/\s+/g, ' ');
  const after = text.slice(d.end, d.end + 60).replace(/\s+/g, ' ');
  return EFFECTIVE_BEFORE.test(before) || EFFECTIVE_AFTER.test(after);
}

/** A date that dates another document: "the Supply Agreement dated April 1, 2017", "Source: ..., 12/2/2019". */
function isReferenceToOtherDocument(text: string, d: DateMention): boolean {
  const before = text.slice(Math.max(0, d.start - 160), d.start).replace(/\s+/g, ' ');
  if (/\bSource:[^\n]{0,80}$/.test(text.slice(Math.max(0, d.start - 90), d.start))) return true;
  const ref =
    /\b(?:that\s+certain|the|an?|said|certain|existing|original)\s+(?:(?:[A-Z][\w-]*|and|of|for|&|to)\s+){0,10}(?:Agreement|Contract|Plan|Note|Lease|License|Amendment|Deed|Letter)\b(?:(?!\b(?:is|shall|will|are|was)\b)[^.;]){0,60}?\b(?:dated|entered\s+into)\s+(?:as\s+of\s+|on\s+)?(?:the\s+)?$/;
  const own =
    /\b(?:this|This|THIS)\s+(?:[A-Z][\w-]*\s+){0,8}(?:Agreement|Contract|AGREEMENT|CONTRACT|Amendment|AMENDMENT)\b(?:(?!Agreement|Contract)[^.;]){0,60}?\bdated\s+(?:as\s+of\s+)?$/;
  return ref.test(before) && !own.test(before);
}

/** How a date's left context says it is the agreement's own date. */
const OWN_DATE =
  /\b(?:dated|Dated|DATED|as\s+of|AS\s+OF|made|MADE|entered\s+into|ENTERED\s+INTO|executed|effective|EFFECTIVE|signed|day\s+of|Date|DATE|on|ON|this|THIS|from)\s*(?:on\s+|as\s+(?:of|from)\s+|from\s+)?(?:the\s+|this\s+)?[:,]?\s*$/;

const OWN_STRONG =
  /\b(?:made|entered\s+into|executed|dated)\s+(?:and\s+entered\s+into\s+)?(?:on\s+|as\s+of\s+)?(?:the\s+|this\s+)?$/i;

function inWitnessDate(text: string): DateMention | undefined {
  const re = /\bIN\s+WITNESS\s+WHEREOF\b|\b(?:SIGNED|DONE\s+AND\s+SIGNED|signed|executed)\s+(?:at|in)\s+[A-Z]/g;
  for (let m; (m = re.exec(text));) {
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
  /** the date stated, else the agreement date when the text speaks of taking effect (see SPEAKS_OF_TAKING_EFFECT) */
  effective?: DateMention;
}

/** SEC filing footers ("Source: ACME INC, 10-K, 12/2/2019") date the filing, not the contract: blank them out. */
function maskFilingFooters(text: string): string {
  return text.replace(/\bSource:[^\n]{0,120}?\d{1,2}\/\d{1,2}\/\d{4}/g, (m) => ' '.repeat(m.length));
}

/**
 * A contract that names no date of effect but speaks of one ("the Effective Date", "effective as of", "shall
 * commence on", "takes effect upon", "comes into force") takes effect on its agreement date; one that never speaks
 * of it states no effective date. The words are those of TAKES_EFFECT in any tense, less "begin" and "be effective",
 * which are said of much else.
 */
const SPEAKS_OF_TAKING_EFFECT =
  /\beffective\s+(?:as\s+of|on|date|from)\b|\bcommenc\w*\s+(?:on|as\s+of)\b|\b(?:take|takes|taking)\s+effect\b|\bbec(?:ome|omes|ame)\s+effective\b|\b(?:enter|enters|come|comes|came)\s+into\s+(?:force|effect)\b/i;

export function findMetaDates(original: string): MetaDates {
  const text = maskFilingFooters(original);
  const region = headRegion(text);
  const topEnd = Math.max(region.end, Math.min(text.length, 2500));
  const top = findDates(text.slice(0, topEnd)).filter(
    (d) => (d.iso || d.blank) && !isReferenceToOtherDocument(text, d),
  );
  const ownish = (d: DateMention) => OWN_DATE.test(text.slice(Math.max(0, d.start - 40), d.start).replace(/\s+/g, ' '));
  const inPreamble = top.filter((d) => d.start >= region.start && d.start < region.end);
  const beforePreamble = top.filter((d) => d.start < region.start);
  // "shall be effective as of May 1, 2020 and is made and entered into this 10th day of January, 2020":
  // the date it is made, not the date it takes effect, in the same sentence
  const first = inPreamble.find(ownish);
  const made =
    first && isEffectiveMention(text, first)
      ? inPreamble.find(
          (d) =>
            d.start > first.start &&
            OWN_STRONG.test(text.slice(Math.max(0, d.start - 40), d.start).replace(/\s+/g, ' ')) &&
            !/[.;]\s/.test(text.slice(first.end, d.start)),
        )
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
    for (let m; (m = re.exec(text));) {
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
    stated(
      /["“]Effective\s+Date["”]\s*(?:shall\s+)?(?:mean|means|is|shall\s+be)\b|\bEFFECTIVE\s+DATE\s*(?:means|:)|\bEffective\s+Date\s*:|\bEffective\s+Date\s*(?=(?:\d|[A-Z][a-z]{2,8}\.?\s+\d))/gi,
    ) ??
    top.find((d) => isEffectiveMention(text, d)) ??
    stated(
      new RegExp(
        String.raw`\b(?:shall|will)\s+${TAKES_EFFECT}(?:\s+(?:on|as\s+of|from))?\b|\bis\s+effective\s+(?:on|as\s+of|from)\b|\beffective\s+date\s+of\s+(?:this|the)\s+\w+\s+(?:will|shall)\s+be\b|\bCOMMENCEMENT\s+DATE\b[^:\n]{0,60}:|${COMMENCEMENT_DATE_IS}|\bSigned\s+and\s+effective\b`,
        'gi',
      ),
    );
  if (agreement && !agreement.iso && effective?.iso && agreement.start === effective.start) effective = agreement;
  // "made as of the Effective Date": the agreement date is the effective date, defined elsewhere;
  // "dated as of this ____ day of ____, 2012, but made effective as of February 20, 2012": likewise
  if ((!agreement || (!agreement.iso && agreement.start >= region.start)) && effective?.iso) agreement = effective;
  if (!effective && agreement && SPEAKS_OF_TAKING_EFFECT.test(text)) effective = agreement;
  return { agreement, effective };
}

/** A name as a pattern that ignores case and how the text breaks its lines ("ACME\n  Inc." is "Acme Inc."). */
function loosePattern(name: string): RegExp {
  return new RegExp(name.trim().split(/\s+/).map(escapeRegExp).join('\\s+'), 'i');
}

/** "(each a "Party" and together the "Parties")", "are hereinafter referred to collectively as the "Parties"" */
const PARTIES_IN_PARENS = /\((?:[^()\n]{0,80})["“]Part(?:y|ies)["”][^()]{0,80}\)/i;
/** "Purchaser and Merchant are collectively the "Parties."", ""Parties" means DD and MBRK collectively" */
const PARTIES_NAMED =
  '(?:\\b(?:are|is)\\s+(?:each|collectively|together|jointly)\\s+(?:a\\s+|the\\s+)?["“]Part(?:y|ies)[.,]?["”]|["“]Part(?:y|ies)["”]\\s+(?:shall\\s+)?means?\\b[^.;()\\n]{0,80})';
const PARTIES_NAMED_ONLY = new RegExp(PARTIES_NAMED, 'i');
const PARTIES_CALLED =
  '\\b(?:referred\\s+to|known|called)\\s+(?:herein\\s+)?(?:individually|collectively|each|jointly|together)?[^.;()]{0,60}["“]Part(?:y|ies)[.,]?["”][^.;()\\n]{0,80}';
/** the sentence's words before the phrase, up to 160 characters */
const PARTIES_LEAD = 160;
const PARTIES_CALLED_ONLY = new RegExp(PARTIES_CALLED, 'i');
const PARTIES_CALLED_LED = new RegExp(`(?:[^.;()\\n]|\\n(?![ \\t]*\\n)){0,${PARTIES_LEAD}}${PARTIES_CALLED}`, 'i');
const PARTIES_NAMED_LED = new RegExp(`(?:[^.;()\\n]|\\n(?![ \\t]*\\n)){0,${PARTIES_LEAD}}${PARTIES_NAMED}`, 'i');

/**
 * The first phrase that defines the parties together, with the words that lead to it in its sentence. The
 * leading words are matched only back from the first phrase: the earliest start of any match is the one led to
 * the first phrase, and trying the lead at every position of the text cost more than the rest of the preamble.
 */
function partiesDefined(head: string): RegExpExecArray | null {
  const m = PARTIES_IN_PARENS.exec(head);
  if (m) return m;
  for (const [only, withLead] of [
    [PARTIES_CALLED_ONLY, PARTIES_CALLED_LED],
    [PARTIES_NAMED_ONLY, PARTIES_NAMED_LED],
  ] as const) {
    const called = only.exec(head);
    if (!called) continue;
    const from = Math.max(0, called.index - PARTIES_LEAD - 1);
    const led = withLead.exec(head.slice(from));
    if (led) led.index += from;
    return led;
  }
  return null;
}

/**
 * Where each party is named: at its first mention, when the text names it before the preamble does (a title
 * page, a cover line), else where the preamble names it; and the phrase that defines them together as
 * "the Parties".
 */
function partyMentions(
  text: string,
  parties: readonly { name: string; start: number; end: number }[],
): Array<[number, number, string]> {
  const out: Array<[number, number, string]> = [];
  const taken = (s: number, e: number) =>
    parties.some((p) => p.start < e && s < p.end) || out.some(([a, b]) => a < e && s < b);
  for (const p of parties) {
    const first = p.name.trim().length >= 4 ? firstMention(text, p.name, p.start, 4) : undefined;
    if (first && !taken(first[0], first[1])) out.push([first[0], first[1], 'parties-first-mention']);
    else out.push([p.start, p.end, 'parties']);
  }
  const head = text.slice(0, 8000);
  const m = partiesDefined(head);
  if (m) {
    // the words before it in its sentence, without white space or what is left of a section number ("1.4")
    const lead = /^(?:\s|\d+\s)*/.exec(m[0])![0].length;
    out.push([m.index + lead, m.index + m[0].length, 'parties-defined']);
  }
  // a name marked in the preamble runs on to the parenthesis that says what the contract calls the party
  // ("Acme Inc., a Delaware corporation (the "Company" and together with Buyer, the "Buyer Entities")"), when
  // the words between are few
  for (const o of out) {
    if (o[2] !== 'parties') continue;
    const next = Math.min(...parties.map((q) => q.start).filter((x) => x >= o[1]), o[1] + ROLE_WITHIN);
    const r = ROLE_PARENS.exec(text.slice(o[1], next));
    if (!r) continue;
    // the words the party is known by count with its name when they are more than a word or two
    const known = o[1] - o[0] + (r[0].length >= 14 ? r[0].length : 0);
    if (known >= ROLE_NAME_SHARE * (o[1] + r.index + r[0].length - o[0])) o[1] += r.index + r[0].length;
  }
  return out;
}

/** A parenthesis that defines what a party is called, within `ROLE_WITHIN` characters after its name. */
const ROLE_PARENS =
  /\((?:[^()\n]|\n(?![ \t]*\n)){0,120}?["“'‘][A-Z][^"”'’\n]{0,60}["”'’](?:[^()\n]|\n(?![ \t]*\n)){0,120}?\)/;
const ROLE_WITHIN = 250;
/** the least share of the whole span that names the party: a name lost in an address is marked alone */
const ROLE_NAME_SHARE = 0.35;

/** `segs`: the document's segments, when the caller has them already. */
/** The categories of the clauses the metadata pass writes. */
export const META_CATEGORIES = [
  'meta.document-name',
  'meta.parties',
  'meta.agreement-date',
  'meta.effective-date',
  'meta.amendment',
] as const;

/** "Section 5 (Non-Competition) of the Agreement is hereby deleted in its entirety", "Section 7.2 is deleted
 *  and replaced with the following": what an amendment does to a numbered section of the contract it amends. */
const AMENDS =
  /\b(?:Section|Article|Clause|Paragraph)\s+(\d+(?:\.\d+)*)\s*(?:\((?:["“]?)([A-Z][^()"”]{1,60})(?:["”]?)\)\s*)?(?:,\s*)?(?:entitled\s+["“]([^"”]{2,60})["”]\s*,?\s*)?(?:of\s+the\s+(?:(?:[A-Z][\w-]*|and)\s+){0,5}(?:Agreement|Contract|MSA)\s+)?(?:is|shall\s+be)\s+(?:hereby\s+)?(?:(deleted|removed|struck|rescinded)(?:\s+in\s+its\s+entirety)?(?:\s+and\s+(replaced))?|(replaced|amended\s+and\s+restated)(?:\s+in\s+its\s+entirety)?)\b/i;

/** What one sentence of an amendment does to a section: deleted, or replaced (by the amendment's own words). */
export function amendmentOf(
  sentence: string,
): { section: string; sectionTitle?: string; action: 'deleted' | 'replaced' } | undefined {
  const m = AMENDS.exec(sentence);
  if (!m) return undefined;
  const title = (m[2] ?? m[3])?.trim();
  return {
    section: m[1]!,
    ...(title ? { sectionTitle: title } : {}),
    action: m[4] && !m[5] ? 'deleted' : 'replaced',
  };
}

const partyValues = (parties: readonly Party[]) => ({
  parties: parties.map((q) => ({ name: q.name, ...(q.role ? { role: q.role } : {}) })),
});

/**
 * The values the metadata pass gives a document-level clause of `category` when `text` is all there is of
 * the document (a rule example's clause): its parties, or its agreement or effective date.
 */
export function metaValues(category: string, text: string): Attributes | undefined {
  if (category === 'meta.parties') {
    const parties = findParties(text);
    return parties.length ? partyValues(parties) : undefined;
  }
  if (category === 'meta.amendment') return amendmentOf(text);
  if (category !== 'meta.agreement-date' && category !== 'meta.effective-date') return undefined;
  const d = findMetaDates(text)[category === 'meta.agreement-date' ? 'agreement' : 'effective'];
  return d?.iso ? { date: d.iso } : undefined;
}

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
  // the first clause carries the parties' names and roles
  partyMentions(text, parties).forEach(([start, end, rule], i) => {
    out.push(clause(text, 'meta.parties', start, end, rule, i === 0 ? partyValues(parties) : undefined));
  });
  const { agreement, effective } = findMetaDates(text);
  if (agreement)
    out.push(
      clause(
        text,
        'meta.agreement-date',
        agreement.start,
        agreement.end,
        'agreement-date',
        agreement.iso ? { date: agreement.iso } : undefined,
      ),
    );
  if (effective)
    out.push(
      clause(
        text,
        'meta.effective-date',
        effective.start,
        effective.end,
        'effective-date',
        effective.iso ? { date: effective.iso } : undefined,
      ),
    );
  for (const [category, d] of [
    ['meta.agreement-date', agreement],
    ['meta.effective-date', effective],
  ] as const) {
    if (!d) continue;
    const first = firstMention(text, text.slice(d.start, d.end), d.start, 12);
    if (first) out.push(clause(text, category, first[0], first[1], `${category.slice(5)}-first-mention`));
  }
  for (const [start, end] of commencementSentences(segs))
    out.push(clause(text, 'meta.effective-date', start, end, 'effective-date-sentence'));
  for (const x of segs) {
    const a = amendmentOf(x.text);
    if (a) out.push(clause(text, 'meta.amendment', x.start, x.end, 'amendment', a));
  }
  return out;
}

/** An earlier mention of the same words (a date on a cover page, in a filing's exhibit line), if any. */
function firstMention(text: string, words: string, start: number, minLength: number): [number, number] | undefined {
  if (words.trim().length < minLength) return undefined;
  const m = loosePattern(words).exec(text);
  return m && m.index + m[0].length <= start ? [m.index, m.index + m[0].length] : undefined;
}

/** ""Effective Date" means ...": the segment (sentence) that defines when the contract takes effect. */
const COMMENCES =
  /["“]Effective\s+Date["”]\s*(?:shall\s+)?(?:mean|means|is|shall\s+be)\b|\bthe\s+effective\s+date\s+of\s+(?:this|the)\s+\w+\s+(?:will|shall)\s+be\b/i;

/**
 * "This Agreement shall commence on ...", "The term of this Agreement will begin on the date hereof",
 * "This Agreement is effective as of ...": a sentence that says when the contract (or its term) starts.
 */
/** "This Agreement" as the subject of its sentence, not "No amendment to this Agreement". */
const THIS_CONTRACT = String.raw`(?<!\b(?:to|of|under|by|in|with|from|for|on|upon)\s+)\b(?:this|the\s+present)\s+(?:[\w-]+\s+)?(?:agreement|amendment|contract|addendum|venture|promotion)\b`;
const STARTS = new RegExp(
  String.raw`${THIS_CONTRACT}[^.;]{0,200}?\b(?:shall|will)\s+(?:(?:automatically|only)\s+)?${TAKES_EFFECT}\b` +
    String.raw`|${THIS_CONTRACT}\s+(?:is|becomes)\s+effective\b|${THIS_CONTRACT}\s+(?:commences|begins|starts|takes\s+effect)\b` +
    String.raw`|${THIS_CONTRACT}[^.;]{0,80}?\b(?:shall|will)\s+be\s+in\s+(?:full\s+force\s+and\s+)?effect\s+(?:beginning|commencing|from|as\s+of)\b` +
    // "The commencement date for this contract will be 16th June 2004", "Contract start: 04-01-06"
    String.raw`|${COMMENCEMENT_DATE_IS}|\bcontract\s+start\s*:` +
    String.raw`|\bthe\s+["“]?(?:initial\s+)?(?:term|duration)["”]?\s+(?:of\s+(?:this|the)\s+(?:[\w-]+\s+)?(?:agreement|contract|venture)\s+)?(?:\([^)]{0,30}\)\s+)?(?:shall|will)\s+(?:commence|begin|start)\b` +
    // "The Term of this Agreement shall be for a period of two years commencing the 1st day of September 2004"
    String.raw`|\bterm\b[^.;]{0,120}?\b(?:commencing|beginning|starting)\s+(?:on\s+|as\s+of\s+|from\s+)?(?:the\s+)?(?:\d|first|[A-Z][a-z]+\s+\d)`,
  'i',
);

const STARTS_WHEN =
  /\b(?:date\s+hereof|date\s+(?:first\s+)?(?:above\s+|herein\s+)?(?:written|set\s+(?:forth|out))|(?:upon|on|from)\s+(?:the\s+)?(?:its\s+)?(?:execution|signature|signing)|date\s+of\s+(?:its\s+|the\s+)?(?:last\s+)?(?:execution|signature|signing)|(?:executed|signed)\s+by\s+(?:(?:both|all|each|the)\s+)?(?:parties|party|last\s+signatory)|last\s+(?:date\s+)?(?:signed|signature|of\s+(?:the\s+)?signatures?)|signing\s+date|date\s+of\s+this\s+agreement|day\s+and\s+year\s+first|fully\s+executed|on\s+the\s+date\s+(?:that|when|on\s+which))\b/i;

/** The sentences that say when the contract takes effect: its "Effective Date" definition and its start. */
function commencementSentences(segs: readonly Segment[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const defined = segs.find((x) => COMMENCES.test(x.text));
  if (defined) out.push([defined.start, defined.end]);
  for (const x of segs) {
    if (out.length >= (defined ? 2 : 1)) break;
    if (x === defined || x.text.length > 800 || !STARTS.test(x.text)) continue;
    // the sentence names when: a date, or the day it is signed ("the date hereof"), not "on the Effective Date"
    if (STARTS_WHEN.test(x.text) || findDates(x.text).some((d) => d.iso || d.blank)) out.push([x.start, x.end]);
  }
  return out;
}
