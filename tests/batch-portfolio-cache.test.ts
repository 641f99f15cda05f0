// The audit's cross-contract stage kept in the term database: a second run over an unchanged portfolio
// gives back the stored findings (shown here by marking the stored copy), and a changed document,
// clausemap.yaml or portfolio rule gives fresh findings, equal to those of a run with the same analyses
// and no stored findings. Also the
// streamed JSON report: byte for byte what JSON.stringify(report, null, 2) gives.
import { appendFileSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonDocumentsWriter } from '../src/report/json-stream.js';
import type { Finding, Report } from '../src/schema.js';
import { CUAD, removeTemp, ROOT, runCli, snapshotPackage, tempDir, type CliRun } from './batch-helpers.js';
import { describeCorpus, HAS_SHARED } from './shared-data.js';

const FIXTURES = path.join(ROOT, 'fixtures', 'portfolio');
const MARK = 'TAKEN FROM THE TERM DATABASE';

let bin = '';
let dir = '';
let db = '';
let work = '';

beforeAll(() => {
  bin = snapshotPackage();
  work = tempDir('stage-cache');
  dir = path.join(work, 'portfolio');
  db = path.join(work, 'terms.db');
  mkdirSync(dir);
  for (const f of readdirSync(FIXTURES).filter((n) => /\.(?:pdf|docx)$/.test(n)))
    copyFileSync(path.join(FIXTURES, f), path.join(dir, f));
  if (HAS_SHARED) {
    // for the stage tests only, which are skipped without ../shared
    const txt = readdirSync(path.join(CUAD, 'txt')).sort()[5]!;
    copyFileSync(path.join(CUAD, 'txt', txt), path.join(dir, '07-cuad.txt'));
  }
  writeFileSync(path.join(dir, 'clausemap.yaml'), 'today: 2026-06-01\n');
});
afterAll(removeTemp);

async function audit(...extra: string[]): Promise<{ run: CliRun; report: Report }> {
  const run = await runCli(bin, ['audit', dir, '--format', 'json', '--quiet', '--concurrency', '2', ...extra]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return { run, report: JSON.parse(run.stdout) as Report };
}

const withDb = () => audit('--db', db);

/** The report of a run with the same analyses but no stored findings: the checks run afresh. */
async function fresh(): Promise<Report> {
  const ref = path.join(work, `ref-${Math.random().toString(36).slice(2)}.db`);
  const d = new Database(db);
  try {
    d.exec(`VACUUM INTO '${ref}'`);
  } finally {
    d.close();
  }
  const r = new Database(ref);
  try {
    r.exec('DELETE FROM stage_results');
  } finally {
    r.close();
  }
  return (await audit('--db', ref)).report;
}

/** The report as text without the one field that differs from run to run by design. */
function comparable(report: Report): string {
  const { generatedAt: _, ...rest } = report;
  return JSON.stringify(rest);
}

/** Marks the first stored finding, so that a run that reuses it shows it. */
function markStored(): void {
  const d = new Database(db);
  try {
    expect(d.prepare<{ n: number }>('SELECT count(*) AS n FROM stage_results').get()?.n).toBe(1);
    const row = d
      .prepare<{ scope: string; finding: string }>('SELECT scope, finding FROM stage_findings WHERE seq = 0')
      .get()!;
    d.prepare('UPDATE stage_findings SET finding = ? WHERE scope = ? AND seq = 0').run(
      JSON.stringify({ ...(JSON.parse(row.finding) as Finding), title: MARK }),
      row.scope,
    );
  } finally {
    d.close();
  }
}

const marked = (r: Report) => r.findings.some((f) => f.title === MARK);

describeCorpus('the cross-contract stage in the term database', () => {
  let cold: Report;

  it('gives the same report cold and warm', async () => {
    cold = (await withDb()).report;
    expect(cold.findings.length).toBeGreaterThan(3);
    expect(cold.documents).toHaveLength(7);
    expect(cold.documents.every((d) => d.status === 'ok' && d.clauses.length > 0)).toBe(true);
    const warm = (await withDb()).report;
    expect(comparable(warm)).toBe(comparable(cold));
  }, 120_000);

  it('reuses the stored findings when nothing changed', async () => {
    markStored();
    const warm = (await withDb()).report;
    expect(marked(warm)).toBe(true);
    expect(warm.findings.filter((f) => f.title !== MARK)).toEqual(cold.findings.slice(1));
  }, 60_000);

  /** After `change`, the stored (marked) findings are not used: the report is what fresh checks give. */
  async function afterChange(change: () => void): Promise<Report> {
    markStored();
    change();
    const after = (await withDb()).report;
    expect(marked(after)).toBe(false);
    expect(comparable(after)).toBe(comparable(await fresh()));
    return after;
  }

  it('runs the checks again when a document changed', async () => {
    await afterChange(() =>
      appendFileSync(
        path.join(dir, '07-cuad.txt'),
        '\n\nThis Agreement shall be governed by the laws of the State of Oregon.\n',
      ),
    );
  }, 60_000);

  it('runs the checks again when clausemap.yaml changed', async () => {
    await afterChange(() =>
      writeFileSync(path.join(dir, 'clausemap.yaml'), 'today: 2026-06-01\ncapacityHoursPerWeek: 30\n'),
    );
  }, 60_000);

  it('runs the checks again when a portfolio rule changed', async () => {
    const rule = path.join(path.dirname(path.dirname(bin)), 'rules', 'portfolio', 'termination-asymmetry.yaml');
    const text = readFileSync(rule, 'utf8');
    expect(text).toMatch(/^title: .+$/m);
    const after = await afterChange(() =>
      writeFileSync(rule, text.replace(/^title: .+$/m, 'title: Termination rights that differ by side')),
    );
    expect(after.rules).toContainEqual({
      id: 'portfolio/termination-asymmetry',
      title: 'Termination rights that differ by side',
    });
  }, 60_000);
});

describe('the streamed JSON report', () => {
  const report: Report = {
    tool: { name: 'clausemap', version: '1.0.0', rulesVersion: 'abc' },
    command: 'audit',
    generatedAt: '2026-11-26T00:00:00.000Z',
    title: 'Contract portfolio conflict report',
    documents: [
      {
        file: 'a.txt',
        status: 'ok',
        kind: 'txt',
        warnings: [],
        clauses: [
          {
            category: 'admin.notices',
            start: 0,
            end: 9,
            text: 'Notice\u2028"x"',
            ruleId: 'r#1',
            attributes: { noticeDays: 30 },
          },
        ],
      },
      {
        file: 'b.pdf',
        status: 'error',
        error: { code: 'CORRUPT_PDF', message: 'b.pdf: broken' },
        warnings: [],
        clauses: [],
      },
    ],
    findings: [
      { ruleId: 'portfolio/x', severity: 'high', title: 'T', message: 'M', documents: ['a.txt'], clauses: [] },
      { ruleId: 'portfolio/y', severity: 'low', title: 'U', message: 'N\nline', documents: [], clauses: [] },
    ],
    portfolio: { contracts: [], calendar: [] },
    rules: [{ id: 'portfolio/x', title: 'T' }],
  };

  function streamed(r: Report): string {
    const out = path.join(work, `streamed-${Math.random().toString(36).slice(2)}.json`);
    const entries = Object.entries(r);
    const at = entries.findIndex(([k]) => k === 'documents');
    const w = new JsonDocumentsWriter(out, Object.fromEntries(entries.slice(0, at)));
    for (const d of r.documents) w.write(d);
    w.end(Object.fromEntries(entries.slice(at + 1)));
    return readFileSync(out, 'utf8');
  }

  it('writes what JSON.stringify(report, null, 2) gives', () => {
    expect(streamed(report)).toBe(JSON.stringify(report, null, 2) + '\n');
  });

  it('writes empty lists and a report without documents the same way', () => {
    const empty: Report = { ...report, documents: [], findings: [], portfolio: { contracts: [], calendar: [] } };
    expect(streamed(empty)).toBe(JSON.stringify(empty, null, 2) + '\n');
  });
});
