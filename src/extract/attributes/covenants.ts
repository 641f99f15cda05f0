// Restrictive covenants (non-compete, exclusivity, non-solicit): how long, where, and what they cover.
// Pure functions.
import { norm, valueOf, type AttributeExtractor } from './util.js';
import { findDurations, toDays, toMonths } from './durations.js';
import { similarBusiness } from './plain.js';

const AFTER_END =
  /\b(?:thereafter|there\s*after|after\s+(?:the\s+|its\s+|their\s+)?(?:termination|expiration|expiry|end|cessation|conclusion)|(?:after|following)\s+(?:it|this\s+agreement|the\s+agreement|the\s+engagement|the\s+term)\s+(?:ends|expires|terminates|is\s+terminated)|following\s+(?:the\s+|its\s+)?(?:termination|expiration|expiry|end|cessation|conclusion|completion)|post[\s-]termination|from\s+(?:the\s+)?(?:date\s+of\s+)?(?:termination|expiration)|subsequent\s+to\s+(?:the\s+)?(?:termination|expiration))\b/i;
const DURING_TERM =
  /\b(?:during|throughout|for)\s+(?:the\s+)?(?:term|period\s+of\s+(?:this\s+agreement|the\s+engagement|employment)|engagement|employment)\b/i;

/** How long the restriction lasts, and whether it runs on after the contract ends. */
export function covenantDuration(text: string): { durationMonths?: number; tail?: boolean } {
  const t = norm(text);
  for (const d of findDurations(t)) {
    const before = t.slice(Math.max(0, d.start - 80), d.start);
    const after = t.slice(d.end, d.end + 120);
    // a notice period or a payment term is not the restriction's length
    if (/^\s*(?:['’]s?\s*)?(?:prior\s+)?(?:written\s+)?notice\b/i.test(after)) continue;
    const months = toMonths(d) ?? Math.round(toDays(d) / 30);
    if (!months) continue;
    const tail = AFTER_END.test(after.slice(0, 90)) || AFTER_END.test(before.slice(-40));
    if (
      tail ||
      /\b(?:for|during|within|period\s+of)\s+(?:a\s+)?(?:period\s+of\s+)?(?:an?\s+)?(?:additional\s+)?$/i.test(before)
    ) {
      return { durationMonths: months, tail };
    }
  }
  if (DURING_TERM.test(t)) return { tail: false };
  return {};
}

/** Where it applies: "worldwide", "the Territory", "within 50 miles of ...", "the United States". */
export function covenantTerritory(text: string): string | undefined {
  const t = norm(text);
  if (/\b(?:worldwide|world-wide|anywhere\s+in\s+the\s+world|throughout\s+the\s+world)\b/i.test(t)) return 'worldwide';
  const miles =
    /\bwithin\s+(?:a\s+)?(?:radius\s+of\s+)?([\w-]+\s*(?:\(\d+\)\s*)?(?:miles?|kilometers?|km))\b(?:\s+(?:radius\s+)?(?:of|from)\s+([^,.;]{3,60}))?/i.exec(
      t,
    );
  if (miles) return `within ${miles[1]}${miles[2] ? ` of ${miles[2].trim()}` : ''}`;
  if (/\b(?:in|within|throughout|into)\s+the\s+Territory\b/.test(t)) return 'the Territory';
  // a place the contract defines by a name of its own: "in the Area of Non-Competition", "within the Restricted Area"
  const definedArea =
    /\b(?:in|within|throughout|into)\s+(the\s+(?:[A-Z][\w-]*\s+){0,2}(?:Area|Region|Zone)(?:\s+of\s+[A-Z][\w-]*)?)\b/.exec(
      t,
    );
  if (definedArea) return definedArea[1];
  const place =
    /\b(?:in|within|throughout|anywhere\s+in)\s+(?:the\s+)?((?:United\s+States(?:\s+of\s+America)?|North\s+America|European\s+Union|Europe|Canada|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}))(?:\s+or\s+(?:any\s+)?(?:other\s+)?(?:country|state|jurisdiction)[^,.;]*)?\b/.exec(
      t,
    );
  if (
    place &&
    // what a party is engaged in or carries on is an activity, not a place ("engaged in Mining Activities")
    !/\b(?:engaged|engaging|engage|involved|carr(?:y|ies|ying)\s+on)\s+(?:in\s+)?$/i.test(
      t.slice(Math.max(0, place.index - 30), place.index + place[0].indexOf(place[1]!)),
    ) &&
    !/^(?:Section|Article|Paragraph|Clause|Appendix|Annex|Attachment|Agreement|Term|Exhibit|Schedule|Company|Client|Consultant|Contractor|Products?|Services?|Business|Field|Licensed|Initial|Training|Effective|Confidential|Restricted|Competing|Competitive|Customer|Employee)\b/.test(
      place[1]!,
    )
  )
    return place[1];
  return undefined;
}

/** Words that end a field's list: what follows is the restriction's time, place or purpose, not its field. */
const LIST_END =
  /^(?:during|for|within|in|throughout|anywhere|that|which|who|to|with|whether|unless|except|including|without|on|at|by|as|from|after|before|while|until|thereafter|and\s+for|or\s+for)$/i;

/**
 * An enumeration written in prose from `from` on: "banking, lending or insurance", "commercial banking,
 * consumer lending, or insurance underwriting". Items are runs of lower-case words; the list ends at a word
 * that starts the restriction's time, place or purpose, or at punctuation other than a comma.
 */
function listAt(t: string, from: number): { text: string; items: number } | undefined {
  let items = 0;
  let end = from;
  // an item's words stop at "and" / "or", which separate it from the next ("next day or multiple day courier services")
  const re = /\s*(,\s*(?:and\s+|or\s+)?|(?:and|or|and\/or)\s+)?([a-z][\w-]*(?:\s+(?!(?:and|or)\b)[a-z][\w-]*){0,3})/y;
  re.lastIndex = from;
  for (let m; (m = re.exec(t));) {
    if (items && !m[1]) break;
    // the item's words, up to one that starts the restriction's time, place or purpose
    const wordsAt = [...m[2]!.matchAll(/[a-z][\w-]*/g)];
    const stop = wordsAt.findIndex((w, i) => LIST_END.test(w[0]) && (i > 0 || items > 0));
    const kept = stop < 0 ? wordsAt : wordsAt.slice(0, stop);
    if (kept.length) {
      const last = kept[kept.length - 1]!;
      end = m.index + m[0].length - m[2]!.length + last.index + last[0].length;
      // "banking, lending or insurance": the connecting "or" is part of the next item's words
      items += 1 + kept.filter((w) => /^(?:and|or)$/i.test(w[0])).length;
    }
    if (stop >= 0) break;
  }
  return items ? { text: t.slice(from, end).trim(), items } : undefined;
}

/** Words that name a party, not a business: "any other person", "any third party", "any of its clients". */
const GENERIC_PARTY =
  /^(?:persons?|part(?:y|ies)|third|entit(?:y|ies)|compan(?:y|ies)|business(?:es)?|clients?|customers?|individuals?|firms?|organi[sz]ations?|one|of|such|affiliates?|employees?|competitors?|manner|way|time|purpose|other|kind|form|amount|portion|information|services?|products?|work|material|agreement|contract|reason|cause|period|term|part|extent|matter)\b/i;

/** A defined class of competitors, as a restriction names its field: "Competitor", "Competing Business". */
export const DEFINED_COMPETITORS =
  /Competitors?|Compet(?:ing|itive)\s+(?:Business(?:es)?|Products?|Services?|Entit(?:y|ies))/;
// (with the party's name before it: "any Company Competing Business")
const COMPETITOR_FIELD = new RegExp(
  String.raw`\b(?:any|a|an|the)\s+((?:[A-Z][\w-]*\s+)?(?:${DEFINED_COMPETITORS.source}))\b`,
);

/** What it covers: "financial services", "competitors of Client", "any business that competes with the Company",
 *  "banking, lending or insurance". */
export function covenantField(text: string): string | undefined {
  const t = norm(text);
  // a business named by what it is engaged in, or an industry named by a list before "industry"
  const engaged =
    /\b(?:engaged|engaging|engage|involved)\s+in\s+(?:the\s+)?(?:business(?:es)?\s+of\s+)?(?!(?:or|and|nor)\b)(?=[a-z])/i.exec(
      t,
    );
  if (engaged) {
    const list = listAt(t, engaged.index + engaged[0].length);
    if (list && list.items > 1) return list.text;
  }
  // the areas it names: "competes ... with the Products in the areas of consolidation, financial information,
  // reporting, data collection, or modeling"
  const areas = /\b(?:in|within)\s+the\s+(?:fields?|areas?)\s+of\s+(?=[a-z])/i.exec(t);
  if (areas) {
    const list = listAt(t, areas.index + areas[0].length);
    const text = list?.text.replace(/,?\s+(?:and|or|provided|but|except)\s*$/i, '').trim();
    if (text) return text;
  }
  const like = similarBusiness(t);
  if (like) return like;
  // a business named by what it provides: "any provider of banking, lending or insurance products", "any person
  // that develops or sells payroll software", "services to any bank, lender or insurer"
  const provider =
    /\b(?:any|a|other)\s+(?:(?:other|third[- ]party|person|entity|business|company|firm)\s+)?(?:providers?|suppliers?|vendors?|sellers?|manufacturers?|developers?|distributors?|operators?|issuers?|underwriters?)\s+of\s+(?=[a-z])|\b(?:any|a)\s+(?:other\s+)?(?:person|entity|business|company|firm|organi[sz]ation|third\s+party|enterprise)\s+(?:that|which|who)\s+(?:(?:directly\s+or\s+indirectly\s+)?(?:provides?|offers?|sells?|develops?|markets?|manufactures?|distributes?|operates?|underwrites?)(?:\s+(?:or|and|and\/or)\s+(?:provides?|offers?|sells?|develops?|markets?|manufactures?|distributes?|operates?|underwrites?))?)\s+(?=[a-z])/i.exec(
      t,
    );
  if (provider) {
    const list = listAt(t, provider.index + provider[0].length);
    if (list) return list.text;
  }
  // the businesses it names as whom the work may not be for: "services to any other supermarket or grocery retailer"
  // (after the restriction's "not": "termination for any reason" before it is no field)
  const negated = /\b(?:not|never|no)\b/i.exec(t);
  for (const forAny of negated
    ? t.matchAll(/\b(?:to|for|with|on\s+behalf\s+of)\s+any\s+(?:other\s+)?(?=[a-z])/gi)
    : []) {
    if (forAny.index < negated!.index) continue;
    const list = listAt(t, forAny.index + forAny[0].length);
    if (list && !GENERIC_PARTY.test(list.text)) return list.text;
    break;
  }
  const industries =
    /\b(?:in|within)\s+the\s+((?:[a-z][a-z-]+,?\s+(?:(?:and|or)\s+)?){1,6})(?:industry|industries|sectors?|markets?)\b/.exec(
      t,
    );
  if (industries && /,|\s(?:and|or)\s/.test(industries[1]!))
    return `${industries[1]!.trim().replace(/,$/, '')} industries`;
  // a defined activity ("carry on or be engaged in Mining Activities"), resolved by its definition
  const activityTerm =
    /\b(?:engaged|engaging|engage|involved)\s+in\s+((?:[A-Z][\w-]*\s+){0,3}(?:Activities|Activity|Business|Businesses|Services|Products))\b/.exec(
      t,
    );
  if (activityTerm) return activityTerm[1]!;
  // a defined field ("in the Field of Interest", "within the Restricted Business"), resolved by its definition
  const defined =
    /\b(?:in|within|into)\s+(the\s+(?:[A-Z][\w-]*\s+){0,2}(?:Field|Business|Territory\s+Business)(?:\s+of\s+[A-Z][\w-]*)?)\b/.exec(
      t,
    );
  if (defined && !/Territory$/.test(defined[1]!)) return defined[1]!;
  // a defined class of competitors ("any Competitor", "a Competing Business"), resolved by its definition
  const competitor = COMPETITOR_FIELD.exec(t);
  if (competitor) return competitor[1]!;
  // an activity, with what it is for: "engage in the development of biocatalysts other than E. coli for the
  // production of succinic acid"
  const activity =
    /\bengag\w*\s+in\s+(?:the\s+)?((?:research|development|manufactur\w*|production|sale|marketing|distribution|commerciali[sz]ation)\s+(?:(?:and|or)\s+\w+\s+)?of\s+(?:[^;.]|\.(?=\s*[a-z])){3,160}?)(?=,\s*(?:except|other\s+than|save)|[;.](?!\s*[a-z])|$)/i.exec(
      t,
    );
  if (activity) return activity[1]!.trim();
  const pats: RegExp[] = [
    /\b(?:in|within)\s+the\s+(?:field|fields|area|areas|business|industry|market)\s+of\s+([^,.;()]{3,100})/i,
    /\b(?:for|to|with|of)\s+(?:any\s+)?((?:direct\s+)?competitors?\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)/,
    // "products, that are substantially similar to or competitive with the Vendor Companion Solution"
    /\b((?:any\s+)?(?:business|activity|activities|enterprise|products?|services?|solutions?),?\s+(?:that|which)\s+(?:is\s+|are\s+)?(?:(?:directly|indirectly|substantially|materially|or)\s+)*(?:compet\w+|similar|in\s+competition)(?:\s+(?:with|to)\s+or\s+(?:compet\w+|similar)(?:\s+(?:with|to))?)?\s+(?:with|to)\s+[^,.;()]{3,80})/i,
    /\b((?:any\s+)?(?:business|products?|services?)\s+(?:competitive|in\s+competition)\s+with\s+[^,.;()]{3,80})/i,
    /\b(?:the|any)\s+([a-z][a-z-]+(?:\s+(?:and\s+)?[a-z][a-z-]+){0,3}\s+(?:industry|industries|business|sector|market|services))\b/,
    /\b(?:engage\s+in|provide|perform|render|offer)\s+(?:any\s+)?((?:[A-Z][\w-]*\s+){0,3}(?:Services|Products|Business))\b/,
  ];
  for (const re of pats) {
    const m = re.exec(t);
    if (m) return m[1]!.trim().replace(/\s+(?:during|for|within|in\s+the\s+Territory)\b.*$/i, '');
  }
  return undefined;
}

export const COVENANT_EXTRACTORS: Record<string, AttributeExtractor> = {
  durationMonths: valueOf('durationMonths', (t) => covenantDuration(t).durationMonths),
  tail: valueOf('tail', (t) => covenantDuration(t).tail),
  territory: valueOf('territory', covenantTerritory),
  field: valueOf('field', covenantField),
};
