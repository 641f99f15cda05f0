import { describe, expect, it } from 'vitest';
import { loadYaml } from '../src/yaml-load.js';
import { ClauseRuleSchema } from '../src/extract/clause-rules.js';

describe('rule loading', () => {
  it('points at file:line of a bad field', () => {
    const src =
      'category: admin.x\ntitle: X\ndescription: d\nmatch:\n  - any: ["(unclosed"]\nexamples:\n  positive: [a]\n  negative: [b]\n';
    const r = loadYaml('bad.yaml', ClauseRuleSchema, src);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems[0]!.line).toBe(5);
      expect(r.problems[0]!.message).toMatch(/invalid regular expression/);
    }
  });
  it('reports YAML syntax errors with a line', () => {
    const r = loadYaml('bad.yaml', ClauseRuleSchema, 'category: [\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.line).toBeGreaterThan(0);
  });
});
