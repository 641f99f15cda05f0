// Values read for a lawyer: a unit on every number, roles by name, no JSON and no `key=true`.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { valuePhrase, valueWords } from '../src/value-words.js';

const ROOT = path.resolve(__dirname, '..');

describe('values in words', () => {
  it('give numbers their unit, money its currency, parties their role', () => {
    expect(valuePhrase('noticeDays', 30)).toBe('notice: 30 days');
    expect(valuePhrase('tailMonths', 12)).toBe('runs on after the contract for: 12 months');
    expect(valueWords('rate', { amount: 160, currency: 'USD', unit: 'hour' })).toBe('$160 per hour');
    expect(valueWords('rate', { amount: 42000, currency: 'USD', unit: 'project' })).toBe('$42,000 for the project');
    expect(valueWords('capAmount', 2000000)).toBe('2,000,000');
    expect(valueWords('whoMayTerminate', 'either')).toBe('either party');
    expect(valueWords('grantor', 'provider')).toBe('you');
    expect(valuePhrase('uncapped', true)).toBe('liability not capped');
    expect(valuePhrase('exclusive', false)).toBe('non-exclusive');
    expect(valueWords('grantee', 'client')).toBe('the client');
  });

  it('show a long list by its first items and how many more there are', () => {
    const names = Array.from({ length: 9 }, (_, i) => `Company ${i + 1} LLC`);
    expect(valuePhrase('counterparties', names)).toBe(
      'names: Company 1 LLC, Company 2 LLC, Company 3 LLC, Company 4 LLC, Company 5 LLC, Company 6 LLC and 3 more',
    );
    expect(valuePhrase('counterparties', names.slice(0, 2))).toBe('names: Company 1 LLC, Company 2 LLC');
  });

  it('leave no internal key or JSON in the fixture report', () => {
    const r = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'bin/clausemap.js'),
        'audit',
        path.join(ROOT, 'fixtures/portfolio'),
        '--no-db',
        '-q',
        '-f',
        'md',
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
    for (const raw of ['uncapped=', '=true', '=false', '{"amount"', 'noticeDays', 'whoMayTerminate', 'backgroundIp']) {
      expect(r.stdout, raw).not.toContain(raw);
    }
    expect(r.stdout).toMatch(/notice: \d+ days/);
  });
});
