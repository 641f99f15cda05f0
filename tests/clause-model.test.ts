// The clause model shipped in models/ (trained by scripts/train-clause-model.mjs, cross-validated by
// scripts/cv-clause-model.mjs): it loads, it scores real contract sentences sensibly, the clauses it adds
// name the rule that found their category, and extraction without it stays the rules alone.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractClauses } from '../src/extract/index.js';
import {
  CONTEXT,
  contextFeatures,
  featureIds,
  loadClauseModel,
  probability,
  segmentIds,
  textFeatures,
} from '../src/extract/clause-model.js';
import { loadClauseRules } from '../src/extract/clause-rules.js';
import { factOf, partsAsClauses } from '../src/check/portfolio.js';
import type { Clause } from '../src/schema.js';
import { segment } from '../src/extract/segment.js';
import { HAS_SHARED, SHARED } from './shared-data.js';

const CUAD = path.join(SHARED, 'corpus', 'cuad', 'txt');
const { rules } = loadClauseRules(path.resolve(__dirname, '../rules/clauses'));
const model = loadClauseModel();

function read(name: string): string {
  const text = readFileSync(path.join(CUAD, name), 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** p(category) of the segment that contains `words`, in a document where a rule found the category elsewhere */
function scoreOf(text: string, words: RegExp, category: string): number {
  const seg = segment(text).find((s) => words.test(s.text.replace(/\s+/g, ' ')));
  if (!seg) throw new Error(`no segment matches ${words}`);
  const cm = model!.categories.find((c) => c.category === category)!;
  const ctx = new Uint8Array(CONTEXT.length);
  ctx[CONTEXT.indexOf('doc')] = 1;
  return probability(cm, featureIds(model!, textFeatures(seg)), ctx);
}

describe('clause model', () => {
  it('tells a segment right after a hit, a few after one, and an item under a lead-in that was a hit', () => {
    const text =
      'During the Term, Distributor shall not: (a) sell any product that competes with the Products; (b) manufacture any such product. The Company may audit the records. Notices shall be in writing.';
    const segs = segment(text);
    const hitAt = segs.map((s) => s.text.startsWith('During the Term'));
    const ctx = contextFeatures(segs, hitAt);
    const f = (i: number, name: (typeof CONTEXT)[number]) => ctx[i]![CONTEXT.indexOf(name)];
    expect(segs.map((s) => s.text.slice(0, 3))).toEqual(['Dur', '(a)', '(b)', 'The', 'Not']);
    expect([0, 1, 2, 3, 4].map((i) => f(i, 'after1'))).toEqual([0, 1, 0, 0, 0]);
    expect([0, 1, 2, 3, 4].map((i) => f(i, 'after3'))).toEqual([0, 1, 1, 1, 0]);
    expect([0, 1, 2, 3, 4].map((i) => f(i, 'leadhit'))).toEqual([0, 1, 1, 0, 0]);
  });

  it.skipIf(!HAS_SHARED)(
    "finds a segment's feature ids without writing out its features: the same ids in the same order",
    () => {
      const docs = [
        'CybergyHoldingsInc_20140520_10-Q_EX-10.27_8605784_EX-10.27_Affiliate Agreement.txt',
        'LIMEENERGYCO_09_09_1999-EX-10-DISTRIBUTOR AGREEMENT.txt',
      ];
      let segs = 0,
        nonEmpty = 0;
      for (const name of docs) {
        for (const [i, seg] of segment(read(name)).entries()) {
          const cats =
            i % 3 === 0 ? [] : ['ip.license-grant', 'restrict.non-compete', 'no.such-category'].slice(0, i % 4);
          const expected = featureIds(model!, textFeatures(seg, cats));
          expect(Array.from(segmentIds(model!, seg, cats))).toEqual(Array.from(expected));
          segs++;
          if (expected.length > 20) nonEmpty++;
        }
      }
      expect(segs).toBeGreaterThan(100);
      expect(nonEmpty).toBeGreaterThan(50);
    },
  );

  it('loads from models/ with a model per clause category', () => {
    expect(model).toBeDefined();
    const cats = model!.categories.map((c) => c.category);
    expect(cats).toContain('ip.license-grant');
    expect(cats).toContain('liability.insurance');
    expect(cats.some((c) => c.startsWith('meta.'))).toBe(false);
    for (const c of model!.categories) {
      expect(c.threshold).toBeGreaterThan(0);
      if (c.detect) expect(c.detect.threshold).toBeGreaterThanOrEqual(0.3);
    }
  });

  it.skipIf(!HAS_SHARED)('scores a licence grant high for licence grant and a governing-law sentence low', () => {
    const text = read(LICENSE_DOC);
    const grant = scoreOf(text, LICENSE_WORDS, 'ip.license-grant');
    const law = scoreOf(text, LAW_WORDS, 'ip.license-grant');
    expect(grant).toBeGreaterThan(0.5);
    expect(law).toBeLessThan(0.05);
  });

  it.skipIf(!HAS_SHARED)('adds clauses of categories a rule found naming that rule, others only by a detector', () => {
    const text = read(MODEL_DOC);
    const withModel = extractClauses({ text, pageStarts: [0] }, rules, { model }).flatMap(partsAsClauses);
    const detected = withModel.filter((c) => c.ruleId === `${c.category}+model`);
    for (const c of detected) {
      expect(model!.categories.find((m) => m.category === c.category)?.detect).toBeDefined();
      expect(withModel.some((r) => r.category === c.category && !r.ruleId.endsWith('+model'))).toBe(false);
    }
    const added = withModel.filter((c) => c.ruleId.endsWith('+model') && !detected.includes(c));
    expect(added.length).toBeGreaterThan(0);
    for (const c of added) {
      expect(c.text).toBe(text.slice(c.start, c.end));
      const ruleId = c.ruleId.slice(0, -'+model'.length);
      const byRule = withModel.filter((r) => r.category === c.category && !r.ruleId.endsWith('+model'));
      expect(byRule.length).toBeGreaterThan(0);
      expect(byRule.some((r) => r.ruleId.startsWith(`${ruleId}#`))).toBe(true);
      // never on a segment the rules already gave this category
      expect(byRule.some((r) => r.start === c.start && r.end === c.end)).toBe(false);
    }
    const expected = added.find((c) => c.category === MODEL_CATEGORY && MODEL_WORDS.test(c.text.replace(/\s+/g, ' ')));
    expect(expected, `a ${MODEL_CATEGORY} clause the model adds`).toBeDefined();
  });

  it.skipIf(!HAS_SHARED)('portfolio facts rest on the rules: a clause the model added gives none', () => {
    const text = read(MODEL_DOC);
    const clauses = extractClauses({ text, pageStarts: [0] }, rules, { model }).flatMap(partsAsClauses);
    const added = clauses.find((c) => c.ruleId.endsWith('+model') && c.category === MODEL_CATEGORY)!;
    const byRule = clauses.find((c) => !c.ruleId.endsWith('+model') && c.category === MODEL_CATEGORY)!;
    expect(factOf(MODEL_DOC, byRule)).toBeDefined();
    expect(factOf(MODEL_DOC, added)).toBeUndefined();
  });

  it.skipIf(!HAS_SHARED)('rules-only extraction gives no model clauses', () => {
    const text = read(MODEL_DOC);
    const rulesOnly = extractClauses({ text, pageStarts: [0] }, rules);
    expect(rulesOnly.some((c) => c.ruleId.includes('model'))).toBe(false);
    const withModel = extractClauses({ text, pageStarts: [0] }, rules, { model });
    const found = (cs: Clause[]) =>
      cs
        .flatMap(partsAsClauses)
        .filter((c) => !c.ruleId.endsWith('+model'))
        .map(({ category, start, end, text: t, ruleId, attributes }) => ({
          category,
          start,
          end,
          text: t,
          ruleId,
          attributes,
        }))
        .sort((a, b) => a.start - b.start || a.category.localeCompare(b.category));
    expect(found(withModel)).toEqual(found(rulesOnly));
  });

  it('a file that is not a model is an error naming the file', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'clausemap-model-')), 'bad.json');
    writeFileSync(file, '{"format": "something else"}');
    expect(() => loadClauseModel(file)).toThrow(/bad\.json.*npm run train:model/);
    expect(loadClauseModel(path.join(path.dirname(file), 'absent.json'))).toBeUndefined();
  });
});

// an intellectual property agreement filed with the SEC (in the model's training data)
const LICENSE_DOC = 'ARMSTRONGFLOORING,INC_01_07_2019-EX-10.2-INTELLECTUAL PROPERTY AGREEMENT.txt';
const LICENSE_WORDS =
  /Arizona hereby grants to the Company a limited, non- exclusive, royalty-free, non-sublicensable .* Arizona Licensed Trademarks/;
const LAW_WORDS = /This Agreement shall be governed by the laws of the State of Delaware/;
// a trademark licence filed with the SEC (in the model's training data): the rules find the grant's lead-in ("hereby
// grants to Licensee the limited licenses to use and have used the Licensed Mark:"), and the model adds its first
// item (lawyer-marked as a licence grant with the lead-in)
const MODEL_DOC = 'ArconicRolledProductsCorp_20191217_10-12B_EX-2.7_11923804_EX-2.7_Trademark License Agreement.txt';
const MODEL_CATEGORY = 'ip.license-grant';
const MODEL_WORDS = /^\(i\) for the Licensed Products as set forth on Schedule 2;/;
