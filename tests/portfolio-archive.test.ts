// An archive of unrelated contracts (CUAD, filed by different companies): with no party on at least half
// of them, nobody is taken for "me", the report says so, and no finding joins contracts that share no party.
import { expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadPortfolioRules } from '../src/check/index.js';
import { PORTFOLIO_RULES_DIR } from '../src/paths.js';
import { normName } from '../src/check/portfolio.js';
import type { Report } from '../src/schema.js';
import { describeCorpus, SHARED } from './shared-data.js';

const ROOT = path.resolve(__dirname, '..');

describeCorpus('an archive of unrelated contracts', () => {
  it('asserts no cross-contract finding between contracts that share no party', () => {
    const txt = path.join(SHARED, 'corpus/cuad/txt');
    const files = readdirSync(txt)
      .filter((n) => n.endsWith('.txt'))
      .sort()
      .slice(0, 80)
      .map((n) => path.join(txt, n));
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'clausemap-archive-')), 'report.json');
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin/clausemap.js'), 'audit', ...files, '--no-db', '-q', '-o', out],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.portfolio!.me).toBeUndefined();
    expect(report.portfolio!.meWhy).toMatch(/^no party is named in at least half of the \d+ contracts/);

    // which contracts are linked by a party they share, directly or through others
    const up = new Map<string, string>();
    const find = (x: string): string => (up.get(x) === x || !up.has(x) ? x : find(up.get(x)!));
    const byName = new Map<string, string>();
    for (const d of report.documents) {
      up.set(d.file, d.file);
      const parties = d.clauses.find((c) => c.category === 'meta.parties' && c.attributes?.parties)?.attributes
        ?.parties;
      for (const p of (parties ?? []) as Array<{ name: string }>) {
        const k = normName(p.name);
        const other = byName.get(k);
        if (other === undefined) byName.set(k, d.file);
        else up.set(find(d.file), find(other));
      }
    }
    // the calendar gives context: it gathers every contract's dates; every other finding with two contracts joins
    // them (the list of liability exposures included: it is combined per group of contracts that share a party)
    const together = new Set(
      loadPortfolioRules(PORTFOLIO_RULES_DIR)
        .rules.filter((x) => !x.conflict)
        .map((x) => `portfolio/${x.id}`),
    );
    const cross = report.findings.filter((f) => !together.has(f.ruleId) && new Set(f.documents).size > 1);
    expect(report.findings.length).toBeGreaterThan(cross.length);
    for (const f of cross)
      expect(new Set(f.documents.map(find)).size, `${f.ruleId}: ${f.documents.join(', ')}`).toBe(1);
  });
});
