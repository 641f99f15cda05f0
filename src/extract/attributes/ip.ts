// Intellectual-property values: what happens to background (pre-existing) IP, and what a licence grants.
// Pure functions.
import { norm, valueOf, type AttributeExtractor } from './util.js';

const BACKGROUND =
  /\b(?:pre-?existing|background\s+(?:ip|intellectual|technology|materials?|rights)|prior\s+(?:inventions?|works?|ip|intellectual\s+property)|know-?how|tools|methodolog(?:y|ies)|(?:Consultant|Contractor|Provider|Supplier|Developer|Vendor)['’]s?\s+(?:[\w-]+\s+){0,4}?(?:materials|technology|property|ip|librar(?:y|ies)|toolkits?|frameworks?|components|code\s*base|templates)|(?:subject\s+matter|materials|technology|inventions?|tools|software)\s+owned\s+by\s+(?:the\s+)?(?:Consultant|Contractor|Provider|Supplier|Developer|Vendor)|retained\s+(?:ip|materials|rights)|independently\s+developed|owned\s+(?:by\s+\w+\s+)?(?:prior\s+to|before)\s+the\s+(?:effective\s+date|commencement))\b/i;

/** "retained" | "assigned" | "licensed" for pre-existing IP, know-how and tools; undefined when the clause does not speak of them. */
export function backgroundIp(text: string): 'retained' | 'assigned' | 'licensed' | undefined {
  const t = norm(text);
  const bg = BACKGROUND.exec(t);
  if (!bg) return undefined;
  // look at the sentence that names the background IP
  const from = Math.max(0, t.lastIndexOf('.', bg.index) + 1);
  const to = t.indexOf('. ', bg.index);
  const s = t.slice(from, to < 0 ? t.length : to + 1);
  // "know-how, processes ... that Consultant makes, conceives or develops in performance of the Services": a
  // generic word among what the work creates is the work's own IP, not what was there before it
  const generic = !/pre-?existing|background|prior|owned|independently|retained|['’]s/i.test(bg[0]);
  if (
    generic &&
    /\b(?:that|which)\s+(?:[\w-]+\s+){0,3}?(?:makes?|made|conceives?|conceived|creates?|created|develops?|developed|discovers?|authors?|generates?|reduces?\s+to\s+practice)\b[^.]{0,200}?\b(?:in\s+(?:the\s+)?(?:performance|course)\s+of|in\s+performing|under\s+this\s+agreement|hereunder|during\s+the\s+term|pursuant\s+to\s+this\s+agreement)/i.test(
      s,
    )
  )
    return undefined;
  const excluded =
    /\b(?:excluding|except(?:\s+for)?|other\s+than|does\s+not\s+include|shall\s+not\s+include|not\s+(?:be\s+)?(?:assigned|transferred)|nothing\s+in\s+this)\b[^.]{0,120}$/i.test(
      s.slice(0, Math.max(0, bg.index - from)),
    ) || /\b(?:excluded|exclude[sd]?|not\s+include)\b/i.test(s);
  const licensed =
    /\b(?:grants?|granted|hereby\s+grants?)\b[^.]{0,160}\blicen[cs]e\b|\blicen[cs]e\b[^.]{0,80}\b(?:to\s+use|under)\b/i.test(
      s,
    );
  // "Developer retains", "are retained by Developer"; not "no dependency on materials retained by Developer"
  const retained =
    /\b(?:retains?|retaining|(?:is|are|be|been|being|remains?|hereby|expressly)\s+retained|remain[sed]*\s+(?:the\s+)?(?:sole\s+(?:and\s+exclusive\s+)?)?(?:property|owner)|(?<!\b(?:Client|Company|Customer)\s+)shall\s+(?:continue\s+to\s+)?own|sole\s+and\s+exclusive\s+property\s+of\s+(?:the\s+)?(?:Consultant|Contractor|Provider|Supplier|Developer))\b/i.test(
      s,
    );
  // a transfer the sentence denies ("Background IP is not assigned", "shall not be transferred") gives nothing away
  const denied = (m: RegExpExecArray) =>
    /\b(?:not|never|no|nothing|neither|nor)\b(?:\s+(?:be|been|being|hereby|deemed\s+to\s+be|to\s+be))?\s*$/i.test(
      s.slice(Math.max(0, m.index - 30), m.index),
    );
  let deniedOnly = false;
  const assignedBy = (re: RegExp) => {
    const ms = [...s.matchAll(re)];
    deniedOnly = ms.length > 0 && ms.every(denied);
    return ms.some((m) => !denied(m));
  };
  const assigned = assignedBy(
    /\b(?:hereby\s+)?(?:assigns?|assigned|transfers?|conveys?)\b|\b(?:Client|Company|Customer)\s+(?:shall|will)\s+(?:solely\s+|exclusively\s+)?own\b|\b(?:(?:shall\s+(?:be|become)|is|are)\s+the\s+(?:sole\s+(?:and\s+exclusive\s+)?)?property\s+of|(?:shall\s+)?vest(?:s|ed)?\s+(?:solely\s+|exclusively\s+)?in|(?:shall\s+|will\s+)?belongs?\s+(?:solely\s+|exclusively\s+)?to)\s+(?:the\s+)?(?:Client|Company|Customer)\b/gi,
  );
  if (assigned && !excluded && !retained) return 'assigned';
  if (licensed) return 'licensed';
  if (retained || excluded || deniedOnly) return 'retained';
  return undefined;
}

/** true for an exclusive licence, false for a non-exclusive one, undefined when not stated. */
export function exclusiveLicense(text: string): boolean | undefined {
  const t = norm(text);
  if (/\bnon-?\s?exclusive\b/i.test(t)) return false;
  if (/\b(?:sole\s+and\s+)?exclusive\b[^.;]{0,80}\b(?:licen[cs]e|right)/i.test(t) && !/\bexclusive\s+remedy\b/i.test(t))
    return true;
  return undefined;
}

/** A party (alone: "the Licensor Patents" is a subject), a place in the document, or the licence's scope (its field
 *  or territory, which name where the licence runs, not what it is of: "an exclusive license in the Field under the
 *  Licensor Patents"). */
const NOT_SUBJECT =
  /^(?:(?:Licensee|Licensor|Company|Client|Customer|Party|Parties|Consultant|Contractor|Provider|Supplier|Distributor|Affiliates?)(?:\s+and\s+(?:its\s+)?Affiliates)?$|(?:Term|Agreement|Effective|Section|Article|Exhibit|Schedule)\b|(?:[A-Z][\w-]*\s+){0,2}(?:Territory|Field)(?:\s+of\s+Use)?$)/;

/** What is licensed: "the Software", "the Licensed Patents", "the Marks". */
export function licenseSubject(text: string): string | undefined {
  const t = norm(text);
  const lic = /\blicen[cs]e\b/i.exec(t);
  if (!lic) return undefined;
  const rest = t.slice(lic.index, lic.index + 400);
  const re =
    /\b(?:under|to|in|of|use|practice|exploit|reproduce|distribute|sell|make|display|perform)\s+(?:and\s+\w+\s+)?(?:all\s+)?(?:of\s+)?(?:the\s+|its\s+|such\s+)([A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|of|and))*(?:\s+[A-Z][\w-]*)?)/g;
  for (let m; (m = re.exec(rest));) {
    // a name the window cuts ("the Exclusive Te") is not read
    if (m.index + m[0].length >= rest.length && rest.length < t.length - lic.index) break;
    const name = m[1]!.replace(/\s+(?:and|of)$/, '');
    if (NOT_SUBJECT.test(name)) continue;
    return `the ${name}`;
  }
  return undefined;
}

export const IP_EXTRACTORS: Record<string, AttributeExtractor> = {
  backgroundIp: valueOf('backgroundIp', backgroundIp),
  exclusive: valueOf('exclusive', exclusiveLicense),
  subject: valueOf('subject', licenseSubject),
};
