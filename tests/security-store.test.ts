// The term database is a cache: a broken or planted one never crashes a run or changes its findings, and
// a file's identity is its content, whatever its size, mtime and inode say.
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, cli, temp } from './security-helpers.js';

afterAll(cleanup);

const CONTRACT = (client: string, days: number) => `CONSULTING AGREEMENT
This Consulting Agreement is made on January 5, 2026 between ${client} ("Client") and Okafor Data Works LLC ("Consultant").
1. Payment. Client shall pay each invoice within ${days} days of receipt.
2. Termination. Either party may terminate this Agreement for convenience on ${days} days' written notice.
3. Governing Law. This Agreement is governed by the laws of the State of Delaware.
`;

function contracts(): string {
  const dir = path.join(temp('store'), 'contracts');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'a.txt'), CONTRACT('Acme Freight, Inc.', 30));
  writeFileSync(path.join(dir, 'b.txt'), CONTRACT('Beta Health LLC', 90));
  return dir;
}

interface Extracted {
  documents: { file: string; status: string; sha256?: string; clauses: { category: string; text: string }[] }[];
}
const extracted = (stdout: string) => JSON.parse(stdout) as Extracted;

describe('a database that fails after it is opened', () => {
  it('a malformed stored result: analysed again, same output, no crash', () => {
    const dir = contracts();
    const db = path.join(temp('db'), 'terms.db');
    const first = cli(['extract', dir, '--db', db, '-q'], temp('cache'));
    expect(first.status).toBe(0);
    const d = new Database(db);
    d.prepare("UPDATE analyses SET result = '{not json'").run();
    d.close();
    const second = cli(['extract', dir, '--db', db, '-q'], temp('cache'));
    expect(second.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
  });

  it('a write that fails (as on a full disk): a warning, the run goes on without the cache', () => {
    const dir = contracts();
    const db = path.join(temp('db'), 'terms.db');
    const first = cli(['extract', dir, '--db', db, '-q'], temp('cache'));
    expect(first.status).toBe(0);
    // the database opens, then every write of a document fails, as SQLITE_FULL would
    const d = new Database(db);
    d.exec(
      "DELETE FROM analyses; DELETE FROM documents; CREATE TRIGGER full BEFORE INSERT ON documents BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
    );
    d.close();
    const second = cli(['extract', dir, '--db', db, '-q'], temp('cache'));
    expect(second.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    expect(second.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toMatch(/terms\.db failed \(database or disk is full\); the run goes on without it/);
  });
});

describe('a link at the database name', () => {
  it('a .clausemap link in the folder receives nothing', () => {
    const dir = contracts();
    const elsewhere = temp('elsewhere');
    symlinkSync(elsewhere, path.join(dir, '.clausemap'));
    const r = cli(['extract', dir, '-q'], temp('cache'));
    expect(r.status).toBe(0);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('is not written through', () => {
    const dir = contracts();
    const elsewhere = path.join(temp('elsewhere'), 'victim.db');
    writeFileSync(elsewhere, '');
    const cache = temp('cache');
    // plant the link where this portfolio's database goes in the user cache
    const probe = cli(['extract', dir, '-q'], cache);
    expect(probe.status).toBe(0);
    const cacheDir = path.join(cache, 'clausemap');
    const name = readdirSync(cacheDir).find((f) => f.endsWith('.db'))!;
    const file = path.join(cacheDir, name);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    symlinkSync(elsewhere, file);
    const r = cli(['extract', dir], cache);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/is a link/);
    expect(readFileSync(elsewhere, 'utf8')).toBe('');
  });
});

describe('a database that is only read', () => {
  it('`clausemap terms` leaves no -wal or -shm file beside it', () => {
    const dir = contracts();
    const folder = temp('db');
    const db = path.join(folder, 'terms.db');
    expect(cli(['extract', dir, '--db', db, '-q'], temp('cache')).status).toBe(0);
    const terms = cli(['terms', '--db', db], temp('cache'));
    expect(terms.status).toBe(0);
    expect(terms.stdout).toContain('Delaware');
    expect(readdirSync(folder)).toEqual(['terms.db']);
  });

  it('`clausemap terms` on malformed stored values: the clauses, no crash', () => {
    const dir = contracts();
    const db = path.join(temp('db'), 'terms.db');
    expect(cli(['extract', dir, '--db', db, '-q'], temp('cache')).status).toBe(0);
    const d = new Database(db);
    expect(
      d.prepare("UPDATE clauses SET attributes = '{not json' WHERE attributes IS NOT NULL").run().changes,
    ).toBeGreaterThan(0);
    d.close();
    const terms = cli(['terms', '--db', db], temp('cache'));
    expect(terms.stderr).not.toMatch(/internal error/);
    expect(terms.status).toBe(0);
    expect(terms.stdout).toContain('Delaware');
  });

  it('a database file marked read-only is not written, even by root', () => {
    const dir = contracts();
    const folder = temp('db');
    const db = path.join(folder, 'terms.db');
    expect(cli(['extract', dir, '--db', db, '-q'], temp('cache')).status).toBe(0);
    writeFileSync(path.join(dir, 'c.txt'), CONTRACT('Gamma Energy Ltd', 60));
    chmodSync(db, 0o444);
    const before = readFileSync(db);
    const r = cli(['extract', dir, '--db', db], temp('cache'));
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/is marked read-only/);
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(readdirSync(folder)).toEqual(['terms.db']);
  });
});

describe("a file's identity", () => {
  it('a file rewritten with the same size, mtime and inode is analysed again', () => {
    const dir = contracts();
    const file = path.join(dir, 'a.txt');
    const before = statSync(file, { bigint: true });
    const db = path.join(temp('db'), 'terms.db');
    const first = extracted(cli(['extract', file, '--db', db, '-q'], temp('cache')).stdout);
    // same length: 30 days become 45 days, written in place (same inode), mtime put back to the nanosecond
    const ref = path.join(dir, '..', 'ref');
    writeFileSync(ref, '');
    execFileSync('touch', ['-r', file, ref]);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/30 days/g, '45 days'));
    execFileSync('touch', ['-r', ref, file]);
    expect(statSync(file, { bigint: true }).mtimeNs).toBe(before.mtimeNs);
    expect(statSync(file, { bigint: true }).ino).toBe(before.ino);
    expect(statSync(file, { bigint: true }).size).toBe(before.size);
    const second = extracted(cli(['extract', file, '--db', db, '-q'], temp('cache')).stdout);
    expect(second.documents[0]!.sha256).not.toBe(first.documents[0]!.sha256);
    expect(JSON.stringify(second.documents[0]!.clauses)).toContain('45 days');
  });
});
