// Money as contracts write it: "$1,000,000", "US$5 million", "USD 500,000", "one million dollars ($1,000,000)",
// "€800", "£2,500.00". Pure functions.

export interface Money {
  start: number;
  end: number;
  amount: number;
  currency: string;
}

const SYMBOL: Record<string, string> = {
  $: 'USD',
  us$: 'USD',
  usd: 'USD',
  'u.s.$': 'USD',
  '€': 'EUR',
  eur: 'EUR',
  '£': 'GBP',
  gbp: 'GBP',
  cad: 'CAD',
  c$: 'CAD',
  ca$: 'CAD',
  aud: 'AUD',
  a$: 'AUD',
  chf: 'CHF',
  rmb: 'CNY',
  cny: 'CNY',
  '¥': 'JPY',
  jpy: 'JPY',
  inr: 'INR',
};
const SCALE: Record<string, number> = { thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mm: 1e6, billion: 1e9, bn: 1e9 };

const MONEY =
  /(?<![\w$])(U\.S\.\s?\$|US\$|C\$|CA\$|A\$|USD|EUR|GBP|CAD|AUD|CHF|RMB|CNY|JPY|INR|\$|€|£|¥)\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(?:\s*(thousand|million|billion|mm|bn|k|m)\b)?|(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(?:\s*(thousand|million|billion))?\s*(?:U\.S\.\s+|US\s+)?(dollars|euros?|pounds\s+sterling|USD|EUR|GBP)\b/gi;

/** Every amount of money in `text`, in order. */
export function findMoney(text: string): Money[] {
  const out: Money[] = [];
  MONEY.lastIndex = 0;
  for (let m; (m = MONEY.exec(text));) {
    let amount: number, currency: string;
    if (m[1]) {
      amount = +`${m[2]!.replace(/,/g, '')}.${m[3] ?? '0'}` * (m[4] ? SCALE[m[4].toLowerCase()]! : 1);
      currency = SYMBOL[m[1].toLowerCase().replace(/\s+/g, '')] ?? 'USD';
    } else {
      amount = +`${m[5]!.replace(/,/g, '')}.${m[6] ?? '0'}` * (m[7] ? SCALE[m[7].toLowerCase()]! : 1);
      const c = m[8]!.toLowerCase();
      currency = c.startsWith('dollar') || c === 'usd' ? 'USD' : c.startsWith('euro') || c === 'eur' ? 'EUR' : 'GBP';
    }
    if (!(amount > 0)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, amount, currency });
  }
  return out;
}
