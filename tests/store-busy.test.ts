// A term database another program holds locked (SQLITE_BUSY past the wait): one warning naming the database,
// and the audit goes on without it, with the same findings and exit 0.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { Report } from '../src/schema.js';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'bin/clausemap.js');

it('audits without a database that another process holds locked', async () => {
  const db = path.join(mkdtempSync(path.join(tmpdir(), 'clausemap-busy-')), 'terms.db');
  const portfolio = path.join(ROOT, 'fixtures/portfolio');
  const first = spawnSync(process.execPath, [CLI, 'audit', portfolio, '--db', db, '-q', '-f', 'json'], {
    encoding: 'utf8',
  });
  expect(first.status).toBe(0);
  const expected = (JSON.parse(first.stdout) as Report).findings.map((f) => f.ruleId);
  // another program takes an exclusive lock and keeps it until it is killed
  const holder = spawn(
    process.execPath,
    [
      '-e',
      `const D = require(${JSON.stringify(path.join(ROOT, 'node_modules/better-sqlite3'))}); const d = new D(${JSON.stringify(db)}); d.exec('BEGIN EXCLUSIVE'); process.stdout.write('locked'); setInterval(() => {}, 1000);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    const r = spawnSync(process.execPath, [CLI, 'audit', portfolio, '--db', db, '-f', 'json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/no term database \(.*database is locked\)/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect((JSON.parse(r.stdout) as Report).findings.map((f) => f.ruleId)).toEqual(expected);
  } finally {
    holder.kill('SIGKILL');
  }
}, 120_000);
