// The data that flows between clausemap's stages, declared once: zod schemas give both the types and
// the runtime check where that data crosses an edge (child-process messages, the term database, the
// stage cache). The schemas of what people write (clause and portfolio rules, clausemap.yaml, the
// playbook) live beside their loaders.
import { z } from 'zod';

export const ErrorCodeSchema = z.enum([
  'EMPTY_FILE',
  'FILE_TOO_LARGE',
  'NOT_FOUND',
  'UNREADABLE',
  'UNSUPPORTED_TYPE',
  'LEGACY_DOC',
  'NOT_A_WORD_DOCUMENT',
  'PASSWORD_REQUIRED',
  'PASSWORD_INCORRECT',
  'ENCRYPTED_DOCUMENT',
  'CORRUPT_PDF',
  'CORRUPT_DOCX',
  'CORRUPT_DOC',
  'CORRUPT_IMAGE',
  'ARCHIVE_BOMB',
  'TOO_COMPLEX',
  'NO_TEXT_LAYER',
  'NO_TEXT',
  'BLANK_SCAN',
  'ILLEGIBLE_SCAN',
  'INTERNAL',
  // entries of a folder (or inputs) that are not read: see src/pipeline/inputs.ts
  'NAMED_PIPE',
  'SOCKET',
  'DEVICE',
  'BROKEN_LINK',
  'LINK_OUTSIDE',
  'PATH_TOO_DEEP',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const WarningSchema = z.object({ code: z.string(), message: z.string() });
export type Warning = z.infer<typeof WarningSchema>;

export const DocKindSchema = z.enum(['pdf', 'docx', 'txt', 'doc', 'rtf', 'image']);
export type DocKind = z.infer<typeof DocKindSchema>;

/** What ingest gives: one text model whatever the format. */
export const DocumentTextSchema = z.object({
  file: z.string(), // the path as the user gave it
  kind: DocKindSchema,
  text: z.string(),
  /** pageStarts[i] is the offset in `text` where page i+1 begins; pageStarts[0] === 0. */
  pageStarts: z.array(z.number().int().nonnegative()),
  sha256: z.string(),
  bytes: z.number().int().nonnegative(),
  title: z.string().optional(),
  warnings: z.array(WarningSchema),
  /** pages read by OCR, each with its mean word confidence (0 to 100) */
  ocrPages: z.array(z.object({ page: z.number().int().positive(), confidence: z.number() })).optional(),
});
export type DocumentText = z.infer<typeof DocumentTextSchema>;

export const AttributeValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  // lists: names, numbers, parties ({ name, role }), and readings of their own (a termination right per party)
  z.array(
    z.union([
      z.string(),
      z.number(),
      z.object({ name: z.string(), role: z.string().optional() }),
      z.record(z.string(), z.unknown()),
    ]),
  ),
  z.record(z.string(), z.unknown()),
]);
export const AttributesSchema = z.record(z.string(), AttributeValueSchema);
export type Attributes = z.infer<typeof AttributesSchema>;

/** One sentence (or heading, or list item) of a clause, as the rule or the clause model found it. */
export const ClausePartSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  page: z.number().int().positive().optional(),
  ruleId: z.string(),
  attributes: AttributesSchema.optional(),
  confidence: z.number().min(0).max(1).optional(),
});

/** How sure extraction is that a clause is of its category, 0 to 1 (see src/extract/clause-model.ts) */
const ConfidenceSchema = z.number().min(0).max(1);

/** One extracted clause: a span of the document text with the category a rule gave it. */
export const ClauseSchema = z.object({
  category: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(), // exactly documentText.slice(start, end)
  page: z.number().int().positive().optional(),
  ruleId: z.string(), // which rule (and alternative) found it, e.g. "term.anti-assignment#1"
  heading: z.string().optional(), // the section heading it sits under
  attributes: AttributesSchema.optional(),
  /** when the clause joins adjacent sentences of its category: each of them, in text order */
  parts: z.array(ClausePartSchema).optional(),
  /** why a person should check this clause against the original (e.g. read by OCR at low confidence) */
  review: z.string().optional(),
  /** how sure extraction is that the clause is of its category: 0 to 1; a joined clause, its surest part */
  confidence: ConfidenceSchema.optional(),
});
export type Clause = z.infer<typeof ClauseSchema>;

export const DocStatusSchema = z.enum(['ok', 'error', 'skipped']);

/** What analysing one input file gives: clauses, or the reason it could not be read. Never dropped. */
export const DocumentResultSchema = z.object({
  file: z.string(),
  status: DocStatusSchema,
  error: z.object({ code: ErrorCodeSchema, message: z.string() }).optional(),
  kind: DocKindSchema.optional(),
  pages: z.number().int().nonnegative().optional(),
  chars: z.number().int().nonnegative().optional(),
  sha256: z.string().optional(),
  bytes: z.number().int().nonnegative().optional(),
  title: z.string().optional(),
  warnings: z.array(WarningSchema),
  clauses: z.array(ClauseSchema),
});
export type DocumentResult = z.infer<typeof DocumentResultSchema>;

export const SeveritySchema = z.enum(['info', 'low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof SeveritySchema>;
export const SEVERITY_ORDER: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

export const CitedClauseSchema = z.object({
  file: z.string(),
  category: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  page: z.number().int().positive().optional(),
  text: z.string(),
  /** the values the rule read from this clause (e.g. { noticeDays: 7 }) */
  values: z.record(z.string(), z.unknown()).optional(),
  /** the clause's `review` note: check it against the original */
  review: z.string().optional(),
  /** the clause's confidence (see ClauseSchema) */
  confidence: ConfidenceSchema.optional(),
});
export type CitedClause = z.infer<typeof CitedClauseSchema>;

/** A cross-contract finding: which contracts and clauses it rests on, and why it fired. */
export const FindingSchema = z.object({
  ruleId: z.string(), // "portfolio/<file id>"
  severity: SeveritySchema,
  title: z.string(),
  message: z.string(), // plain words, names the contracts
  why: z.string().optional(), // the condition that made it fire, with the values
  suggestion: z.string().optional(), // what to ask for, and a fallback
  documents: z.array(z.string()),
  clauses: z.array(CitedClauseSchema),
  /** set by `check`: the finding involves the draft */
  draft: z.boolean().optional(),
  /** the same on every run over the same contracts, wherever the folder is: for `waive:` in clausemap.yaml */
  id: z.string().optional(),
  /** why the user accepted this finding (clausemap.yaml's `waive:`); a waived finding does not fail the run */
  waived: z.string().optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

/** The key terms shown per contract (report pages, CSV columns), in this order. */
export const KEY_TERMS = [
  'parties',
  'counterparty',
  'effectiveDate',
  'expiryDate',
  'term',
  'renewal',
  'renewalNoticeDays',
  'terminationNotice',
  'liabilityCap',
  'insurance',
  'ipPosition',
  'restrictiveCovenants',
  'governingLaw',
  'paymentTerms',
  'invoicing',
] as const;
export type KeyTerm = (typeof KEY_TERMS)[number];

/** One contract of the portfolio as the checks see it. */
export const ContractSummarySchema = z.object({
  file: z.string(),
  title: z.string().optional(),
  counterparty: z.string().optional(),
  status: z.enum(['signed', 'draft', 'expired']),
  effectiveDate: z.string().optional(), // ISO yyyy-mm-dd
  expiryDate: z.string().optional(),
  /** display values by key term; a missing key means "not found" */
  keyTerms: z.record(z.string(), z.string()),
  /** other files that hold the same contract (copies, the same text in another format): read as this one */
  copies: z.array(z.string()).optional(),
  /** sections an amendment in its family deleted or replaced, and the clause categories that took out */
  amendedBy: z
    .array(
      z.object({
        by: z.string(),
        section: z.string(),
        sectionTitle: z.string().optional(),
        action: z.enum(['deleted', 'replaced']),
        removed: z.array(z.string()),
      }),
    )
    .optional(),
});
export type ContractSummary = z.infer<typeof ContractSummarySchema>;

/** A dated obligation or turning point: renewal-notice deadline, expiry, end of a restriction tail. */
export const DeadlineSchema = z.object({
  date: z.string(), // ISO yyyy-mm-dd
  kind: z.enum(['renewal-notice', 'expiry', 'restriction-end', 'other']),
  file: z.string(),
  title: z.string(),
  clause: CitedClauseSchema.optional(),
});
export type Deadline = z.infer<typeof DeadlineSchema>;

/** `check`: a term of the draft against the user's playbook position. */
export const DeviationSchema = z.object({
  term: z.string(),
  position: z.string(), // the playbook's position in words
  found: z.string(), // what the draft says, in words
  level: z.enum(['ideal', 'acceptable', 'walk-away', 'beyond-walk-away', 'missing']),
  clause: CitedClauseSchema.optional(),
});
export type Deviation = z.infer<typeof DeviationSchema>;

/** `check`: term priority matrix entry (impact 1–10 on this engagement × on the portfolio). */
export const PrioritySchema = z.object({
  term: z.string(),
  impactEngagement: z.number().int().min(1).max(10),
  impactPortfolio: z.number().int().min(1).max(10),
  bucket: z.enum(['hold firm', 'trade', 'concede', 'accept as is']),
  reason: z.string(),
});
export type Priority = z.infer<typeof PrioritySchema>;

export const PortfolioSummarySchema = z.object({
  me: z.string().optional(), // the user's own party name, from --me or clausemap.yaml, or inferred
  /** why `me` is who it is, or why it is unknown */
  meWhy: z.string().optional(),
  contracts: z.array(ContractSummarySchema),
  calendar: z.array(DeadlineSchema),
  burdenScore: z.number().optional(),
  deviations: z.array(DeviationSchema).optional(),
  priorities: z.array(PrioritySchema).optional(),
});
export type PortfolioSummary = z.infer<typeof PortfolioSummarySchema>;

/** The one report model every formatter renders. */
export const ReportSchema = z.object({
  tool: z.object({ name: z.literal('clausemap'), version: z.string(), rulesVersion: z.string() }),
  command: z.enum(['audit', 'check', 'extract']),
  generatedAt: z.string(),
  title: z.string(),
  draft: z.string().optional(),
  /** the clausemap.yaml the run applied (it can change findings), as named on the command line or found */
  config: z.string().optional(),
  documents: z.array(DocumentResultSchema),
  findings: z.array(FindingSchema),
  portfolio: PortfolioSummarySchema.optional(),
  /** the rules used, for the appendix */
  rules: z.array(z.object({ id: z.string(), title: z.string() })).optional(),
});
export type Report = z.infer<typeof ReportSchema>;
