// The shape of a cross-contract rule (rules/portfolio/<id>.yaml): metadata a person reads (title,
// severity, explanation, suggestion) and one or more checks, each of a closed set of types implemented in
// code (src/check/, one file per type): `pair` joins facts of two contracts, `each` tests one fact, `sum` adds a
// measure over concurrent contracts, `spread` counts different values across clients, `asymmetry`
// weighs who may end contracts on short notice, `calendar` lists dated deadlines.
import { z } from 'zod';
import { ConfigSchema } from '../config/config.js';
import { VALUE_GROUPS } from '../extract/attributes/values.js';
import { SeveritySchema } from '../schema.js';

/** The kinds of fact a selector may name: the value groups of clause categories. */
export const FACT_KINDS = VALUE_GROUPS;

const Scalar = z.union([z.string(), z.number(), z.boolean()]);
/** A condition on one value: a literal, any of a list, or a comparison. */
export const ConditionSchema = z.union([
  Scalar,
  z.array(Scalar).min(1),
  z
    .object({
      gt: z.number().optional(),
      gte: z.number().optional(),
      lt: z.number().optional(),
      lte: z.number().optional(),
      exists: z.boolean().optional(),
      not: z.union([Scalar, z.array(Scalar)]).optional(),
    })
    .strict(),
]);
export type Condition = z.infer<typeof ConditionSchema>;

export const SelectorSchema = z
  .object({
    /** a fact kind, or `engagement` for the contract as a whole (its rate, hours, field) */
    fact: z.enum([...FACT_KINDS, 'engagement']),
    /** categories to restrict to (e.g. only restrict.non-compete) */
    category: z.array(z.string()).optional(),
    where: z.record(z.string(), ConditionSchema).optional(),
    /** several `where`s, any of which may hold */
    whereAny: z.array(z.record(z.string(), ConditionSchema)).optional(),
  })
  .strict();
export type Selector = z.infer<typeof SelectorSchema>;

const Base = {
  id: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional(),
  severity: SeveritySchema.optional(),
  title: z.string().optional(),
};

export const PairCheckSchema = z
  .object({
    type: z.literal('pair'),
    ...Base,
    left: z.union([SelectorSchema, z.array(SelectorSchema).min(1)]),
    right: z.union([SelectorSchema, z.array(SelectorSchema).min(1)]),
    /** how the two facts must relate; `same-named-thing`: both name one particular thing ("the Lexigrid MedTerm
     *  Termbase"), src/check/named-things.ts */
    relation: z
      .enum(['any', 'not-named-apart', 'same-subject', 'same-named-thing', 'covers-engagement', 'rate-below'])
      .default('any'),
    /** the two contracts' periods must overlap (the left one's including its restriction tail) */
    concurrent: z.boolean().default(false),
    /** report a–b and b–a once */
    symmetric: z.boolean().default(false),
    /** for `same-subject`: share of the left subject's words found in the right one */
    minOverlap: z.number().min(0).max(1).default(0.5),
    /** for `same-subject`: what to do when a subject cannot be read or is an unresolved defined term */
    ifUnknown: z.enum(['fire', 'quiet']).default('quiet'),
    /** the finding's first sentence: {a} and {b} name the contracts, {left.KEY} / {right.KEY} the values read */
    message: z.string().optional(),
  })
  .strict();

export const EachCheckSchema = z
  .object({
    type: z.literal('each'),
    ...Base,
    select: SelectorSchema,
    /** fire only when this value of the fact is above the user's own figure in clausemap.yaml */
    above: z
      .object({
        value: z.string(),
        config: z.enum(['insurance.amount', 'capacityHoursPerWeek']),
        /** the figure to assume when clausemap.yaml does not give one (said so in the finding) */
        default: z.number().nonnegative().optional(),
      })
      .strict()
      .optional(),
    /** fire only when no fact of this selection exists in the same contract (e.g. an indemnity with no cap) */
    unless: SelectorSchema.optional(),
  })
  .strict();

export const SumCheckSchema = z
  .object({
    type: z.literal('sum'),
    ...Base,
    measure: z.enum(['hoursPerWeek', 'volumePerMonth', 'liabilityCap']),
    /** the limit: the user's capacity, or the portfolio's annual fees times `factor` */
    limit: z.enum(['capacity', 'fees']),
    default: z.number().positive().optional(),
    factor: z.number().positive().default(1),
    /** hours a full-time or exclusive commitment counts for */
    fullTimeHours: z.number().positive().default(40),
  })
  .strict();

export const SpreadFieldSchema = z
  .object({
    label: z.string(),
    /** the fact kind(s) to read the value from, first found wins (e.g. payment days stated in an invoicing clause) */
    fact: z.union([z.enum(FACT_KINDS), z.array(z.enum(FACT_KINDS)).min(1)]),
    value: z.string(),
    /** only facts whose values meet these conditions count (e.g. the client's own termination right) */
    where: z.record(z.string(), ConditionSchema).optional(),
    /** burden points per extra different value */
    weight: z.number().nonnegative().default(1),
    /** a spread of this field alone is a finding (e.g. notice periods), with this minimum ratio max/min */
    alone: z.boolean().default(false),
    minRatio: z.number().positive().default(1),
  })
  .strict();

export const SpreadCheckSchema = z
  .object({
    type: z.literal('spread'),
    ...Base,
    fields: z.array(SpreadFieldSchema).min(1),
    /** fire when the burden score reaches this */
    minScore: z.number().nonnegative().default(0),
    /** clients needed before a spread means anything */
    minContracts: z.number().int().min(2).default(2),
  })
  .strict();

export const AsymmetryCheckSchema = z
  .object({
    type: z.literal('asymmetry'),
    ...Base,
    /** the client may end the contract on this many days' notice or fewer */
    shortDays: z.number().nonnegative().default(14),
    /** also one-sided: both may end it, but the user must give at least this many times the client's notice */
    unequalRatio: z.number().min(1).optional(),
    /** fire when the contracts the client can end on short notice while the user cannot make at least this share of the portfolio's value */
    minShare: z.number().min(0).max(1).default(0.25),
  })
  .strict();

export const CalendarCheckSchema = z
  .object({
    type: z.literal('calendar'),
    ...Base,
    /** report deadlines that fall within this many days from today */
    withinDays: z.number().int().nonnegative().default(60),
    kinds: z
      .array(z.enum(['renewal-notice', 'expiry', 'restriction-end']))
      .default(['renewal-notice', 'expiry', 'restriction-end']),
    /** severity when no date falls within `withinDays` (the rule's own severity applies when one does) */
    quietSeverity: SeveritySchema.default('info'),
  })
  .strict();

export const CheckSchema = z.discriminatedUnion('type', [
  PairCheckSchema,
  EachCheckSchema,
  SumCheckSchema,
  SpreadCheckSchema,
  AsymmetryCheckSchema,
  CalendarCheckSchema,
]);
export type Check = z.infer<typeof CheckSchema>;
export type PairCheck = z.infer<typeof PairCheckSchema>;
export type EachCheck = z.infer<typeof EachCheckSchema>;
export type SumCheck = z.infer<typeof SumCheckSchema>;
export type SpreadCheck = z.infer<typeof SpreadCheckSchema>;
export type AsymmetryCheck = z.infer<typeof AsymmetryCheckSchema>;
export type CalendarCheck = z.infer<typeof CalendarCheckSchema>;

/** A contract written into a rule example: clauses with their text and (optionally) the values extraction must read from it. */
export const ExampleContractSchema = z
  .object({
    file: z.string().min(1),
    title: z.string().optional(),
    clauses: z
      .array(
        z
          .object({
            category: z.string(),
            text: z.string().min(1),
            values: z.record(z.string(), z.unknown()).optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export const ExampleSchema = z
  .object({
    name: z.string().min(1),
    config: ConfigSchema.optional(),
    contracts: z.array(ExampleContractSchema).min(1),
    /** the files every finding must cite (fire), or nothing (quiet) */
    cites: z.array(z.string()).optional(),
    /** how many findings a fire example gives (default: at least one) */
    findings: z.number().int().min(1).optional(),
  })
  .strict();
export type Example = z.infer<typeof ExampleSchema>;

export const PortfolioRuleSchema = z
  .object({
    title: z.string().min(1),
    severity: SeveritySchema,
    /** what it means, in words a non-lawyer understands */
    explanation: z.string().min(1),
    suggestion: z.object({ ask: z.string().min(1), fallback: z.string().min(1) }).strict(),
    checks: z.array(CheckSchema).min(1),
    /** whether `check` counts it as a conflict the draft adds (calendars and burden are context, not conflicts) */
    conflict: z.boolean().default(true),
    /** report everything the checks find as one finding (a portfolio-wide picture) rather than one per item */
    combine: z.boolean().default(false),
    examples: z
      .object({
        fire: z.array(ExampleSchema).min(1),
        quiet: z.array(ExampleSchema).min(1),
      })
      .strict(),
  })
  .strict();
export type PortfolioRuleSpec = z.infer<typeof PortfolioRuleSchema>;
