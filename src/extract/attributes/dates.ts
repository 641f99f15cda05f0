// Dates as contracts write them: "June 21, 1999", "21 June 1999", "the 5th day of June, 2019",
// "20t h day of January, 2020" (a PDF's split ordinal), "Nov. 5, 2010", "5/5/98", "2019-06-05".
// Blanks left to be filled in ("June __, 2019", "____ day of ______, 2015") are found too, with no value:
// an unknown part is never guessed. Pure functions.

export interface DateMention {
  start: number;
  end: number;
  text: string;
  /** ISO yyyy-mm-dd; undefined when a part is left blank */
  iso?: string;
  /** a part is left blank to be filled in ("June __, 2019") */
  blank?: boolean;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?';
/** a day number, tolerating a split ordinal suffix ("20t h", "1s t", "15 th") */
const DAY = '(\\d{1,2})(?:\\s?(?:s\\s?t|n\\s?d|r\\s?d|t\\s?h))?';
const BLANK = '(?:_+|\\[\\s*[\\]*•●·]?\\s*\\]|\\s(?=,))';
const YEAR = '(\\d{4}|\\d{2,3}_+|_{2,})';
const ORD_WORDS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  'twenty-first': 21,
  'twenty-second': 22,
  'twenty-third': 23,
  'twenty-fourth': 24,
  'twenty-fifth': 25,
  'twenty-sixth': 26,
  'twenty-seventh': 27,
  'twenty-eighth': 28,
  'twenty-ninth': 29,
  thirtieth: 30,
  'thirty-first': 31,
};
const ORD_WORD = `(${Object.keys(ORD_WORDS).join('|')})`;

const PATTERNS: Array<{
  re: RegExp;
  parse: (m: RegExpExecArray) => [string | undefined, string | undefined, string | undefined];
  blank?: true;
}> = [
  // the 5th day of June, 2019 / 10 day of January 2019 / ____ day of ______, 2015 / 20th day of Friday, March 2020
  {
    re: new RegExp(
      `(?<![A-Za-z0-9])(?:${DAY}|${ORD_WORD}|(_+|\\[\\s*\\]))\\s*(?:day\\s+)?of(?:\\s|-{3,})+(?:[A-Z][a-z]+day,?\\s+)?(?:${MONTH}|(_+|\\[\\s*\\]))[\\s.,]*(?:in\\s+the\\s+year\\s+)?${YEAR}`,
      'giy',
    ),
    parse: (m) => [m[6], m[1] ?? (m[2] ? String(ORD_WORDS[m[2].toLowerCase()]) : undefined), m[4]],
  },
  // June 21, 1999 / June 1st, 2017 / JUNE 1, 1998 / Nov. 5, 2010 / June __, 2019 / June , 2010 / March 12,1999
  {
    re: new RegExp(`\\b${MONTH}\\s*(?:${DAY}|${BLANK})?\\s*,?(?:\\s|-{3,})*${YEAR}\\b`, 'giy'),
    parse: (m) => [m[3], m[2] ?? '', m[1]],
  },
  // 21 June 1999 / 02 June, 2015 / 24 OCT 2011
  {
    re: new RegExp(`\\b${DAY}\\s+${MONTH}\\s*,?(?:\\s|-{3,})*${YEAR}\\b`, 'giy'),
    parse: (m) => [m[3], m[1], m[2]],
  },
  // a month and day left out altogether ("AGENCY AGREEMENT\n\n, 2009", "made as of  , 2013", "____________, 1996"):
  // the year alone, as a blank date
  {
    re: /(?:(?<=(?:^|\n|\bas\s+of|\bdated)[ \t]*,[ \t]*)|_{3,}[ \t]*,[ \t]*)(\d{4})\b/iy,
    parse: () => [undefined, undefined, undefined],
    blank: true,
  },
  // 2019-06-05
  {
    re: /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/y,
    parse: (m) => [m[1], m[3], m[2]],
  },
];

const NUMERIC = /\b(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})\b/y;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function validIso(y: number, mo: number, d: number): string | undefined {
  if (!(y >= 1900 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31)) return undefined;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCMonth() !== mo - 1) return undefined;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

function year2(s: string): number {
  const n = +s;
  return s.length === 2 ? (n < 50 ? 2000 + n : 1900 + n) : n;
}

function monthNo(s: string): number | undefined {
  if (/^\d+$/.test(s)) return +s;
  return MONTHS[
    s
      .toLowerCase()
      .replace(/\.$/, '')
      .slice(0, s.toLowerCase().startsWith('sept') ? 4 : 3)
  ];
}

/** Every date mention in `text`, in order, without overlaps. */
export function findDates(text: string): DateMention[] {
  const out: DateMention[] = [];
  const starts = /[0-9A-Za-z_[]/g;
  for (let m; (m = starts.exec(text));) {
    const i = m.index;
    if (i > 0 && /[0-9A-Za-z]/.test(text[i - 1]!)) continue;
    const hit = matchAt(text, i);
    if (!hit) continue;
    out.push(hit);
    starts.lastIndex = hit.end;
  }
  return out;
}

function matchAt(text: string, i: number): DateMention | undefined {
  for (const p of PATTERNS) {
    p.re.lastIndex = i;
    const m = p.re.exec(text);
    if (!m) continue;
    const [y, d, mo] = p.parse(m);
    const raw = m[0];
    if (mo && /^[a-z]/.test(mo)) continue; // "may 30 ..." is a verb, not May
    let iso: string | undefined;
    if (y && /^\d{4}$/.test(y) && d && /^\d+$/.test(d) && mo && monthNo(mo)) iso = validIso(+y, monthNo(mo)!, +d);
    if (iso) return { start: i, end: i + raw.length, text: raw, iso };
    // a part left blank, or no day at all ("April 2013"): a date mention without a value
    if (/[_[]/.test(raw) || !d)
      return {
        start: i,
        end: i + raw.length,
        text: raw,
        ...(p.blank || /[_[]|^\D+\s,/.test(raw) ? { blank: true } : {}),
      };
  }
  NUMERIC.lastIndex = i;
  const n = NUMERIC.exec(text);
  if (n) {
    const a = +n[1]!,
      b = +n[3]!,
      y = year2(n[4]!);
    // US order (month/day) unless the first number cannot be a month or the dots say day.month.year
    const dayFirst = a > 12 || (n[2] === '.' && b <= 12);
    const iso = dayFirst ? validIso(y, b, a) : validIso(y, a, b);
    if (iso) return { start: i, end: i + n[0].length, text: n[0], iso };
  }
  return undefined;
}
