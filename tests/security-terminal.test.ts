// File names and clause text are the sender's: nothing in them reaches a terminal as a control sequence,
// and a name cannot hide characters or lose the part before a backslash.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, cli, temp } from './security-helpers.js';
import { describeCorpus, SHARED } from './shared-data.js';

afterAll(cleanup);

const ESC = '\u001b';
// a window title, red text and a line rewrite, as an attacker would put them in a name or a clause
const NASTY = `${ESC}]0;owned${ESC}\\${ESC}[31m\r`;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const CONTRACT = `CONSULTING AGREEMENT
This Consulting Agreement is made on January 5, 2026 between Acme Freight, Inc. ("Client") and Okafor Data Works LLC ("Consultant").
1. Governing Law. This Agreement is governed by the laws of the State of Delaware ${NASTY}and no other.
2. Payment. Client shall pay each invoice within 30 days of receipt.
`;

function folder(): string {
  const dir = path.join(temp('term'), 'contracts');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'a.txt'), CONTRACT);
  writeFileSync(path.join(dir, `empty${NASTY}\u202enwo.txt`), ''); // EMPTY_FILE: listed on stderr
  return dir;
}

describe('terminal-facing text', () => {
  it('stderr, the extract table and the terms CSV carry no control or bidi character', () => {
    const dir = folder();
    const cache = temp('cache');
    const table = cli(['extract', dir, '-f', 'table'], cache);
    expect(table.status).toBe(3); // the empty file
    expect(table.stdout).toMatch(/Delaware \[U\+001B\]\]0;owned/);
    expect(table.stdout).not.toMatch(CONTROLS);
    expect(table.stderr).toMatch(/empty\[U\+001B\]/);
    expect(table.stderr).not.toMatch(CONTROLS);
    const terms = cli(['terms', dir], cache);
    expect(terms.status).toBe(0);
    expect(terms.stdout).toMatch(/\[U\+001B\]/);
    expect(terms.stdout.replace(/\r\n/g, '\n')).not.toMatch(CONTROLS);
  });

  it('a name keeps what comes before a backslash, and zero-width characters are marked', () => {
    const dir = path.join(temp('names'), 'contracts');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'clients\\acme.txt'), CONTRACT);
    writeFileSync(path.join(dir, 'ac\u200bme.txt'), CONTRACT.replace('Acme Freight', 'Beta Health'));
    const md = cli(['audit', dir, '-q', '-f', 'md'], temp('cache'));
    expect(md.status).toBe(0);
    expect(md.stdout).toMatch(/^### \d+\. clients\\\\acme\.txt$/m); // Markdown escapes the backslash
    expect(md.stdout).toContain('ac\\[U+200B\\]me.txt'); // and its brackets
    expect(md.stdout).not.toContain('\u200b');
  });
});

describeCorpus('the PDF password', () => {
  const locked = path.join(SHARED, 'badinput', 'py-pdf-sample-files', 'libreoffice-writer-password.pdf');

  it('is taken from CLAUSEMAP_PDF_PASSWORD, so it need not be on the command line', () => {
    const cache = temp('cache');
    const without = cli(['extract', locked, '--no-db', '-q'], cache);
    expect(without.stdout).toContain('PASSWORD_REQUIRED');
    const r = cli(['extract', locked, '--no-db', '-q'], cache, 60_000, { CLAUSEMAP_PDF_PASSWORD: 'openpassword' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('"status": "ok"');
    expect(cli(['extract', '--help'], cache).stdout).toMatch(/CLAUSEMAP_PDF_PASSWORD/);
  });
});
