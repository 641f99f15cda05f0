// `pair` checks: a fact of one contract against a fact of another (a restriction that reaches another
// client's work, two grants of the same thing, a promised best rate that another client beats).
import { valueWords } from '../value-words.js';
import { covenantField, DEFINED_COMPETITORS } from '../extract/attributes/covenants.js';
import type { CitedClause } from '../schema.js';
import { stripSuffix } from '../config/config.js';
import { escapeRegExp } from '../names.js';
import {
  cite,
  describePeriod,
  name,
  num,
  overlaps,
  period,
  str,
  type Contract,
  type Fact,
  type Portfolio,
} from './portfolio.js';
import { active, base, select, valuesLine, type RawFinding } from './select.js';
import type { PairCheck } from './spec.js';
import { serviceKind } from '../extract/attributes/plain.js';
import { addMonths } from './dates.js';
import { namedThings, sharedThings } from './named-things.js';
import { definedTermOnly, hasKeyword, keywords, overlap } from './words.js';
import {
  describeIndustry,
  facetsApart,
  facetsUnstated,
  industriesIn,
  industriesMeet,
  placesIn,
  placesMeet,
} from './knowledge.js';

function covenantKind(f: Fact): string {
  return f.category === 'restrict.non-compete'
    ? 'non-compete'
    : f.category === 'restrict.exclusivity'
      ? 'exclusivity'
      : f.category.includes('solicit')
        ? 'non-solicit'
        : 'restriction';
}

/** An exclusivity that binds the user's work (not "the exclusive property of Client"). */
const EXCLUSIVE_SERVICE =
  /\b(?:exclusively|solely)\s+(?:for|to|on\s+behalf\s+of)\b|\bnot\s+(?:\w+\s+){0,3}(?:provide|perform|render|offer)\w*\b[^.]{0,80}\b(?:any\s+other|any\s+third|other\s+(?:clients?|customers?|persons?|compan))|\bexclusive\s+(?:services?|engagement|provider|consultant|basis)\b/i;

/** Whether a sentence of the text makes a party's services exclusive: an exclusive basis in a sentence that
 *  licenses or grants ("the right to license the Service to another station, including on an exclusive basis")
 *  is a licence's, which the exclusive-licence rule weighs, not a promise about the user's other work. */
function servesExclusively(text: string): boolean {
  return text.split(/(?<=[.;])\s+/).some((sentence) => {
    const m = EXCLUSIVE_SERVICE.exec(sentence);
    return !!m && !(/^exclusive\s/i.test(m[0]) && /\blicen[cs]\w*|\bgrant\w*/i.test(sentence));
  });
}

/** What a fact says, with the schedules its clause says describe the work (`described`): "the concept
 *  described in Schedule A" is what Schedule A says it is. */
const saidBy = (f: Fact): string => {
  const d = str(f.values.described);
  return d ? `${f.clause.text} ${d}` : f.clause.text;
};

const servesOnly = new WeakMap<Fact, boolean>();
/** EXCLUSIVE_SERVICE on a restriction's text, read once per restriction rather than once per other contract. */
function bindsService(cov: Fact): boolean {
  let v = servesOnly.get(cov);
  if (v === undefined) servesOnly.set(cov, (v = servesExclusively(cov.clause.text)));
  return v;
}

/** The clause of b that shows it works in `fieldText`: a recital or services clause first, else any clause
 *  sharing at least two of the field's words. Worked out once per contract and field: every contract whose
 *  restriction names the same field asks again. */
const evidenceFound = new WeakMap<Contract, Map<string, Fact | undefined>>();
function evidence(fieldText: string, b: Contract): Fact | undefined {
  let known = evidenceFound.get(b);
  if (!known) evidenceFound.set(b, (known = new Map()));
  if (!known.has(fieldText)) known.set(fieldText, findEvidence(fieldText, b));
  return known.get(fieldText);
}
function findEvidence(fieldText: string, b: Contract): Fact | undefined {
  const kws = keywords(fieldText);
  if (!kws.length) return undefined;
  const scores = new Map<Fact, number>();
  const score = (f: Fact) => {
    let v = scores.get(f);
    if (v === undefined) scores.set(f, (v = overlap(fieldText, saidBy(f))));
    return v;
  };
  const matched = (f: Fact) => kws.filter((k) => hasKeyword(saidBy(f), k)).length;
  /** the first of the best-scoring facts that pass */
  const best = (passes: (f: Fact) => boolean) => {
    let top: Fact | undefined;
    for (const f of b.facts) if (passes(f) && (!top || score(f) > score(top))) top = f;
    return top;
  };
  return (
    best((f) => f.kind === 'profile' && score(f) >= 0.5) ??
    best((f) => f.kind !== 'covenant' && score(f) >= 0.5 && matched(f) >= 2) ??
    listItemEvidence(fieldText, b)
  );
}

/** A field that lists areas ("consolidation, financial information, reporting, or modeling") reaches a client whose
 *  description names one of them in full: an item of two words or more, or one specific word (ten letters or more:
 *  "consolidation", not "reporting", which many descriptions use of something else). */
function listItemEvidence(fieldText: string, b: Contract): Fact | undefined {
  const items = fieldText
    .split(/\s*(?:,|;|\bor\b|\band\b|\/)\s*/)
    .map((x) => x.trim())
    .filter(Boolean);
  if (items.length < 2) return undefined;
  for (const item of items) {
    const kws = keywords(item);
    if (!kws.length || (kws.length === 1 && kws[0]!.length < 10)) continue;
    const f = b.facts.find((x) => x.kind === 'profile' && kws.every((k) => hasKeyword(saidBy(x), k)));
    if (f) return f;
  }
  return undefined;
}

interface Cover {
  reason: string;
  evidence?: Fact;
  /** the restriction is limited to places the other work may not be done in: a reader must check */
  review?: true;
}

const wordPatterns = new Map<string, RegExp>();
/** `\bname\b`, case-insensitive, compiled once per name. */
function wordPattern(name: string): RegExp {
  let re = wordPatterns.get(name);
  if (!re) {
    if (wordPatterns.size >= 10_000) wordPatterns.clear();
    wordPatterns.set(name, (re = new RegExp(`\\b${escapeRegExp(name)}\\b`, 'i')));
  }
  return re;
}

/** The places a fact's territory names: its value (or what the contract defines it as), else its own words. */
function placesOf(f: Fact): Set<string> {
  const t = str(f.values.territoryMeans) ?? str(f.values.territory);
  const fromValue = t ? placesIn(t) : new Set<string>();
  return fromValue.size ? fromValue : placesIn(f.clause.text);
}

/** A recital sentence about the user ("Consultant has expertise in ..."), not about the client's business. */
const ABOUT_PROVIDER =
  /^(?:WHEREAS,?\s+)?(?:the\s+)?(?:consultant|contractor|provider|supplier|vendor|freelancer|developer|licensor|service\s+provider)\b/i;

/** Whom a business serves, not what it is: "(manages clinical trials) for pharmaceutical, biotechnology and
 *  medical device sponsors", "(software) to hospitals and their clients". */
const ITS_CUSTOMERS =
  /\b(?:for|to|on\s+behalf\s+of|serving)\s+(?:its\s+|their\s+|the\s+)?(?:[A-Za-z-]+,?\s+(?:and\s+|or\s+)?){0,6}?(?:sponsors|customers|clients|companies|businesses|firms|users|owners|operators)\b/gi;

const businesses = new WeakMap<Contract, Map<boolean, Array<{ codes: Set<string>; fact?: Fact }>>>();
/** What a client does, as industries, with the clause that says it: its recitals (less those about the user),
 *  with `services` also what the user does for it, and its name ("Beta Mutual Insurance Company"). */
function business(c: Contract, services: boolean): Array<{ codes: Set<string>; fact?: Fact }> {
  let byKind = businesses.get(c);
  if (!byKind) businesses.set(c, (byKind = new Map()));
  let out = byKind.get(services);
  if (out) return out;
  out = [];
  // the user as this contract names it ("Courier", "Swiftlane Courier Group LLC"): a recital about the user
  const mine = c.meNames.filter((w) => w.length > 2);
  const aboutMe = mine.length
    ? new RegExp(`^(?:WHEREAS,?\\s+)?(?:[A-Z][.)]\\s+)?(?:the\\s+)?(?:${mine.map(escapeRegExp).join('|')})\\b`)
    : undefined;
  for (const f of c.facts) {
    if (f.kind !== 'profile' || (!services && f.category === 'admin.services')) continue;
    const text = saidBy(f)
      .split(/(?<=[.;])\s+|\s+(?=WHEREAS\b)/)
      .filter((sentence) => !ABOUT_PROVIDER.test(sentence.trim()) && !aboutMe?.test(sentence.trim()))
      .join(' ')
      .replace(ITS_CUSTOMERS, ' ');
    const codes = industriesIn(text);
    if (codes.size) out.push({ codes, fact: f });
  }
  const byName = c.counterparty ? industriesIn(c.counterparty) : new Set<string>();
  if (byName.size) out.push({ codes: byName, ...(partiesFact(c) ? { fact: partiesFact(c)! } : {}) });
  byKind.set(services, out);
  return out;
}

/** A class of competitors a clause is limited to: "a Meridian Competitor", "any competitor of Client". */
const COMPETITOR_CLASS = new RegExp(String.raw`\b(?:${DEFINED_COMPETITORS.source})\b|\bcompetitors?\s+of\b`);

/** Whether two clients are in one business, as their contracts describe them (recitals, services, names). */
function sameBusiness(a: Contract, b: Contract): boolean {
  return business(a, false).some((x) => business(b, false).some((y) => industriesMeet(x.codes, y.codes)));
}

function partiesFact(c: Contract): Fact | undefined {
  const n = c.counterparty ? stripSuffix(c.counterparty).toLowerCase() : '';
  return (
    (n ? c.facts.find((f) => f.kind === 'parties' && f.clause.text.toLowerCase().includes(n)) : undefined) ??
    c.facts.find((f) => f.kind === 'parties')
  );
}

/** The places a contract's own words name (where its parties are, its law, its recitals), as a hint of where
 *  the work is done. */
const contractPlaces = new WeakMap<Contract, Set<string>>();
function placesNamedBy(c: Contract): Set<string> {
  let v = contractPlaces.get(c);
  if (!v) {
    v = new Set<string>();
    for (const f of c.facts) for (const x of placesIn(f.clause.text)) v.add(x);
    contractPlaces.set(c, v);
  }
  return v;
}

/**
 * Does the restriction `cov` (in contract a) reach engagement b? A restriction limited to places (Nevada, the
 * EU) reaches b for certain only where b's contract names a place within them; otherwise it is for review.
 */
function covers(cov: Fact, a: Contract, b: Contract): Cover | undefined {
  const c = coversAnywhere(cov, a, b);
  if (!c || b.config?.territory) return c;
  const where = placesOf(cov);
  if (!where.size || where.has('worldwide') || placesMeet(where, placesNamedBy(b))) return c;
  return {
    ...c,
    reason: `${c.reason}; the restriction is limited to ${[...where].join(', ')}, and ${name(b)}'s contract does not say the work is done there`,
    review: true,
  };
}

/** Does the restriction `cov` (in contract a) reach engagement b? The reason and the clause of b that shows it. */
function coversAnywhere(cov: Fact, a: Contract, b: Contract): Cover | undefined {
  // a restriction on the client ("Client shall not solicit Consultant's employees") does not bind the user's work
  if (cov.values.bound === 'client') return undefined;
  // an exclusive licence or distributorship the user grants restricts the user only in what it licenses: the
  // exclusive-licence rule compares those; it is no promise about the user's other work
  if (cov.values.byLicence === true) return undefined;
  const text = cov.clause.text;
  // a heading alone ("3.2 Exclusive Services.") binds no one: the sentence after it says what is restricted
  // (a list item carries its lead-in's words in its values: "(b) engage in or perform services for any Competitor")
  if (
    text.trim().length <= 60 &&
    cov.values.bound === undefined &&
    !/\b(?:shall|will|must|may|agrees?|undertakes?|covenants?|not|refrain)\b/i.test(text)
  )
    return undefined;
  const bName = b.counterparty ? stripSuffix(b.counterparty) : '';
  const pattern = bName.length > 2 ? wordPattern(bName) : undefined;
  // b's client is carved out of the restriction ("excluding sales to the Retained Customers", Schedule B)
  const excepted = str(cov.values.excepted);
  if (pattern && excepted && pattern.test(excepted)) return undefined;
  if (pattern?.test(text)) {
    const parties = partiesFact(b);
    return { reason: `the clause names ${b.counterparty}`, ...(parties ? { evidence: parties } : {}) };
  }
  // the clause names b's client through a defined term or the schedule it points to ("any Customer", Schedule B)
  // (b's client named by a's own clause is a's client too where both contracts are with it: no restriction on b)
  if (pattern && !(a.counterparty && pattern.test(a.counterparty))) {
    const named = (Array.isArray(cov.values.counterparties) ? cov.values.counterparties : []).find(
      (n) => typeof n === 'string' && pattern.test(n),
    );
    if (named) {
      const parties = partiesFact(b);
      return {
        reason: `it names ${String(named)} through the definitions or schedules it refers to`,
        ...(parties ? { evidence: parties } : {}),
      };
    }
  }
  // a bar on making agreements of a kind ("shall not enter into any other ... Distribution Agreement", "shall not
  // appoint any other distributor") reaches a contract of that kind
  const kinds = forbiddenKinds(text);
  // the title as read, else the words of the clause that is the title
  const titleFact = kinds.size ? b.facts.find((f) => f.category === 'meta.document-name') : undefined;
  const bTitle =
    b.title ??
    str(titleFact?.values.name) ??
    (titleFact && titleFact.clause.text.length <= 120 ? titleFact.clause.text : undefined);
  const bKind = bTitle ? [...agreementKinds(bTitle)].find((k) => kinds.has(k)) : undefined;
  if (bKind)
    return {
      reason: `it bars you from making another ${bKind} agreement, and ${name(b)} is one ("${bTitle}")`,
      ...(titleFact ? { evidence: titleFact } : {}),
    };
  if (cov.category.includes('solicit')) return undefined; // non-solicits reach people and customers, not fields
  // a territory the restriction is limited to, against where the other work is done (clausemap.yaml)
  const covPlaces = placesOf(cov),
    bT = b.config?.territory;
  if (covPlaces.size && bT) {
    const bPlaces = placesIn(bT);
    if (bPlaces.size ? !placesMeet(covPlaces, bPlaces) : overlap([...covPlaces].join(' '), bT) === 0) return undefined;
  }
  // a defined field is what its definition says the business is ("any person ... engaged in the business of
  // providing data centre audit and data centre optimization services"), not the definition's frame
  // a restriction on competitors, or with no field of its own, covers the competing business the contract defines
  // in another of its restrictions ("Competitive Business" means pet health coverage)
  const means =
    str(cov.values.fieldMeans) ??
    (!str(cov.values.field) || cov.values.field === 'competitors' ? definedCompetingBusiness(a) : undefined);
  const fieldV = (means ? (covenantField(means) ?? means) : undefined) ?? str(cov.values.field);
  const bField = [b.industry ?? '', ...b.fields].join(' ').trim();
  const aField = [a.industry ?? '', ...a.fields].join(' ').trim();
  if (fieldV && fieldV !== 'competitors') {
    const codes = industriesIn(fieldV);
    if (bField) {
      const bCodes = industriesIn(bField);
      if (codes.size && bCodes.size) {
        const m = industriesMeet(codes, bCodes);
        return m
          ? {
              reason: `its field "${fieldV}" (${describeIndustry(m[0])}) reaches ${name(b)}'s business "${bField}" (${describeIndustry(m[1])}; clausemap.yaml)`,
            }
          : undefined;
      }
      return overlap(fieldV, bField) >= 0.5 || overlap(bField, fieldV) >= 0.5
        ? { reason: `its field "${fieldV}" matches ${name(b)}'s field "${bField}" (clausemap.yaml)` }
        : undefined;
    }
    if (codes.size) {
      const biz = business(b, true);
      if (biz.some((x) => x.codes.size)) {
        // a field narrowed within its industry ("coverage for dogs, cats or other companion animals") reaches a
        // business of that industry for certain only where the contract says the same of the business
        const said = [...b.facts.filter((f) => f.kind === 'profile').map(saidBy), b.counterparty ?? ''];
        const unstated = facetsUnstated(fieldV, said.join(' ')) ?? qualifierUnstated(fieldV, said.join(' '));
        let review: Cover | undefined;
        for (const x of biz) {
          const m = industriesMeet(codes, x.codes);
          if (!m || facetsApart(fieldV, x.fact ? saidBy(x.fact) : '')) continue;
          const cover: Cover = {
            reason: `its field "${fieldV}" (${describeIndustry(m[0])}) reaches what ${name(b)}'s contract says of its business (${describeIndustry(m[1])})${unstated ? `; the field is limited to ${unstated}, which ${name(b)}'s contract does not mention` : ''}`,
            ...(x.fact ? { evidence: x.fact } : {}),
            ...(unstated ? { review: true as const } : {}),
          };
          if (!unstated) return cover;
          review ??= cover;
        }
        return review;
      }
    }
    const ev = evidence(fieldV, b);
    if (!ev) return undefined;
    const narrowed = qualifierUnstated(fieldV, saidBy(ev));
    return {
      reason: `its field "${fieldV}" matches what ${name(b)}'s contract says of its business${narrowed ? `; the field is limited to ${narrowed}, which ${name(b)}'s contract does not mention` : ''}`,
      evidence: ev,
      ...(narrowed ? { review: true as const } : {}),
    };
  }
  if (fieldV === 'competitors' || cov.category === 'restrict.non-compete') {
    if (aField && bField && (overlap(aField, bField) >= 0.5 || overlap(bField, aField) >= 0.5)) {
      return {
        reason: `it bars work for competitors of ${a.counterparty ?? base(a.file)} (field "${aField}") and ${name(b)} works in "${bField}"`,
      };
    }
    // without a stated field: the two clients' own businesses, as their contracts describe them
    if (!aField && !bField) {
      const aBiz = business(a, false),
        bBiz = business(b, false);
      for (const x of aBiz)
        for (const y of bBiz) {
          const m = industriesMeet(x.codes, y.codes);
          if (m)
            return {
              reason: `it bars work for competitors of ${a.counterparty ?? base(a.file)} (${describeIndustry(m[0])}) and ${name(b)} is in the same business (${describeIndustry(m[1])})`,
              ...(y.fact ? { evidence: y.fact } : {}),
            };
        }
    }
    return undefined;
  }
  if (cov.category === 'restrict.exclusivity' && !fieldV && bindsService(cov))
    return { reason: 'it is an exclusivity with no field limit, so it covers any other client' };
  return undefined;
}

/** Where a field is narrowed inside its industry by what follows "that is", "for use in", "indicated for" ("any
 *  pharmaceutical product that is ... a fibroblast growth factor receptor (FGFR) inhibitor"): those words, when
 *  the other contract says none of them of its business. */
const QUALIFIER =
  /\b(?:that|which)\s+(?:is|are)\b|\bfor\s+(?:use\s+in|the\s+treatment\s+of)\b|\b(?:indicated|intended|approved|designed|labell?ed)\s+(?:specifically\s+|solely\s+|only\s+)?for\b/i;
const QUALIFIER_GENERIC = new Set(
  'approved specifically solely only treatment indication indicated whatever patient population territory used other than within type kind'.split(
    ' ',
  ),
);
function qualifierUnstated(field: string, said: string): string | undefined {
  const q = QUALIFIER.exec(field);
  if (!q) return undefined;
  // the qualifier up to the definitions of its own terms written after it ("; Product: the ...")
  const rest = field.slice(q.index).split(/;\s+[A-Z][\w -]{0,40}:\s/)[0]!;
  const head = new Set(keywords(field.slice(0, q.index)));
  const words = keywords(rest).filter((w) => !QUALIFIER_GENERIC.has(w) && !head.has(w) && !/^\d+$/.test(w));
  if (words.length < 2 || words.some((w) => hasKeyword(said, w))) return undefined;
  return `"${rest.length > 120 ? `${rest.slice(0, 117).trimEnd()}...` : rest}"`;
}

/** Kinds of agreement, by the words that name them in a title or a restriction. */
const AGREEMENT_KINDS: Array<[RegExp, string]> = [
  [/\bdistribut(?:ion|ors?|orships?)\b/i, 'distribution'],
  [/\bresell(?:er|ers|ing)\b|\bresale\b/i, 'reseller'],
  [/\bjoint\s+ventures?\b/i, 'joint venture'],
  [/\bagen(?:cy|ts?)\b/i, 'agency'],
  [/\bfranchis(?:e|es|ing)\b/i, 'franchise'],
  [/\bsales\s+representatives?\b|\brepresentation\b/i, 'sales representation'],
  [/\bco-?promotion\b/i, 'co-promotion'],
];
function agreementKinds(text: string): Set<string> {
  return new Set(AGREEMENT_KINDS.filter(([re]) => re.test(text)).map(([, k]) => k));
}

/** The kinds of agreement a restriction bars its party from making: the object of "shall not enter into",
 *  "shall not appoint", "shall not grant" when it is another one ("any other", "another", "any additional",
 *  "any third party"). */
export function forbiddenKinds(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(
    /\b(?:shall|will|may|agrees?\s+to)\s+not\b[^.;]{0,40}?\b(?:enter\s+into|execute|sign|conclude|appoint|engage|grant)\b([^.;]{0,160})/gi,
  )) {
    const object = m[1]!;
    if (!/\b(?:any\s+other|another|any\s+additional|any\s+third|any\s+new|other)\b/i.test(object)) continue;
    if (
      !/\b(?:agreements?|arrangements?|distributors?|resellers?|agents?|representatives?|franchisees?|franchises?|partners?)\b/i.test(
        object,
      )
    )
      continue;
    for (const k of agreementKinds(object)) out.add(k);
  }
  return out;
}

/** What a contract defines as the business its restrictions protect: the definition one of its restrictions on
 *  competitors resolves to, if there is one. */
function definedCompetingBusiness(a: Contract): string | undefined {
  for (const f of a.facts)
    if (f.kind === 'covenant' && f.values.field === 'competitors' && str(f.values.fieldMeans))
      return str(f.values.fieldMeans);
  return undefined;
}

/** Product codes and patent numbers a fact's clause (or what its defined term means) names: "HLX-700",
 *  "11,204,551", "US 9,876,543 B2". */
function codesOf(f: Fact): Set<string> {
  const text = [f.clause.text, str(f.values.subjectMeans) ?? ''].join(' ');
  return new Set([...text.matchAll(/\b(?:[A-Z]{2,}[A-Za-z]*-\d[\w-]*|\d{1,3}(?:,\d{3}){2,})\b/g)].map((m) => m[0]));
}

/** A name made of the words contracts give background IP in general ("Pre-Existing Materials", "Background IP"), or a
 *  document's ("SOW", "Schedule A"): no particular thing. */
const BACKGROUND_NAME =
  /\b(?:pre-?existing|preexisting|background|prior|existing|retained|consultant|contractor|developer)\b|^(?:SOW|MSA|NDA|Statement|Order|Schedule|Exhibit|Annex|Appendix|Agreement|Section)\b/i;

/** What a fact speaks of, for names: its clause and what its defined subject means. */
const thingText = (f: Fact) => [f.clause.text, str(f.values.subjectMeans) ?? ''].join(' ');

/** The words of a contract's parties' names and roles, lower case, with the forms companies take: read once per
 *  contract, not once per pair of facts compared. */
const partyWordsOf = new WeakMap<Contract, Set<string>>();
function contractPartyWords(c: Contract): Set<string> {
  let words = partyWordsOf.get(c);
  if (!words) {
    words = new Set(['inc', 'llc', 'llp', 'ltd', 'corp', 'corporation', 'company', 'limited', 'plc', 'gmbh']);
    for (const n of [...c.parties.flatMap((p) => [p.name, p.role ?? '']), ...c.meNames])
      for (const w of n.toLowerCase().split(/[^a-z0-9'’-]+/)) if (w) words.add(w.replace(/['’]s$/, ''));
    partyWordsOf.set(c, words);
  }
  return words;
}
const partyWords = (a: Contract, b: Contract) => {
  const wa = contractPartyWords(a),
    wb = contractPartyWords(b);
  return { has: (w: string) => wa.has(w) || wb.has(w) };
};

/** Whether two facts dispose of the same work, and why; `unknown` when that could not be told. */
function samesubject(
  l: Fact,
  r: Fact,
  min: number,
  ifUnknown: boolean,
): { reason: string; unknown?: true } | undefined {
  // what a defined term ("the Software") stands for, where the contract defines it
  const a = str(l.values.subjectMeans) ?? str(l.values.subject),
    b = str(r.values.subjectMeans) ?? str(r.values.subject);
  if (l.values.broad === true || r.values.broad === true)
    return { reason: 'one side covers all know-how, tools and methods' };
  // a code both name (a product code such as HLX-700, a patent number) is the same thing whatever the wording
  const shared = [...codesOf(l)].filter((c) => codesOf(r).has(c));
  if (shared.length) return { reason: `both name ${shared.slice(0, 3).join(', ')}` };
  if (a && b && (overlap(a, b) >= min || overlap(b, a) >= min))
    return { reason: `"${a}" and "${b}" name the same thing` };
  if (!ifUnknown) return undefined;
  const unknown = [a, b].filter((s) => !s || definedTermOnly(s));
  if (unknown.length && !(a && b && !definedTermOnly(a) && !definedTermOnly(b))) {
    return {
      reason: `what is licensed could not be compared (${[a ?? 'not read', b ?? 'not read'].map((s) => `"${s}"`).join(' vs ')}${unknown.some((s) => s) ? '; a defined term is not resolved' : ''}): check whether both grants cover the same work`,
      unknown: true,
    };
  }
  return undefined;
}

/** Why two licences' scopes cannot meet: territories that share no place, or fields of different industries
 *  (or one for human and one for veterinary use). Undefined when they may meet or that is not known. */
function scopesApart(l: Fact, r: Fact): string | undefined {
  const pl = placesOf(l),
    pr = placesOf(r);
  if (pl.size && pr.size && !placesMeet(pl, pr)) return `${[...pl].join(', ')} against ${[...pr].join(', ')}`;
  const fl = str(l.values.fieldMeans) ?? str(l.values.field),
    fr = str(r.values.fieldMeans) ?? str(r.values.field);
  if (!fl || !fr) return undefined;
  const apart = facetsApart(fl, fr);
  if (apart) return apart;
  const cl = industriesIn(fl),
    cr = industriesIn(fr);
  return cl.size && cr.size && !industriesMeet(cl, cr) ? `"${fl}" against "${fr}"` : undefined;
}

interface RateSeen {
  amount: number;
  currency?: string;
  unit: string;
  item?: string;
}

/** A rate as read, per hour where it is per a day the contract gives a length ("$1,320 per Consulting Day" of
 *  eight hours is $165 an hour). */
function rateSeen(r: unknown, dayHours: unknown): RateSeen | undefined {
  const v = r as { amount?: unknown; currency?: unknown; unit?: unknown; item?: unknown } | undefined;
  const amount = num(v?.amount);
  if (!v || amount === undefined) return undefined;
  const item = str(v.item);
  const unit = str(v.unit) ?? 'hour';
  const hours = num(dayHours);
  const perHour = unit === 'day' && hours !== undefined && hours > 0;
  return {
    amount: perHour ? Math.round((amount / hours) * 100) / 100 : amount,
    ...(str(v.currency) ? { currency: str(v.currency) } : {}),
    unit: perHour ? 'hour' : unit,
    ...(item ? { item } : {}),
  };
}

function rateOf(c: Contract, f: Fact): RateSeen | undefined {
  // the fact's own rate, else the contract's, else the first price its fee clauses state (per kilogram, per unit)
  if (f.values.rate !== undefined) return rateSeen(f.values.rate, f.values.dayHours);
  if (c.rate) return rateSeen(c.rate, undefined);
  const x = c.facts.find((y) => y.kind === 'rate' && y.values.rate);
  return x ? rateSeen(x.values.rate, x.values.dayHours) : undefined;
}

/** The rates of a contract's rate card by role ("senior medical writer" → $185 an hour), with their clauses. */
const roleRatesOf = new WeakMap<Contract, Map<string, { rate: RateSeen; fact: Fact }>>();
function roleRates(c: Contract): Map<string, { rate: RateSeen; fact: Fact }> {
  const known = roleRatesOf.get(c);
  if (known) return known;
  const out = new Map<string, { rate: RateSeen; fact: Fact }>();
  roleRatesOf.set(c, out);
  for (const f of c.facts) {
    const role = str(f.values.role)?.toLowerCase();
    const rate = f.kind === 'rate' && role ? rateSeen(f.values.rate, f.values.dayHours) : undefined;
    if (role && rate && !out.has(role)) out.set(role, { rate, fact: f });
  }
  return out;
}

/** The lowest rate on a contract's rate card that compares with `r`; undefined without a card. */
function lowestRole(c: Contract, r: RateSeen): { rate: RateSeen; fact: Fact } | undefined {
  let low: { rate: RateSeen; fact: Fact } | undefined;
  for (const x of roleRates(c).values())
    if (comparable(x.rate, r) && (!low || x.rate.amount < low.rate.amount)) low = x;
  return low;
}

const comparable = (x: RateSeen, y: RateSeen) =>
  x.unit === y.unit &&
  !(x.currency && y.currency && x.currency !== y.currency) &&
  !(x.item && y.item && x.item !== y.item);

/**
 * Where both contracts price roles on a rate card, the same role is compared with itself: `lower` is a role b pays
 * less for; `compared` says whether any role was in both (then a role in one card only is not compared with
 * another role).
 */
function lowerRole(
  a: Contract,
  b: Contract,
): { compared: boolean; lower?: { role: string; a: RateSeen; b: RateSeen; aFact: Fact; bFact: Fact } } {
  const ra = roleRates(a),
    rb = roleRates(b);
  let compared = false;
  for (const [role, x] of ra) {
    const y = rb.get(role);
    if (!y || !comparable(x.rate, y.rate)) continue;
    compared = true;
    if (y.rate.amount < x.rate.amount)
      return { compared, lower: { role, a: x.rate, b: y.rate, aFact: x.fact, bFact: y.fact } };
  }
  return { compared };
}

function fill(t: string, a: Contract, b: Contract, l: Fact, r: Fact): string {
  return t
    .replace(/\{(a|b)\}/g, (_m, w: string) => name(w === 'a' ? a : b))
    .replace(/\{(left|right)\.(\w+)\}/g, (_m, side: string, k: string) => {
      const f = side === 'left' ? l : r;
      return k === 'category' ? f.category : valueWords(k, f.values[k]);
    });
}

/** "data engineering" and "engineering" are alike (same head word); "data engineering" and "data entry" are not. */
function similarServices(a: string, b: string): boolean {
  const head = (s: string) => keywords(s).at(-1);
  return head(a) === head(b) || (overlap(a, b) >= 0.67 && overlap(b, a) >= 0.67);
}

/**
 * One pair of contracts at a time (both directions), so the findings stream out as they are found rather
 * than being held for the whole portfolio: the number of pairs grows with the square of the portfolio.
 */
export function* runPair(p: Portfolio, ch: PairCheck): Generator<RawFinding> {
  const rights = Array.isArray(ch.right) ? ch.right : [ch.right];
  const lefts = Array.isArray(ch.left) ? ch.left : [ch.left];
  // an expired contract still binds through a restriction whose tail runs past today
  const stillBinding = (a: Contract, f: Fact) =>
    a.status !== 'expired' ||
    (f.kind === 'covenant' &&
      !!a.expiry &&
      (num(f.values.tailMonths) ?? 0) > 0 &&
      addMonths(a.expiry, num(f.values.tailMonths)!) >= p.today);
  // each contract's facts on either side, selected once; only contracts in force meet a left-hand fact
  const leftFacts = new Map(
    p.contracts.map((a) => [a, lefts.flatMap((l) => select(a, l)).filter((f) => stillBinding(a, f))]),
  );
  const rightFacts = new Map(active(p).map((b) => [b, rights.flatMap((rsel) => select(b, rsel))]));
  const direction = (a: Contract, b: Contract, out: RawFinding[]): void => {
    const lfs = leftFacts.get(a)!,
      rfs = rightFacts.get(b);
    // most pairs have nothing to compare under a given check
    if (!lfs.length || !rfs?.length || (ch.symmetric && a.file > b.file)) return;
    const pa = period(a),
      pb = period(b);
    for (const lf of lfs)
      for (const rf of rfs) {
        const tail = num(lf.values.tailMonths);
        const paTail = tail && pa.to ? { ...pa, to: addMonths(pa.to, tail) } : pa;
        if (ch.concurrent && !overlaps(paTail, pb)) continue;
        let reason: string | undefined = 'both clauses are in force';
        let review = false;
        let evidenceFact: Fact | undefined;
        // the rate of a's card a lower rate was compared with, cited beside the promise
        let rateCited: Fact | undefined;
        let message = '';
        switch (ch.relation) {
          case 'any':
            message = `${name(a)}: ${lf.category} (${valuesLine(lf)}); ${name(b)}: ${rf.category} (${valuesLine(rf)}).`;
            break;
          case 'same-subject': {
            // two licences of one thing in territories or fields that do not meet leave each other alone
            if (lf.kind === 'license' && rf.kind === 'license' && scopesApart(lf, rf)) {
              reason = undefined;
              break;
            }
            const same = samesubject(lf, rf, ch.minOverlap, ch.ifUnknown === 'fire');
            reason = same?.reason;
            review = same?.unknown === true;
            const shown = ['exclusive', 'subject', 'backgroundIp', 'broad'];
            // worded only for the pairs that fire: most pairs do not
            if (same)
              message = review
                ? `${name(a)} and ${name(b)} may dispose of the same work, but what each covers could not be compared: ${lf.category} (${valuesLine(lf, shown)}) against ${rf.category} (${valuesLine(rf, shown)}).`
                : `${name(a)} and ${name(b)} both dispose of the same work: ${lf.category} (${valuesLine(lf, shown)}) against ${rf.category} (${valuesLine(rf, shown)}).`;
            break;
          }
          case 'covers-engagement': {
            const cv = covers(lf, a, b);
            reason = cv?.reason;
            review = cv?.review === true;
            if (cv?.evidence) evidenceFact = cv.evidence;
            if (reason) message = `The ${covenantKind(lf)} in ${name(a)} reaches the work for ${name(b)}.`;
            break;
          }
          case 'not-named-apart': {
            // both clauses name particular things ("Tidewater", the "Gullwing" templates) and none of them the
            // same: they speak of different work
            // ("Pre-Existing Materials", "Background IP" are what every contract calls its background, not a thing)
            const pw = partyWords(a, b);
            const particular = (f: Fact) =>
              [...namedThings(thingText(f), pw)].filter((n) => !BACKGROUND_NAME.test(n)).length > 0;
            const apart =
              particular(lf) && particular(rf) && sharedThings(thingText(lf), thingText(rf), pw).length === 0;
            if (apart) reason = undefined;
            break;
          }
          case 'same-named-thing': {
            const shared = sharedThings(thingText(lf), thingText(rf), partyWords(a, b));
            reason = shared.length
              ? `both name ${shared
                  .slice(0, 3)
                  .map((n) => `"${n}"`)
                  .join(', ')}`
              : undefined;
            break;
          }
          case 'rate-below': {
            // the same role on two rate cards, else the contracts' rates; prices of things sold one by one
            // compare only for the same kind of thing (a system, a kit)
            const cards = lowerRole(a, b);
            const role = cards.lower?.role;
            if (cards.lower) evidenceFact = cards.lower.bFact;
            // a rate card against a rate that names no role: the card's lowest rate is the one promised to be no
            // worse, so the other rate is lower only if it is below every rate on the card
            const rb = cards.compared ? cards.lower?.b : rateOf(b, rf);
            const lowest = cards.compared || !rb ? undefined : lowestRole(a, rb);
            const ra = cards.compared ? cards.lower?.a : (lowest?.rate ?? rateOf(a, lf));
            rateCited = cards.lower?.aFact ?? lowest?.fact;
            if (!ra || !rb || !comparable(ra, rb) || !(rb.amount < ra.amount)) {
              reason = undefined;
              break;
            }
            // a promise limited to the protected client's competitors ("a Meridian Competitor", "any competitor
            // of Client") covers only clients in its business, as the contracts describe them
            if (COMPETITOR_CLASS.test(lf.clause.text) && !sameBusiness(a, b)) {
              reason = undefined;
              break;
            }
            // the promise covers similar services: a rate for services of another kind is not compared
            const promised = serviceKind(lf.clause.text),
              paid = rf.fromConfig ? undefined : serviceKind(rf.clause.text);
            if (promised && paid && !similarServices(promised, paid)) {
              reason = undefined;
              break;
            }
            reason = `${name(b)} pays ${valueWords('rate', rb)}${role ? ` for a ${role}` : ''} while ${name(a)}, promised the best rate, pays ${valueWords('rate', ra)}`;
            message = `${name(a)} is promised rates no worse than any other client's, but ${name(b)} pays less.`;
            break;
          }
        }
        if (!reason) continue;
        if (ch.message) message = fill(ch.message, a, b, lf, rf);
        const when = ch.concurrent
          ? `; periods ${describePeriod(paTail)}${tail ? ` (incl. ${tail}-month tail)` : ''} and ${describePeriod(pb)} overlap${!pa.from || !pb.from ? ' (dates unknown: taken as concurrent)' : ''}`
          : '';
        const aRate =
          ch.relation === 'rate-below'
            ? (rateCited ?? a.facts.find((f) => f.kind === 'rate' && f !== lf && f.values.rate !== undefined))
            : undefined;
        const rCite = evidenceFact
          ? [cite(evidenceFact)]
          : rf.fromConfig && ch.relation === 'covers-engagement'
            ? []
            : [cite(rf)];
        out.push({
          message,
          why: `${reason.replace(/\.$/, '')}. ${base(a.file)} ${lf.category}: ${valuesLine(lf)}; ${base(b.file)} ${(evidenceFact ?? rf).category}: ${valuesLine(evidenceFact ?? rf)}${when}.`,
          documents: [a.file, b.file],
          clauses: [cite(lf), ...(aRate ? [cite(aRate, ['rate'])] : []), ...rCite],
          key: [a.file, lf.clause.start, b.file, rf.clause.start].join('|'),
          ...(review ? { review } : {}),
        });
      }
  };
  const cs = p.contracts;
  const byEngagement = new Map<string, RawFinding[]>();
  for (let i = 0; i < cs.length; i++) {
    for (let j = i + 1; j < cs.length; j++) {
      // contracts that share no party (and no "me") have nothing to conflict over; an MSA and its own SOWs and
      // amendments are one engagement with one client
      if (cs[i]!.group !== cs[j]!.group) continue;
      if (cs[i]!.family !== undefined && cs[i]!.family === cs[j]!.family) continue;
      const found: RawFinding[] = [];
      direction(cs[i]!, cs[j]!, found);
      direction(cs[j]!, cs[i]!, found);
      if (!found.length) continue;
      // a–b and b–a of the same two clauses are one conflict
      const seen = new Set<string>();
      // a pair that certainly conflicts speaks for itself: its comparisons that could not be made add nothing
      const certain = found.some((f) => !f.review) ? found.filter((f) => !f.review) : found;
      const fs = ch.symmetric
        ? certain
        : certain.filter((f) => {
            const k = f.clauses
              .map((c) => `${c.file}@${c.start}`)
              .sort()
              .join('|');
            if (seen.has(k)) return false;
            seen.add(k);
            return true;
          });
      // a contract of a family (an MSA, its SOWs, orders and amendments) is one engagement with the others: what
      // fires against any of them is one finding naming the whole family, given once the pairs are all compared
      const a = cs[i]!,
        b = cs[j]!;
      if (a.family === undefined && b.family === undefined) {
        yield merged(fs);
        continue;
      }
      const k = [engagementKey(a), engagementKey(b)].sort().join('|');
      const held = byEngagement.get(k);
      if (held) held.push(...fs);
      else byEngagement.set(k, [...fs]);
    }
  }
  for (const fs of byEngagement.values()) {
    const certain = fs.some((f) => !f.review) ? fs.filter((f) => !f.review) : fs;
    const f = merged(certain);
    const family = new Set(
      f.documents.flatMap((d) => {
        const c = cs.find((x) => x.file === d);
        return c?.family === undefined ? [d] : cs.filter((x) => x.family === c.family).map((x) => x.file);
      }),
    );
    yield { ...f, documents: [...f.documents, ...[...family].filter((d) => !f.documents.includes(d))] };
  }
}

/** A contract's engagement: its family, or itself. */
const engagementKey = (c: Contract) => (c.family === undefined ? `file:${c.file}` : `family:${c.family}`);

/** The findings of one pair of contracts (or engagements) as one: every clause pair that fired between them is
 *  cited together. */
function merged(fs: readonly RawFinding[]): RawFinding {
  if (fs.length === 1) return fs[0]!;
  const clauses = new Map<string, CitedClause>();
  for (const f of fs) for (const c of f.clauses) clauses.set(`${c.file}@${c.start}-${c.end}:${c.category}`, c);
  const documents = [...new Set(fs.flatMap((f) => f.documents))];
  return {
    message: fs[0]!.message,
    why: [...new Set(fs.map((f) => f.why))].join(' '),
    documents,
    clauses: [...clauses.values()],
    key: documents.slice().sort().join('|'),
    ...(fs[0]!.review ? { review: true } : {}),
  };
}
