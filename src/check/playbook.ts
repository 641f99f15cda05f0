// The user's playbook (rules/playbook/default.yaml, or their own with --playbook / clausemap.yaml): the
// positions a freelancer holds on each term, with ideal / acceptable / walk-away values. A draft is read
// term by term against it (deviations), and each term is placed in a priority matrix: impact on this
// engagement × impact on the portfolio → "hold firm", "trade", "concede", or "accept as is" for a term
// already at the ideal. Pure apart from loading.
import { z } from 'zod';
import type { Deviation, Finding, Priority } from '../schema.js';
import { loadYaml, type LoadProblem } from '../yaml-load.js';
import { terminationOf } from './asymmetry.js';
import { cite, num, str, type Contract, type Fact, type Portfolio } from './portfolio.js';

/** The measures a playbook position can read from a contract (a closed set, implemented below). */
export const MEASURES = [
  'backgroundIp',
  'nonCompeteMonths',
  'nonCompeteScope',
  'exclusivity',
  'liability',
  'indemnity',
  'paymentDays',
  'terminationNoticeMin',
  'insuranceAmount',
  'mfn',
  'committedHours',
] as const;
type Measure = (typeof MEASURES)[number];

const Level = z.union([z.number(), z.string(), z.array(z.union([z.number(), z.string()]))]);

export const PositionSchema = z
  .object({
    term: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(1),
    measure: z.enum(MEASURES),
    /** `max`: lower is better; `min`: higher is better; `enum`: the values listed at each level */
    compare: z.enum(['max', 'min', 'enum']),
    ideal: Level,
    acceptable: Level,
    walkAway: Level,
    /** the position in words, for the report */
    position: z.string().min(1),
    /** base impact (1–10) of this term on one engagement and on the portfolio as a whole */
    impact: z
      .object({ engagement: z.number().int().min(1).max(10), portfolio: z.number().int().min(1).max(10) })
      .strict(),
  })
  .strict();
export type Position = z.infer<typeof PositionSchema>;

export const PlaybookSchema = z
  .object({
    title: z.string().min(1),
    positions: z.array(PositionSchema).min(1),
  })
  .strict();
export type Playbook = z.infer<typeof PlaybookSchema>;

export function loadPlaybook(file: string): { playbook?: Playbook; problems: LoadProblem[] } {
  const r = loadYaml(file, PlaybookSchema);
  return r.ok ? { playbook: r.value, problems: [] } : { problems: r.problems };
}

interface Reading {
  value: number | string | undefined;
  found: string;
  fact?: Fact;
}

const facts = (c: Contract, kind: Fact['kind'], cats?: string[]) =>
  c.facts.filter((f) => f.kind === kind && (!cats || cats.includes(f.category)));

/** What a contract says on one measure; `value` undefined means the term is missing. */
export function read(c: Contract, m: Measure, p: Portfolio): Reading {
  switch (m) {
    case 'backgroundIp': {
      const f = facts(c, 'ip').find((x) => str(x.values.backgroundIp));
      if (f)
        return {
          value: str(f.values.backgroundIp),
          found: `background IP ${f.values.backgroundIp}${f.values.broad ? ' (all know-how, tools and methods)' : ''}`,
          fact: f,
        };
      return { value: 'retained', found: 'background IP not assigned' };
    }
    case 'nonCompeteMonths': {
      const f = facts(c, 'covenant', ['restrict.non-compete']).sort(
        (a, b) => (num(b.values.tailMonths) ?? 0) - (num(a.values.tailMonths) ?? 0),
      )[0];
      if (!f) return { value: 0, found: 'no non-compete' };
      const t = num(f.values.tailMonths);
      return t === undefined
        ? { value: undefined, found: 'non-compete (length not read)', fact: f }
        : { value: t, found: `non-compete for ${t} months after the end`, fact: f };
    }
    case 'nonCompeteScope': {
      const f = facts(c, 'covenant', ['restrict.non-compete'])[0];
      if (!f) return { value: 'none', found: 'no non-compete' };
      const fieldV = str(f.values.field);
      const scope = !fieldV ? 'broad' : fieldV === 'competitors' ? 'direct competitors' : 'field';
      return {
        value: scope,
        found: `non-compete covering ${fieldV === 'competitors' ? "the client's competitors" : fieldV ? `"${fieldV}"` : 'any business'}`,
        fact: f,
      };
    }
    case 'exclusivity': {
      const f = facts(c, 'covenant', ['restrict.exclusivity'])[0];
      return f
        ? {
            value: str(f.values.field) ? 'field' : 'any',
            found: `exclusivity${str(f.values.field) ? ` in ${f.values.field}` : ' with no field limit'}`,
            fact: f,
          }
        : { value: 'none', found: 'no exclusivity' };
    }
    case 'liability': {
      const ls = facts(c, 'liability');
      const unc = ls.find((f) => f.values.uncapped === true);
      if (unc) return { value: 'uncapped', found: 'uncapped liability', fact: unc };
      const cap = ls.find((f) => str(f.values.protects) === 'provider' || str(f.values.protects) === 'both') ?? ls[0];
      if (!cap) return { value: undefined, found: 'no limitation of liability found' };
      if (str(cap.values.protects) === 'client')
        return { value: 'client-only', found: "only the client's liability is capped", fact: cap };
      const formula = str(cap.values.capFormula);
      if (formula && /fees\s+paid/.test(formula)) return { value: 'fees', found: `capped at ${formula}`, fact: cap };
      if (formula) return { value: 'multiple', found: `capped at ${formula}`, fact: cap };
      const amt = num(cap.values.capAmount);
      if (amt !== undefined)
        return {
          value: c.value !== undefined && amt <= c.value ? 'fees' : 'amount',
          found: `capped at ${amt}`,
          fact: cap,
        };
      return { value: 'amount', found: 'capped (amount not read)', fact: cap };
    }
    case 'indemnity': {
      const f = facts(c, 'indemnity').find((x) => ['provider', 'both'].includes(str(x.values.indemnifier) ?? ''));
      if (!f) return { value: 'none', found: 'no indemnity from you' };
      const capped = facts(c, 'liability').some(
        (x) => ['provider', 'both'].includes(str(x.values.protects) ?? '') && x.values.uncapped !== true,
      );
      return {
        value: capped ? 'capped' : 'uncapped',
        found: `indemnity from you, ${capped ? 'within the liability cap' : 'with no cap protecting you'}`,
        fact: f,
      };
    }
    case 'paymentDays': {
      const f = facts(c, 'payment').find((x) => num(x.values.paymentDays) !== undefined);
      return f
        ? { value: num(f.values.paymentDays), found: `payment within ${f.values.paymentDays} days`, fact: f }
        : { value: undefined, found: 'no payment term found' };
    }
    case 'terminationNoticeMin': {
      const t = terminationOf(c);
      const f = t.clientFacts[0] ?? t.providerFacts[0];
      if (t.client === undefined && t.provider === undefined)
        return { value: undefined, found: 'no termination for convenience found' };
      const both = Math.min(t.client ?? Infinity, t.provider ?? 0);
      return {
        value: Number.isFinite(both) ? both : 0,
        found: `client ${t.client ?? 'no right'}${t.client !== undefined ? ' days' : ''}, you ${t.provider ?? 'no right'}${t.provider !== undefined ? ' days' : ''}`,
        ...(f ? { fact: f } : {}),
      };
    }
    case 'insuranceAmount': {
      const f = facts(c, 'insurance').find((x) => num(x.values.insuranceAmount) !== undefined);
      if (!f) return { value: 0, found: 'no insurance amount required' };
      const amt = num(f.values.insuranceAmount)!;
      const cover = p.config.insurance?.amount;
      return {
        value: cover !== undefined ? amt - cover : amt,
        found: `insurance of ${amt} required${cover !== undefined ? ` (you hold ${cover})` : ''}`,
        fact: f,
      };
    }
    case 'mfn': {
      const f = facts(c, 'mfn')[0];
      return f
        ? { value: 'yes', found: 'most-favoured-client pricing promised', fact: f }
        : { value: 'none', found: 'no most-favoured-client promise' };
    }
    case 'committedHours': {
      const f = facts(c, 'commitment').find(
        (x) => num(x.values.hoursPerWeek) !== undefined || x.values.fullTime === true,
      );
      if (!f) return { value: 0, found: 'no committed hours' };
      const h = num(f.values.hoursPerWeek) ?? 40;
      return { value: h, found: f.values.fullTime === true ? 'full-time' : `${h} hours a week`, fact: f };
    }
  }
}

const inLevel = (v: number | string, level: z.infer<typeof Level>) =>
  Array.isArray(level) ? level.map(String).includes(String(v)) : String(level) === String(v);

export function levelOf(pos: Position, v: number | string | undefined): Deviation['level'] {
  if (v === undefined) return 'missing';
  if (pos.compare === 'enum') {
    if (inLevel(v, pos.ideal)) return 'ideal';
    if (inLevel(v, pos.acceptable)) return 'acceptable';
    if (inLevel(v, pos.walkAway)) return 'walk-away';
    return 'beyond-walk-away';
  }
  const n = Number(v);
  const lim = (x: z.infer<typeof Level>) => Number(Array.isArray(x) ? x[0] : x);
  const better = (a: number, b: number) => (pos.compare === 'max' ? a <= b : a >= b);
  if (better(n, lim(pos.ideal))) return 'ideal';
  if (better(n, lim(pos.acceptable))) return 'acceptable';
  if (better(n, lim(pos.walkAway))) return 'walk-away';
  return 'beyond-walk-away';
}

export function deviationsOf(c: Contract, pb: Playbook, p: Portfolio): Array<Deviation & { pos: Position }> {
  return pb.positions.map((pos) => {
    const r = read(c, pos.measure, p);
    return {
      term: pos.term,
      position: pos.position,
      found: r.found,
      level: levelOf(pos, r.value),
      ...(r.fact && !r.fact.fromConfig ? { clause: cite(r.fact) } : {}),
      pos,
    };
  });
}

const LEVEL_FACTOR: Record<Deviation['level'], number> = {
  ideal: 0.2,
  acceptable: 0.5,
  'walk-away': 0.8,
  'beyond-walk-away': 1,
  missing: 0.6,
};
const clamp = (n: number) => Math.max(1, Math.min(10, Math.round(n)));

/** The priority matrix of the draft's terms. A term the draft's new findings rest on weighs more on the portfolio. */
export function prioritiesOf(
  devs: ReadonlyArray<Deviation & { pos: Position }>,
  findings: readonly Finding[],
  draftFile: string,
): Priority[] {
  return devs
    .map((d) => {
      const f = LEVEL_FACTOR[d.level];
      const conflict = findings.find(
        (x) => x.draft && d.clause && x.clauses.some((c) => c.file === draftFile && c.category === d.clause!.category),
      );
      const impactEngagement = clamp(d.pos.impact.engagement * f + (d.level === 'beyond-walk-away' ? 2 : 0));
      const impactPortfolio = clamp(d.pos.impact.portfolio * f + (conflict ? 4 : 0));
      const product = impactEngagement * impactPortfolio;
      // a term the draft already has at the ideal, with nothing in the portfolio against it, needs no move
      const bucket: Priority['bucket'] =
        impactPortfolio >= 8 || product >= 40
          ? 'hold firm'
          : product >= 15
            ? 'trade'
            : d.level === 'ideal' && !conflict
              ? 'accept as is'
              : 'concede';
      const reason =
        `${d.found}: ${d.level.replace(/-/g, ' ')} against "${d.position}"` +
        `${conflict ? `; it conflicts with the portfolio (${conflict.ruleId})` : ''}; engagement ${impactEngagement} × portfolio ${impactPortfolio} = ${product}.`;
      return { term: d.term, impactEngagement, impactPortfolio, bucket, reason };
    })
    .sort(
      (a, b) =>
        b.impactEngagement * b.impactPortfolio - a.impactEngagement * a.impactPortfolio || a.term.localeCompare(b.term),
    );
}
