// The package's rules load from their checked form (dist/.cache/yaml) once a process of the build has read
// them, and that gives exactly what the YAML gives; a file outside the package's rules/ is always read as
// YAML. Run on the compiled code: code run from the TypeScript sources never uses the cache.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const CACHE = path.join(DIST, '.cache', 'yaml');
const kept = () =>
  existsSync(CACHE) ? readdirSync(CACHE, { recursive: true }).filter((f) => String(f).endsWith('.json')) : [];

/** Every rule, the portfolio rules and the playbook as the compiled code loads them, as plain data. */
function load(rulesDir = path.join(ROOT, 'rules')): string {
  const js = `
    const { loadClauseRules } = await import(${JSON.stringify(path.join(DIST, 'extract/clause-rules.js'))});
    const { loadPortfolioRules, loadPlaybook } = await import(${JSON.stringify(path.join(DIST, 'check/index.js'))});
    const dir = ${JSON.stringify(rulesDir)};
    const all = [loadClauseRules(dir + '/clauses'), loadPortfolioRules(dir + '/portfolio'), loadPlaybook(dir + '/playbook/default.yaml')];
    process.stdout.write(JSON.stringify(all, (k, v) => (v instanceof RegExp ? '/' + v.source + '/' + v.flags : v)));`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', js], { encoding: 'utf8', maxBuffer: 1 << 26 });
}

const tmp = mkdtempSync(path.join(tmpdir(), 'clausemap-speed-rules-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!existsSync(DIST))('checked rules kept by the build', () => {
  it('give what the YAML gives, and are read once kept', () => {
    rmSync(CACHE, { recursive: true, force: true });
    const fromYaml = load();
    expect(JSON.parse(fromYaml)[0].problems).toEqual([]);
    const files = kept().length;
    expect(files).toBeGreaterThan(60); // every clause rule, portfolio rule and the playbook
    const fromCache = load();
    expect(fromCache).toBe(fromYaml);
    expect(kept()).toHaveLength(files);
  });

  it('are never kept for rules outside the package', () => {
    const dir = path.join(tmp, 'rules');
    cpSync(path.join(ROOT, 'rules'), dir, { recursive: true });
    const before = kept();
    expect(JSON.parse(load(dir))[0].rules.length).toBeGreaterThan(40);
    expect(kept()).toEqual(before);
  });
});
