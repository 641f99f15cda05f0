// The words before a defined term's parenthesis ('the TerraPath routing library (the "Software")') are found
// from each parenthesis backwards, not by trying `([^.;:()]{3,240}?)\s*\(...\)` at every position of the
// text. Both must find the same words at the same place: checked against the pattern itself on real
// contracts, for every term they put in quotes, and on the corners of the pattern.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { wordsBefore } from '../src/extract/attributes/definitions.js';
import { norm } from '../src/extract/attributes/util.js';
import { HAS_SHARED, SHARED } from './shared-data.js';

const Q = `["“”'‘’]`;
const PAREN = (n: string) =>
  `\\((?:the\\s+|each\\s+(?:a|an)\\s+|collectively(?:,)?\\s+|hereinafter\\s+(?:the\\s+)?)?${Q}${n}${Q}\\)`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The pattern's own answer and the backwards search's, for one term. */
function both(t: string, term: string) {
  const n = escape(term);
  const m = new RegExp(`([^.;:()]{3,240}?)\\s*${PAREN(n)}`).exec(t);
  return {
    pattern: m ? { index: m.index, words: m[1] } : undefined,
    fast: wordsBefore(t, new RegExp(PAREN(n), 'g')),
  };
}

describe('the words before a defined term', () => {
  it('are those the pattern finds, on its corners', () => {
    const cases: Array<[string, string]> = [
      ['the TerraPath routing library (the "Software") is licensed', 'Software'],
      ['Acme Inc. ("Acme")', 'Acme'],
      ['x. ab ("T")', 'T'], // two letters: too short
      ['x. abc ("T")', 'T'],
      ['(ab) ("T") and later: the long thing here ("T")', 'T'], // the first parenthesis has no words before it
      [`${'word '.repeat(80)}("T")`, 'T'], // more than 240 characters back to a stop
      ['a; b  \n  ("T")', 'T'],
      ['abc\u00a0\u00a0("T")', 'T'],
      ['nothing defined here', 'T'],
      ['the Thing (each a "Party") (the "Party")', 'Party'],
    ];
    for (const [t, term] of cases) {
      const { pattern, fast } = both(t, term);
      expect(fast, t).toEqual(pattern);
    }
  });

  it.skipIf(!HAS_SHARED)('are those the pattern finds, for 12 quoted terms of each of 4 CUAD contracts', () => {
    const dir = path.join(SHARED, 'corpus/cuad/txt');
    const files = readdirSync(dir)
      .sort()
      .filter((_, i) => i % 102 === 0);
    let found = 0;
    for (const f of files) {
      const t = norm(readFileSync(path.join(dir, f), 'utf8'));
      const terms = new Set([...t.matchAll(/["“]([A-Z][\w -]{1,40}?)["”]/g)].map((m) => m[1]!));
      for (const term of [...terms].slice(0, 12)) {
        const { pattern, fast } = both(t, term);
        expect(fast, `${f}: ${term}`).toEqual(pattern);
        if (pattern) found++;
      }
    }
    expect(found).toBeGreaterThan(10);
  });
});
