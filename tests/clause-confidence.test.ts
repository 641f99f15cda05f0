// The clause model's detection and confidence, on a small hand-made model so that each rule of the mechanism
// is seen: a detector reports a category only where no rule found it; a rule's clause takes the extension
// model's probability of its segment; a category without a regression takes the rules' measured accuracy;
// a clause that joins sentences takes its surest part. The shipped model is then read the same way.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileModel, loadClauseModel, MODEL_FORMAT, type ClauseModelFile } from '../src/extract/clause-model.js';
import { loadClauseRules } from '../src/extract/clause-rules.js';
import { extractClauses } from '../src/extract/index.js';
import { partsAsClauses } from '../src/check/portfolio.js';
import { ClauseSchema } from '../src/schema.js';
import { HAS_SHARED, SHARED } from './shared-data.js';

const { rules } = loadClauseRules(path.resolve(__dirname, '../rules/clauses'));

const FEATURES = ['w:competes', 'w:ledgers', 'w:accountants'];
const at = (f: string) => FEATURES.indexOf(f);
const FILE: ClauseModelFile = {
  format: MODEL_FORMAT,
  features: FEATURES,
  categories: {
    // extension only: a hit segment with "compete" is sure, the rest of the document is not added
    'restrict.non-compete': { bias: -4, context: { seg: 3 }, weights: [at('w:competes'), 4], threshold: 0.9 },
    // detection only: "accountants ... ledgers" reports audit rights where no rule found them
    'admin.audit-rights': {
      detect: { bias: -6, weights: [at('w:ledgers'), 4, at('w:accountants'), 4], threshold: 0.8 },
    },
  },
  accuracy: { 'meta.agreement-date': 0.9 },
};
const model = compileModel(FILE);

const NON_COMPETE =
  'During the Term, Distributor shall not sell any product that competes with the Products in the Territory.';
const INSPECT = "Supplier's accountants may look at Distributor's ledgers once in each calendar year.";
const DATE = 'This Agreement is made on March 3, 2021 between Acme Inc. and Beta LLC.';

describe('clause confidence and detection (a hand-made model)', () => {
  const text = `${DATE}\n\n1. ${NON_COMPETE}\n\n2. ${INSPECT}\n`;
  const clauses = extractClauses({ text, pageStarts: [0] }, rules, { model });

  it('a rule clause takes the probability of its segment; the detector reports what no rule found', () => {
    const nc = clauses.find((c) => c.category === 'restrict.non-compete')!;
    expect(nc.ruleId).not.toMatch(/\+model$/);
    expect(nc.confidence).toBe(0.95); // 1 / (1 + e^-(−4 + 3 + 4))
    const audit = clauses.find((c) => c.category === 'admin.audit-rights')!;
    expect(audit.ruleId).toBe('admin.audit-rights+model');
    expect(audit.text).toContain(INSPECT);
    expect(audit.confidence).toBe(0.88); // 1 / (1 + e^-(−6 + 8))
    expect(clauses.find((c) => c.category === 'meta.agreement-date')?.confidence).toBe(0.9);
    for (const c of clauses) expect(ClauseSchema.safeParse(c).success).toBe(true);
  });

  it('a detector stays silent where a rule found its category in the document', () => {
    const withRule = `${text}\n3. Supplier shall have the right to audit the books and records of Distributor.\n`;
    const found = extractClauses({ text: withRule, pageStarts: [0] }, rules, { model })
      .flatMap(partsAsClauses)
      .filter((c) => c.category === 'admin.audit-rights');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((c) => !c.ruleId.endsWith('+model'))).toBe(true);
  });

  it('below its threshold, a detector adds nothing', () => {
    const weak = compileModel({
      ...FILE,
      categories: {
        ...FILE.categories,
        'admin.audit-rights': { detect: { ...FILE.categories['admin.audit-rights']!.detect!, threshold: 0.9 } },
      },
    });
    const out = extractClauses({ text, pageStarts: [0] }, rules, { model: weak });
    expect(out.some((c) => c.category === 'admin.audit-rights')).toBe(false);
  });

  it('without a model, clauses carry no confidence', () => {
    expect(extractClauses({ text, pageStarts: [0] }, rules).some((c) => c.confidence !== undefined)).toBe(false);
  });
});

describe.skipIf(!HAS_SHARED)('the shipped model on a real contract', () => {
  const shipped = loadClauseModel()!;
  const file = path.join(SHARED, 'corpus', 'cuad', 'txt', 'ACCURAYINC_09_01_2010-EX-10.31-DISTRIBUTOR AGREEMENT.txt');

  it('gives every clause of a CUAD category a confidence, a joined clause its surest part', () => {
    const text = readFileSync(file, 'utf8');
    const clauses = extractClauses({ text, pageStarts: [0] }, rules, { model: shipped });
    const cuad = new Set([...shipped.categories.map((c) => c.category), ...shipped.accuracy.keys()]);
    const measured = clauses.filter((c) => cuad.has(c.category));
    expect(measured.length).toBeGreaterThan(20);
    for (const c of measured) {
      expect(c.confidence, `${c.category} ${c.ruleId}`).toBeGreaterThanOrEqual(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
      if (c.parts) expect(c.confidence).toBe(Math.max(...c.parts.map((p) => p.confidence ?? 0)));
    }
    expect(shipped.categories.some((c) => c.detect)).toBe(true);
  });
});
