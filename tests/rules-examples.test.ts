// Every clause rule's own examples: positives must match, negatives must not. A new rule file is tested
// the moment it exists.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadClauseRules } from '../src/extract/clause-rules.js';
import { runClauseExamples } from '../src/extract/clause-examples.js';
import { HAS_SHARED, importShared } from './shared-data.js';

// the shared scorer's core categories; without ../shared the test that uses them is skipped
const scorer = await importShared<{ CORE: string[] }>('eval/score-cuad.mjs');

const dir = path.resolve(__dirname, '../rules/clauses');
const { rules, problems } = loadClauseRules(dir);

describe('clause rules', () => {
  it('all load without problems', () => {
    expect(problems).toEqual([]);
    expect(rules.length).toBeGreaterThan(0);
  });
  it.skipIf(!HAS_SHARED)('cover every core category of the scorer', () => {
    const have = new Set(rules.map((r) => r.category));
    expect(scorer!.CORE.filter((c) => !have.has(c))).toEqual([]);
  });
  it('never put \\b before an alternative that starts with %, $, a bracket or a quote (it could only match after a letter or digit)', () => {
    const bad: string[] = [];
    for (const r of rules) {
      for (const alt of r.match) {
        for (const src of [...alt.any, ...(alt.all ?? []), ...(alt.not ?? [])]) {
          for (const group of boundaryGroups(src)) {
            if (group.some((a) => /^(?:%|\\\$|\\\[|\\\(|["“])/.test(a))) bad.push(`${r.id}: ${src.slice(0, 80)}`);
          }
        }
      }
    }
    expect(bad).toEqual([]);
  });
  for (const r of rules) {
    it(`${r.id}: examples`, () => {
      expect(runClauseExamples([r])).toEqual([]);
    });
  }
});

/** The alternatives of every group written right after a word boundary: "\\b(?:a|b|%)" gives ["a", "b", "%"]. */
function boundaryGroups(src: string): string[][] {
  const out: string[][] = [];
  for (let at = src.indexOf('\\b(?:'); at >= 0; at = src.indexOf('\\b(?:', at + 1)) {
    const alts = [''];
    for (let j = at + 5, depth = 1; j < src.length; j++) {
      const c = src[j]!;
      if (c === '\\') {
        alts[alts.length - 1] += c + (src[j + 1] ?? '');
        j++;
        continue;
      }
      if (c === '(') depth++;
      if (c === ')' && --depth === 0) break;
      if (c === '|' && depth === 1) {
        alts.push('');
        continue;
      }
      alts[alts.length - 1] += c;
    }
    out.push(alts);
  }
  return out;
}
