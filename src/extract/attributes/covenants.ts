// Restrictive covenants (non-compete, exclusivity, non-solicit): how long, where, and what they cover.
// Pure functions.
import { norm, valueOf, type AttributeExtractor } from './util.js';
import { findDurations, toDays, toMonths } from './durations.js';

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
  const place =
    /\b(?:in|within|throughout|anywhere\s+in)\s+(?:the\s+)?((?:United\s+States(?:\s+of\s+America)?|North\s+America|European\s+Union|Europe|Canada|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}))(?:\s+or\s+(?:any\s+)?(?:other\s+)?(?:country|state|jurisdiction)[^,.;]*)?\b/.exec(
      t,
    );
  if (
    place &&
    !/^(?:Section|Article|Paragraph|Clause|Appendix|Annex|Attachment|Agreement|Term|Exhibit|Schedule|Company|Client|Consultant|Contractor|Products?|Services?|Business|Field|Licensed|Initial|Training|Effective|Confidential|Restricted|Competing|Competitive|Customer|Employee)\b/.test(
      place[1]!,
    )
  )
    return place[1];
  return undefined;
}

/** What it covers: "financial services", "competitors of Client", "any business that competes with the Company". */
export function covenantField(text: string): string | undefined {
  const t = norm(text);
  const pats: RegExp[] = [
    /\b(?:in|within)\s+the\s+(?:field|fields|area|areas|business|industry|market)\s+of\s+([^,.;()]{3,100})/i,
    /\b(?:for|to|with|of)\s+(?:any\s+)?((?:direct\s+)?competitors?\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)/,
    /\b((?:any\s+)?(?:business|activity|activities|enterprise|products?|services?)\s+(?:that|which)\s+(?:is\s+|are\s+)?(?:directly\s+or\s+indirectly\s+)?(?:compet\w+|similar|in\s+competition)\s+(?:with|to)\s+[^,.;()]{3,80})/i,
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
