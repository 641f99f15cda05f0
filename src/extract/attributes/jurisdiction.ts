// The governing law of a clause: "the laws of the State of New York" → "New York", "the laws of the
// Province of Ontario and the federal laws of Canada applicable therein" → "Ontario, Canada",
// "Delaware law" → "Delaware", "PRC Laws" → "People's Republic of China". Pure functions.

const STOP = new Set([
  'without',
  'excluding',
  'exclusive',
  'applicable',
  'as',
  'in',
  'that',
  'which',
  'notwithstanding',
  'except',
  'other',
  'its',
  'regardless',
  'with',
  'including',
  'provided',
  'for',
  'to',
  'shall',
  'will',
  'governing',
  'applying',
  'but',
  'or',
  'not',
  'irrespective',
  'disregarding',
  'both',
  'then',
  'from',
  'on',
  'by',
  'under',
  'hereunder',
  'govern',
  'apply',
  'applied',
  'exclusively',
  'only',
  'if',
  'where',
  'when',
  'whose',
  'any',
  'all',
  'is',
  'are',
  'be',
  'without',
  'the',
  'a',
  'an',
  'law',
  'laws',
  'state',
  'courts',
  'court',
  'federal',
  'government',
]);

const ALIASES: Record<string, string> = {
  prc: "People's Republic of China",
  'p.r.c.': "People's Republic of China",
  uk: 'United Kingdom',
  'u.k.': 'United Kingdom',
  us: 'United States',
  'u.s.': 'United States',
  usa: 'United States',
  'u.s.a.': 'United States',
};

const COUNTRY_TAIL =
  /^,?\s*(?:and\s+(?:the\s+)?(?:federal\s+)?laws\s+of\s+)?(?:the\s+)?(Canada|United\s+States(?:\s+of\s+America)?|U\.S\.A\.?|USA|Australia|Germany|Switzerland|England(?:\s+and\s+Wales)?|Wales|Scotland|India|China|Malaysia|Mexico|Brazil)\b/i;

function titleCase(s: string): string {
  if (/[a-z]/.test(s)) return s;
  return s
    .toLowerCase()
    .replace(/\b([a-z])/g, (c) => c.toUpperCase())
    .replace(/\bOf\b/g, 'of')
    .replace(/\bAnd\b/g, 'and')
    .replace(/'S\b/g, "'s");
}

/** The place named right after "laws of (the State of)": its capitalised words, up to a stop word. */
export function placeAt(t: string, from: number): string | undefined {
  const words: string[] = [];
  const re = /\s*([A-Za-z][\w.'’-]*,?|&)/y;
  re.lastIndex = from;
  let end = from;
  for (let m; (m = re.exec(t));) {
    const w = m[1]!;
    const lw = w.toLowerCase().replace(/[.,]+$/, '');
    if (
      words.length &&
      (lw === 'of' || lw === 'and') &&
      /^\s*(?:the\s+)?(?:wales|columbia|herzegovina|tobago|nevis|principe|barbuda|grenadines|caicos|futuna|miquelon|jan mayen|china|korea|great britain|northern ireland)\b/i.test(
        t.slice(re.lastIndex),
      )
    ) {
      words.push(lw);
      end = re.lastIndex;
      continue;
    }
    if (STOP.has(lw) || !/^[A-Z]/.test(w)) break;
    words.push(w.replace(/[.,;:]+$/, (x) => (/^[A-Z](\.[A-Z])+\.?$/.test(w) ? x : '')));
    end = re.lastIndex;
    // "San Francisco County, California": a comma may add the region
    if (
      /,$/.test(w) &&
      words.length < 4 &&
      /^\s*[A-Z][a-z]+/.test(t.slice(re.lastIndex)) &&
      !COUNTRY_TAIL.test(t.slice(re.lastIndex - 1))
    ) {
      const next = /^\s*([A-Z][a-z]+)/.exec(t.slice(re.lastIndex))![1]!;
      if (!STOP.has(next.toLowerCase())) {
        words[words.length - 1] += ',';
        continue;
      }
    }
    if (/[,;:]$/.test(w) || words.length >= 5) break;
  }
  if (!words.length) return undefined;
  let place = titleCase(words.join(' ').replace(/\s+of$/i, ''));
  const alias = ALIASES[place.toLowerCase()];
  if (alias) place = alias;
  const tail = COUNTRY_TAIL.exec(t.slice(end));
  if (tail && !new RegExp(`\\b${tail[1]!.split(/\s+/)[0]}\\b`, 'i').test(place)) {
    const country = ALIASES[tail[1]!.toLowerCase().replace(/\s+/g, '')] ?? titleCase(tail[1]!.replace(/\s+/g, ' '));
    place = `${place}, ${country}`;
  }
  return place;
}

const LAWS_OF =
  /\b(?:laws?|regulations|legislation|statutes)(?:\s+and\s+(?:decisions|regulations|statutes|judicial\s+decisions))?(?:\s*,[^,.;]{0,60},)?\s+(?:in\s+force\s+)?(?:of|in)(?:\s+|(?=the|[A-Z]))(?:the\s*)?(?:(?:State|Commonwealth|Province|Republic|Kingdom|Federal\s+Republic|People'?s\s+Republic|Grand\s+Duchy|Canton|Emirate|Territory|District|Hong\s+Kong\s+Special\s+Administrative\s+Region)\s+of\s*(?:the\s+)?)?/gi;
const ADJECTIVES: Record<string, string> = {
  italian: 'Italy',
  english: 'England',
  german: 'Germany',
  french: 'France',
  swiss: 'Switzerland',
  chinese: 'China',
  japanese: 'Japan',
  dutch: 'Netherlands',
  swedish: 'Sweden',
  israeli: 'Israel',
  irish: 'Ireland',
  spanish: 'Spain',
  canadian: 'Canada',
  korean: 'Korea',
  indian: 'India',
  singapore: 'Singapore',
  danish: 'Denmark',
  finnish: 'Finland',
  norwegian: 'Norway',
  belgian: 'Belgium',
  austrian: 'Austria',
  australian: 'Australia',
  scottish: 'Scotland',
  mexican: 'Mexico',
  brazilian: 'Brazil',
  taiwanese: 'Taiwan',
  russian: 'Russia',
  cypriot: 'Cyprus',
  luxembourg: 'Luxembourg',
};
const X_LAW =
  /\b(?:governed\s+by|under|pursuant\s+to|subject\s+to|accordance\s+with)\s+(?:the\s+)?(?:application\s+of\s+(?:the\s+)?)?(?:internal\s+|substantive\s+|domestic\s+)?([A-Z][A-Za-z.]+(?:\s+[A-Z][a-z]+)?)\s+(?:law|Law|LAW|laws|Laws|LAWS)\b/g;

/** The jurisdiction whose law governs, or undefined. */
export function findJurisdiction(text: string): string | undefined {
  const t = text.replace(/-{2,}/g, ' ').replace(/\s+/g, ' ');
  const found: Array<{ at: number; place: string }> = [];
  LAWS_OF.lastIndex = 0;
  for (let m; (m = LAWS_OF.exec(t));) {
    const before = t.slice(Math.max(0, m.index - 40), m.index);
    if (/\b(?:conflicts?|choice)\s+(?:of\s+)?$/i.test(before)) continue;
    const place = placeAt(t, m.index + m[0].length);
    if (place && !/^(?:Such|Any|Another|This|That|Each|Which|Said)$/i.test(place)) found.push({ at: m.index, place });
  }
  X_LAW.lastIndex = 0;
  for (let m; (m = X_LAW.exec(t));) {
    const w = m[1]!;
    if (
      /^(?:applicable|governing|the|this|such|any|federal|common|state|local|civil|case|statutory|Applicable|Federal|State|Common|New\s+York\s+General)$/i.test(
        w,
      )
    )
      continue;
    found.push({ at: m.index, place: ALIASES[w.toLowerCase()] ?? ADJECTIVES[w.toLowerCase()] ?? titleCase(w) });
  }
  // "the laws of that State" / "such state": the state the clause names elsewhere
  if (!found.length && /\blaws?\s+(?:of\s+(?:that|such|said|this)\s+state\b|thereof\b)/i.test(t)) {
    const s = /\bState\s+of\s+/g;
    for (let m; (m = s.exec(t));) {
      const place = placeAt(t, m.index + m[0].length);
      if (place) return place;
    }
  }
  found.sort((a, b) => a.at - b.at);
  // "the laws of the United States and of the State of New York": the state says more
  const first = found[0];
  if (!first) return undefined;
  if (/^United States$/.test(first.place) && found[1]) return found[1].place;
  return first.place;
}
