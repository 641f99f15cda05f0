// Plain readings of a clause's values: durations, money, dates, payment days, cycles, notice methods, who
// may terminate, IP positions, licence and covenant scope. They are the second reading of a value, tried
// where the extractors of the same value (in the files beside this one) find nothing, and the only reading
// of the values no extractor measures (a grantor, an indemnifier, a restriction's tail). Pure, small and
// conservative: a value that cannot be read is left out, never guessed.

import { LOOKED_BACK, wordsToNumber } from './durations.js';
import { NOTICE_AFTER, noticePeriodDays } from './term.js';
import { setInCapitals } from '../../names.js';
const NUM = String.raw`(\d{1,4}|[a-z]+(?:-[a-z]+)?)\s*(?:\((\d{1,4})\))?`;

function num(word: string | undefined, paren: string | undefined): number | undefined {
  if (paren) return +paren;
  if (!word) return undefined;
  if (/^\d+$/.test(word)) return +word;
  // "a" is no count here: "a month to month basis", "a year to year basis" are no periods
  return /^an?$/i.test(word) ? undefined : wordsToNumber(word);
}

/** Notice before the end of a term: "at least sixty (60) days before the end of the then-current term". */
export function daysBeforeEnd(text: string): number | undefined {
  const m = new RegExp(
    NUM +
      String.raw`\s*(day|month)s?['’]?\s*(?:prior\s+to|before|in\s+advance\s+of|preceding)\s+(?:the\s+)?(?:end|expir|expiration|renewal|termination|last\s+day|then)`,
    'i',
  ).exec(text);
  if (!m) return undefined;
  const n = num(m[1], m[2]);
  return n === undefined ? undefined : m[3]!.toLowerCase() === 'month' ? 30 * n : n;
}

/** Days in a notice period: "thirty (30) days' notice", "two weeks", "one month". */
export function noticeDays(text: string): number | undefined {
  const m = new RegExp(
    NUM +
      String.raw`\s*(business\s+|calendar\s+)?(day|week|month)s?['’]?\s*(?:prior\s+)?(?:written\s+)?(?:advance\s+)?notice`,
    'i',
  ).exec(text);
  if (m) {
    const n = num(m[1], m[2]);
    if (n !== undefined) return m[4]!.toLowerCase() === 'day' ? n : m[4]!.toLowerCase() === 'week' ? 7 * n : 30 * n;
  }
  if (/\b(?:immediately|at\s+any\s+time\s+without\s+(?:prior\s+)?notice|without\s+notice)\b/i.test(text)) return 0;
  // "at any time ... upon written notice", with no period: the notice takes effect when given
  if (
    /\bat\s+any\s+time\b[^.]{0,80}\b(?:upon|on|by(?:\s+giving)?)\s+(?:prior\s+)?(?:written\s+)?notice\b/i.test(text) &&
    !/\d|\b(?:days?|weeks?|months?)\b/i.test(text)
  )
    return 0;
  // a period the words around it make a notice ("within thirty (30) days after written notice"), not any period
  // the sentence names ("after the first six (6) months of the term")
  return noticePeriodDays(text);
}

/** Days in a period: "thirty (30) days", "two weeks", "six months" (a month is 30 days). */
export function durationDays(text: string): number | undefined {
  const m = new RegExp(NUM + String.raw`\s*(?:business\s+|calendar\s+)?(day|week|month|year)s?\b`, 'i').exec(text);
  if (!m) return undefined;
  const n = num(m[1], m[2]);
  if (n === undefined) return undefined;
  const u = m[3]!.toLowerCase();
  return u === 'day' ? n : u === 'week' ? 7 * n : u === 'month' ? 30 * n : 365 * n;
}

/** Months in a period: "twelve (12) months", "2 years", "90 days" (→ 3). */
export function durationMonths(text: string): number | undefined {
  const m = new RegExp(NUM + String.raw`\s*(day|week|month|year)s?\b`, 'i').exec(text);
  if (!m) return undefined;
  const n = num(m[1], m[2]);
  if (n === undefined) return undefined;
  const u = m[3]!.toLowerCase();
  return u === 'year'
    ? 12 * n
    : u === 'month'
      ? n
      : u === 'week'
        ? Math.round(((n * 7) / 30) * 10) / 10
        : Math.round((n / 30) * 10) / 10;
}

/** A contract's length: the first period that is not a window looked back over ("the change in the CPI over the
 *  preceding twelve months"). */
export function termLengthMonths(text: string): number | undefined {
  const re = new RegExp(NUM + String.raw`\s*(?:day|week|month|year)s?\b`, 'gi');
  for (const m of text.matchAll(re)) {
    if (LOOKED_BACK.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
    // "until either Party gives thirty (30) days' prior written notice": a notice period, not the term
    if (NOTICE_AFTER.test(text.slice(m.index + m[0].length, m.index + m[0].length + 40))) continue;
    return durationMonths(m[0]);
  }
  return undefined;
}

/** Post-termination tail of a restriction: "for twelve (12) months after termination" → 12. */
export function tailMonths(text: string): number | undefined {
  const m =
    new RegExp(
      NUM + String.raw`\s*(day|week|month|year)s?\s+(?:after|following|thereafter|from|beyond|post)`,
      'i',
    ).exec(text) ??
    new RegExp(
      String.raw`thereafter\s+for\s+(?:a\s+period\s+of\s+)?` + NUM + String.raw`\s*(day|week|month|year)s?`,
      'i',
    ).exec(text) ??
    new RegExp(
      String.raw`(?:termination|expiration|expiry)[^.]{0,60}?(?:for|of)\s+(?:a\s+period\s+of\s+)?` +
        NUM +
        String.raw`\s*(day|week|month|year)s?`,
      'i',
    ).exec(text);
  if (!m) return /\bduring\s+the\s+term\b/i.test(text) ? 0 : undefined;
  return durationMonths(`${m[1]}${m[2] ? ` (${m[2]})` : ''} ${m[3]}`);
}

/** Payment days: "net 30", "within thirty (30) days of receipt of a correct invoice". */
export function paymentDays(text: string): number | undefined {
  const net = new RegExp(String.raw`\bnet\s*[- ]?` + NUM, 'i').exec(text);
  if (net && num(net[1], net[2]) !== undefined) return num(net[1], net[2]);
  // "within N days" of a payment, not of invoicing ("will invoice quarterly, within ten days after the quarter")
  for (const m of text.matchAll(
    new RegExp(String.raw`within\s+` + NUM + String.raw`\s*(business\s+|calendar\s+)?days?`, 'gi'),
  )) {
    if (
      /\b(?:pa(?:y|ys|id|yable|yment|yments)|due|remit\w*|settle\w*)\b/i.test(
        text.slice(Math.max(0, m.index - 120), m.index),
      )
    )
      return num(m[1], m[2]);
  }
  if (/\b(?:due\s+(?:up)?on\s+receipt|payable\s+on\s+receipt)\b/i.test(text)) return 0;
  return undefined;
}

const CURRENCY: Array<[RegExp, string]> = [
  [/\$|\bUSD\b|dollars?/i, 'USD'],
  [/€|\bEUR\b|euros?/i, 'EUR'],
  [/£|\bGBP\b|pounds?\s+sterling/i, 'GBP'],
  [/\bCHF\b/i, 'CHF'],
  [/\bCAD\b|C\$/i, 'CAD'],
];

/** The first sum of money: "$2,000,000", "USD 1 million", "€500,000". */
export function money(text: string): { amount: number; currency?: string } | undefined {
  const m =
    /(?:(\$|€|£|USD|EUR|GBP|CHF|CAD|C\$)\s?(\d[\d,]*(?:\.\d+)?)\s*(million|m\b|thousand|k\b)?|(\d[\d,]*(?:\.\d+)?)\s*(million|thousand)?\s*(dollars|euros?|USD|EUR|GBP|CHF|CAD))/i.exec(
      text,
    );
  if (!m) return undefined;
  const raw = m[2] ?? m[4]!;
  let amount = Number(raw.replace(/,/g, ''));
  const mult = (m[3] ?? m[5] ?? '').toLowerCase();
  if (mult.startsWith('m')) amount *= 1e6;
  else if (mult.startsWith('t') || mult === 'k') amount *= 1e3;
  const cur = m[1] ?? m[6] ?? '';
  const currency = CURRENCY.find(([re]) => re.test(cur))?.[1];
  return Number.isFinite(amount) ? { amount, ...(currency ? { currency } : {}) } : undefined;
}

/** Most-favoured-client pricing: "no less favorable than", "the lowest rate it charges any customer". */
export function mfn(text: string): boolean {
  const OTHERS = String.raw`\b(?:any|its|all|other)\s+(?:of\s+its\s+)?(?:other\s+|existing\s+|current\s+|similarly\s+situated\s+)*(?:clients?|customers?|licensees?|distributors?|purchasers?)\b`;
  return new RegExp(
    String.raw`\bmost[- ]favou?red\b|\b(?:no\s+less\s+favou?rable|not\s+(?:be\s+)?(?:higher|greater|less\s+favou?rable))\s+than\b[^.]{0,80}` +
      OTHERS +
      String.raw`|\b(?:at\s+least\s+as|as)\s+favou?rable\s+as\b[^.]{0,100}` +
      OTHERS +
      String.raw`|\b(?:not|never|no)\b[^.;]{0,60}\b(?:charged?|pay|paid|invoiced?|billed?)\s+(?:a\s+|any\s+)?(?:higher|greater|more)\s+(?:(?:fees?|rates?|prices?|amounts?)\b[^.;]{0,60}?)?\bthan\b[^.;]{0,80}` +
      OTHERS +
      String.raw`|\blowest\s+(?:rate|price|fee)s?\b[^.]{0,60}` +
      OTHERS +
      String.raw`|\bpric(?:e|ing)\s+parity\b`,
    'i',
  ).test(text);
}

/** What kind of services a clause names: "for data engineering services" → "data engineering" (generic words dropped). */
export function serviceKind(text: string): string | undefined {
  const GENERIC = new Set(
    'the such these those any all other similar comparable substantially professional same its their for of and or to by provided performed consulting hour hours day days week month year per rate'.split(
      ' ',
    ),
  );
  // lower-case descriptors before "services" ("the Services" is a defined term: its kind is elsewhere)
  const re = /\b((?:[a-z][a-z-]*\s+){1,3})services?\b/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const words = m[1]!
      .trim()
      .split(/\s+/)
      .filter((w) => !GENERIC.has(w));
    if (words.length) return words.join(' ');
  }
  return undefined;
}

/** A fee that is a share of revenue: "equal to forty percent (40%) of the retail revenues", "fifty (50)% of
 *  Retail Revenues", "30% of Net Sales" (the percentage). */
const REVENUE_SHARE =
  /\b(\d{1,2}(?:\.\d+)?)\s*\)?\s*(?:%|percent\b|per\s+cent\b)\s*\)?\s+of\s+(?:the\s+|all\s+|its\s+)?(?:[A-Za-z-]+\s+){0,2}(?:revenues?|receipts|sales|income|proceeds|billings)\b/i;

/** A sum of money as written before or in a price: "$120", "US$48,500", "EUR 900". */
const MONEY_FIGURE = String.raw`(?<sum>(?:US\$|\$|€|£|USD\s|EUR\s|GBP\s)\s?\d[\d,]*(?:\.\d+)?)`;
/** Things sold one by one, whose price a contract gives each: "per system", "for each instrument". */
const COUNTABLE = String.raw`(?<item>system|device|instrument|machine|analy[sz]er|kit|vehicle|licen[cs]e|copy|test|sample|read|scan|subscription)`;

/** A rate: "$120 per hour", "EUR 900 per day", "a monthly fee of $8,000", "40% of the retail revenues". */
export function rate(text: string): { amount: number; currency?: string; unit: string; item?: string } | undefined {
  const share = REVENUE_SHARE.exec(text);
  if (share && /\b(?:fee|royalt|pay|paid|payable|remit|share|commission|compensation)/i.test(text))
    return { amount: Number(share[1]), unit: 'percent of revenue' };
  // a price for each thing sold: "US$43,900 per system", "US$51,200 for each Lumen-8 live-cell imaging system",
  // "The price for each System ... is ... (US$48,500)"
  const each =
    new RegExp(
      String.raw`${MONEY_FIGURE}\s*\)?\s*(?:per|for\s+each|each)\s+(?:[\w-]+\s+){0,4}?${COUNTABLE}s?\b`,
      'i',
    ).exec(text) ??
    new RegExp(
      String.raw`\bprice\s+(?:for|of)\s+each\s+(?:[\w-]+\s+){0,3}?${COUNTABLE}\b[^.;]{0,120}?${MONEY_FIGURE}`,
      'i',
    ).exec(text);
  if (each) {
    const v = money(each.groups!.sum!.replace(/^US(?=\$)/i, ''));
    if (v) return { ...v, unit: 'unit', item: each.groups!.item!.toLowerCase() };
  }
  const m =
    /((?:\$|€|£|USD|EUR|GBP|CHF|CAD)\s?\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?\s*(?:USD|EUR|GBP|CHF|CAD|dollars|euros?))\s*\)?\s*(?:\(\s*[^)]{0,40}\))?\s*(?:per|an|a|\/)\s*(?:(?:billable|working|business|consulting|professional|person|man|[A-Z][a-z]+)[\s-]+)?(hour|hr|day|week|month|year|annum|unit|kilogram|kg|pound|lb|piece|item|seat|user)s?\b/i.exec(
      text,
    );
  if (m) {
    const v = money(m[1]!);
    const u = m[2]!.toLowerCase();
    const unit =
      (
        { hr: 'hour', annum: 'year', kg: 'kilogram', lb: 'pound', piece: 'unit', item: 'unit' } as Record<
          string,
          string
        >
      )[u] ?? u;
    if (v) return { ...v, unit };
  }
  const h = /\b(hourly|daily|weekly|monthly|annual)\s+(?:rate|fee|charge|retainer)\s+(?:of\s+)?([^;.]{0,30})/i.exec(
    text,
  );
  if (h) {
    const v = money(h[2]!);
    const unit = (
      { hourly: 'hour', daily: 'day', weekly: 'week', monthly: 'month', annual: 'year' } as Record<string, string>
    )[h[1]!.toLowerCase()]!;
    if (v) return { ...v, unit };
  }
  return undefined;
}

/** A line of a rate card: "2. Senior Medical Writer: $185 per hour", "Lead Writer – $1,560 per Consulting Day". */
const RATE_LINE =
  /^\s*(?:\d{1,2}\.\s+|\(\w{1,3}\)\s+)?([A-Z][A-Za-z&/' -]{2,60}?)(?:\s*\([^)]{0,40}\))?\s*(?::|,|–|—|-\s)\s*(?:US)?[$€£]\s?\d[\d,]*(?:\.\d+)?\s*(?:per|an|a|\/)\s/;

/** The role, grade or item a line of a rate card prices ("Senior Medical Writer"); undefined for any other text. */
export function rateRole(text: string): string | undefined {
  return RATE_LINE.exec(text)?.[1]!.trim().replace(/\s+/g, ' ');
}

/** A number of hours a day is long: "eight (8) hours", "7.5 working hours", "eight hours" (groups 1 to 3). */
const HOURS = String.raw`(?:[a-z]+(?:[\s-]+[a-z]+){0,3}\s*\((\d{1,2}(?:\.\d{1,2})?)\)|(\d{1,2}(?:\.\d{1,2})?)|([a-z]+(?:-[a-z]+)?))\s*(?:working\s+|business\s+|billable\s+)?hours`;

const DEFINED_HOURS = new RegExp(String.raw`^(?:[^.;]{0,40}?\b)?${HOURS}\b`, 'i');

/** The hours a HOURS match gives, when they make a day (1 to 24). */
function dayHours(m: RegExpExecArray | null): number | undefined {
  const n = m ? ((m[1] ?? m[2]) ? +(m[1] ?? m[2])! : wordsToNumber(m[3]!)) : undefined;
  return n !== undefined && n > 0 && n <= 24 ? n : undefined;
}

/** How many hours a day of a rate counts, where the contract defines its day ("A \"Consulting Day\" means eight (8)
 *  hours of work"): undefined where it does not. */
export function definedDayHours(definition: string): number | undefined {
  return dayHours(DEFINED_HOURS.exec(definition));
}

/** A ceiling on hours ("up to ten hours per week", "no minimum") is not a commitment. */
export function hoursCeiling(text: string): boolean {
  const floor = /\b(?:at\s+least|minimum\s+of|no\s+(?:fewer|less)\s+than|not\s+less\s+than|devot\w+|dedicated)\b/i.test(
    text,
  );
  return (
    !floor &&
    /\b(?:up\s+to|no\s+more\s+than|not\s+(?:to\s+)?exceed|at\s+most|maximum\s+of)\s+[\w\s()-]{0,20}hours?\b|\b(?:not\s+required\s+to\s+\w+\s+any\s+minimum|no\s+minimum)\b/i.test(
      text,
    )
  );
}

/** "a working day of eight (8) hours", "Consulting Day means 7.5 hours" */
const DAY_OF_HOURS = new RegExp(
  String.raw`\bdays?\b[^.;]{0,60}?\b(?:of|means|consist\w*\s+of|comprising)\s+(?:at\s+least\s+)?${HOURS}\b`,
  'i',
);
/** "shall work not less than eight (8) hours on each such day" */
const HOURS_EACH_DAY = new RegExp(
  String.raw`\b${HOURS}\s+(?:on|in|per|for|during)\s+(?:each|every|any|a|the)\s+(?:such\s+)?(?:working\s+|business\s+|on[\s-]site\s+)?day\b`,
  'i',
);

/** How long a committed day is, as the text says it; else 8 hours. */
function hoursPerDay(text: string): number {
  return dayHours(DAY_OF_HOURS.exec(text) ?? HOURS_EACH_DAY.exec(text)) ?? 8;
}

const PERIOD = String.raw`(?:per|a|each|every|\/|(?:in|during|for)\s+(?:each|every|any|a|the))\s*(?:calendar\s+|business\s+|working\s+)?(week|month|day)`;

/**
 * Committed hours a week: "twenty (20) hours in each calendar week", "sixty hours of Services each month" (a
 * month is 52/12 weeks, a working day a fifth of one), and committed days: "six (6) Consulting Days per
 * calendar month" at the day's stated length, else eight hours.
 */
export function hoursPerWeek(text: string): number | undefined {
  if (hoursCeiling(text)) return undefined;
  const m = new RegExp(
    String.raw`(?:at\s+least|minimum\s+of|no\s+(?:fewer|less)\s+than|not\s+less\s+than)?\s*` +
      NUM +
      String.raw`\s*(?:(?:billable|chargeable|working|consulting|professional|service)\s+)?hours?\s*(?:of\s+(?:the\s+)?(?:services?|work)\s+)?` +
      PERIOD,
    'i',
  ).exec(text);
  const perWeek = (n: number, unit: string) =>
    unit === 'month' ? Math.round((n * 12) / 52) : unit === 'day' ? n * 5 : n;
  if (m) {
    const n = num(m[1], m[2]);
    if (n !== undefined) return perWeek(n, m[3]!.toLowerCase());
  }
  const d = new RegExp(
    NUM +
      String.raw`\s*(?:(?:full|billable|chargeable|working|business|consulting|professional|service|person|man)[\s-]+)?days?\s*(?:of\s+(?:the\s+)?(?:services?|work|consulting)\s+)?` +
      PERIOD.replace('(week|month|day)', '(week|month)'),
    'i',
  ).exec(text);
  // days someone gives ("provide", "be available", "spend"), not days a shop is open
  const given =
    d &&
    /\b(?:provide|work|devote|dedicate|available|spend|render|perform|furnish|commit|engage|consult|attend|(?:be\s+)?present|on[\s-]site)\w*\b(?:[^.;]|\b(?:St|Mt|Ft|Dr|No|Inc|Co|Ltd)\.){0,80}$/i.test(
      text.slice(Math.max(0, d.index - 120), d.index),
    );
  if (d && given) {
    const n = num(d[1], d[2]);
    if (n !== undefined && n > 0 && n <= 31) return perWeek(n * hoursPerDay(text), d[3]!.toLowerCase());
  }
  return undefined;
}

/** Full time ("full-time", "his entire business time and attention", "devote exclusively"); part time is not. */
export function fullTime(text: string): boolean | undefined {
  if (/\bpart[\s-]time\b/i.test(text)) return false;
  if (
    /\bfull[\s-]time|(?:entire|full|whole)\s+(?:business\s+|working\s+|professional\s+)?(?:time|attention)|substantially\s+all\s+(?:of\s+)?(?:his|her|its|their)\s+(?:business\s+|working\s+)?time|devote\s+(?:exclusively|solely)|exclusively\s+(?:devote|dedicate)|(?:devote|dedicate)\s+(?:all|substantially\s+all|(?:his|her|their|its)\s+(?:entire|full))\s+(?:of\s+)?(?:(?:his|her|their|its)\s+)?(?:business\s+|working\s+)?(?:time|attention)/i.test(
      text,
    )
  )
    return true;
  return undefined;
}

const VOLUME_UNITS = String.raw`(units?|pieces?|cases?|cartons?|pallets?|bottles?|packs?|devices?|vials?|doses?|kilograms?|kgs?|(?:metric\s+)?tonnes?|(?:metric\s+)?tons?|pounds?|lbs?|litres?|liters?|gallons?)`;
const FIGURE = String.raw`(?<![\d,.])(\d{1,3}(?:,\d{3})+|\d{1,7})\)?\s+`;
/** "12,000 units per month", "1,200 cases each week", "600,000 pounds during each Contract Year" */
const VOLUME_PER = new RegExp(
  String.raw`${FIGURE}${VOLUME_UNITS}\b(?:\s+of\s+(?:the\s+)?[^.;\d]{0,60}?)?\s+(?:per|a|each|every|(?:in|during|for)\s+(?:each|every|any|a))\s+(?:calendar\s+|contract\s+|fiscal\s+|agreement\s+)?(month|week|quarter|year)\b`,
  'i',
);
/** "50,000 units within the period of three (3) years", "100 Units ... within the first six months" */
const VOLUME_OVER = new RegExp(
  String.raw`${FIGURE}${VOLUME_UNITS}\b[^.;]{0,80}?\b(?:within|over|during|in)\s+(?:the\s+|a\s+)?(?:first\s+)?(?:(?:period|term)\s+of\s+)?${NUM}\s*(months?|years?)\b`,
  'i',
);

/** A unit of volume in the singular, as contracts and clausemap.yaml write it: "units" → "unit", "Kilograms" →
 *  "kg", "lbs" → "lb", "metric tons" → "ton". */
export function volumeUnit(word: string): string {
  const w = word.trim().toLowerCase();
  if (/^(?:kilograms?|kgs?)$/.test(w)) return 'kg';
  if (/^(?:pounds?|lbs?)$/.test(w)) return 'lb';
  if (/^(?:metric\s+)?(?:tonnes?|tons?)$/.test(w)) return 'ton';
  if (/^(?:litres?|liters?)$/.test(w)) return 'litre';
  return w.replace(/s$/, '');
}

/** A volume a period ("12,000 units per month", "1,200 cases each week", "50,000 units within the period of
 *  three (3) years"), as units a month (a week is 12/52 of a month, a quarter three, a year twelve), with its
 *  unit in the singular ("unit", "case", "kg"). */
export function volumePerMonth(text: string): { amount: number; unit: string } | undefined {
  const per = VOLUME_PER.exec(text);
  const over = per ? undefined : VOLUME_OVER.exec(text);
  const m = per ?? over;
  if (!m) return undefined;
  const n = Number(m[1]!.replace(/,/g, ''));
  if (!Number.isFinite(n) || n <= 0) return undefined;
  let months: number | undefined;
  if (per) {
    const p = per[3]!.toLowerCase();
    months = p === 'week' ? 12 / 52 : p === 'quarter' ? 3 : p === 'year' ? 12 : 1;
  } else {
    const k = num(over![3], over![4]);
    if (k === undefined || k <= 0) return undefined;
    months = /^year/i.test(over![5]!) ? k * 12 : k;
  }
  return { amount: Math.round(n / months), unit: volumeUnit(m[2]!) };
}

const CYCLES: Array<[RegExp, string]> = [
  [/\b(?:bi-?weekly|every\s+(?:two|2)\s+weeks|fortnightly)\b/i, 'biweekly'],
  [/\b(?:weekly|each\s+week|every\s+week)\b/i, 'weekly'],
  [/\b(?:monthly|each\s+(?:calendar\s+)?month|every\s+month|end\s+of\s+(?:each|every|the)\s+month)\b/i, 'monthly'],
  [/\b(?:quarterly|each\s+(?:calendar\s+)?quarter)\b/i, 'quarterly'],
  [/\b(?:milestones?|upon\s+completion|on\s+delivery)\b/i, 'milestone'],
  [/\b(?:annually|yearly|each\s+year)\b/i, 'annual'],
];
export function cycle(text: string): string | undefined {
  return CYCLES.find(([re]) => re.test(text))?.[1];
}

const FORMATS: Array<[RegExp, string]> = [
  [/\bcoupa\b/i, 'Coupa portal'],
  [/\bariba\b/i, 'Ariba portal'],
  [/\btungsten\b/i, 'Tungsten portal'],
  [/\b(?:supplier|vendor|invoicing|procurement)\s+portal\b/i, 'supplier portal'],
  [/\b(?:purchase\s+order|PO)\s+(?:number|no\.?|reference)\b/i, 'with PO number'],
  [/\b(?:timesheets?|time\s+sheets?|hours\s+worked)\b/i, 'with timesheet'],
  [/\be-?invoic/i, 'e-invoice'],
  [/\bPDF\b/, 'PDF'],
  [/\be-?mail\b/i, 'by email'],
  [/\b(?:payments?|invoicing|billing)\s+(?:platform|system)\b/i, 'client platform'],
  [/\b(?:in\s+(?:duplicate|triplicate)|by\s+(?:mail|post)|paper\s+invoice)/i, 'paper by mail'],
];
export function invoiceFormat(text: string): string | undefined {
  const hits = FORMATS.filter(([re]) => re.test(text)).map(([, v]) => v);
  return hits.length ? hits.join(', ') : undefined;
}

const METHODS: Array<[RegExp, string]> = [
  [/\be-?mail\b/i, 'email'],
  [/\b(?:registered|certified)\s+(?:or\s+certified\s+)?(?:mail|post|letter)\b/i, 'registered mail'],
  [/\b(?:overnight|courier|commercial\s+delivery|fedex|ups|dhl)\b/i, 'courier'],
  [/\b(?:personal(?:ly)?\s+deliver|by\s+hand|hand[- ]deliver)/i, 'personal delivery'],
  [/\b(?:fax|facsimile|telecopy)\b/i, 'fax'],
  [/\bfirst[- ]class\s+(?:mail|post)\b/i, 'first-class mail'],
];
export function noticeMethods(text: string): string[] {
  return METHODS.filter(([re]) => re.test(text)).map(([, v]) => v);
}

export function venue(text: string): string | undefined {
  const m =
    /\bcourts?\s+(?:located\s+)?(?:in|of|at|for)\s+(?:the\s+)?(?:City\s+of\s+|County\s+of\s+|State\s+of\s+)?([A-Z][A-Za-z.]+(?:[ ,]+(?:of\s+)?[A-Z][A-Za-z.]+){0,3})/.exec(
      text,
    );
  return m ? m[1]!.replace(/[ ,]+$/, '') : undefined;
}

const PROVIDER =
  /\b(?:consultant|contractor|freelancer|service\s+provider|provider|supplier|vendor|developer|designer|agency|author|licensor)\b/i;
const CLIENT = /\b(?:client|company|customer|buyer|purchaser|licensee|employer)\b/i;

/** The party a clause makes act: the words before "may terminate", "will indemnify", "grants" (e.g. "The Cooperative").
 *  With a compound predicate ("Developer retains ... and grants ...") the sentence's own subject. */
export function subjectOf(text: string, verb: RegExp): string | undefined {
  // a name as written: "Vendor", "Excite@Home", "AT&T", "T-Mobile", and those that open in lower case or a
  // figure ("eDiets", "iPass", "2TheMart")
  const SUBJ = String.raw`((?:the\s+)?(?:[a-z0-9]{1,2}(?=[A-Z]))?[A-Z][\w'’&@-]*(?:\s+[A-Z][\w'’&@-]*){0,4}|[Ee]ither\s+party|[Ee]ach\s+party|[Nn]either\s+party)`;
  // a subject starts a sentence, a clause or a numbered item ("17.1 Airspan agrees", "(a) Vendor shall")
  const re = new RegExp(
    String.raw`(?:^|[.;:,]\s+|\b(?:that|then|and|but|provided|however,?)\s+|\(\w{1,3}\)\s+|\b\d{1,3}(?:\.\d{1,3})*\.?\s+)` +
      SUBJ +
      String.raw`(?:\s+\([^)]{0,60}\))?\s+(?:\w+\s+){0,2}?` +
      verb.source,
    'gu',
  );
  for (const m of text.matchAll(re)) {
    const s = subjectWords(m[1]!);
    if (s) return s;
  }
  const v = new RegExp(verb.source, 'u').exec(text);
  if (!v) return undefined;
  const head = text.slice(0, v.index);
  // the name right before the verb, where a heading runs into the sentence ("Indemnification by Customer
  // Customer will defend"): a name said twice is said once
  const twice = new RegExp(SUBJ + String.raw`\s+$`, 'u').exec(head)?.[1]?.match(/^(.+?)\s+\1$/)?.[1];
  const nearWords = twice ? subjectWords(twice) : undefined;
  if (nearWords) return nearWords;
  const first = new RegExp(String.raw`^(?:[^,]{0,80},\s+)?` + SUBJ + String.raw`\s+[a-z]`, 'u').exec(head);
  return first ? subjectWords(first[1]!) : undefined;
}

/** The words that open sentences without being their subject ("In", "Subject", "Notwithstanding", "All"). */
const NOT_A_SUBJECT =
  /^(?:in|the|a|an|all|any|such|this|these|that|subject|notwithstanding|if|upon|except|save|no|nothing|without|unless|where|when|whenever|for|to|at|on|with|by|under|as|it|its|each|either|neither|both|further|furthermore|moreover|additionally|also|accordingly|thereafter|thereupon|through|during|after|before|following|prior|from|within|throughout|until|following|provided|however|although|because|since|whether|then|thus|hereby|hereunder)$/i;

function subjectWords(found: string): string | undefined {
  // a heading run into the sentence ("Sub-Distribution The Distributor shall not"): the subject is after "The"
  const s = found
    .replace(/^.*?\s+The\s+(?=[A-Z])/, '')
    .replace(/^the\s+/i, '')
    .trim();
  return NOT_A_SUBJECT.test(s) || /^(?:this|these|such)\s|\bagreement$/i.test(s) ? undefined : s;
}

/** The words that make the subject of a sentence an indemnifier: a modal or "agrees to" / "undertakes to" / "hereby",
 *  then any of the verbs indemnities are listed with ("protect", "release", "save", "defend or settle"), then
 *  "indemnify" or "hold ... harmless": "shall release, defend, indemnify and hold harmless", "hereby agrees to
 *  save, indemnify, defend and hold X harmless", "jointly and severally agree to indemnify", "hereby indemnifies";
 *  or the indemnity of infringement clauses, "shall defend Customer against any claim ... and pay the damages
 *  finally awarded". */
const INDEMNIFYING_VERB =
  /(?:(?:jointly\s+and\s+severally\s+)?(?:(?:will|shall|must)|(?:hereby\s+)?(?:agrees?|undertakes?|covenants?)\s+to(?:\s+and\s+does)?)\s+(?:(?:protect|release|save|defend(?:\s+or\s+settle)?)(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+))*(?:indemnify|hold\s+harmless|hold\b[^.;]{0,200}?\bharmless)|hereby\s+indemnifies|(?:will|shall|must|agrees?\s+to)\s+(?:at\s+its\s+(?:own\s+)?(?:cost\s+and\s+)?expense,?\s+)?defend\b(?=[^.]{0,400}?\b(?:shall\s+|will\s+)?(?:pay|indemnify)\b))/;

/** The words that make the subject of a sentence the party a cap protects: "Provider is liable for no more
 *  than", "Supplier shall not be liable for amounts in excess of", "Licensor will only be liable up to". */
const CAPPED_VERB =
  /(?:(?:is|are|shall\s+be|will\s+be)\s+(?:only\s+)?liable\s+(?:to\s+\w+\s+)?(?:for\s+)?(?:no\s+more\s+than|not\s+more\s+than|up\s+to|a\s+maximum\s+of)|(?:shall|will)\s+not\s+be\s+liable\s+(?:to\s+\w+\s+)?(?:for\s+(?:any\s+)?(?:amounts?|damages|sums)\s+)?(?:in\s+excess\s+of|for\s+more\s+than|beyond))/;

/** Who a cap protects when the clause names the party as the subject of its liability, not by a possessive. */
export function cappedParty(text: string): string | undefined {
  const s = subjectOf(text, CAPPED_VERB);
  return s ? (partyRole(s) ?? s) : undefined;
}

/** Who gives an indemnity: the party before "shall indemnify" and its variants, "both" for "each party" /
 *  "either party" / "each of the parties", or undefined when the clause names none (a procedure, a definition). */
export function indemnifier(text: string): string | undefined {
  if (
    /\b(?:each|either|both)\s+(?:of\s+the\s+)?part(?:y|ies)\s+(?:\([^)]{0,60}\)\s+)?(?:\w+\s+){0,2}?(?:will|shall|agrees?|undertakes?)\s+(?:to\s+)?(?:\w+,?\s+){0,3}?(?:indemnify|hold\b|defend\b)/i.test(
      text,
    )
  )
    return 'both';
  return subjectOf(text, INDEMNIFYING_VERB);
}

/** Who a restriction binds: the party before "shall not", "agrees not to", "covenants not to" (a role word or a
 *  name, resolved against the parties later), or "both" for "neither party shall" / "each party agrees not to". */
export function boundBy(text: string): string | undefined {
  if (
    /\b(?:neither|each|either)\s+party\s+(?:\w+\s+){0,2}?(?:shall|will|may|agrees?|covenants?|undertakes?)\b/i.test(
      text,
    )
  )
    return 'both';
  return subjectOf(text, RESTRICTING_VERB);
}

/** The words that make a sentence a restriction on its subject: "shall not", "agrees that it will not",
 *  "covenants that during ..." (case as written: the subject before them is read by its capital). */
const RESTRICTING_VERB =
  /(?:(?:shall|will|may|must)\s+not\b|(?:agrees?|covenants?|undertakes?)\s+(?:and\s+agrees?\s+)?(?:that\s+(?:it|he|she|they)\s+(?:shall|will)\s+)?not\b|(?:agrees?|covenants?|undertakes?)\s+(?:that\s+)?(?:during|for)\b)/;
const RESTRICTING = new RegExp(
  String.raw`\b${RESTRICTING_VERB.source}|\brefrain\s+from\b|\b(?:prohibited|restricted|barred|precluded)\s+from\b`,
  'i',
);

/** Is the text itself a restriction ("Consultant shall not:", "agrees not to", "shall refrain from", "is
 *  prohibited from"), rather than an order, a grant or a notice? */
export function restricts(text: string): boolean {
  return RESTRICTING.test(text);
}

/** A restriction that is the grant of exclusive rights (an exclusive licence, distributorship or agency), not a
 *  promise about the user's work: "grants Distributor the exclusive right and license to market ...". */
export function grantsExclusiveRights(text: string): boolean {
  return /\b(?:grants?|appoints?|licen[cs]es?|granted)\b[^.;]{0,160}\b(?:sole\s+and\s+)?exclusive\b[^.;]{0,80}\b(?:licen[cs]es?|rights?|distributor(?:ship)?|reseller|agent|agency|representative)\b|\bexclusive\s+(?:licen[cs]e|licensee|distributor(?:ship)?|reseller|distribution\s+rights?|marketing\s+rights?)\b|\b(?:shall\s+have|has|have|holds?|receives?|retains?)\s+(?:the\s+)?(?:sole\s+and\s+)?exclusive\s+(?:right|licen[cs]e|option)s?\b/i.test(
    text,
  );
}

/** Who may end the contract for convenience, from one clause: "either", "client" or "provider", or the party's own word. */
export function whoMayTerminate(text: string): string | undefined {
  if (
    /\b(?:either|each)\s+party\s+(?:\([^)]{0,60}\)\s+)?(?:\w+\s+){0,2}?(?:may|(?:shall\s+have|has)\s+the\s+right\s+to)\b[^.]{0,120}\b(?:terminat|cancel)/i.test(
      text,
    ) ||
    /\bparties\s+may\s+(?:each\s+)?(?:terminat|cancel)/i.test(text)
  )
    return 'either';
  // the passive: "This Agreement may be terminated by either Party", "... may be terminated by Nexstar"
  const by =
    /\b(?:may|can)\s+(?:also\s+)?be\s+(?:terminated|cancell?ed)\b[^.;]{0,100}?\bby\s+(?:(either|each|any|a)\s+part(?:y|ies)\b|(?:the\s+)?([A-Z][\w'’]*(?:\s+[A-Z][\w'’]*){0,3}))/u.exec(
      text,
    );
  if (by?.[1]) return by[1].toLowerCase() === 'a' ? undefined : 'either';
  if (by?.[2] && subjectWords(by[2])) return partyRole(by[2]) ?? by[2];
  // "Client may terminate", "Client has the unilateral right to cancel this agreement"
  const s = subjectOf(
    text,
    /(?:(?:may|can)\s+(?:\w+\s+){0,3}(?:terminat|cancel)|(?:has|have|shall\s+have|retains?)\s+the\s+(?:\w+\s+){0,2}right\s+to\s+(?:terminat|cancel))/,
  );
  // "if Customer terminates for convenience, no charge is payable": the condition names who may
  const cond = s
    ? undefined
    : /\b(?:if|when|where|should|in\s+the\s+event\s+(?:that\s+)?)\s*(?:the\s+)?([A-Z][\w'’]*(?:\s+[A-Z][\w'’]*){0,3})\s+terminates?\b[^.;]{0,80}?\bfor\s+(?:its\s+)?convenience\b/u.exec(
        text,
      )?.[1];
  const who = s ?? (cond ? subjectWords(cond) : undefined);
  if (!who) return undefined;
  return partyRole(who) ?? who;
}

/** Each party's own right to end the contract when one sentence gives several ("Client may terminate at any
 *  time upon written notice, and Consultant may terminate upon ninety (90) days' notice"): who, and on what
 *  notice. Undefined when the sentence gives one party's right (or the same party's twice). */
export function terminationRights(text: string): Array<{ whoMayTerminate: string; noticeDays?: number }> | undefined {
  const starts = [
    ...text.matchAll(
      /\b(?:(?:[Ee]ither|[Ee]ach)\s+[Pp]arty|(?:the\s+)?[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*){0,3})\s+(?:\w+\s+){0,2}?may\s+(?:\w+\s+){0,3}?terminat/g,
    ),
  ].map((m) => m.index);
  if (starts.length < 2) return undefined;
  const rights = starts.flatMap((start, i) => {
    const seg = text.slice(start, starts[i + 1] ?? text.length);
    const who = whoMayTerminate(seg);
    const days = noticeDays(seg);
    return who ? [{ whoMayTerminate: who, ...(days !== undefined ? { noticeDays: days } : {}) }] : [];
  });
  return new Set(rights.map((r) => r.whoMayTerminate)).size >= 2 ? rights : undefined;
}

export function partyRole(role: string | undefined): 'provider' | 'client' | undefined {
  if (!role) return undefined;
  if (PROVIDER.test(role)) return 'provider';
  if (CLIENT.test(role)) return 'client';
  return undefined;
}

/** Work a party had before the contract, said by when it was made: "developed by or on behalf of Manufacturer
 *  before the Effective Date", "the Tessellate rating engine that Consultant first developed in 2021". */
const PRE_EXISTING =
  /(?:first\s+)?(?:developed|created|written|built|designed)\s+(?:by\s+(?:or\s+on\s+behalf\s+of\s+)?(?:the\s+)?\w+\s+)?(?:before|prior\s+to)\s+the\s+(?:effective\s+date|commencement|date\s+of\s+this\s+agreement)|\bfirst\s+(?:developed|created|written|built|released)\s+in\s+(?:19|20)\d\d/i;

/** A text less what it excludes: from "excluding", "except for", "other than" to the end of the parenthesis the
 *  words stand in, or of their clause ("the reports, excluding Consultant Materials (all tools ... before the
 *  Effective Date))" keeps "the reports"). */
export function withoutExclusions(text: string): string {
  const re = /\b(?:excluding|except(?:\s+for)?|other\s+than|but\s+not(?!\s+limited))\b/gi;
  let out = '';
  let from = 0;
  for (let m; (m = re.exec(text));) {
    if (m.index < from) continue;
    out += text.slice(from, m.index);
    let depth = 0;
    let i = m.index + m[0].length;
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && (c === ';' || (c === '.' && /\s/.test(text[i + 1] ?? ' ')))) break;
    }
    from = i;
    re.lastIndex = i;
  }
  return out + text.slice(from);
}

/** The IP position a clause gives the user's background / pre-existing IP. */
export function backgroundIp(text: string): 'assigned' | 'licensed' | 'retained' | undefined {
  const bg =
    /\b(?:background\s+(?:ip|technology|intellectual|materials?|works?)|pre-?existing\s+(?:ip|intellectual|materials?|works?|technology)|prior\s+(?:inventions?|works?)|(?:all\s+)?know-how,?\s+(?:tools|methods|methodologies|techniques)|tools,?\s+(?:methods|methodologies|libraries|frameworks)|(?:contractor|consultant|provider|developer|supplier|vendor|licensor)(?:['’]s)?\s+(?:ip|materials|tools|technology)|(?:contractor|consultant|provider|developer|supplier|vendor)['’]s\s+(?:[\w-]+\s+){0,4}?(?:librar(?:y|ies)|toolkits?|frameworks?|components|code\s*base|templates)|(?:subject\s+matter|materials|technology|inventions?|tools|software)\s+owned\s+by\s+(?:the\s+)?(?:contractor|consultant|provider|developer|supplier|vendor))/i;
  if (!bg.test(text) && !PRE_EXISTING.test(text)) return undefined;
  // background named only in what an assignment excludes is not assigned
  const kept = withoutExclusions(text);
  const onlyExcluded = !bg.test(kept) && !PRE_EXISTING.test(kept);
  if (
    !onlyExcluded &&
    /\b(?:hereby\s+)?(?:assigns?|transfers?|conveys?)\b[^.]{0,200}|\b(?:company|client|customer|buyer)\s+(?:shall|will)\s+(?:solely\s+|exclusively\s+)?own\b|\b(?:shall|will)\s+(?:\w+\s+){0,4}?(?:vest\s+in|become\s+the\s+(?:sole\s+(?:and\s+exclusive\s+)?|exclusive\s+)?property\s+of|belong\s+(?:exclusively\s+)?to)\s+(?:the\s+)?(?:company|client|customer|buyer)\b|\b(?:belongs|is\s+the\s+(?:sole\s+(?:and\s+exclusive\s+)?|exclusive\s+)?property\s+of)\s+(?:solely\s+|exclusively\s+)?(?:to\s+)?(?:the\s+)?(?:company|client|customer|buyer)\b/i.test(
      text,
    ) &&
    !/\b(?:excluding|except(?:\s+for)?|other\s+than|does\s+not\s+(?:include|apply)|shall\s+not\s+(?:include|apply|assign)|not\s+assign|will\s+not\s+(?:include|assign))\b[^.]{0,80}(?:background|pre-?existing|prior)/i.test(
      text,
    ) &&
    !/\b(?:retains?|remain(?:s)?\s+the\s+(?:sole\s+)?(?:exclusive\s+)?property\s+of\s+(?:consultant|contractor|freelancer|provider))\b/i.test(
      text,
    ) &&
    // "Nothing in this Agreement transfers to Pinecrest any right in materials that Consultant created before"
    !/\bnothing\b[^.]{0,60}\b(?:transfers?|assigns?|conveys?|vests?)\b/i.test(text)
  )
    return 'assigned';
  if (
    /\b(?:grants?|licen[cs]es?)\b[^.]{0,160}\b(?:licen[cs]e|right\s+to\s+use)\b/i.test(text) ||
    /\blicen[cs]e\b/i.test(text)
  )
    return 'licensed';
  if (
    /\b(?:retains?|remains?|reserve[sd]?|continues?\s+to\s+own|(?<!\b(?:company|client|customer|buyer)\s+(?:shall\s+|will\s+)?)own(?:s)?\s+all)\b/i.test(
      text,
    )
  )
    return 'retained';
  return undefined;
}

/** Whether a clause describes broad know-how (every tool and method), not only named materials. */
export function broadKnowHow(text: string): boolean {
  return /\b(?:all\s+(?:know-how|tools|methods|methodologies|techniques|libraries)|know-how,?\s+tools|general\s+(?:skills|know-how))/i.test(
    text,
  );
}

export function exclusive(text: string): boolean | undefined {
  if (/\bnon-?\s?exclusive\b/i.test(text)) return false;
  if (/\b(?:sole\s+and\s+)?exclusive\b/i.test(text)) return true;
  return undefined;
}

/** What a licence is of: "licence ... to use, copy and modify the X", else the words after "licence to/in/of". */
export function licenseSubject(text: string): string | undefined {
  const VERBS =
    '(?:(?:otherwise\\s+)?(?:use|reproduce|exploit|distribute|modify|copy|integrate|sublicense|display|perform|make|sell|adapt|host|publish|develop|commerciali[sz]e|market|manufacture|import|offer\\s+for\\s+sale|have\\s+made|load|execute|access|employ|store|run|install|utili[sz]e|practi[cs]e))';
  // "a license under US Patents 11,204,551 and 11,498,020 to develop ...": what is licensed is what it is under
  const under =
    /\blicen[cs]e\b[^.]{0,80}?\bunder\s+(?:and\s+(?:with\s+respect\s+)?to\s+)?(?:the\s+)?((?:[A-Z][\w.-]*|\d[\d,]*)[^;.()]{1,100}?)(?=\s+(?:to|for|in|within|solely)\b|[;.(]|$)/.exec(
      text,
    );
  // of a list ("the Halcyon Patents, the Halcyon Know-How and the Inventions"), the first item
  if (under)
    return under[1]!
      .split(/,\s+(?:and\s+)?the\s+|\s+and\s+the\s+|,\s+(?:and\s+)?an?\s+/)[0]!
      .replace(/,\s*$/, '')
      .trim();
  const STOP = String.raw`(?=[;.,(]|\s+(?:for|in|within|into|as|during|throughout|solely|worldwide|on|to\s+the\s+extent|subject)\b|$)`;
  const m =
    new RegExp(
      // (the verbs may be named as one: 'to load, execute, use or display ("Use") the object code')
      String.raw`licen[cs]e\b[^.]{0,140}?\bto\s+${VERBS}(?:[,\s]+(?:and\s+|or\s+)?${VERBS})*(?:\s*\([^)]{0,40}\))?\s+(?:all\s+)?(?:the\s+|its\s+|their\s+)?([^;.,(]{2,100}?)` +
        STOP,
      'i',
    ).exec(text) ??
    new RegExp(
      String.raw`\blicen[cs]e\s+(?:to|in\s+(?:and\s+to\s+)?|under|of)\s+(?:the\s+)?([^;.,(]{2,100}?)` + STOP,
      'i',
    ).exec(text);
  return m ? m[1]!.trim() : undefined;
}

const REGIONS = String.raw`United\s+States|U\.S\.|USA|North\s+America|South\s+America|Latin\s+America|Europe|European\s+Union|EU|EEA|United\s+Kingdom|UK|Canada|Mexico|Asia|Asia[- ]Pacific|APAC|EMEA|Australia|Germany|France|India|China|Japan|(?:State|Commonwealth|Province)\s+of\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?|[A-Z][a-z]+\s+County`;
export function territory(text: string): string | undefined {
  if (/\b(?:worldwide|world-wide|anywhere\s+in\s+the\s+world|throughout\s+the\s+world)\b/i.test(text))
    return 'worldwide';
  const m =
    new RegExp(
      String.raw`\b(?:within|in|throughout)\s+(?:the\s+)?(${REGIONS})(?:\s+(?:and|or)\s+(?:the\s+)?(?:${REGIONS}))?`,
    ).exec(text) ??
    /\bwithin\s+(\d+\s+(?:miles|kilometers|km))/.exec(text) ??
    /\b(?:in|within|throughout|into|for)\s+(the\s+(?:Licensed\s+|Exclusive\s+|Restricted\s+)?Territory)\b/.exec(text);
  return m ? m[1]!.trim() : undefined;
}

/** A business drawn by what another offers: "any business that offers products or services the same as or similar
 *  to those offered or sold at the Clinics" is one "similar to the Clinics" (which the definitions then say). */
export function similarBusiness(text: string): string | undefined {
  const like =
    /\bbusiness(?:es)?\s+(?:that|which)\s+(?:offers?|provides?|sells?|markets?|engages?\s+in|conducts?)\b[^.;]{0,80}?\b(?:(?:the\s+)?same\s+as\s+or\s+similar\s+to|similar\s+to|competitive\s+with|that\s+compete\s+with)\s+(?:those\s+(?:offered|provided|sold|marketed)(?:\s+or\s+(?:offered|provided|sold|marketed))?\s+(?:by|at|through|in)\s+)?((?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})/.exec(
      text,
    );
  return like ? `similar to ${like[1]!.trim()}` : undefined;
}

/** The field a restriction covers: "in the field of X", "engaged in X", or competitors of a party. */
export function field(text: string): string | undefined {
  const m =
    /\b(?:in\s+the\s+(?:field|business|area|industry|market|sector)\s+of|engaged\s+in(?:\s+the\s+business\s+of)?|competes?\s+with\s+(?:the\s+)?\w+\s+in|business\s+of)\s+([^;.]{3,100}?)(?=[;.,]|\s+(?:during|for\s+a\s+period|within|in\s+the\s+territory|anywhere)\b|$)/i.exec(
      text,
    );
  if (m) return m[1]!.trim();
  // a class of businesses named by what they provide: "for any other provider of next day or multiple day courier
  // services", "to any manufacturer of orthopaedic implants"
  const cls =
    /\b(?:for|to|with|on\s+behalf\s+of)\s+any\s+(?:other\s+)?(?:person\s+or\s+entity\s+that\s+is\s+an?\s+)?(?:providers?|suppliers?|sellers?|manufacturers?|distributors?|operators?|vendors?|makers?|producers?)\s+of\s+([^;.]{3,100}?)(?=[;.,]|\s+(?:during|for\s+a\s+period|within|in\s+the\s+territory|anywhere)\b|$)/i.exec(
      text,
    );
  if (cls) return cls[1]!.trim();
  const like = similarBusiness(text);
  if (like) return like;
  if (/\bcompetitors?\b|\bcompet(?:es?|ing|itive)\b/i.test(text)) return 'competitors';
  return undefined;
}

/** The field a licence is limited to: "for use in logistics software", "in the field of fleet management". */
export function licenseField(text: string): string | undefined {
  // a defined field ("in the Field", "within the Licensed Field"), resolved by its definition
  const defined = /\b(?:in|within|for|throughout)\s+(the\s+(?:Licensed\s+|Exclusive\s+)?Field(?:\s+of\s+Use)?)\b/.exec(
    text,
  );
  if (defined) return defined[1]!;
  const m =
    /\b(?:for\s+use\s+(?:in|with|by|on)|in\s+the\s+field\s+of|(?:within|in)\s+the\s+(?:field|market|sector)\s+of|field\s+of\s+use\s+(?:of|is)|solely\s+for(?:\s+use\s+in)?|limited\s+to\s+(?:the\s+)?(?:field|market|sector)\s+of)\s+(?:the\s+)?([^;.]{3,100}?)(?=[;.,]|\s+(?:in\s+the\s+territory|within|throughout|during|for\s+(?:a|the)\s+(?:term|period))\b|$)/i.exec(
      text,
    );
  return m ? m[1]!.trim() : undefined;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const pad = (n: number) => String(n).padStart(2, '0');

/** The first calendar date written out: "January 15, 2025", "15 January 2025", "2025-01-15". */
export function isoDate(text: string): string | undefined {
  let m = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  const mon = MONTHS.join('|');
  m = new RegExp(String.raw`\b(${mon})\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`, 'i').exec(text);
  if (m) return `${m[3]}-${pad(MONTHS.indexOf(m[1]!.toLowerCase()) + 1)}-${pad(+m[2]!)}`;
  m = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?(${mon}),?\s+(\d{4})\b`, 'i').exec(text);
  if (m) return `${m[3]}-${pad(MONTHS.indexOf(m[2]!.toLowerCase()) + 1)}-${pad(+m[1]!)}`;
  return undefined;
}
/** What an assignment clause assigns: "all right, title and interest in and to the X". */
export function assignedSubject(text: string): string | undefined {
  const END = String.raw`(?=[;.,]|\s*\(|\s+(?:and\s+all|including|whether|throughout|worldwide|now|created|developed|as\s+(?:may|they|it)\s+(?:now\s+)?(?:exists?|be|have)|(?:which|that)\s+(?:are|is|was|were)|(?:which|that)\s+\w+\s+(?:creates?|develops?|makes?|conceives?|delivers?))\b|$)`;
  const m =
    new RegExp(
      // "interest in and to the X", "interest that Developer now has or may hereafter acquire in or to the X",
      // "interest, including all renewals, in and to the X"
      String.raw`\b(?:interest|rights?)(?:,\s+including\s+[^;.,]{0,80},)?\s+(?:(?:that|which|held\s+by|owned\s+by)\s+[^;.]{0,80}?\s+)?(?:in\s+(?:and|or)\s+to|in|to)\s+(?:all\s+)?(?:the\s+)?([^;.,]{3,80}?)` +
        END,
      'i',
    ).exec(text) ??
    new RegExp(
      String.raw`\b(?:assigns?|transfers?)\s+(?:to\s+(?:the\s+)?[A-Z]\w*(?:\s+[A-Z]\w*)*\s+)?(?:all\s+)?(?:the\s+)?([^;.,]{3,80}?)` +
        END,
      'i',
    ).exec(text) ??
    // "The Incorporated Technology Works shall be the sole property of Company": a defined thing that becomes the
    // other party's property
    /^\s*(?:\d{1,3}(?:\.\d{1,3})*\.?\s+)?(?:[Tt]he\s+|[Aa]ll\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4})\s+(?:shall|will)\s+(?:be|become|remain)\s+(?:the\s+)?(?:sole\s+(?:and\s+exclusive\s+)?|exclusive\s+)?property\s+of\b/.exec(
      text,
    ) ??
    // "the complete Intellectual Property of the project belongs to the Client"
    /\b(?:intellectual\s+property(?:\s+rights)?|ownership|title|rights?)\s+(?:of|in|to)\s+(?:the\s+)?((?:(?!\b(?:which|that|who|would|may|shall|will)\b)[^;.,]){3,60}?)\s+(?:(?:shall\s+|will\s+)?belongs?|(?:shall\s+)?vests?|(?:is|are|shall\s+be|will\s+be)\s+(?:the\s+)?(?:sole\s+|exclusive\s+)*property)\b/i.exec(
      text,
    );
  return m ? m[1]!.replace(/["“”]/g, '').trim() : undefined;
}

/** Carve-outs from a cap that are customary and that a cap is not expected to cover: a party's payment
 *  obligations, gross negligence, wilful misconduct, fraud, death and bodily injury. */
const CUSTOMARY_CARVE_OUT =
  /^(?:(?:a|each|either)\s+party['’]s\s+|its\s+|the\s+|any\s+)?(?:liability\s+(?:for|arising\s+from)\s+)?(?:(?:its|the|a\s+party['’]s)\s+)?(?:payment\s+obligations?|obligations?\s+to\s+pay(?:\s+[^,;]{0,40})?|amounts?\s+(?:due|owed|payable)(?:\s+[^,;]{0,40})?|fees\s+(?:due|owed|payable)(?:\s+[^,;]{0,40})?|gross(?:ly)?\s+negligen\w*|wil+ful\s+misconduct|intentional\s+misconduct|fraud(?:ulent\s+\w+)?|death|(?:bodily|personal)\s+injury(?:\s+or\s+death)?)$/i;

/** Where a cap names what it does not cover, however the sentence is ordered: the list after the words. */
const CARVE_OUT_LISTS: RegExp[] = [
  // "Except for a party's payment obligations and its liability for gross negligence, each party's total liability ..."
  /\b(?:[Ee]xcept(?:\s+(?:for|under|as\s+to|with\s+respect\s+to))?|[Ee]xcluding|[Oo]ther\s+than|[Ss]ave\s+for)\s+(.{3,240}?),\s+(?:(?:[Ee]ach|[Ee]ither|[Nn]either|[Nn]o)\s+[Pp]art(?:y|ies)|[Ii]n\s+no\s+event|the\s+(?:total|aggregate|maximum)|(?:[A-Z][\w-]*['’]s)\s+(?:total|aggregate|maximum|entire|cumulative)?\s*liability|(?:[A-Z][\w-]*)\s+(?:shall|will)\b)/,
  // "Each party's liability under this Agreement, other than for personal injury or breach of confidentiality, is limited to ..."
  /\bliability\b[^.;]{0,80}?,\s+(?:except|excluding|other\s+than|save)(?:\s+(?:for|in\s+respect\s+of|with\s+respect\s+to|as\s+to))?\s+(.{3,240}?),\s+(?:is|are|shall|will|does|do|may)\b/i,
  // "The foregoing limitations shall not apply to (i) breach of Section 7 or (ii) a party's indemnity obligations."
  /\b(?:limitations?|exclusions?|caps?|limits?|foregoing)\b[^.;]{0,80}?\b(?:shall|will|do|does)\s+not\s+apply\s+(?:to|with\s+respect\s+to|in\s+respect\s+of)\s+(?:any\s+)?(.{3,240}?)(?:\.(?:\s|$)|$)/i,
];

/** The carve-outs a liability clause names from its cap ("Except for a party's payment obligations and its liability
 *  for gross negligence or wilful misconduct, each party's total liability ... shall not exceed ...", "liability,
 *  other than for personal injury, is limited to", "The foregoing limitations shall not apply to ..."), as items; undefined
 *  when it names none. */
export function carveOuts(text: string): string[] | undefined {
  const spaced = text.replace(/\s+/g, ' ');
  // a clause set in capitals reads as one in ordinary case ("EXCEPT UNDER SECTION 2, IN NO EVENT WILL EITHER PARTY")
  const flat = setInCapitals(spaced) ? spaced.toLowerCase() : spaced;
  for (const r of CARVE_OUT_LISTS) {
    const m = r.exec(flat);
    if (!m) continue;
    const items = m[1]!
      // list markers go; a section's own letter stays ("13(a) and 13(b)")
      .replace(/(?<!\w)\(\s*(?:[a-h]|[ivx]{1,5}|\d{1,2})\s*\)\s*/gi, '')
      // a section named with its heading is one item: "section 2 (confidentiality and data)"
      .replace(
        /\(([^()]{1,80})\)/g,
        (_, inner: string) => `(${inner.replace(/,|;|\band\b|\bor\b/gi, (w) => `\uE000${w}`)})`,
      )
      .split(/\s*\band\/or\b\s*|\s+\/\s+/)
      .flatMap((x) => x.split(/\s*(?<!\uE000)(?:,|;|\band\b|\bor\b)\s*/i))
      .map((x) => x.replace(/\uE000/g, ''))
      .map((x) => x.replace(/^(?:any|for|under)\s+|^["“”'\s]+|["“”'\s]+$/gi, '').trim())
      // a parenthesis the split left open or closed is not part of the item
      .map((x) => (x.includes('(') === x.includes(')') ? x : x.replace(/^\(|\)$/g, '').trim()))
      .filter((x) => /[a-z]{3}/i.test(x) && !/^(?:and|or|its|for|liability(?:\s+for)?)$/i.test(x));
    if (items.length) return items;
  }
  return undefined;
}

/** Whether a carve-out is a customary one (see CUSTOMARY_CARVE_OUT): a cap whose carve-outs are all customary is a
 *  cap, not uncapped liability. */
export const customaryCarveOut = (item: string): boolean =>
  CUSTOMARY_CARVE_OUT.test(item.replace(/^(?:its|their)\s+liability\s+for\s+/i, ''));
