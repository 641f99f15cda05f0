// The package's rules load from their checked form (dist/.cache/yaml) once a process of the build has read
// them, and that gives exactly what the YAML gives; a file outside the package's rules/ is always read as
// YAML. The clause model loads from its compiled form (dist/.cache/model) the same way. A process that
// analyses documents with every rule kept never loads zod. Run on the compiled code: code run from the
// TypeScript sources never uses the cache.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

const MODEL_CACHE = path.join(DIST, '.cache', 'model');
const keptModels = () =>
  existsSync(MODEL_CACHE)
    ? readdirSync(MODEL_CACHE, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.bin'))
    : [];

/** The shipped model as the compiled code loads it: every weight, threshold, table size and some confidences. */
function loadModel(): string {
  const js = `
    const { loadClauseModel } = await import(${JSON.stringify(path.join(DIST, 'extract/clause-model.js'))});
    const m = loadClauseModel();
    const out = {
      categories: m.categories.map((c) => ({ ...c, context: [...c.context], weights: [...c.weights],
        detect: c.detect && { ...c.detect, weights: [...c.detect.weights] } })),
      accuracy: [...m.accuracy], index: m.index.size, bigrams: m.byKind.bigram.size,
      words: m.byKind.single.w.size, confidence: [0.1, 0.5, 0.9].flatMap((p) => ['rule', 'extend', 'detect'].map((s) => m.confidence(p, s))),
    };
    process.stdout.write(JSON.stringify(out, (k, v) => (v === Infinity || v === -Infinity ? String(v) : v)));`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', js], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

describe.skipIf(!existsSync(DIST))('the clause model kept compiled by the build', () => {
  it('gives what the JSON gives, and a damaged copy is read past', () => {
    rmSync(MODEL_CACHE, { recursive: true, force: true });
    const fromJson = loadModel();
    expect(JSON.parse(fromJson).categories.length).toBeGreaterThan(30);
    const files = keptModels();
    expect(files).toHaveLength(1);
    expect(loadModel()).toBe(fromJson);
    writeFileSync(path.join(MODEL_CACHE, files[0]!), 'CMM1 not a model');
    expect(loadModel()).toBe(fromJson);
    expect(keptModels()).toEqual(files); // kept again, whole
    expect(loadModel()).toBe(fromJson);
  });

  it('and the kept rules spare an analysing process zod', () => {
    load(); // keeps every rule
    const hook = `export async function load(url, context, next) {
      if (url.includes('/node_modules/zod/')) process.stderr.write('ZOD ' + url + '\\n');
      return next(url, context);
    }`;
    const js = `
      import { register } from 'node:module';
      register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));
      const { keptClauseRules } = await import(${JSON.stringify(path.join(DIST, 'extract/compiled-rules.js'))});
      await import(${JSON.stringify(path.join(DIST, 'pipeline/analyze.js'))});
      await import(${JSON.stringify(path.join(DIST, 'extract/clause-model.js'))});
      const rules = keptClauseRules(${JSON.stringify(path.join(ROOT, 'rules', 'clauses'))});
      process.stderr.write('KEPT READ\\n');
      const { loadClauseRules } = await import(${JSON.stringify(path.join(DIST, 'extract/clause-rules.js'))});
      const all = loadClauseRules(${JSON.stringify(path.join(ROOT, 'rules', 'clauses'))}).rules;
      const same = JSON.stringify(rules, (k, v) => (v instanceof RegExp ? String(v) : v)) ===
        JSON.stringify(all, (k, v) => (v instanceof RegExp ? String(v) : v));
      process.stdout.write(JSON.stringify({ kept: rules.length, same }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', js], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ kept: expect.any(Number), same: true });
    expect(JSON.parse(r.stdout).kept).toBeGreaterThan(40);
    // zod comes only with clause-rules.js, imported after the kept rules were read (the hook sees it then)
    const [before, after] = r.stderr.split('KEPT READ');
    expect(before).not.toContain('ZOD ');
    expect(after).toContain('ZOD ');
  });

  it('are not used for rules outside the package', () => {
    const dir = path.join(tmp, 'rules-kept');
    cpSync(path.join(ROOT, 'rules'), dir, { recursive: true });
    const js = `
      const { keptClauseRules } = await import(${JSON.stringify(path.join(DIST, 'extract/compiled-rules.js'))});
      process.stdout.write(String(keptClauseRules(${JSON.stringify(path.join(dir, 'clauses'))})));`;
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', js], { encoding: 'utf8' })).toBe('undefined');
  });
});
