// clausemap.yaml arrives with the folder: it and anything it names must be regular files of that folder,
// read without blocking and with a cap; a hostile one stops the run at once with file:line, exit 2.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, cli, temp } from './security-helpers.js';

afterAll(cleanup);

const CONTRACT = `CONSULTING AGREEMENT
This Consulting Agreement is made on January 5, 2026 between Acme Freight, Inc. ("Client") and Okafor Data Works LLC ("Consultant").
1. Payment. Client shall pay each invoice within 30 days of receipt.
2. Governing Law. This Agreement is governed by the laws of the State of Delaware.
`;

/** A folder with one contract and the given clausemap.yaml (text, or made by `make`). */
function folder(config: string | ((file: string) => void)): string {
  const dir = path.join(temp('config'), 'contracts');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'a.txt'), CONTRACT);
  const file = path.join(dir, 'clausemap.yaml');
  if (typeof config === 'string') writeFileSync(file, config);
  else config(file);
  return dir;
}

/** An audit that must stop at once with exit 2 and a file:line:col problem. */
function refused(dir: string, ...extra: string[]) {
  const r = cli(['audit', dir, '--no-db', '-q', ...extra], temp('cache'), 20_000);
  expect(r.signal).toBeNull();
  expect(r.ms).toBeLessThan(15_000);
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  return r.stderr;
}

describe('a hostile clausemap.yaml', () => {
  it('a named pipe called clausemap.yaml', () => {
    const dir = folder((f) => execFileSync('mkfifo', [f]));
    expect(refused(dir)).toMatch(/clausemap\.yaml:\d+:\d+: not a regular file/);
  });

  it('playbook: /dev/zero', () => {
    expect(refused(folder('playbook: /dev/zero\n'))).toMatch(/clausemap\.yaml:1:\d+: playbook: .*a \.yaml file/);
  });

  it('playbook: a .yaml link to /dev/zero', () => {
    const dir = folder('playbook: zero.yaml\n');
    symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
    expect(refused(dir)).toMatch(/clausemap\.yaml:1:\d+: playbook: .*outside the folder/);
  });

  it('--playbook /dev/zero on the command line', () => {
    expect(refused(folder('me: Okafor Data Works LLC\n'), '--playbook', '/dev/zero')).toMatch(
      /\/dev\/zero:\d+:\d+: not a regular file/,
    );
  });

  it('playbook: a path out of the folder', () => {
    const dir = folder('playbook: ../../elsewhere.yaml\n');
    writeFileSync(path.join(dir, '..', '..', 'elsewhere.yaml'), 'title: x\n');
    expect(refused(dir)).toMatch(/outside the folder/);
  });

  it('playbook: naming a JSON file does not echo its keys', () => {
    const secrets = path.join(temp('secrets'), 'credentials.json');
    writeFileSync(secrets, JSON.stringify({ aws_secret_access_key: 'k', db_password: 'p' }));
    const stderr = refused(folder(`playbook: ${secrets}\n`));
    expect(stderr).not.toMatch(/aws_secret_access_key|db_password/);
    expect(stderr).toMatch(/clausemap\.yaml:1:\d+: playbook:/);
  });

  it('a clausemap.yaml that is a link out of its folder is not read', () => {
    const secrets = path.join(temp('secrets'), 'settings.yaml');
    writeFileSync(secrets, 'private_key_name: 1\n');
    const stderr = refused(folder((f) => symlinkSync(secrets, f)));
    expect(stderr).not.toMatch(/private_key_name/);
    expect(stderr).toMatch(/outside the folder/);
  });

  it('a YAML alias bomb is a file:line problem, not an internal error', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    ].join('\n');
    const stderr = refused(folder(bomb));
    expect(stderr).toMatch(/clausemap\.yaml:2:\d+: .*alias/i);
    expect(stderr).not.toMatch(/internal error/);
  });
});
