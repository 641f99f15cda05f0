// Clause extraction on real contracts: CUAD exhibits filed with the SEC, read as the CLI reads them. Each
// assertion names a clause a lawyer marked in that contract (or a category the contract lacks), so a rule or
// segmenter change that loses it fails here; the full benchmark is `npm run bench:cuad`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { alternativeMatches, extractClauses, partAround } from '../src/extract/index.js';
import { loadClauseRules } from '../src/extract/clause-rules.js';
import { compileRule } from '../src/extract/compiled-rules.js';
import { matchText, segment } from '../src/extract/segment.js';
import type { Clause } from '../src/schema.js';
import { describeCorpus, SHARED } from './shared-data.js';

const CUAD = path.join(SHARED, 'corpus', 'cuad', 'txt');
const { rules } = loadClauseRules(path.resolve(__dirname, '../rules/clauses'));

function extract(name: string): { text: string; clauses: Clause[] } {
  let text = readFileSync(path.join(CUAD, name), 'utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, clauses: extractClauses({ text, pageStarts: [0] }, rules) };
}

const squash = (s: string) => s.replace(/\s+/g, ' ');
/** the clauses of a category, their text on one line */
const of = (clauses: Clause[], category: string) =>
  clauses.filter((c) => c.category === category).map((c) => squash(c.text));

describeCorpus('CUAD distributor agreement (Black Box Stocks)', () => {
  const { text, clauses } = extract('BLACKBOXSTOCKSINC_08_05_2014-EX-10.1-DISTRIBUTOR AGREEMENT.txt');

  it('every clause is an exact slice of the text and names its rule', () => {
    expect(clauses.length).toBeGreaterThan(10);
    for (const c of clauses) {
      expect(c.text).toBe(text.slice(c.start, c.end));
      expect(c.ruleId).toMatch(/^[a-z-]+\/[a-z-]+(?:#\d+)?$/);
    }
  });

  it('finds the clauses the lawyers marked', () => {
    expect(of(clauses, 'term.anti-assignment').join('\n')).toContain('Distributor shall not assign this Agreement');
    expect(of(clauses, 'restrict.exclusivity').join('\n')).toContain('exclusive right to sell');
    expect(of(clauses, 'term.expiration').join('\n')).toContain('shall terminate on May 31, 2015');
    expect(of(clauses, 'term.renewal').join('\n')).toContain('may be extended for an additional two year period');
    expect(of(clauses, 'admin.governing-law').join('\n')).toContain('governed by the laws of the State of Texas');
    expect(of(clauses, 'liability.cap').join('\n')).toMatch(
      /IN NO EVENT SHALL COMPANY BE LIABLE FOR ANY INCIDENTAL OR CONSEQUENTIAL DAMAGES/,
    );
    expect(of(clauses, 'restrict.non-compete').join('\n')).toContain('not to represent or sell other products');
  });

  it('reports nothing for what the contract does not say', () => {
    for (const c of [
      'restrict.no-solicit-employees',
      'ip.source-code-escrow',
      'liability.insurance',
      'ip.joint-ownership',
      'restrict.most-favored-nation',
    ]) {
      expect(of(clauses, c), c).toEqual([]);
    }
  });
});

describeCorpus('CUAD co-branding agreement (2TheMart / i-Escrow)', () => {
  const { clauses } = extract(
    '2ThemartComInc_19990826_10-12G_EX-10.10_6700288_EX-10.10_Co-Branding Agreement_ Agency Agreement.txt',
  );

  it('finds the liability clauses: the exclusion of damages and its carve-out', () => {
    expect(of(clauses, 'liability.cap').join('\n')).toContain(
      'NEITHER PARTY SHALL BE LIABLE FOR SPECIAL, INCIDENTAL OR CONSEQUENTIAL DAMAGES',
    );
    expect(of(clauses, 'liability.uncapped').join('\n')).toContain('EXCEPT IN THE EVENT OF A BREACH OF SECTION 11');
  });

  it('finds the licences, the audit right and the renewal', () => {
    expect(of(clauses, 'ip.license-grant').join('\n')).toContain(
      'hereby grants to 2TheMart a non-exclusive, nontransferable right to use',
    );
    expect(of(clauses, 'ip.license-non-transferable').length).toBeGreaterThan(0);
    expect(of(clauses, 'admin.audit-rights').join('\n')).toContain('may inspect and audit such records');
    expect(of(clauses, 'term.renewal').join('\n')).toContain('shall be automatically renewed for another one (1) year');
  });

  it('reports nothing for what the contract does not say', () => {
    for (const c of [
      'restrict.exclusivity',
      'restrict.no-solicit-employees',
      'liability.insurance',
      'ip.source-code-escrow',
    ]) {
      expect(of(clauses, c), c).toEqual([]);
    }
  });
});

describeCorpus('segmenter on a real contract', () => {
  const text = readFileSync(path.join(CUAD, 'BLACKBOXSTOCKSINC_08_05_2014-EX-10.1-DISTRIBUTOR AGREEMENT.txt'), 'utf8');
  const segs = segment(text);

  it('cuts sentences with exact offsets, skipping page furniture', () => {
    expect(segs.length).toBeGreaterThan(50);
    for (const s of segs) expect(s.text).toBe(text.slice(s.start, s.end));
    expect(segs.some((s) => /^Source:/.test(s.text))).toBe(false);
  });

  it('keeps each sentence under its section heading', () => {
    const law = segs.find((s) => s.text.includes('governed by the laws of the State of Texas'));
    expect(law?.heading).toBeTruthy();
  });
});

describe('segmenter on contract structure', () => {
  it('reads a run-in heading and keeps it for the sub-clauses under it', () => {
    const text =
      '12.3 Limitation of Liability. In no event shall either party be liable for lost profits.\n(a) This limit applies to all claims.\n12.4 Notices. All notices shall be in writing.';
    const segs = segment(text);
    expect(segs.find((s) => s.text.startsWith('(a)'))?.heading).toBe('Limitation of Liability');
    expect(segs.find((s) => s.text.includes('All notices shall be in writing'))?.heading).toBe('Notices');
  });

  it('gives each list item the lead-in that governs it, and a clause rule reads them together', () => {
    const text =
      'During the Term and for one year thereafter, Distributor shall not, directly or indirectly:\n\n(a) solicit any employee of the Company to leave its employment; or\n\n(b) sell any product that competes with the Products.';
    const segs = segment(text);
    const item = segs.find((s) => s.text.startsWith('(a)'))!;
    expect(item.lead).toContain('shall not, directly or indirectly:');
    const clauses = extractClauses({ text, pageStarts: [0] }, rules);
    const hit = clauses.find((c) => c.category === 'restrict.no-solicit-employees');
    expect(hit?.text).toBe(item.text); // the span is the item alone
    expect(clauses.find((c) => c.category === 'restrict.non-compete')?.text).toMatch(/^\(b\) sell any product/);
  });

  it('gives an outer item after a nested list the outer lead-in, and leaves the joining word to the item before', () => {
    // the WPP service agreement's protective covenants, one line in the filing
    const text =
      'The Executive undertakes that he will not during the Restricted Period: (a) be engaged in: (i) any Competing Business; and/or (ii) any Target Business Entity; or (c) solicit or attempt to solicit or entice away the custom of any Client; or (d) employ any Key Individual.';
    const segs = segment(text);
    const inner = segs.find((s) => s.text.startsWith('(ii)'))!;
    expect(inner.lead).toBe('(a) be engaged in:');
    const c = segs.find((s) => s.text.includes('entice away'))!;
    expect(c.text).toMatch(/^\(c\) solicit/);
    expect(c.lead).toMatch(/^The Executive undertakes that he will not/);
    const clauses = extractClauses({ text, pageStarts: [0] }, rules);
    expect(clauses.find((x) => x.category === 'restrict.no-solicit-customers')?.text).toBe(c.text);
  });

  it('reads capital letters with a dot ("A.", "B.") as list markers', () => {
    // CUAD AirTech franchise agreement, section 16.02
    const text =
      'You covenant that during the term of this Agreement You shall not, either directly or indirectly:\n\nA. Divert any business or customer of the Franchise to any competitor.\n\nB. Employ or seek to employ any person who is at that time employed by AIRSOPURE or induce such person to leave his or her employment.';
    const b = segment(text).find((s) => s.text.startsWith('B.'))!;
    expect(b.lead).toMatch(/You shall not, either directly or indirectly:$/);
    const clauses = extractClauses({ text, pageStarts: [0] }, rules);
    expect(clauses.find((c) => c.category === 'restrict.no-solicit-employees')?.text).toBe(b.text);
  });

  it('cuts a lead-in from a numbered item on its line ("as follows: 13.1.1 In the event ...")', () => {
    // CUAD Nanophase distribution agreement, section 13.1
    const text =
      '13.1 The initial term of this Agreement shall be five (5) years and shall thereafter automatically renew for additional two (2) year terms unless a party provides the other party with notice of non-renewal no less than 6 months prior to the expiration of the initial term or any renewal term unless earlier terminated as follows: 13.1.1 In the event of material breach, the non-breaching party shall give the breaching party written notice.';
    expect(segment(text).map((s) => s.text.slice(0, 12))).toEqual(['13.1 The ini', '13.1.1 In th']);
    const clauses = extractClauses({ text, pageStarts: [0] }, rules);
    expect(clauses.map((c) => c.category)).toContain('term.renewal-notice');
  });

  it('reads a dot before a comma ("KI, Inc., be assigned") or after an abbreviation as no sentence end', () => {
    // CUAD Ambassador Eyewear endorsement agreement
    const text =
      'This Agreement and all rights and duties hereunder are personal to Diplomat and shall not, without the written consent of KI, Inc., be assigned, mortgaged, sublicensed or otherwise encumbered by Diplomat.';
    const clauses = extractClauses({ text, pageStarts: [0] }, rules);
    expect(clauses.map((c) => c.category)).toContain('term.anti-assignment');
    // nor the dot of an abbreviation the segmenter keeps inside its sentence
    const abbrev =
      'This Agreement is personal to Contractor and shall not, without the written consent of the U.S. Government, be assigned by Contractor.';
    expect(extractClauses({ text: abbrev, pageStarts: [0] }, rules).map((c) => c.category)).toContain(
      'term.anti-assignment',
    );
  });

  it('ends a sentence at an initial\'s dot when an item of the list starts after it ("Exhibit D. (c) In the event")', () => {
    // CUAD Tube Media affiliation agreement, section 10
    const text =
      "(b) Network retains the right at all times during the Term to terminate this Agreement on at least ninety (90) days' prior notice without any liability therefor to Affiliate, other than amounts payable pursuant to Section 6(b) and Exhibit D. (c) In the event that a Station does not launch the Service by the Launch Date, Network may terminate this Agreement as to that Station if Affiliate fails to cure.";
    expect(segment(text).map((s) => s.text.slice(0, 12))).toEqual(['(b) Network ', '(c) In the e']);
    const clauses = extractClauses({ text, pageStarts: [0] }, rules);
    expect(clauses.map((c) => c.category)).toContain('term.termination-for-convenience');
    // an initial inside a name stays inside its sentence
    expect(segment('The notice goes to John D. Smith at the address above. Copies go to counsel.')).toHaveLength(2);
  });

  it('reads a label with its value ("6. TERM: November 01, 2014 to October 31, 2017") as text, not as a heading', () => {
    const text = '5. STATE OF INCORPORATION: Delaware\n\n6. TERM: November 01, 2014 to October 31, 2017\n\n7. PRICING';
    const segs = segment(text);
    expect(segs.map((s) => s.text)).toEqual([
      '5. STATE OF INCORPORATION: Delaware',
      '6. TERM: November 01, 2014 to October 31, 2017',
    ]);
    expect(extractClauses({ text, pageStarts: [0] }, rules).map((c) => c.category)).toContain('term.expiration');
  });

  it('ends a list at a sentence that is no item, inside a one-line paragraph too', () => {
    const text =
      'Licensee shall not: (a) sell the Products outside the Territory; (b) modify the Software. Licensee may assign this Agreement to an Affiliate. (c) This sentence has a marker.';
    const segs = segment(text);
    expect(segs.find((s) => s.text.startsWith('(b)'))?.lead).toBe('Licensee shall not:');
    expect(segs.find((s) => s.text.startsWith('Licensee may'))?.lead).toBeUndefined();
  });

  it('joins a sentence broken by a page break and reads a word hyphenated at a line end', () => {
    const text =
      'The Licensee shall not, during the term of this Agreement, manufacture any product that\n\nSource: ACME CORP, 10-K, 1/1/2020\n\n7\n\ncompetes with the Products. Licensee may termi-\nnate this Agreement for convenience on thirty days notice.';
    const segs = segment(text);
    expect(segs[0]!.text).toMatch(/^The Licensee shall not.*competes with the Products\.$/s);
    const clauses = extractClauses({ text, pageStarts: [0] }, rules);
    expect(clauses.map((c) => c.category)).toContain('restrict.non-compete');
    expect(clauses.map((c) => c.category)).toContain('term.termination-for-convenience');
  });

  it('joins a list marker alone on its line to its text and records defined terms', () => {
    const text = 'a.\n\n"Affiliate" means any entity that controls a party.';
    const segs = segment(text);
    expect(segs).toHaveLength(1);
    expect(segs[0]!.text.startsWith('a.')).toBe(true);
    expect(segs[0]!.defines).toBe('Affiliate');
  });
});

describeCorpus('CUAD reseller agreement laid out in padded columns (Worldwide Strategies / TouchStar)', () => {
  const { clauses } = extract('WORLDWIDESTRATEGIESINC_11_02_2005-EX-10-RESELLER AGREEMENT.txt');

  it('reads runs of white space as one space, so a warranty period far along a padded line is within reach', () => {
    // "TouchStar warrants that (a) ... (ii) for a period of ninety (90) days after delivery": under 200 characters
    // of words, over 200 with the column padding of the filing
    expect(of(clauses, 'liability.warranty-duration').join('\n')).toContain(
      'for a period of ninety (90) days after delivery',
    );
  });

  it('gives the rules one text with its lead-in and says how long the lead-in is', () => {
    const read = matchText({ lead: 'Licensee   shall\n not:', text: '(a)  sell\n\n   the Products.' });
    expect(read.text).toBe('Licensee shall not: (a) sell the Products.');
    expect(read.text.slice(0, read.leadLength)).toBe('Licensee shall not: ');
  });
});

describeCorpus('one clause per provision (Berkeley Lights collaboration agreement, section 7.8 Audits)', () => {
  const { text, clauses } = extract('BERKELEYLIGHTS,INC_06_26_2020-EX-10.12-COLLABORATION AGREEMENT.txt');
  const audits = clauses.filter((c) => c.category === 'admin.audit-rights');
  const heading = audits.find((c) => c.text.startsWith('7.8 Audits.'))!;

  it('joins the heading and the sentences after it that a rule found into one clause listing them as parts', () => {
    expect(heading).toBeDefined();
    expect(heading.text).toBe(text.slice(heading.start, heading.end));
    const parts = heading.parts!;
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(text.slice(parts[0]!.start, parts[0]!.end)).toBe('7.8 Audits.');
    expect(parts[0]!.start).toBe(heading.start);
    expect(parts.at(-1)!.end).toBe(heading.end);
    for (let i = 1; i < parts.length; i++) expect(text.slice(parts[i - 1]!.end, parts[i]!.start)).toMatch(/^\s*$/);
    expect(heading.ruleId).toBe(parts[0]!.ruleId);
  });

  it('gives a joined clause each value as the first part that has it gives it', () => {
    const t =
      "CONSULTING AGREEMENT\n\n9. Termination. Client may terminate this Agreement at any time for its convenience. Either party may terminate this Agreement upon thirty (30) days' written notice to the other party.";
    const c = extractClauses({ text: t, pageStarts: [0] }, rules).find(
      (x) => x.category === 'term.termination-for-convenience',
    )!;
    expect(c.parts).toHaveLength(2);
    expect(c.parts![0]!.attributes).toEqual({ whoMayTerminate: 'client' });
    expect(c.parts![1]!.attributes).toMatchObject({ noticeDays: 30 });
    expect(c.parts![1]!.attributes!.whoMayTerminate).not.toBe('client');
    expect(c.attributes).toEqual({ whoMayTerminate: 'client', noticeDays: 30 });
  });

  it('keeps clauses apart where a sentence no rule found lies between them', () => {
    const between = text.indexOf("The accounting firm's report will", heading.start);
    expect(between).toBeGreaterThan(heading.end);
    const cost = audits.find((c) => c.text.startsWith('The auditing Party shall bear the full cost'))!;
    expect(cost.start).toBeGreaterThan(between);
    expect(clauses.some((c) => c.start <= between && c.end > between && c.category === 'admin.audit-rights')).toBe(
      false,
    );
  });
});

describeCorpus(
  'a right to terminate on notice in an inline list whose other item names a breach (Nexstar / WYZZ outsourcing agreement)',
  () => {
    const { clauses } = extract('NEXSTARFINANCEHOLDINGSINC_03_27_2002-EX-10.26-OUTSOURCING AGREEMENT.txt');

    it('finds "(i) at any time upon six (6) months prior written notice" though item (iii) is a termination for breach', () => {
      expect(of(clauses, 'term.termination-for-convenience').join('\n')).toContain(
        '(i) at any time upon six (6) months prior written notice',
      );
    });

    it('reads an exception only in the part of the sentence the trigger lies in (notScope: part)', () => {
      const alt = compileRule(
        {
          category: 'term.termination-for-convenience',
          title: 't',
          description: 'd',
          match: [{ any: ['\\bmay\\s+terminate\\b[^.;]{0,40}\\bnotice'], not: ['\\bbreach'], notScope: 'part' }],
          examples: { positive: ['x'], negative: ['y'] },
        },
        'term/x',
        'x.yaml',
      ).compiled[0];
      expect(
        alternativeMatches(
          alt,
          'Either party may terminate on 30 days notice; provided that a party in breach may not.',
          undefined,
        ),
      ).toBe(true);
      expect(
        alternativeMatches(alt, 'Owner may terminate: (a) on 30 days notice, (b) if Operator is in breach.', undefined),
      ).toBe(true);
      expect(
        alternativeMatches(alt, 'Owner may terminate on 30 days notice if Operator is in breach.', undefined),
      ).toBe(false);
      expect(
        alternativeMatches(
          { ...alt, notInPart: false },
          'Owner may terminate: (a) on 30 days notice, (b) if Operator is in breach.',
          undefined,
        ),
      ).toBe(false);
      // "thirty (30)" is no list marker: a number in brackets after a word does not cut the sentence
      expect(partAround('Owner may terminate on thirty (30) days notice, (b) if in breach.', 0, 20)).toBe(
        'Owner may terminate on thirty (30) days notice',
      );
    });
  },
);

describeCorpus(
  'a numbered item that goes on the sentence its lead-in began (PhaseBio / SFJ development agreement)',
  () => {
    const { clauses } = extract(
      'PhasebioPharmaceuticalsInc_20200330_10-K_EX-10.21_12086810_EX-10.21_Development Agreement.txt',
    );

    it('reads "3.19.1 any Competing Product" after "SFJ shall not ... sell, offer for sale or have sold:"', () => {
      expect(of(clauses, 'restrict.non-compete').join('\n')).toContain('any Competing Product (other than Product)');
    });

    it('still ends a list at a numbered section that starts a sentence of its own', () => {
      const segs = segment(
        'The parties agree as follows:\n3.1 any Competing Product sold.\n3.2 The Licensee shall pay.\n',
      );
      expect(segs.find((s) => s.text.startsWith('3.1'))?.lead).toBe('The parties agree as follows:');
      expect(segs.find((s) => s.text.startsWith('3.2'))?.lead).toBeUndefined();
    });
  },
);
