// Portfolio model: the analysed documents as contracts the cross-contract checks can reason about:
// parties (which one is the user), counterparty, status, period, and facts read from their clauses
// (the values extraction gave its clauses, then corrected by clausemap.yaml).
// Pure: DocumentResult[] and the parsed config in, Portfolio out.
import path from 'node:path';
import type { CitedClause, Clause, DocumentResult } from '../schema.js';
import {
  clientConfig,
  contractConfig,
  mePatterns,
  stripSuffix,
  type Config,
  type ContractConfig,
  type Rate,
} from '../config/config.js';
import { VALUE_GROUP_OF_CATEGORY, type ValueGroup } from '../extract/attributes/values.js';
import { durationMonths, partyRole } from '../extract/attributes/plain.js';
import { DEFINED_COMPETITORS } from '../extract/attributes/covenants.js';
import { addDays, addMonths } from './dates.js';
import { foldName } from '../names.js';

export type FactKind = ValueGroup;

/** Which fact a clause category gives. Categories not listed give no fact. */
export const FACT_OF_CATEGORY: Record<string, FactKind> = VALUE_GROUP_OF_CATEGORY;

export type Values = Record<string, unknown>;

export interface Fact {
  kind: FactKind;
  file: string;
  category: string;
  clause: Pick<Clause, 'start' | 'end' | 'text' | 'page' | 'heading' | 'review' | 'confidence'>;
  values: Values;
  /** value names set by clausemap.yaml rather than read from the contract */
  corrected: string[];
  /** true when the fact exists only because clausemap.yaml states it */
  fromConfig?: boolean;
}

export interface Party {
  name: string;
  role?: string;
}

export interface Contract {
  file: string;
  /** contracts of one group share a party (with "me" known, all of them share "me"): only contracts of
   *  one group are checked against each other */
  group: number;
  /** other files holding the same contract, which the checks read as this one */
  copies?: string[];
  /** contracts with the same client (an MSA, its SOWs, orders and amendments) are one engagement: one family */
  family?: number;
  /** what amendments in its family deleted or replaced in this contract */
  amendedBy?: Amendment[];
  title?: string;
  status: 'signed' | 'draft' | 'expired';
  parties: Party[];
  /** how this contract names the user: its name and defined role ("Swiftlane Courier Group LLC", "Courier") */
  meNames: string[];
  counterparty?: string;
  effective?: string;
  expiry?: string;
  /** how the expiry was found: stated, effective + term, or open-ended */
  termMonths?: number;
  renewalMonths?: number;
  /** the renewal clause the renewal length was read from */
  renewalFact?: Fact;
  renewalNoticeDays?: number;
  renewalNoticeFact?: Fact;
  industry?: string;
  fields: string[];
  rate?: Rate;
  hoursPerWeek?: number;
  fullTime?: boolean;
  /** expected annual value, and how it was worked out */
  value?: number;
  valueBasis?: string;
  facts: Fact[];
  config?: ContractConfig;
}

export interface Amendment {
  /** the amendment's file */
  by: string;
  section: string;
  sectionTitle?: string;
  action: 'deleted' | 'replaced';
  /** the clause categories of this contract it took out */
  removed: string[];
}

export interface Portfolio {
  me?: string;
  meSource?: '--me' | 'clausemap.yaml' | 'common party' | 'provider role';
  /** why "me" is who it is, or why it is unknown, in words for the report */
  meWhy: string;
  today: string;
  contracts: Contract[];
  config: Config;
  configFile?: string;
}

/** The sentences a clause is made of, each as a clause of its own (a clause without parts is one). */
export function partsAsClauses(c: Clause): Clause[] {
  if (!c.parts) return [c];
  return c.parts.map(({ attributes, page, ...p }) => ({
    category: c.category,
    ...p,
    text: c.text.slice(p.start - c.start, p.end - c.start),
    ...(page ? { page } : {}),
    ...(attributes ? { attributes } : {}),
    ...(c.review ? { review: c.review } : {}),
  }));
}

/** A clause's fact: the values extraction gave it, then the corrections of clausemap.yaml. */
export function factOf(file: string, c: Clause, corrections?: Values): Fact | undefined {
  const kind = FACT_OF_CATEGORY[c.category];
  if (!kind) return undefined;
  // facts rest on what the rules found: the clause model's further segments ("<rule>+model") are output only
  if (c.ruleId.endsWith('+model')) return undefined;
  const values: Values = { ...(c.attributes ?? {}) };
  // the rate fields given flat (as clausemap.yaml may); a covenant's tail as its length; a fixed fee
  if (kind === 'rate' && values.rate === undefined && typeof values.amount === 'number')
    values.rate = { amount: values.amount, currency: values.currency, unit: values.unit };
  if (
    kind === 'covenant' &&
    values.tail === true &&
    values.tailMonths === undefined &&
    typeof values.durationMonths === 'number'
  )
    values.tailMonths = values.durationMonths;
  if (kind === 'covenant' && values.tail === false && values.tailMonths === undefined) values.tailMonths = 0;
  if ((kind === 'rate' || kind === 'mfn') && values.rate && typeof values.rate === 'object') {
    const r = values.rate as Record<string, unknown>;
    if (r.unit === 'fixed' || r.unit === 'fixed fee' || r.unit === 'total') values.rate = { ...r, unit: 'project' };
  }
  const corrected: string[] = [];
  for (const [k, x] of Object.entries(corrections ?? {})) {
    values[k] = x;
    corrected.push(k);
  }
  return {
    kind,
    file,
    category: c.category,
    clause: {
      start: c.start,
      end: c.end,
      text: c.text,
      page: c.page,
      ...(c.heading ? { heading: c.heading } : {}),
      ...(c.review ? { review: c.review } : {}),
      ...(c.confidence !== undefined ? { confidence: c.confidence } : {}),
    },
    values,
    corrected,
  };
}

/** A sentence that gives each party its own right to terminate is one fact per right (the client's at-will
 *  right must not hide behind the user's 90 days). A value corrected in clausemap.yaml keeps the fact whole. */
function eachRight(f: Fact): Fact[] {
  const rights = f.values.rights;
  if (f.kind !== 'termination' || !Array.isArray(rights) || f.corrected.length) return [f];
  return rights.map((r: Values) => {
    const { rights: _rights, noticeDays: _days, whoMayTerminate: _who, ...rest } = f.values;
    return { ...f, values: { ...rest, ...r } };
  });
}

export function cite(f: Fact, only?: readonly string[]): CitedClause {
  const values: Values = {};
  for (const [k, v] of Object.entries(f.values)) if (!only || only.includes(k)) values[k] = v;
  return {
    file: f.file,
    category: f.category,
    start: f.clause.start,
    end: f.clause.end,
    ...(f.clause.page ? { page: f.clause.page } : {}),
    text: f.clause.text,
    ...(Object.keys(values).length ? { values } : {}),
    ...(f.clause.review ? { review: f.clause.review } : {}),
    ...(f.clause.confidence !== undefined ? { confidence: f.clause.confidence } : {}),
  };
}

/** A party's name for comparing: case, punctuation and "Inc."-like suffixes aside. */
export const normName = (s: string) => foldName(stripSuffix(s));

function partiesOf(facts: readonly Fact[]): Party[] {
  const out: Party[] = [];
  for (const f of facts) {
    if (f.kind !== 'parties') continue;
    const ps = f.values.parties;
    if (!Array.isArray(ps)) continue;
    for (const p of ps) {
      if (typeof p === 'string') out.push({ name: p });
      else if (p && typeof p === 'object' && typeof (p as Party).name === 'string')
        out.push({ name: (p as Party).name, ...((p as Party).role ? { role: (p as Party).role } : {}) });
    }
  }
  const seen = new Set<string>();
  const unique = out.filter((p) => {
    const k = normName(p.name);
    if (!k || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  // a name that is only another party's role word and a few more words ("Consultant are") is a reading slip
  const roles = unique.map((p) => (p.role ? normName(p.role) : '')).filter(Boolean);
  return unique.filter(
    (p) => p.role || !roles.some((r) => normName(p.name) === r || normName(p.name).startsWith(r + ' ')),
  );
}

/** "Me": configured, else the party common to most contracts (at least two), else the provider-role party. */
export function inferMe(
  parties: ReadonlyArray<readonly Party[]>,
  config: Config,
  given?: string,
): { me?: string; source?: Portfolio['meSource']; why: string } {
  if (given) return { me: given, source: '--me', why: 'given with --me' };
  const mine = mePatterns(config);
  if (mine.length) return { me: mine[0], source: 'clausemap.yaml', why: 'set as `me` in clausemap.yaml' };
  const count = new Map<string, { n: number; name: string }>();
  for (const ps of parties)
    for (const p of new Map(ps.map((x) => [normName(x.name), x])).values()) {
      const k = normName(p.name);
      const e = count.get(k) ?? { n: 0, name: p.name };
      e.n++;
      count.set(k, e);
    }
  const best = [...count.values()].sort((a, b) => b.n - a.n || a.name.localeCompare(b.name))[0];
  const read = parties.filter((p) => p.length).length;
  // your own name is on most of your contracts: a party of two contracts among hundreds is not you
  if (best && best.n >= 2 && read >= 2 && best.n * 2 >= read)
    return {
      me: best.name,
      source: 'common party',
      why: `inferred: the party named in ${best.n} of the ${read} contracts whose parties were read; if that is not you, give --me or set \`me\` in clausemap.yaml`,
    };
  return {
    why: `no party is named in at least half of the ${read} contracts whose parties were read, so which side is yours is unknown and only contracts that share a party are checked against each other; give --me or set \`me\` in clausemap.yaml`,
  };
}

export function isMe(name: string, me: string | undefined, config: Config): boolean {
  const n = normName(name);
  const mine = [...mePatterns(config), ...(me ? [me] : [])].map(normName);
  return mine.some((m) => m && (n === m || n.includes(m) || m.includes(n)));
}

/** Party words a clause uses ("The Cooperative", "Provider", "Okafor Data Works") → "provider" (the user) or "client". */
export function resolveRole(
  word: string,
  parties: readonly Party[],
  me: string | undefined,
  config: Config,
): 'provider' | 'client' | 'either' | 'both' | undefined {
  const w = word.trim().toLowerCase();
  if (['provider', 'client', 'either', 'both'].includes(w)) return w as 'provider' | 'client' | 'either' | 'both';
  if (/^(?:either|each)\s+party$/.test(w)) return 'either';
  const n = normName(word);
  for (const p of parties) {
    const hit = (p.role && normName(p.role) === n) || normName(p.name) === n || normName(p.name).startsWith(n + ' ');
    if (hit) return isMe(p.name, me, config) ? 'provider' : 'client';
  }
  return partyRole(word);
}

const ROLE_KEYS: Record<string, string> = {
  whoMayTerminate: 'either',
  protects: 'both',
  indemnifier: 'both',
  grantor: 'both',
  grantee: 'both',
  assignor: 'both',
  bound: 'both',
};

/** A restriction's field named by a defined class of competitors ("any Competitor", "a Company Competing Business"):
 *  competitors, narrowed by the definition (`fieldMeans`) where the contract gives one. */
const COMPETITORS_ONLY = new RegExp(`^(?:[A-Z][\\w-]*\\s+)?(?:${DEFINED_COMPETITORS.source})$`);

function normaliseFacts(facts: Fact[], parties: readonly Party[], me: string | undefined, config: Config): void {
  for (const f of facts) {
    if (f.kind === 'covenant' && COMPETITORS_ONLY.test(str(f.values.field) ?? '')) f.values.field = 'competitors';
    for (const [k, v] of Object.entries(f.values)) {
      if (typeof v === 'string') f.values[k] = v.replace(/[\s.,;:]+$/, '');
      if (k in ROLE_KEYS && typeof v === 'string') {
        const r = resolveRole(v, parties, me, config);
        if (r)
          f.values[k] =
            r === 'either' && ROLE_KEYS[k] === 'both' ? 'both' : r === 'both' && k === 'whoMayTerminate' ? 'either' : r;
      }
    }
    // a licence granted to one party of a two-party contract is granted by the other
    const grantee = f.values.grantee;
    if (f.values.grantor === undefined && (grantee === 'client' || grantee === 'provider'))
      f.values.grantor = grantee === 'client' ? 'provider' : 'client';
  }
}

export const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
export const str = (x: unknown): string | undefined => (typeof x === 'string' && x.trim() ? x : undefined);

const WEEKS_PER_YEAR = 46;
function annualValue(
  rate: Rate | undefined,
  hours: number | undefined,
  fullTime: boolean | undefined,
): { value?: number; basis?: string } {
  if (!rate) return {};
  const h = hours ?? (fullTime ? 40 : undefined);
  switch (rate.unit) {
    case 'hour':
      return h !== undefined
        ? {
            value: rate.amount * h * WEEKS_PER_YEAR,
            basis: `${rate.amount}/hour × ${h} h/week × ${WEEKS_PER_YEAR} weeks`,
          }
        : {};
    case 'day':
      return h !== undefined
        ? {
            value: rate.amount * (h / 8) * WEEKS_PER_YEAR,
            basis: `${rate.amount}/day × ${h / 8} days/week × ${WEEKS_PER_YEAR} weeks`,
          }
        : {};
    case 'week':
      return { value: rate.amount * WEEKS_PER_YEAR, basis: `${rate.amount}/week × ${WEEKS_PER_YEAR} weeks` };
    case 'month':
      return { value: rate.amount * 12, basis: `${rate.amount}/month × 12` };
    case 'year':
    case 'project':
      return { value: rate.amount, basis: `${rate.amount} per ${rate.unit}` };
    default:
      return {};
  }
}

/** A cap formula that is a year of the contract's fees: "the charges paid ... in the twelve (12) months
 *  preceding the claim", "the fees paid or payable during the prior year", "the annual fees". */
const YEAR_OF_FEES =
  /\b(?:twelve|12)\s*(?:\(\s*12\s*\)\s*)?(?:calendar\s+)?months?\b|\b(?:one|1)\s*(?:\(\s*1\s*\)\s*)?(?:calendar\s+|contract\s+)?year\b|\b(?:prior|preceding|previous|last)\s+(?:calendar\s+|contract\s+)?year\b|\bannual\s+(?:fees|charges|amounts?)\b/i;

/**
 * `capWorkedOut` on each liability fact: the cap as a sum of money, as far as the contract lets it be worked
 * out. A stated amount is itself; a formula that is a year of the contract's fees is the contract's annual
 * value (when known); "the greater of" both is the larger, "the lesser of" the smaller. `capBasis` says how.
 */
function workOutCaps(facts: readonly Fact[], annual: number | undefined, annualBasis: string | undefined): void {
  for (const f of facts) {
    if (f.kind !== 'liability') continue;
    const amount = num(f.values.capAmount);
    const formula = str(f.values.capFormula);
    const fromFees = formula && annual !== undefined && YEAR_OF_FEES.test(formula) ? annual : undefined;
    if (fromFees === undefined) {
      if (amount !== undefined) f.values.capWorkedOut = amount;
      continue;
    }
    const grouped = (t: string) => t.replace(/\d{4,}/g, (n) => Number(n).toLocaleString('en-US'));
    const worth = `a year of this contract's fees, ${grouped(String(Math.round(fromFees)))} (${grouped(annualBasis ?? '')})`;
    if (amount === undefined) {
      f.values.capWorkedOut = fromFees;
      f.values.capBasis = worth;
      continue;
    }
    const greater = /\b(?:greater|higher|larger)\s+of\b/i.test(f.clause.text);
    const lesser = /\b(?:lesser|lower|smaller)\s+of\b/i.test(f.clause.text);
    if (!greater && !lesser) {
      f.values.capWorkedOut = amount;
      continue;
    }
    f.values.capWorkedOut = greater ? Math.max(amount, fromFees) : Math.min(amount, fromFees);
    f.values.capBasis = `the ${greater ? 'greater' : 'lesser'} of ${grouped(String(amount))} and ${worth}`;
  }
}

/** A correction for a category the extraction did not find becomes a fact of its own. */
function addStated(facts: Fact[], file: string, set: ContractConfig['set']): void {
  for (const [cat, vals] of Object.entries(set ?? {})) {
    const kind = FACT_OF_CATEGORY[cat];
    if (!kind || facts.some((f) => f.category === cat)) continue;
    facts.push({
      kind,
      file,
      category: cat,
      clause: { start: 0, end: 0, text: `(stated in clausemap.yaml for ${path.basename(file)})` },
      values: { ...vals },
      corrected: Object.keys(vals),
      fromConfig: true,
    });
  }
}

/**
 * The part of an analysed document the portfolio reads: its name, status and title, and the clauses that
 * give facts (buildPortfolio passes over the others). A batch keeps only this of each document.
 */
export function portfolioInput(d: DocumentResult): DocumentResult {
  if (d.status !== 'ok') return { ...d, clauses: [] };
  return { ...d, clauses: d.clauses.filter((c) => FACT_OF_CATEGORY[c.category] !== undefined) };
}

export interface BuildOptions {
  draft?: string;
  configFile?: string;
  today?: string;
  /** the user's own party name, given on the command line (before clausemap.yaml's) */
  me?: string;
}

function sameFile(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}

/** Documents in order, the copies of an earlier one (the same bytes: a file saved twice, a download and its
 *  copy) folded into it: the first of each is the contract. Versions that differ in any word stay apart. */
/** A clause's words, for telling two files of one contract apart from two contracts: case, spacing,
 *  punctuation and page furniture do not count. */
function clauseKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** What the checks would read from a document: every clause's category and values. Two files with the same
 *  values and nearly the same clauses are one contract (the PDF and the DOCX of it, a re-saved copy); two SOWs
 *  that differ in their hours or rate are not. */
function valueSignature(d: DocumentResult): string {
  return JSON.stringify(
    d.clauses
      .filter((c) => c.attributes && Object.keys(c.attributes).length)
      .map((c) => [c.category, c.attributes])
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
  );
}

/** The share of the smaller document's clauses the other holds too. */
function sharedClauses(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (!small.size) return 0;
  let n = 0;
  for (const k of small) if (large.has(k)) n++;
  return n / small.size;
}

const NEAR_COPY_SHARE = 0.9;
const NEAR_COPY_MIN_CLAUSES = 5;

/**
 * Files holding the same contract: the same bytes, or the same values and at least 90% of the same clauses
 * (of at least five). The first file (in sorted order) stands for the contract; the others are listed as its
 * copies. A file `keep` says is kept apart (the draft being checked is never a copy of a signed contract).
 */
function withoutCopies(
  docs: readonly DocumentResult[],
  keep: (file: string) => boolean = () => false,
): Array<{ d: DocumentResult; copies: string[] }> {
  const first = new Map<string, { d: DocumentResult; copies: string[] }>();
  const bySignature = new Map<string, Array<{ entry: { d: DocumentResult; copies: string[] }; keys: Set<string> }>>();
  const out: Array<{ d: DocumentResult; copies: string[] }> = [];
  for (const d of docs) {
    const key = d.sha256;
    const original = key && !keep(d.file) ? first.get(key) : undefined;
    if (original) {
      original.copies.push(d.file);
      continue;
    }
    const keys = new Set(d.clauses.map((c) => clauseKey(c.text)).filter((k) => k.length >= 20));
    const signature = valueSignature(d);
    if (!keep(d.file) && keys.size >= NEAR_COPY_MIN_CLAUSES) {
      const near = bySignature.get(signature)?.find((x) => sharedClauses(x.keys, keys) >= NEAR_COPY_SHARE);
      if (near) {
        near.entry.copies.push(d.file);
        continue;
      }
    }
    const entry = { d, copies: [] as string[] };
    if (key && !keep(d.file)) first.set(key, entry);
    if (!keep(d.file) && keys.size >= NEAR_COPY_MIN_CLAUSES)
      bySignature.set(signature, [...(bySignature.get(signature) ?? []), { entry, keys }]);
    out.push(entry);
  }
  return out;
}

export function buildPortfolio(
  docs: readonly DocumentResult[],
  config: Config = {},
  opts: BuildOptions = {},
): Portfolio {
  const today = opts.today ?? config.today ?? new Date().toISOString().slice(0, 10);
  const ok = withoutCopies(
    docs.filter((d) => d.status === 'ok'),
    (file) => opts.draft !== undefined && sameFile(opts.draft, file),
  );
  const raw = ok.map(({ d, copies }) => {
    const cc = contractConfig(config, d.file);
    const facts: Fact[] = [];
    // facts rest on single sentences, as the rules found them, not on a clause joining several
    for (const c of d.clauses.flatMap(partsAsClauses)) {
      const f = factOf(d.file, c, cc?.set?.[c.category]);
      if (f) facts.push(...eachRight(f));
    }
    addStated(facts, d.file, cc?.set);
    return { d, copies, cc, facts, parties: partiesOf(facts) };
  });
  const {
    me,
    source,
    why: meWhy,
  } = inferMe(
    raw.map((r) => r.parties),
    config,
    opts.me,
  );

  const contracts: Contract[] = raw.map(({ d, copies, cc: fileCc, facts, parties }) => {
    let counterparty = fileCc?.counterparty;
    if (!counterparty) {
      const others = parties.filter((p) => !isMe(p.name, me, config));
      const byRole = others.find((p) => partyRole(p.role) === 'client');
      counterparty = (byRole ?? (me ? others[0] : undefined))?.name;
    }
    const client = clientConfig(config, counterparty);
    const cc: ContractConfig = { ...(client ?? {}), ...(fileCc ?? {}) };
    // corrections given for the client apply to each of its contracts, under the file's own
    if (client?.set) {
      const own = fileCc?.set ?? {};
      for (const [cat, vals] of Object.entries(client.set)) {
        const extra = Object.fromEntries(Object.entries(vals).filter(([k]) => !(own[cat] && k in own[cat]!)));
        for (const f of facts)
          if (f.category === cat) {
            Object.assign(f.values, extra);
            f.corrected.push(...Object.keys(extra));
          }
      }
      addStated(facts, d.file, client.set);
    }
    normaliseFacts(facts, parties, me, config);
    const first = (kind: FactKind, key: string) =>
      facts.find((f) => f.kind === kind && f.values[key] !== undefined)?.values[key];
    const effective = cc.effectiveDate ?? str(first('effective', 'date'));
    const termMonths = num(first('expiry', 'termMonths')) ?? num(first('renewal', 'termMonths'));
    const expiry =
      cc.expiryDate ??
      str(first('expiry', 'date')) ??
      (effective && termMonths ? addDays(addMonths(effective, termMonths), -1) : undefined);
    const noticeFacts = facts.filter((f) => f.kind === 'renewal-notice' && num(f.values.noticeDays) !== undefined);
    // the clause that renews the contract, before one that only mentions a renewal term ("may increase the
    // fee for a renewal term by giving notice 120 days before the end")
    const renewalFacts = facts.filter((f) => f.kind === 'renewal' && num(f.values.renewalMonths) !== undefined);
    const renewalFact =
      renewalFacts.find((f) =>
        /\b(?:renew(?:s|ed)?|extend(?:s|ed)?)\b|\bautomatic\w*\s+(?:renewal|extension)/i.test(f.clause.text),
      ) ?? renewalFacts[0];
    const renewalNotice =
      noticeFacts.find((f) =>
        /\bnon-?renew|\bnot\s+(?:to\s+)?renew|\bprevent\s+(?:the\s+)?renewal|\bterminat\w*\s+(?:at|upon)\s+the\s+end/i.test(
          f.clause.text,
        ),
      ) ?? noticeFacts[0];
    const rateFact = first('rate', 'rate') as Rate | undefined;
    const UNITS = ['hour', 'day', 'week', 'month', 'year', 'project'];
    const rate =
      cc.rate ??
      (rateFact &&
      typeof rateFact === 'object' &&
      num(rateFact.amount) !== undefined &&
      UNITS.includes(String(rateFact.unit ?? 'hour'))
        ? { ...rateFact, unit: (rateFact.unit ?? 'hour') as Rate['unit'] }
        : undefined);
    const hoursPerWeek = cc.hoursPerWeek ?? num(first('commitment', 'hoursPerWeek'));
    const fullTime = cc.fullTime ?? (first('commitment', 'fullTime') === true ? true : undefined);
    const av =
      cc.value !== undefined ? { value: cc.value, basis: 'clausemap.yaml' } : annualValue(rate, hoursPerWeek, fullTime);
    workOutCaps(facts, av.value, av.basis);
    const fields = cc.field === undefined ? [] : Array.isArray(cc.field) ? cc.field : [cc.field];
    const isDraft = opts.draft !== undefined && sameFile(opts.draft, d.file);
    const status: Contract['status'] = isDraft
      ? 'draft'
      : (cc.status ?? (expiry && expiry < today && !first('renewal', 'renewalMonths') ? 'expired' : 'signed'));
    return {
      file: d.file,
      group: 0,
      ...(copies.length ? { copies } : {}),
      ...(d.title ? { title: d.title } : {}),
      status,
      parties,
      meNames: me
        ? parties.filter((p) => isMe(p.name, me, config)).flatMap((p) => (p.role ? [p.name, p.role] : [p.name]))
        : [],
      ...(counterparty ? { counterparty } : {}),
      ...(effective ? { effective } : {}),
      ...(expiry ? { expiry } : {}),
      ...(termMonths !== undefined ? { termMonths } : {}),
      ...(renewalFact
        ? { renewalMonths: num(renewalFact.values.renewalMonths), renewalFact }
        : renewalNotice && /\brenew/i.test(renewalNotice.clause.text)
          ? { renewalMonths: durationMonths(renewalNotice.clause.text.replace(/^[^]*?renew\w*/i, '')) ?? 12 }
          : {}),
      ...(renewalNotice
        ? { renewalNoticeDays: num(renewalNotice.values.noticeDays), renewalNoticeFact: renewalNotice }
        : {}),
      ...(cc.industry ? { industry: cc.industry } : {}),
      fields,
      ...(rate ? { rate } : {}),
      ...(hoursPerWeek !== undefined ? { hoursPerWeek } : {}),
      ...(fullTime !== undefined ? { fullTime } : {}),
      ...(av.value !== undefined ? { value: av.value, valueBasis: av.basis } : {}),
      facts,
      ...(Object.keys(cc).length ? { config: cc } : {}),
    };
  });
  assignGroups(
    contracts,
    raw.map((r) => r.parties),
    me,
    config,
  );
  assignFamilies(contracts);
  applyAmendments(contracts);
  return {
    ...(me ? { me } : {}),
    ...(source ? { meSource: source } : {}),
    meWhy,
    today,
    contracts,
    config,
    ...(opts.configFile ? { configFile: opts.configFile } : {}),
  };
}

/**
 * Which contracts may be checked against each other. With "me" known, every contract is the user's, so
 * all are one group. Without it (an archive of unrelated contracts), contracts are grouped by the parties
 * they share, directly or through others; there a contract whose parties were not read stands alone.
 */
function assignGroups(
  contracts: Contract[],
  parties: ReadonlyArray<readonly Party[]>,
  me: string | undefined,
  config: Config,
): void {
  // with "me" known, or too few parties read to tell who deals with whom, the portfolio is one group
  if (me || mePatterns(config).length || parties.filter((ps) => ps.length).length < 2) {
    for (const c of contracts) c.group = 0;
    return;
  }
  const up = contracts.map((_, i) => i);
  const find = (i: number): number => (up[i] === i ? i : (up[i] = find(up[i]!)));
  const byName = new Map<string, number>();
  parties.forEach((ps, i) => {
    for (const p of ps) {
      const k = normName(p.name);
      if (!k) continue;
      const j = byName.get(k);
      if (j === undefined) byName.set(k, i);
      else up[find(i)] = find(j);
    }
  });
  contracts.forEach((c, i) => (c.group = find(i)));
}

/** The period a contract binds: [effective, expiry], open ends when unknown. */
export function period(c: Contract): { from?: string; to?: string } {
  return { ...(c.effective ? { from: c.effective } : {}), ...(c.expiry && !c.renewalMonths ? { to: c.expiry } : {}) };
}

/** Whether two periods overlap; unknown ends count as open, so unknown dates overlap. */
export function overlaps(a: { from?: string; to?: string }, b: { from?: string; to?: string }): boolean {
  if (a.to && b.from && a.to < b.from) return false;
  if (b.to && a.from && b.to < a.from) return false;
  return true;
}

export function describePeriod(p: { from?: string; to?: string }): string {
  return `${p.from ?? 'start unknown'} – ${p.to ?? 'open-ended'}`;
}

export function name(c: Contract): string {
  return c.counterparty ? `${c.counterparty} (${path.basename(c.file)})` : path.basename(c.file);
}

/** Contracts of one group with the same client are one family: the MSA, its SOWs, orders and amendments. */
function assignFamilies(contracts: Contract[]): void {
  const ids = new Map<string, number>();
  for (const c of contracts) {
    if (!c.counterparty) continue;
    const key = `${c.group}|${normName(stripSuffix(c.counterparty))}`;
    if (!ids.has(key)) ids.set(key, ids.size + 1);
    c.family = ids.get(key);
  }
}

const AMENDMENT_TITLE = /\b(?:amendment|addendum|amending|variation|modification)\b/i;

/** Whether a fact's clause sits in section `section` ("5", "7.2") or under the heading the amendment names. */
function inSection(f: Fact, a: { section: string; sectionTitle?: string }): boolean {
  const n = a.section.replace(/\./g, '\\.');
  const numbered = new RegExp(`^\\s*(?:(?:section|article|clause)\\s+)?${n}(?:\\.\\d+)*(?:[.):\\s]|$)`, 'i');
  if (numbered.test(f.clause.heading ?? '') || numbered.test(f.clause.text)) return true;
  const title = a.sectionTitle?.toLowerCase();
  return !!title && !!f.clause.heading && f.clause.heading.toLowerCase().includes(title);
}

/**
 * An amendment that deletes or replaces a numbered section of another contract of its family takes that
 * section's facts out of the contract it amends (a replacement's own words are the amendment's facts). The
 * contract keeps a note of what was taken out, for the report.
 */
function applyAmendments(contracts: Contract[]): void {
  for (const amending of contracts) {
    if (amending.family === undefined) continue;
    const changes = amending.facts.filter((f) => f.kind === 'amendment' && str(f.values.section));
    if (!changes.length) continue;
    const isAmendment = (c: Contract) =>
      AMENDMENT_TITLE.test(c.title ?? '') || c.facts.some((f) => f.kind === 'amendment');
    const amended = contracts.filter(
      (c) =>
        c !== amending &&
        c.family === amending.family &&
        !isAmendment(c) &&
        (!c.effective || !amending.effective || c.effective <= amending.effective),
    );
    for (const c of amended) {
      for (const ch of changes) {
        const a = {
          section: str(ch.values.section)!,
          ...(str(ch.values.sectionTitle) ? { sectionTitle: str(ch.values.sectionTitle)! } : {}),
        };
        const out = c.facts.filter((f) => f.kind !== 'parties' && f.kind !== 'effective' && inSection(f, a));
        if (!out.length) continue;
        c.facts = c.facts.filter((f) => !out.includes(f));
        (c.amendedBy ??= []).push({
          by: amending.file,
          ...a,
          action: ch.values.action === 'deleted' ? 'deleted' : 'replaced',
          removed: [...new Set(out.map((f) => f.category))],
        });
      }
    }
  }
}
