// The organisations a clause names, in its own words or through what it refers to: the definitions of the
// defined terms it uses ("any Customer", where "Customer" means "any person listed in Schedule B") and the
// schedules, exhibits and annexes those definitions point to. A restriction on soliciting "any Customer"
// reaches the companies the schedule lists. Pure.
import { attachedTexts, definitionOf } from './definitions.js';

/** A company name: capitalised words ending in a legal form ("Tuckahoe Retail Partners LLC", "Acme, Inc."). */
// (a word may end in a full stop only as a short abbreviation, "Dr." or "St.": "Verdant. Dr. Renata Voss LLC"
// is two sentences, and the name is the second)
const ORGANISATION =
  /\b(?:[A-Z][a-z]{0,2}\.|[A-Z][\w&'’-]*)(?:\s+(?:(?:of|and|&|the|for|de|du|van|von)\s+)?(?:[A-Z][a-z]{0,2}\.|[A-Z][\w&'’-]*)){0,6},?\s+(?:LLC|L\.L\.C\.|Inc\.?|Incorporated|Corp\.?|Corporation|Company|Co\.|Ltd\.?|Limited|LP|L\.P\.|LLP|PLC|plc|GmbH|AG|S\.A\.|N\.V\.|B\.V\.|Pte\.?\s+Ltd\.?|Pty\.?\s+Ltd\.?|Trust|Partners|Fund(?:\s+[IVX]+)?)(?![\w])/g;

/** A capitalised term the clause uses that may be defined ("Customer", "Restricted Territory"). */
const TERM = /\b[A-Z][a-z][\w-]*(?:\s+[A-Z][a-z][\w-]*){0,2}\b/g;

/** Capitalised words that are headings or a party's description, not a company: "RECITALS A. Company",
 *  "This Distributor Agreement and GLS LLC", "a Delaware Corporation". */
const NOT_A_NAME =
  /\b(?:Agreement|RECITALS|Recitals|WHEREAS|Section|Article|Schedule|Exhibit)\b|^[A-Z][a-z]+\s+(?:Corporation|Company|Limited)$/;

const MAX_TERMS = 12;

/** What the clause refers to: the definitions of the defined terms it uses, and the attachments that the
 *  clause or those definitions name. */
export function referredText(clauseText: string, docText: string): string {
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const m of clauseText.matchAll(TERM)) {
    if (seen.size >= MAX_TERMS) break;
    const term = m[0];
    if (seen.has(term)) continue;
    seen.add(term);
    const means = definitionOf(term, docText);
    if (means) parts.push(means);
  }
  parts.push(...attachedTexts([clauseText, ...parts].join('\n'), docText));
  return parts.join('\n');
}

/** The organisations a clause names, itself or through its definitions and attachments; undefined for none. */
export function namedOrganisations(
  clauseText: string,
  docText: string | undefined,
  referred = docText ? referredText(clauseText, docText) : '',
): string[] | undefined {
  const text = referred ? `${clauseText}\n${referred}` : clauseText;
  const names = new Set<string>();
  for (const m of text.matchAll(ORGANISATION)) {
    // less an opening word or a list item's letter ("B. Company")
    const n = m[0].replace(/\s+/g, ' ').replace(/^(?:(?:The|Any|Each|All|Such)\s+|[A-Z]\.\s+)/, '');
    if (n.split(' ').length >= 2 && !NOT_A_NAME.test(n)) names.add(n);
  }
  return names.size ? [...names].slice(0, 40) : undefined;
}

/** Words that carve persons or sales out of a restriction: "excluding sales to the Retained Customers", "other
 *  than Acme Corp.", "save for the customers listed in Schedule B". */
const EXCEPT =
  /\b(?:excluding|exclusive\s+of|except(?:\s+for)?|other\s+than|save\s+for|but\s+not(?!\s+limited))\s+([^.;\n]{3,200})/gi;

/**
 * What a restriction carves out, in its own words or in the definitions it uses ("the Territory", defined as
 * "the United States and Canada, excluding sales to the Retained Customers"), with what the carved-out terms
 * refer to (the Retained Customers' definition and the schedule listing them); undefined for none.
 */
export function exceptedText(
  clauseText: string,
  docText: string | undefined,
  referred = docText ? referredText(clauseText, docText) : '',
): string | undefined {
  const sources = [clauseText, referred];
  const parts: string[] = [];
  for (const src of sources)
    for (const m of src.matchAll(EXCEPT)) {
      parts.push(m[1]!);
      if (docText) parts.push(referredText(m[1]!, docText));
    }
  const text = parts.join('\n').replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, 2000) : undefined;
}
