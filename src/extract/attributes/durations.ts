// Periods as contracts write them: "thirty (30) days", "90 days", "six months", "one (1) year",
// "a twelve-month period", "3 months'", "ninety-day", "one hundred twenty (120) calendar days".
// Pure functions.

export type DurationUnit = 'day' | 'week' | 'month' | 'year';

export interface Duration {
  start: number;
  end: number;
  text: string;
  n: number;
  unit: DurationUnit;
  business: boolean;
}

const SMALL: Record<string, number> = {
  zero: 0,
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
};

/** "thirty", "forty-five", "one hundred twenty", "a" → number; undefined if not a number word. */
export function wordsToNumber(s: string): number | undefined {
  const parts = s
    .toLowerCase()
    .replace(/-/g, ' ')
    .split(/\s+/)
    .filter((w) => w && w !== 'and');
  if (!parts.length) return undefined;
  let total = 0,
    cur = 0;
  for (const w of parts) {
    const v = SMALL[w];
    if (v === undefined) return undefined;
    if (w === 'hundred') cur = (cur || 1) * 100;
    else cur += v;
  }
  total += cur;
  return total;
}

const NUM_WORD =
  '(?:(?:one|two|three|four|five|six|seven|eight|nine)\\s+hundred(?:\\s+and)?\\s+)?(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\\s-](?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)';
const DURATION = new RegExp(
  `(?<![\\w$.])(?:(\\d{1,4})|(${NUM_WORD})(?:\\s*\\(\\s*(\\d{1,4})\\s*\\))?|(an?))` +
    `(?:\\s*\\(\\s*(?:\\d{1,4}|[IVX]{1,4})\\s*\\))?[\\s-]*(?:(?:additional|successive|further|consecutive|subsequent|renewal|extension|like)\\s+)?(business\\s+|calendar\\s+|working\\s+|full\\s+|consecutive\\s+)?(day|week|month|year)s?(?![a-z])['’]?`,
  'gi',
);

/** The words before a period that make it a window looked back over ("the change in the CPI over the preceding twelve
 *  months"), not a length of anything. */
export const LOOKED_BACK = /\b(?:preceding|prior|previous|past|last|trailing)\s+$/i;

/** Every period stated in `text`, in order. */
export function findDurations(text: string): Duration[] {
  const out: Duration[] = [];
  DURATION.lastIndex = 0;
  for (let m; (m = DURATION.exec(text));) {
    const n = m[1] ? +m[1] : m[3] ? +m[3] : m[2] ? wordsToNumber(m[2]) : 1;
    if (n === undefined || n <= 0) continue;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      n,
      unit: m[6]!.toLowerCase() as DurationUnit,
      business: /business|working/i.test(m[5] ?? ''),
    });
  }
  return out;
}

/** Days in a period: a month is 30 days, a year 365. */
export function toDays(d: Pick<Duration, 'n' | 'unit'>): number {
  return d.unit === 'day' ? d.n : d.unit === 'week' ? 7 * d.n : d.unit === 'month' ? 30 * d.n : 365 * d.n;
}

/** Months in a period, when it is a whole number of months (years or months). */
export function toMonths(d: Pick<Duration, 'n' | 'unit'>): number | undefined {
  return d.unit === 'year' ? 12 * d.n : d.unit === 'month' ? d.n : undefined;
}
