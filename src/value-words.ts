// Clause values in words a reader expects: a unit on every number, parties by their role, a licence as
// exclusive or not, a rate as money per hour, never a JSON object or a `key=true`.

const UNIT: Record<string, string> = {
  noticeDays: 'days',
  paymentDays: 'days',
  durationMonths: 'months',
  tailMonths: 'months',
  termMonths: 'months',
  renewalMonths: 'months',
  hoursPerWeek: 'hours a week',
};

const LABEL: Record<string, string> = {
  noticeDays: 'notice',
  paymentDays: 'payment within',
  durationMonths: 'lasts',
  tailMonths: 'runs on after the contract for',
  termMonths: 'initial term',
  renewalMonths: 'renews for',
  hoursPerWeek: 'time',
  capAmount: 'liability cap',
  capFormula: 'liability cap',
  capWorkedOut: 'cap worked out',
  uncappedFor: 'outside the cap',
  insuranceAmount: 'insurance',
  insuranceType: 'insurance type',
  invoiceCycle: 'invoiced',
  invoiceFormat: 'invoice format',
  reportingCycle: 'reports',
  noticeMethods: 'notices by',
  rate: 'rate',
  whoMayTerminate: 'who may end it',
  rights: 'who may end it, on what notice',
  protects: 'the cap covers',
  indemnifier: 'indemnifies',
  grantor: 'granted by',
  grantee: 'granted to',
  assignor: 'assigned by',
  bound: 'binds',
  capBasis: 'the cap is',
  subject: 'what it covers',
  subjectMeans: 'defined in the contract as',
  field: 'field',
  fieldMeans: 'defined in the contract as',
  territory: 'territory',
  territoryMeans: 'defined in the contract as',
  counterparties: 'names',
  excepted: 'carves out',
  volumePerMonth: 'volume',
  backgroundIp: 'background IP',
  backgroundIpExtracted: 'the extractor read it as',
  date: 'date',
  jurisdiction: 'governing law',
  venue: 'courts',
  annualValue: 'annual value',
  counterparty: 'client',
  industry: 'industry',
};

const LIST_SHOWN = 6;

/** Booleans that read as a phrase of their own: [when true, when false]. */
const FLAG: Record<string, [string, string]> = {
  exclusive: ['exclusive', 'non-exclusive'],
  uncapped: ['liability not capped', 'liability capped'],
  tail: ['runs on after the contract ends', 'ends with the contract'],
  broad: ['covers all know-how, tools and methods', 'covers named materials only'],
  fullTime: ['full-time', 'part-time'],
  mfn: ['most-favoured pricing', 'no most-favoured pricing'],
  ceiling: ['a ceiling on hours, not a commitment', 'a commitment of hours'],
  byLicence: ['a grant of exclusive rights', 'a promise about your work'],
};

const ROLE: Record<string, string> = {
  either: 'either party',
  both: 'both parties',
  client: 'the client',
  provider: 'you',
};
const ROLE_KEYS = new Set(['whoMayTerminate', 'protects', 'indemnifier', 'grantor', 'grantee', 'assignor', 'bound']);
const MONEY_KEYS = new Set(['capAmount', 'capWorkedOut', 'insuranceAmount', 'annualValue']);
const SYMBOL: Record<string, string> = { USD: '$', EUR: '€', GBP: '£' };

const amount = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
function money(n: number, currency?: string): string {
  const c = currency?.toUpperCase();
  return c && SYMBOL[c] ? `${SYMBOL[c]}${amount(n)}` : c ? `${amount(n)} ${c}` : amount(n);
}

/** One value in words ("30 days", "$160 per hour", "either party", "exclusive"). */
export function valueWords(key: string, v: unknown): string {
  if (v === null || v === undefined) return 'not read';
  const flag = FLAG[key];
  if (flag && typeof v === 'boolean') return v ? flag[0] : flag[1];
  if (typeof v === 'number') {
    if (MONEY_KEYS.has(key)) return money(v);
    return UNIT[key] ? `${amount(v)} ${UNIT[key]}` : amount(v);
  }
  // what a restriction carves out may run to a whole schedule: its opening words
  if (typeof v === 'string' && key === 'excepted') return v.length > 160 ? `${v.slice(0, 157).trimEnd()}…` : v;
  if (typeof v === 'string') return ROLE_KEYS.has(key) ? (ROLE[v] ?? v) : v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  // a long list (the companies a schedule names) is shown by its first items and how many more there are
  if (Array.isArray(v)) {
    const shown = v.slice(0, LIST_SHOWN).map((x) => valueWords(key, x));
    return v.length > LIST_SHOWN ? `${shown.join(', ')} and ${v.length - LIST_SHOWN} more` : shown.join(', ');
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.name === 'string') return o.role ? `${o.name} (${String(o.role)})` : o.name;
    // one party's right to terminate: "the client on 0 days' notice"
    if (typeof o.whoMayTerminate === 'string')
      return `${valueWords('whoMayTerminate', o.whoMayTerminate)}${typeof o.noticeDays === 'number' ? ` on ${valueWords('noticeDays', o.noticeDays)}' notice` : ''}`;
    // a volume: "12,000 units a month"
    if (key === 'volumePerMonth' && typeof o.amount === 'number' && typeof o.unit === 'string')
      return `${amount(o.amount)} ${o.amount === 1 || /^(?:kg|lb)$/.test(o.unit) ? o.unit : `${o.unit}s`} a month`;
    if (typeof o.amount === 'number') {
      const unit = typeof o.unit === 'string' ? o.unit : undefined;
      if (unit === 'percent of revenue') return `${amount(o.amount)}% of revenue`;
      const item = typeof o.item === 'string' ? o.item : undefined;
      const per =
        !unit || unit === 'project' || unit === 'fixed'
          ? unit
            ? ' for the project'
            : ''
          : ` per ${unit === 'unit' && item ? item : unit}`;
      return `${money(o.amount, typeof o.currency === 'string' ? o.currency : undefined)}${per}`;
    }
    return Object.entries(o)
      .filter(([, x]) => x !== undefined && x !== null)
      .map(([k, x]) => `${k} ${valueWords(k, x)}`)
      .join(', ');
  }
  return String(v);
}

/** A value with what it is: "notice: 30 days", "exclusive", "rate: $160 per hour". */
export function valuePhrase(key: string, v: unknown): string {
  const words = valueWords(key, v);
  if (FLAG[key] && typeof v === 'boolean') return words;
  return `${LABEL[key] ?? key}: ${words}`;
}

/** The label of a value for a table ("notice", "liability cap"); none for a flag, whose words say it all. */
export function valueLabel(key: string): string {
  return FLAG[key] ? '' : (LABEL[key] ?? key);
}
