// The shipped clause rules load from their compiled form (dist/.cache) once a process has checked them,
// and that gives exactly the rules the YAML gives; a folder given at run time is always read as YAML.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadClauseRules, type ClauseRule } from '../src/extract/clause-rules.js';
import { CLAUSE_RULES_DIR, PACKAGE_ROOT } from '../src/paths.js';

const CACHE = path.join(PACKAGE_ROOT, 'dist', '.cache');
const cached = () => (existsSync(CACHE) ? readdirSync(CACHE).filter((f) => f.startsWith('clause-rules-')) : []);

/** A rule as plain data, its regular expressions as their source and flags. */
const plain = (rules: ClauseRule[]) =>
  JSON.stringify(rules, (_k, v: unknown) => (v instanceof RegExp ? `/${v.source}/${v.flags}` : v));

const tmp = mkdtempSync(path.join(tmpdir(), 'clausemap-speed-rules-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('compiled clause rules', () => {
  it('give the rules the YAML gives, and are used once written', () => {
    for (const f of cached()) rmSync(path.join(CACHE, f));
    const fromYaml = loadClauseRules(CLAUSE_RULES_DIR);
    expect(fromYaml.problems).toEqual([]);
    expect(cached()).toHaveLength(1);
    const fromCache = loadClauseRules(CLAUSE_RULES_DIR);
    expect(fromCache.rules.length).toBe(fromYaml.rules.length);
    expect(plain(fromCache.rules)).toBe(plain(fromYaml.rules));
  });

  it('are never written or read for a folder given at run time', () => {
    const dir = path.join(tmp, 'clauses');
    cpSync(CLAUSE_RULES_DIR, dir, { recursive: true });
    const before = cached();
    const r = loadClauseRules(dir);
    expect(r.problems).toEqual([]);
    expect(r.rules.map((x) => x.file.startsWith(dir))).not.toContain(false);
    expect(cached()).toEqual(before);
  });
});
