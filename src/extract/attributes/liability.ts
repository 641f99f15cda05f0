// Liability values: a cap as an amount or a formula, liability stated to be unlimited, and required
// insurance. Pure functions.
import { norm, valueOf, type AttributeExtractor } from './util.js';
import { findMoney } from './money.js';

const CAP_WORDS =
  /\b(?:exceed|exceeding|in\s+excess\s+of|limited\s+to|limit(?:ed)?\s+of|maximum|cap(?:ped)?|not\s+be\s+liable\s+for\s+more\s+than|greater\s+than|aggregate|up\s+to)\b/i;

/** A stated ceiling in US dollars: "shall not exceed one million dollars ($1,000,000)". */
export function capAmount(text: string): number | undefined {
  const t = norm(text);
  if (!CAP_WORDS.test(t)) return undefined;
  for (const m of findMoney(t)) {
    if (m.currency !== 'USD' || m.amount < 1000) continue;
    const before = t.slice(Math.max(0, m.start - 160), m.start);
    if (CAP_WORDS.test(before) || /\b(?:greater|lesser|higher|lower)\s+of\b/i.test(before)) return m.amount;
  }
  return undefined;
}

/** A ceiling by formula: "the fees paid by Client in the twelve (12) months preceding the claim". */
export function capFormula(text: string): string | undefined {
  const t = norm(text);
  if (!CAP_WORDS.test(t)) return undefined;
  const m =
    /\b((?:the\s+)?(?:total\s+|aggregate\s+|amount\s+of\s+(?:the\s+)?)?(?:fees|amounts?|charges|compensation|consideration|price|purchase\s+price|sums|payments|royalties)\s+(?:actually\s+)?(?:paid|payable|received|owed|due|charged)\b[^.;]{0,160})/i.exec(
      t,
    );
  if (!m) return undefined;
  return m[1]!
    .replace(/\s*(?:,\s*)?(?:provided|except|however|and\s+in\s+no\s+event)\b.*$/i, '')
    .replace(/[\s,]+$/, '');
}

/** Liability stated to be unlimited, or carved out of the cap. */
export function isUncapped(text: string): boolean {
  const t = norm(text);
  return /\b(?:unlimited\s+liability|liability\s+(?:shall\s+be\s+|is\s+)?unlimited|without\s+(?:any\s+)?limit(?:ation)?\s+(?:of|on|as\s+to)\s+(?:the\s+)?(?:amount|liability)|(?:limitations?|exclusions?|caps?)\s+(?:(?:and|or)\s+(?:limitations?|exclusions?)\s+)?(?:of\s+liability\s+)?(?:set\s+forth\s+)?(?:in\s+this\s+(?:section|article)\s+)?(?:shall|will|do|does)\s+not\s+apply|not\s+be\s+subject\s+to\s+(?:the|any)\s+(?:limitations?|caps?)|(?:excluded|exempt)\s+from\s+(?:the|any)\s+(?:limitations?|caps?)|no\s+limitation\s+(?:of|on)\s+liability)\b/i.test(
    t,
  );
}

const INSURANCE_TYPES: Array<[RegExp, string]> = [
  [/\bcommercial\s+general\s+liability|\bgeneral\s+liability|\bpublic\s+liability/i, 'general liability'],
  [/\bprofessional\s+(?:liability|indemnity)|errors\s+and\s+omissions|\bE\s?&\s?O\b/i, 'professional liability (E&O)'],
  [/\bworkers['’]?\s+compensation/i, "workers' compensation"],
  [/\bemployers?['’]?\s+liability/i, "employer's liability"],
  [/\bproducts?\s+liability|products[/\s-]+completed\s+operations/i, 'product liability'],
  [/\b(?:automobile|auto|motor\s+vehicle)\s+liability/i, 'automobile liability'],
  [/\bcyber|network\s+security|privacy\s+liability|data\s+breach/i, 'cyber liability'],
  [/\bumbrella|excess\s+liability/i, 'umbrella'],
  [/\bclinical\s+trials?\s+insurance/i, 'clinical trials'],
  [/\bproperty\s+insurance|all[\s-]risks?/i, 'property'],
];

/** The largest limit required, in the clause's currency. */
export function insuranceAmount(text: string): number | undefined {
  const t = norm(text);
  const amounts = findMoney(t).filter((m) => m.amount >= 1000);
  if (!amounts.length) return undefined;
  return Math.max(...amounts.map((m) => m.amount));
}

export function insuranceType(text: string): string | undefined {
  const found = INSURANCE_TYPES.filter(([re]) => re.test(text)).map(([, name]) => name);
  return found.length ? found.join(', ') : undefined;
}

export const LIABILITY_EXTRACTORS: Record<string, AttributeExtractor> = {
  capAmount: valueOf('capAmount', capAmount),
  capFormula: valueOf('capFormula', capFormula),
  uncapped: valueOf('uncapped', (t) => (isUncapped(t) ? true : undefined)),
  insuranceAmount: valueOf('insuranceAmount', insuranceAmount),
  insuranceType: valueOf('insuranceType', insuranceType),
};
