// A folder of contracts is untrusted input: what arrives with it (a term database, links, pipes, devices)
// must not change the findings, stop the run or make it endless.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, cli, findingsOf, portfolioCopy, report, temp } from './security-helpers.js';

afterAll(cleanup);

describe('a term database shipped inside the folder', () => {
  it('is never read: the findings equal a clean run', () => {
    const dir = portfolioCopy();
    const clean = cli(['audit', dir, '--no-db', '-q', '-f', 'json'], temp('cache'));
    expect(clean.status).toBe(0);
    const expected = findingsOf(report(clean));
    // the attack below takes out the restriction clauses: a clean run has the finding that rests on them
    expect(expected.some(([rule]) => rule === 'portfolio/restrictive-covenant-overlap')).toBe(true);

    // the sender's database: made by clausemap itself at the folder's old default place, then edited so
    // that no stored result has a restriction clause, and with no stored findings (the checks run again)
    const shipped = path.join(dir, '.clausemap', 'terms.db');
    mkdirSync(path.dirname(shipped));
    expect(cli(['audit', dir, '--db', shipped, '-q', '-f', 'json'], temp('cache')).status).toBe(0);
    const db = new Database(shipped);
    for (const row of db.prepare('SELECT id, result FROM analyses').all() as { id: number; result: string }[]) {
      const r = JSON.parse(row.result) as { clauses: { category: string }[] };
      r.clauses = r.clauses.filter((c) => !c.category.startsWith('restrict.'));
      db.prepare('UPDATE analyses SET result = ? WHERE id = ?').run(JSON.stringify(r), row.id);
    }
    db.prepare('DELETE FROM stage_findings').run();
    db.prepare('DELETE FROM stage_results').run();
    db.close();

    const cache = temp('cache');
    const attacked = cli(['audit', dir, '-f', 'json'], cache);
    expect(attacked.status).toBe(0);
    expect(findingsOf(report(attacked))).toEqual(expected);
    expect(attacked.stderr).toMatch(/6 analysed, 0 reused/);
    // the database the run kept is the user's, in the user cache
    expect(readdirSync(path.join(cache, 'clausemap')).filter((f) => f.endsWith('.db'))).toHaveLength(1);
  });
});

describe('links in the folder', () => {
  it('two links to the folder itself: the walk ends in seconds, each file analysed once', () => {
    const dir = portfolioCopy();
    symlinkSync('.', path.join(dir, 'a'));
    symlinkSync('.', path.join(dir, 'b'));
    const r = cli(['audit', dir, '--no-db', '-q', '-f', 'json'], temp('cache'), 30_000);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
    const docs = report(r).documents.map((d) => path.relative(dir, d.file));
    expect(docs).toEqual(readdirSync(dir).filter((f) => /\.(pdf|docx)$/.test(f)));
  });

  it('a link out of the folder, a dangling link and a pipe are each listed with their own code', () => {
    const dir = portfolioCopy();
    const outside = path.join(temp('outside'), 'elsewhere.docx');
    copyFileSync(path.join(dir, '01-harbor-lane-logistics.docx'), outside);
    symlinkSync(outside, path.join(dir, 'zz-link.docx'));
    symlinkSync(path.join(dir, 'missing.pdf'), path.join(dir, 'zz-dangling.pdf'));
    execFileSync('mkfifo', [path.join(dir, 'zz-pipe.pdf')]);
    const r = cli(['audit', dir, '--no-db', '-q', '-f', 'json'], temp('cache'), 30_000);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0); // skipped entries of a folder do not fail the run
    const listed = Object.fromEntries(
      report(r)
        .documents.filter((d) => path.basename(d.file).startsWith('zz-'))
        .map((d) => [path.basename(d.file), [d.status, d.error?.code]]),
    );
    expect(listed).toEqual({
      'zz-link.docx': ['skipped', 'LINK_OUTSIDE'],
      'zz-dangling.pdf': ['skipped', 'BROKEN_LINK'],
      'zz-pipe.pdf': ['skipped', 'NAMED_PIPE'],
    });
    const followed = cli(['audit', dir, '--no-db', '-q', '-f', 'json', '--follow-links'], temp('cache'), 30_000);
    const link = report(followed).documents.find((d) => d.file.endsWith('zz-link.docx'));
    expect(link?.status).toBe('ok');
  });
});

describe('a pipe or a device given as an input', () => {
  for (const [name, make] of [
    ['a named pipe', (d: string) => (execFileSync('mkfifo', [path.join(d, 'pipe.pdf')]), path.join(d, 'pipe.pdf'))],
    ['/dev/zero', () => '/dev/zero'],
  ] as const) {
    it(`${name}: ends at once with its code and a sentence (exit 3)`, () => {
      const input = make(temp('pipe'));
      const r = cli(['extract', input, '--no-db', '-q'], temp('cache'), 20_000);
      expect(r.signal).toBeNull();
      expect(r.status).toBe(3);
      expect(r.ms).toBeLessThan(15_000);
      expect(r.stderr).toMatch(/\[(NAMED_PIPE|DEVICE)\] .*not a file: clausemap reads only regular files/);
    });
  }
});
