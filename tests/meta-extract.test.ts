// Document-level facts (title, parties, agreement and effective dates) on real contracts: preambles from
// CUAD (CC BY 4.0) and a measurement over the whole labelled CUAD development split with the shared scorer.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extractMeta, findMetaDates, findTitle } from '../src/extract/meta.js';
import { findDates } from '../src/extract/attributes/dates.js';
import { findParties } from '../src/extract/attributes/parties.js';
import { describeCorpus, HAS_SHARED, importShared, SHARED } from './shared-data.js';

const CUAD = path.join(SHARED, 'corpus', 'cuad');
// the shared scorer, used unchanged; without ../shared the tests that use it are skipped
const scorer = await importShared<{ scoreAttributes(dir: string, predictions: object): unknown }>(
  'eval/score-cuad.mjs',
);

describe('dates', () => {
  // spans the CUAD lawyers marked as agreement or effective dates
  const cases: Array<[string, string | undefined]> = [
    ['June 21, 1999', '1999-06-21'],
    ['22 Dec. 2017', '2017-12-22'],
    ['the 26th day of March 2020', '2020-03-26'],
    ['20t h day of January, 2020', '2020-01-20'],
    ['1s t day of June, 2004.', '2004-06-01'],
    ['19  DAY OF MAY , 2010', '2010-05-19'],
    ['March 9th 2015', '2015-03-09'],
    ['Nov. 02, 2019', '2019-11-02'],
    ['Dated 05/05/98', '1998-05-05'],
    ['29/3/18', '2018-03-29'],
    ['Contract  start:  04-01-06', '2006-04-01'],
    ['fifth day of June, 2019', '2019-06-05'],
    // blanks to be filled in: found, but without a value
    ['July __, 2000', undefined],
    ['this ____ day of ___________, 2000,', undefined],
    ['[ ] day of [ ], 2020', undefined],
    ['September ___, 2018', undefined],
    // month and day left out altogether: the year alone
    ['AGENCY AGREEMENT\n\n, 2009', undefined],
    ['AGREEMENT made as of  , 2013, between', undefined],
    ['____________, 1996', undefined],
  ];
  for (const [text, iso] of cases) {
    it(`${JSON.stringify(text)} → ${iso ?? 'no value'}`, () => {
      const d = findDates(text);
      expect(d.length).toBe(1);
      expect(d[0]!.iso).toBe(iso);
      expect(text.slice(d[0]!.start, d[0]!.end)).toBe(d[0]!.text);
    });
  }
  it('is no date: a verb, a section number, an invalid day', () => {
    expect(findDates('Either party may 30 days after notice terminate.')).toEqual([]);
    expect(findDates('February 30, 2019').filter((d) => d.iso)).toEqual([]);
    expect(findDates('In 2009, the parties sold 1,000, 2010 units.')).toEqual([]);
  });
});

describe('preambles', () => {
  it('reads parties, roles and dates from a "by and between" preamble', () => {
    // CUAD 2ThemartComInc co-branding agreement
    const t =
      'CO-BRANDING AND ADVERTISING AGREEMENT\n\nTHIS CO-BRANDING AND ADVERTISING AGREEMENT (the "Agreement") is made as of June 21, 1999 (the "Effective Date") by and between I-ESCROW, INC., with its principal place of business at 1730 S. Amphlett Blvd., Suite 233, San Mateo, California 94402 ("i-Escrow"), and 2THEMART.COM, INC. having its principal place of business at 18301 Von Karman Avenue, 7th Floor, Irvine, California 92612 ("2TheMart").\n\n1. DEFINITIONS.';
    const clauses = extractMeta(t);
    for (const c of clauses) expect(t.slice(c.start, c.end)).toBe(c.text);
    const by = (cat: string) => clauses.filter((c) => c.category === cat);
    expect(by('meta.document-name')[0]!.text).toBe('CO-BRANDING AND ADVERTISING AGREEMENT');
    expect(by('meta.parties')[0]!.attributes!.parties).toEqual([
      { name: 'I-ESCROW, INC.', role: 'i-Escrow' },
      { name: '2THEMART.COM, INC.', role: '2TheMart' },
    ]);
    expect(by('meta.agreement-date')[0]!.attributes).toEqual({ date: '1999-06-21' });
    expect(by('meta.effective-date')[0]!.attributes).toEqual({ date: '1999-06-21' });
  });
  it('finds an agreement date whose month and day are left out (CUAD Athens Bancshares agency agreement)', () => {
    const t =
      'AGENCY AGREEMENT\n\n, 2009\n\nKeefe, Bruyette & Woods, Inc.\n\nLadies and Gentlemen:\n\nAthens Bancshares Corporation (the "Company") hereby confirms its agreement with you.';
    expect(
      extractMeta(t)
        .filter((c) => c.category === 'meta.agreement-date')
        .map((c) => c.text),
    ).toEqual(['2009']);
  });
  it('gives no effective date when the contract never says when it takes effect', () => {
    // CUAD Alco Stores agency agreement: the preamble dates it, nothing speaks of an effective date or a commencement
    const dated =
      'AGENCY AGREEMENT\n\nThis Agency Agreement is entered into as of November 9, 2005 by and between Gordon Brothers Retail Partners, LLC ("Agent") and ALCO Stores, Inc. ("Merchant").\n\n1. Appointment. Merchant appoints Agent as its exclusive agent.';
    expect(extractMeta(dated).filter((c) => c.category === 'meta.agreement-date')[0]!.attributes).toEqual({
      date: '2005-11-09',
    });
    expect(extractMeta(dated).filter((c) => c.category === 'meta.effective-date')).toEqual([]);
    // the same preamble with a term that commences on that date: the agreement date is the effective date
    const commences = `${dated}\n\n2. Term. The term of this Agreement shall commence on the date hereof.`;
    expect(extractMeta(commences).filter((c) => c.category === 'meta.effective-date')[0]!.attributes).toEqual({
      date: '2005-11-09',
    });
    // or one that "takes effect upon the signatures" (CUAD ZTO Express): the same
    const takesEffect = `${dated}\n\n2. Term. This Agreement takes effect upon the signatures and seals of both Parties.`;
    expect(extractMeta(takesEffect).filter((c) => c.category === 'meta.effective-date')[0]!.attributes).toEqual({
      date: '2005-11-09',
    });
  });
  it('reads party names written in scripts without capitals (Arabic, Japanese)', () => {
    for (const [client, law] of [
      ['شركة النخيل للتجارة', 'New York'],
      ['東京データ株式会社', 'Japan'],
    ] as const) {
      const t = `CONSULTING AGREEMENT\n\nThis Consulting Agreement is entered into as of March 1, 2026 by and between ${client} ("Client") and Jordan Lee Consulting LLC ("Consultant").\n\n1. Governing Law. This Agreement shall be governed by the laws of ${law}.`;
      const parties = extractMeta(t).find((c) => c.category === 'meta.parties' && c.attributes?.parties)!.attributes!
        .parties;
      expect(parties).toEqual([
        { name: client, role: 'Client' },
        { name: 'Jordan Lee Consulting LLC', role: 'Consultant' },
      ]);
    }
  });
  it('keeps the agreement date and a later effective date apart', () => {
    // CUAD Aduro Biotech consulting agreement
    const t =
      'CONSULTING AGREEMENT\n\nAduro Biotech, Inc., with a place of business at 740 Heinz Avenue, Berkeley, CA 94710 ("Aduro") and IREYA B.V having an address at Staalwijkstraat 16, 2313 XR Leiden, the Netherlands ("Consultant") agree to all terms and conditions of this Consulting Agreement ("Agreement") dated June 1, 2020, effective as of July 1, 2020 ("Effective Date").\n\n1. Services.';
    const d = findMetaDates(t);
    expect(d.agreement?.iso).toBe('2020-06-01');
    expect(d.effective?.iso).toBe('2020-07-01');
    expect(findParties(t).map((p) => p.name)).toEqual(['Aduro Biotech, Inc.', 'IREYA B.V']);
  });
  it('gives no date for a blank, and does not date the contract by an earlier agreement', () => {
    // CUAD TransMontaigne services agreement
    const blank =
      'SERVICES AGREEMENT\n\nThis SERVICES AGREEMENT is entered into on, and effective as of, August __, 2019 (the "Effective Date") among TransMontaigne Management Company, LLC, a Delaware limited liability company ("EmployeeCo") and TLP Management Services, LLC, a Delaware limited liability company (the "Operating Company").\n\nWHEREAS, EmployeeCo employs certain individuals.';
    const c = extractMeta(blank);
    expect(c.find((x) => x.category === 'meta.agreement-date')).toMatchObject({ text: 'August __, 2019' });
    expect(c.find((x) => x.category === 'meta.agreement-date')!.attributes).toBeUndefined();
    expect(c.find((x) => x.category === 'meta.parties')!.attributes!.parties).toEqual([
      { name: 'TransMontaigne Management Company, LLC', role: 'EmployeeCo' },
      { name: 'TLP Management Services, LLC', role: 'Operating Company' },
    ]);
    // CUAD Cerus first amendment
    const amend =
      'FIRST AMENDMENT TO SUPPLY AND MANUFACTURING AGREEMENT This First Amendment ("Amendment") to the Supply and Manufacturing Agreement dated April 1, 2017 between Cerus Corporation ("Cerus") and Porex Corporation ("Porex") (the "Agreement") is made this 22 day of June 2018. RECITALS';
    expect(findMetaDates(amend).agreement?.iso).toBe('2018-06-22');
  });
  it('resolves "as of the Effective Date" through the definition', () => {
    const t =
      'MASTER SERVICES AGREEMENT\n\nThis Master Services Agreement is made as of the Effective Date by and between Acme Widgets, Inc., a Delaware corporation ("Client"), and Jane Roe ("Consultant").\n\n1. Definitions. "Effective Date" means March 3, 2021.';
    expect(findMetaDates(t)).toMatchObject({ agreement: { iso: '2021-03-03' }, effective: { iso: '2021-03-03' } });
    expect(findParties(t).map((p) => [p.name, p.role])).toEqual([
      ['Acme Widgets, Inc.', 'Client'],
      ['Jane Roe', 'Consultant'],
    ]);
  });
  it('reads labelled parties and signature blocks', () => {
    // CUAD Cheetah Mobile cooperation agreement
    const t =
      'Cooperation Agreement\nThis Cooperation Agreement is executed by and between the parties below in Haidian District, Beijing:\nParty A: Beike Internet Security Technology Co., Ltd.\nAddress: Room 2101\nParty B: Baidu Online Network Technology (Beijing) Co., Ltd.\nAddress: No.10, Shangdi Shi Jie';
    expect(findParties(t).map((p) => p.name)).toEqual([
      'Beike Internet Security Technology Co., Ltd.',
      'Baidu Online Network Technology (Beijing) Co., Ltd.',
    ]);
    const s =
      'JOINT FILING AGREEMENT\n\nThe undersigned hereby agree to the joint filing of the Statement on Schedule 13D.\n\nIN WITNESS WHEREOF, the undersigned have executed this agreement.\n\nHPS MEZZANINE PARTNERS II GP, L.P. By: HPS Partners Holdings II, LLC, its general partner /s/ John Madden Name: John Madden';
    expect(findParties(s).map((p) => p.name)).toContain('HPS MEZZANINE PARTNERS II GP, L.P.');
  });
  it.skipIf(!HAS_SHARED)(
    'marks where the parties are first named, the title on the cover page, and the sentence defining "the Parties"',
    () => {
      // CUAD Antares Pharma manufacturing agreement: a cover page names the agreement and the parties first
      const t = readFileSync(path.join(CUAD, 'txt/Antares Pharma, Inc. - Manufacturing Agreement.txt'), 'utf8');
      const clauses = extractMeta(t);
      const rule = (r: string) => clauses.filter((c) => c.ruleId === `meta/${r}`);
      const cover = t.indexOf('Between\n\nAntares Pharma, Inc.');
      expect(rule('parties-first-mention').map((c) => c.text)).toEqual([
        'Antares Pharma, Inc.',
        'AMAG Pharmaceuticals, Inc.',
      ]);
      expect(rule('parties-first-mention')[0]!.start).toBeGreaterThan(cover);
      expect(rule('parties-first-mention')[0]!.start).toBeLessThan(cover + 30);
      expect(rule('parties-defined')[0]!.text).toContain(
        'referred to herein individually as a "Party" and collectively as the "Parties"',
      );
      // the cover page's title line is the title; nothing names the agreement before it
      expect(rule('document-name').map((c) => c.text)).toEqual(['Manufacturing Agreement']);
      expect(rule('document-name')[0]!.start).toBeLessThan(cover);
      expect(rule('document-name-first-mention')).toEqual([]);
      for (const c of clauses) expect(t.slice(c.start, c.end)).toBe(c.text);
    },
  );

  it('reads "the Parties" defined without a parenthesis or "referred to" ("are collectively the "Parties."", ""Parties" means")', () => {
    const defined = (t: string) =>
      extractMeta(t)
        .filter((c) => c.ruleId === 'meta/parties-defined')
        .map((c) => c.text);
    expect(
      defined(
        'MERCHANT AGREEMENT\n\nThis Merchant Agreement is made between Acme Inc., a Delaware corporation ("Purchaser"), and Beta LLC ("Merchant"). Purchaser and Merchant are collectively the "Parties." Now, therefore, the Parties agree as follows.',
      ),
    ).toEqual(['Purchaser and Merchant are collectively the "Parties."']);
    expect(
      defined(
        'SERVICES AGREEMENT\n\nThis Services Agreement is made between DD Inc. ("DD") and MBRK Ltd. ("MBRK").\n\n1.4 "Parties" means DD and MBRK collectively.',
      ),
    ).toEqual(['"Parties" means DD and MBRK collectively']);
  });
  it('marks a party named in the preamble together with the parenthesis naming its role, unless an address stands between', () => {
    // CUAD Armstrong Flooring assignment: the lawyers marked '"Licensing" and together with Seller, "Arizona"'
    const t =
      'ASSIGNMENT AGREEMENT\n\nThis Assignment Agreement is made by and between Armstrong Flooring, Inc., a Delaware corporation ("Seller") and AFI Licensing LLC, a Delaware limited liability company ("Licensing" and together with Seller, "Arizona") and AHF Holding, Inc., a company whose principal place of business is located at 2500 Columbia Avenue, Building 5, Lancaster, Pennsylvania 17603 (the "Buyer").';
    const names = extractMeta(t)
      .filter((c) => c.category === 'meta.parties')
      .map((c) => c.text);
    expect(names).toContain('Armstrong Flooring, Inc., a Delaware corporation ("Seller")');
    expect(names).toContain(
      'AFI Licensing LLC, a Delaware limited liability company ("Licensing" and together with Seller, "Arizona")',
    );
    expect(names).toContain('AHF Holding, Inc.');
  });

  it('marks the sentence that defines the Effective Date, and no other', () => {
    const t =
      'SERVICES AGREEMENT\n\nThis Agreement is made between Acme Inc. ("Acme") and Beta LLC ("Beta").\n\n1.2 "Effective Date" means July 15, 2005.\n\n2. This Agreement shall commence on the Effective Date.';
    const sentences = extractMeta(t).filter((c) => c.ruleId === 'meta/effective-date-sentence');
    // the segment as the segmenter cuts it, as for every rule clause
    expect(sentences.map((c) => c.text)).toEqual(['1.2 "Effective Date" means July 15, 2005.']);
  });
  it.skipIf(!HAS_SHARED)('reads the title however the first page writes it', () => {
    const cuad = (name: string) => readFileSync(path.join(CUAD, 'txt', name), 'utf8');
    const title = (t: string) => {
      const x = findTitle(t)!;
      expect(t.slice(x.start, x.end).replace(/\s+/g, ' ')).toBe(x.name);
      return x.name;
    };
    // a line of its own in title case, not the preamble's bare "This Agreement"
    expect(title(cuad('ASIANDRAGONGROUPINC_08_11_2005-EX-10.5-Reseller Agreement.txt'))).toBe('Reseller Agreement');
    // capitals at the start of a page-long line; the preamble's "THIS AGREEMENT" is not part of it
    expect(title(cuad('CORALGOLDRESOURCES,LTD_05_28_2020-EX-4.1-CONSULTING AGREEMENT.txt'))).toBe(
      'CONSULTING AGREEMENT',
    );
    // after the filing's confidentiality notice on the same line
    expect(title(cuad('Cerus Corporation - FIRST AMEND TO SUPPLY AND MANUFACTURING AGREEMENT.txt'))).toBe(
      'FIRST AMENDMENT TO SUPPLY AND MANUFACTURING AGREEMENT',
    );
    // broken over short lines, up to the party it is made for
    expect(title(cuad('VEONEER,INC_02_21_2020-EX-10.11-JOINT VENTURE AGREEMENT.txt'))).toBe(
      'AMENDMENT AND TERMINATION OF JOINT VENTURE AGREEMENT',
    );
    expect(title(cuad('BLACKSTONEGSOLONG-SHORTCREDITINCOMEFUND_05_11_2020-EX-99.(K)(1)-SERVICE AGREEMENT.txt'))).toBe(
      'SERVICE AGREEMENT FOR TRANSFER AGENT SERVICES',
    );
    // a bare "AGREEMENT" gives way to the fuller name the first line gives
    expect(
      title(
        'Promotion Agreement Between                     PageMaster Corporation and Go Call, Inc.\n\n      AGREEMENT\n\nThis Promotion Agreement (herein "Agreement") dated March 12, 1999',
      ),
    ).toBe('Promotion Agreement');
    // capitals followed by the definition on the same line
    expect(title('Facsimile: 604-632-1730      PROMOTION AGREEMENT  (the "Agreement")    This agreement is made')).toBe(
      'PROMOTION AGREEMENT',
    );
    // a confidentiality agreement is a title; a filing's confidentiality notice and a numbered section heading are not
    expect(
      title('CONFIDENTIALITY AGREEMENT\nRe: the Business\n1. UNDERTAKING\nIn consideration of our Agreement'),
    ).toBe('CONFIDENTIALITY AGREEMENT');
    expect(
      findTitle(
        'CERTAIN CONFIDENTIAL PORTIONS OF THIS EXHIBIT WERE OMITTED\n\n12. ENTIRE AGREEMENT\n\nThis is the whole agreement.',
      ),
    ).toBeUndefined();
  });
  it('marks the sentence that says when the contract starts, when it names a date or the signing', () => {
    const sentences = (t: string) =>
      extractMeta(t)
        .filter((c) => c.ruleId === 'meta/effective-date-sentence')
        .map((c) => c.text);
    // CUAD CCA Industries outsourcing agreement
    expect(
      sentences(
        'OUTSOURCING AGREEMENT\n\n1. Term. This agreement shall commence on January 20, 2014 (the "Effective Date") and shall continue in effect for six (6) months (the "Initial Term").',
      ),
    ).toEqual([
      'This agreement shall commence on January 20, 2014 (the "Effective Date") and shall continue in effect for six (6) months (the "Initial Term").',
    ]);
    // a paragraph that is the sentence: CUAD wording of a term "commencing" on a date, a venture's duration, a start
    // on signing by both parties, the start in the present tense, and a commencement date
    for (const [name, sentence] of [
      [
        'SERVICES AGREEMENT',
        '2.1 The term of this Agreement (the "Term") shall commence on the date hereof and shall expire upon delivery.',
      ],
      [
        'LICENSE AGREEMENT',
        '3. The Term of this Agreement shall be for a period of two years commencing the 1st day of September 2004.',
      ],
      [
        'JOINT VENTURE AGREEMENT',
        '4. The duration of this Venture (the "Term") will begin on March 1, 2020 and continue until February 28, 2025.',
      ],
      [
        'COOPERATION AGREEMENT',
        '8. This Agreement shall enter into effect on the date it is signed by both parties as shown below.',
      ],
      ['SUPPLY AGREEMENT', '1.1 Commencement This agreement commences upon execution of this document.'],
      ['SERVICES AGREEMENT', '1.4 Contract Term The commencement date for this contract will be 16th June 2004.'],
    ])
      expect(sentences(`${name}\n\n${sentence}`)).toEqual([sentence]);
    // a term in quotes, and a start when the last party signs a counterpart
    expect(
      sentences(
        'SUPPLY AGREEMENT\n\n3. Term. The "Term" shall begin on the date hereof and shall expire December 31, 2023.',
      ),
    ).toEqual(['The "Term" shall begin on the date hereof and shall expire December 31, 2023.']);
    expect(
      sentences(
        'SEPARATION AGREEMENT\n\n11.01 This Agreement may be executed in one or more counterparts, all of which counterparts shall be considered one and the same agreement, and shall become effective when one or more counterparts have been signed by each Party and delivered to the other Party.',
      ),
    ).toHaveLength(1);
    // no date of its own, or not the contract's start
    expect(
      sentences(
        'SERVICES AGREEMENT\n\n3. This Agreement shall begin on the Effective Date and shall continue until terminated.',
      ),
    ).toEqual([]);
    expect(
      sentences(
        'SERVICES AGREEMENT\n\n5. The warranty term for each Product shall be twelve months commencing on delivery.',
      ),
    ).toEqual([]);
    expect(
      sentences(
        'SERVICES AGREEMENT\n\n9. No amendment to this Agreement will be effective unless signed on or after January 1, 2020.',
      ),
    ).toEqual([]);
  });
  it('finds no title or parties in text that is not a contract', () => {
    expect(findTitle('the quick brown fox jumps over the lazy dog')).toBeUndefined();
    expect(findParties('the quick brown fox jumps over the lazy dog')).toEqual([]);
    expect(extractMeta('')).toEqual([]);
  });
});

describeCorpus('CUAD development split, scored with the shared scorer', () => {
  const gold = readFileSync(path.join(CUAD, 'labels.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { txt: string });
  const predictions = {
    documents: gold.map((g) => ({ file: g.txt, clauses: extractMeta(readFileSync(path.join(CUAD, g.txt), 'utf8')) })),
  };
  const r = scorer!.scoreAttributes(CUAD, predictions) as Record<string, { accuracy: number }>;
  it('agreement date, effective date and parties are right for most contracts', () => {
    expect(r['Agreement Date']!.accuracy).toBeGreaterThanOrEqual(0.88);
    expect(r['Effective Date']!.accuracy).toBeGreaterThanOrEqual(0.87);
    expect(r['Parties']!.accuracy).toBeGreaterThanOrEqual(0.78);
  });
  it('every clause is the text at its offsets', () => {
    for (const [i, d] of predictions.documents.entries()) {
      const text = readFileSync(path.join(CUAD, gold[i]!.txt), 'utf8');
      for (const c of d.clauses) expect(text.slice(c.start, c.end)).toBe(c.text);
    }
  });
});
