// The shape of a portfolio benchmark scenario (bench/portfolio/scenarios/*.yaml), as a zod schema.
// A scenario is a small portfolio of contracts that one party ("me") signed with its clients, each
// contract assembled from a frame we write, clauses taken from the CUAD development split at build time,
// and short glue clauses. `expect` says which cross-contract conflicts are planted in it.
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written yyyy-mm-dd');

/** A clause taken from CUAD: the contract's .txt file name, the CUAD category, which span (0-based). */
export const CuadRefSchema = z
  .object({
    cuad: z.string().min(1),
    category: z.string().min(1),
    span: z.number().int().nonnegative().default(0),
    /** only this piece of a span the lawyers cut with <omitted> (0-based); default: all pieces, joined */
    piece: z.number().int().nonnegative().optional(),
    /** CUAD party names or defined terms → the words this contract uses (whole words, case-sensitive) */
    rename: z.record(z.string().min(1), z.string()).default({}),
    /** a run-in heading for the paragraph */
    heading: z.string().optional(),
  })
  .strict();

/** A clause we wrote (a value CUAD's span does not carry), with an optional run-in heading. */
export const GlueSchema = z.object({ glue: z.string().min(1), heading: z.string().optional() }).strict();

export const ClauseSchema = z.union([z.string().min(1), CuadRefSchema, GlueSchema]);

export const SectionSchema = z.object({ heading: z.string().min(1), clauses: z.array(ClauseSchema).min(1) }).strict();

export const PartySchema = z
  .object({
    /** full legal name */
    name: z.string().min(1),
    /** "a Delaware corporation", "a New York limited liability company" */
    entity: z.string().min(1),
    /** the defined term the contract uses for it: "Client", "Consultant", "Licensee" ... */
    role: z.string().min(1),
    /** a recital: what the party does ("operates an online payment platform for small merchants") */
    business: z.string().min(1).optional(),
  })
  .strict();

export const FRAMES = ['consulting', 'msa', 'sow', 'licence', 'reseller', 'supply'];

export const ContractSchema = z
  .object({
    /** the built file's name; its extension is the format (txt, docx, pdf) */
    file: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*\.(txt|docx|pdf)$/, 'a file name such as 01-acme.pdf (txt, docx or pdf)'),
    frame: z.enum(FRAMES),
    title: z.string().min(1),
    client: PartySchema,
    /** my defined term in this contract (my name and entity are the scenario's) */
    meRole: z.string().min(1),
    date: isoDate,
    /** length of the initial term in months; the frame writes the term clause from it unless `term` says */
    months: z.number().int().positive().default(12),
    /** the term clause written out (replaces the one the frame writes) */
    term: z.string().min(1).optional(),
    /** for a statement of work: the master agreement it is issued under */
    master: z
      .object({ title: z.string().min(1), date: isoDate })
      .strict()
      .optional(),
    /** extra recitals after the parties' businesses */
    recitals: z.array(z.string().min(1)).default([]),
    /** defined terms, listed in a Definitions section: `"Term" means ...` */
    definitions: z.array(z.object({ term: z.string().min(1), means: z.string().min(1) }).strict()).default([]),
    sections: z.array(SectionSchema).default([]),
    /** governing law: a state or country ("New York", "England and Wales") */
    law: z.string().min(1).default('Delaware'),
    /** schedules after the signatures */
    schedules: z
      .array(z.object({ title: z.string().min(1), clauses: z.array(ClauseSchema).min(1) }).strict())
      .default([]),
  })
  .strict();

export const ExpectSchema = z
  .object({
    /** a portfolio rule id: a file name (without .yaml) in rules/portfolio */
    rule: z.string().regex(/^[a-z0-9-]+$/, 'a rule id such as mfn-breach (the file name in rules/portfolio)'),
    /** the contracts (file names) a finding must name, all of them */
    contracts: z.array(z.string().min(1)).min(1),
    /** what is planted, in one sentence, for the reader of a miss */
    why: z.string().min(1).optional(),
  })
  .strict();

export const FAMILIES = [
  'restriction',
  'mfn',
  'background-ip',
  'capacity',
  'termination',
  'liability',
  'exclusive-licence',
  'admin',
  'deadlines',
  'draft',
  'near-miss',
  'clean',
];

export const ScenarioSchema = z
  .object({
    family: z.enum(FAMILIES),
    description: z.string().min(1),
    me: z
      .object({
        name: z.string().min(1),
        entity: z.string().min(1),
        /** a recital: what I do */
        business: z.string().min(1),
      })
      .strict(),
    /** "now" for the run (clausemap.yaml `today`), so that the periods and the calendar do not move */
    today: isoDate.default('2026-10-01'),
    /** what I know about myself and would put in clausemap.yaml (never per-contract corrections) */
    config: z
      .object({
        capacityHoursPerWeek: z.number().positive().optional(),
        capacityPerMonth: z.object({ amount: z.number().positive(), unit: z.string().min(1) }).strict().optional(),
        insurance: z.object({ amount: z.number().positive(), currency: z.string().optional() }).strict().optional(),
      })
      .strict()
      .default({}),
    /** for `clausemap check DRAFT --against` the other contracts: the draft's file name */
    draft: z.string().min(1).optional(),
    contracts: z.array(ContractSchema).min(2).max(8),
    expect: z.array(ExpectSchema).default([]),
    /**
     * findings that are right but not required: the same planted conflict seen by another rule (an exclusive
     * licence granted twice is also an exclusivity that reaches the other licensee). Never counted as found,
     * never as a false alarm.
     */
    allow: z.array(ExpectSchema).default([]),
  })
  .strict()
  .superRefine((s, ctx) => {
    const files = s.contracts.map((c) => c.file);
    files.forEach((f, i) => {
      if (files.indexOf(f) !== i)
        ctx.addIssue({ code: 'custom', path: ['contracts', i, 'file'], message: `${f} is listed twice` });
    });
    if (s.draft && !files.includes(s.draft))
      ctx.addIssue({ code: 'custom', path: ['draft'], message: `the draft ${s.draft} is not one of the contracts` });
    for (const key of ['expect', 'allow'])
      s[key].forEach((e, i) =>
        e.contracts.forEach((f, j) => {
          if (!files.includes(f))
            ctx.addIssue({
              code: 'custom',
              path: [key, i, 'contracts', j],
              message: `${f} is not one of the contracts`,
            });
        }),
      );
    if (s.draft)
      s.expect.forEach((e, i) => {
        if (!e.contracts.includes(s.draft))
          ctx.addIssue({
            code: 'custom',
            path: ['expect', i],
            message: 'a check scenario only expects conflicts the draft brings',
          });
      });
    if ((s.family === 'clean' || s.family === 'near-miss') && (s.expect.length || s.allow.length))
      ctx.addIssue({ code: 'custom', path: ['expect'], message: `a ${s.family} scenario plants and allows nothing` });
    if (s.family === 'clean' && s.contracts.length < 5)
      ctx.addIssue({ code: 'custom', path: ['contracts'], message: 'a clean portfolio has 5 to 8 contracts' });
  });
