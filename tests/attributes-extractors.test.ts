// Attribute extractors on real contract sentences: CUAD contracts (CC BY 4.0, file named in each case)
// and the standard forms in ../shared/corpus/forms (GitHub site policy, Common Paper, CC0 / CC BY 4.0).
// Each extractor is checked on sentences that carry a value and on sentences that must give none.
import { describe, expect, it } from 'vitest';
import {
  extractorsFor,
  knownExtractors,
  runExtractors,
  durationDays,
  registerExtractor,
  measureClause,
} from '../src/extract/attributes/index.js';
import { findDurations } from '../src/extract/attributes/durations.js';
import { findMoney } from '../src/extract/attributes/money.js';
import * as P from '../src/extract/attributes/plain.js';

/** Run the extractors a category gets on one sentence, as the extract stage does. */
function on(category: string, text: string): Record<string, unknown> {
  return runExtractors(extractorsFor(category), text, { docText: text, start: 0, end: text.length }) ?? {};
}

describe('durations and money', () => {
  it('reads number words, digits in brackets and hyphenated periods', () => {
    const d = findDurations(
      "at least ninety (90) days, one hundred twenty (120) calendar days, a six-month period, 3 months' notice",
    );
    expect(d.map((x) => [x.n, x.unit])).toEqual([
      [90, 'day'],
      [120, 'day'],
      [6, 'month'],
      [3, 'month'],
    ]);
    expect(durationDays('thirty (30) days')).toBe(30);
    expect(durationDays('no period here')).toBeUndefined();
  });
  it('reads amounts with symbols, codes, words and scales', () => {
    expect(findMoney('three hundred dollars ($300.00)').map((m) => m.amount)).toEqual([300]);
    expect(findMoney('US$5,000,000 and $2.5 million and EUR 800').map((m) => [m.amount, m.currency])).toEqual([
      [5_000_000, 'USD'],
      [2_500_000, 'USD'],
      [800, 'EUR'],
    ]);
    expect(findMoney('Section 12.3 of the Agreement')).toEqual([]);
  });
});

describe('governing law (admin.governing-law → jurisdiction)', () => {
  const cases: Array<[string, string | undefined]> = [
    // CUAD 2ThemartComInc co-branding agreement
    [
      'This Agreement will be governed and construed in accordance with the laws of the State of California without giving effect to conflict of laws principles.',
      'California',
    ],
    // CUAD, British Columbia distributor
    [
      'This Agreement shall be governed by and construed in accordance with the laws of the Province of British Columbia and the federal laws of Canada applicable therein, excluding its conflict-of-laws rules.',
      'British Columbia, Canada',
    ],
    [
      'THIS AGREEMENT SHALL BE GOVERNED BY AND INTERPRETED IN ACCORDANCE WITH THE LAWS OF THE STATE OF NEW YORK WITHOUT REGARD TO CONFLICTS OF LAW PRINCIPLES (OTHER THAN SECTION 5-1401 OF THE NEW YORK GENERAL OBLIGATIONS LAW).',
      'New York',
    ],
    [
      'This Agreement shall be governed by and construed in accordance with the laws of England and Wales.',
      'England and Wales',
    ],
    [
      'The execution, validity, construction, enforcement and the settlement of any disputes herefrom shall be governed by PRC Laws.',
      "People's Republic of China",
    ],
    [
      'Any such arbitration shall (i) be subject to the application of the Italian Law, (ii) take place in Paris, France and (iii) be conducted in English.',
      'Italy',
    ],
    [
      'This Agreement shall be deemed to have been entered into in the State of New Jersey, and shall be construed and interpreted in accordance with the laws of that State applicable to agreements made and to be performed in the State of New Jersey.',
      'New Jersey',
    ],
    // GitHub Secret Scanning Partner Program Agreement
    [
      'This agreement is governed by the laws of the State of California, without regard to its conflict-of-laws principles.',
      'California',
    ],
    // negatives: no place named, or a redacted one
    [
      'This Agreement is governed by the Governing Law, regardless of the laws that might otherwise govern under applicable principles of choice of law.',
      undefined,
    ],
    [
      'This Agreement shall be governed by and construed in accordance with the laws of [***], without regard to the conflicts of law principles thereof.',
      undefined,
    ],
  ];
  for (const [text, want] of cases) {
    it(`${want ?? 'nothing'}: ${text.slice(0, 60)}`, () => {
      expect(on('admin.governing-law', text).jurisdiction).toBe(want);
    });
  }
  it('reads the venue next to the law', () => {
    const t =
      'Each party irrevocably submits to the exclusive jurisdiction of the state and federal courts located in San Francisco County, California for any action arising out of or relating to this agreement.';
    expect(on('admin.governing-law', t).venue).toBe('San Francisco County, California');
    expect(on('admin.venue', 'The parties submit to the courts of competent jurisdiction.').venue).toBeUndefined();
    expect(
      on(
        'admin.venue',
        'Each party submits to the exclusive jurisdiction of the United States District Court for the Southern District of New York.',
      ).venue,
    ).toBe('Southern District of New York');
  });
});

describe('renewal (term.renewal → renewalMonths, termMonths; term.renewal-notice → noticeDays)', () => {
  it('takes the renewal period, not the notice period or the initial term', () => {
    // CUAD 2ThemartComInc
    expect(
      on(
        'term.renewal',
        'In the event that either party does not give such notice, the term of this Agreement shall be automatically renewed for another one (1) year.',
      ).renewalMonths,
    ).toBe(12);
    const t =
      'This Agreement will automatically be renewed for periods of twelve (12) months unless either Party gives six (6) months written notice of its intent to terminate this Agreement.';
    expect(on('term.renewal', t).renewalMonths).toBe(12);
    expect(on('term.renewal-notice', t).noticeDays).toBe(180);
    const u =
      'Unless earlier terminated as provided herein, this Agreement continues in effect for an initial term of seven (7) years ("Initial Term") and will automatically renew for one or more annual periods after the Initial Term (each a "Renewal Term") unless either party gives notice of non-renewal at least one hundred eighty (180) days prior to the expiration of the then-current term.';
    expect(on('term.renewal', u)).toMatchObject({ renewalMonths: 12, termMonths: 84 });
    expect(on('term.renewal-notice', u).noticeDays).toBe(180);
  });
  it('reads month-to-month and "terms of the same duration"', () => {
    expect(
      on(
        'term.renewal',
        'This Agreement will extend automatically for monthly periods unless either party notifies the other party in writing at least thirty (30) days before the expiration of the then current term.',
      ).renewalMonths,
    ).toBe(1);
    const ctx = 'The Initial Term of this Agreement is five (5) years from the Effective Date. ';
    const clause =
      'Upon the expiry of the Initial Term this Agreement shall automatically renew for successive terms of the same duration.';
    const doc = ctx + clause;
    expect(
      runExtractors(['renewalMonths'], clause, { docText: doc, start: ctx.length, end: doc.length })?.renewalMonths,
    ).toBe(60);
  });
  it('gives nothing where no period is stated', () => {
    expect(
      on('term.renewal', 'This Agreement may be renewed by mutual written agreement of the parties.').renewalMonths,
    ).toBeUndefined();
    expect(
      on(
        'term.renewal-notice',
        'Either party may elect not to renew this Agreement by written notice to the other party.',
      ).noticeDays,
    ).toBeUndefined();
  });
});

describe('termination for convenience (noticeDays, whoMayTerminate)', () => {
  it('reads the notice and who holds the right', () => {
    // Common Paper Mutual NDA standard terms
    expect(
      on(
        'term.termination-for-convenience',
        'Either party may terminate this MNDA for any or no reason upon written notice to the other party.',
      ),
    ).toEqual({ whoMayTerminate: 'either' });
    expect(
      on(
        'term.termination-for-convenience',
        "Client may terminate this Agreement for convenience at any time upon thirty (30) days' prior written notice to Consultant.",
      ),
    ).toEqual({ noticeDays: 30, whoMayTerminate: 'client' });
    expect(
      on(
        'term.termination-for-convenience',
        'Kubient may terminate this Exhibit at any time, for any reason, upon sixty (60) days written notice.',
      ),
    ).toEqual({ noticeDays: 60, whoMayTerminate: 'Kubient' });
  });
  it('names no one when the sentence does not say who may terminate', () => {
    expect(
      on(
        'term.termination-for-convenience',
        'This Agreement may be terminated by mutual written agreement of the parties.',
      ).whoMayTerminate,
    ).toBeUndefined();
    expect(
      on('term.termination-for-convenience', 'The Other Party may terminate this Agreement upon notice.')
        .whoMayTerminate,
    ).toBeUndefined();
    expect(
      on(
        'term.termination-for-convenience',
        'A Party may terminate this Agreement at any time upon ninety (90) days written notice.',
      ),
    ).toEqual({ noticeDays: 90, whoMayTerminate: 'either' });
  });
  it('does not take a cure period for a notice period', () => {
    expect(
      on('term.termination-for-convenience', 'The Agreement terminates if the breach is not cured within the term.')
        .noticeDays,
    ).toBeUndefined();
  });
});

describe('expiration (term.expiration → date, termMonths)', () => {
  it('reads an explicit end date and an initial term', () => {
    expect(
      on(
        'term.expiration',
        'The "Term" shall begin on the date hereof and shall expire December 31, 2023, subject to early termination pursuant to the terms hereof.',
      ).date,
    ).toBe('2023-12-31');
    expect(
      on(
        'term.expiration',
        'The term of this Agreement shall continue for one (1) year following the Launch Date, unless earlier terminated as provided herein.',
      ),
    ).toEqual({ termMonths: 12 });
    expect(on('term.expiration', 'This Agreement shall remain in effect until terminated by either party.')).toEqual(
      {},
    );
  });
});

describe('restrictive covenants (durationMonths, tail, territory, field)', () => {
  it('reads a post-termination tail, its territory and its field', () => {
    // CUAD JointCorp franchise agreement
    const t =
      'Upon expiration or termination of this Agreement for any reason, you agree not to engage in a competitive business for a period of two (2) years after the termination or expiration and within twenty-five (25) miles of your Franchise Premises or any other The Joint Corp.';
    expect(on('restrict.non-compete', t)).toMatchObject({
      durationMonths: 24,
      tail: true,
      territory: expect.stringMatching(/^within twenty-five \(25\) miles of your Franchise Premises/),
    });
    // CUAD Moelis strategic alliance agreement
    const s =
      'Each of SMBC/Nikko and Moelis Holdings agrees not to solicit or hire any employee of the other party during the term of this Agreement and for a period of 12 months thereafter.';
    expect(on('restrict.no-solicit-employees', s)).toMatchObject({ durationMonths: 12, tail: true });
    // CUAD MusclePharm endorsement agreement
    const m =
      "Endorser's duty not to compete with the business of MusclePharm shall continue for a period of one year following the expiration or termination of this Agreement.";
    expect(on('restrict.non-compete', m)).toMatchObject({ durationMonths: 12, tail: true });
    // plain-language forms: "after it ends", "after its expiration or termination"
    expect(
      on(
        'restrict.non-compete',
        'During the term of this Agreement and for nine (9) months after it ends, Consultant will not perform panel consulting services for any competitor of Client.',
      ),
    ).toMatchObject({ durationMonths: 9, tail: true });
    expect(
      on(
        'restrict.non-compete',
        'During the term of this Agreement and for twelve (12) months after its expiration or termination for any reason, Contractor will not provide analytics services to any business engaged in financial services.',
      ),
    ).toMatchObject({ durationMonths: 12, tail: true });
  });
  it('reads a field and a worldwide territory', () => {
    const t =
      'During the Term, Consultant shall not provide services to any competitors of Client anywhere in the world.';
    expect(on('restrict.non-compete', t)).toEqual({
      tail: false,
      territory: 'worldwide',
      field: 'competitors of Client',
    });
    expect(
      on(
        'restrict.non-compete',
        'Consultant shall not engage in the financial services industry in the United States.',
      ),
    ).toMatchObject({ field: 'financial services industry', territory: 'United States' });
  });
  it('gives nothing for a sentence with no restriction values', () => {
    expect(on('restrict.exclusivity', 'The parties will cooperate in good faith.')).toEqual({});
  });
  it('reads the areas a restriction lists as its field', () => {
    // a distributor's covenant as CUAD filings word it
    expect(
      on(
        'restrict.non-compete',
        'Distributor will not market a computer program which competes in any way with the Products in the areas of consolidation, financial information, reporting, data collection, or modeling, including modification, alteration or enhancement of it.',
      ),
    ).toMatchObject({ field: 'consolidation, financial information, reporting, data collection, or modeling' });
  });
  it('reads an activity with what it is for as the field', () => {
    // CUAD BioAmber development agreement
    expect(
      on(
        'restrict.non-compete',
        'Developer will not itself or with or through third parties engage in the development of biocatalysts other than E. coli for the production of succinic acid or salts thereof, except for the development activities under this Development Agreement.',
      ),
    ).toMatchObject({
      field: 'development of biocatalysts other than E. coli for the production of succinic acid or salts thereof',
    });
  });
  it('reads a field drawn around a defined product as what the product is', () => {
    // CUAD Ehave reseller agreement, with the product as the contract defines it
    const covenant =
      'Reseller shall not enter into an agreement with any other Person related to the license, sale or resale of service, solutions, goods or products, that are substantially similar to or competitive with the Vendor Companion Solution.';
    const docText = `"Vendor Companion Solution" means the cloud-based veterinary patient management platform that Vendor markets as "Vetlogic Companion".\n\n${covenant}`;
    const start = docText.indexOf(covenant);
    expect(
      measureClause('restrict.non-compete', undefined, covenant, { docText, start, end: start + covenant.length }),
    ).toMatchObject({
      field: expect.stringMatching(/similar to or competitive with the Vendor Companion Solution$/),
      fieldMeans: expect.stringMatching(/^the cloud-based veterinary patient management platform/),
    });
  });
});

describe('restrictive covenants over defined activities and areas', () => {
  it('reads "engaged in Mining Activities" as the field and "the Area of Non-Competition" as the place', () => {
    const covenant =
      'Consultant covenants that, for a period of 2 years after the Effective Date, it will not, directly or indirectly, (a) carry on or be engaged in Mining Activities, or (b) advise any Person who carries on or is engaged in Mining Activities, in the Area of Non-Competition.';
    const docText = `1.1 "Area of Non-Competition" means Scandinavia.\n1.2 "Mining Activities" means any acquisition of mineral rights or any mineral exploration or development activities.\n${covenant}`;
    const start = docText.indexOf(covenant);
    expect(
      measureClause('restrict.non-compete', undefined, covenant, { docText, start, end: start + covenant.length }),
    ).toMatchObject({
      field: 'Mining Activities',
      fieldMeans: expect.stringMatching(/^any acquisition of mineral rights/),
      territory: 'the Area of Non-Competition',
      territoryMeans: 'Scandinavia',
    });
  });
});

describe('liability (capAmount, capFormula, uncapped) and insurance', () => {
  it('reads a formula cap', () => {
    // CUAD Ehave agreement
    const t =
      "Subject to Section 17(c), in no event shall either Party's liability under this Agreement exceed the aggregate of all amounts paid under this Agreement and amounts that have accrued but not yet been paid in the twelve (12) months preceding the event giving rise to the claim.";
    expect(on('liability.cap', t).capFormula).toMatch(
      /^amounts paid under this Agreement .*twelve \(12\) months preceding the event giving rise to the claim$/,
    );
    expect(on('liability.cap', t).capAmount).toBeUndefined();
  });
  it('reads an amount cap', () => {
    const t =
      "For any cause of action arising under this Agreement, Nortel's liability to Entrust, and Entrust's liability to Nortel shall not exceed U.S.$5,000,000.";
    expect(on('liability.cap', t).capAmount).toBe(5_000_000);
  });
  it('reads carve-outs from the cap as uncapped', () => {
    // CUAD Magenta Therapeutics master development agreement
    const t =
      "NOTWITHSTANDING THE FOREGOING, THESE LIMITATIONS SHALL NOT APPLY TO DAMAGES ARISING FROM A PARTY'S (I) INDEMNIFICATION OBLIGATIONS UNDER SECTION 11.1 OR SECTION 11.2 HEREOF, (II) GROSS NEGLIGENCE OR WILFUL MISCONDUCT.";
    expect(on('liability.uncapped', t)).toEqual({ uncapped: true });
    expect(on('liability.cap', 'Each party shall indemnify the other against third-party claims.')).toEqual({});
  });
  it('reads insurance limits and types', () => {
    // CUAD American Physicians Capital agency agreement
    expect(
      on(
        'liability.insurance',
        'The Agency will maintain valid errors and omissions insurance, with minimum limits of $1,000,000 per incident, and a fidelity and electronic crime policy.',
      ),
    ).toEqual({
      insuranceAmount: 1_000_000,
      insuranceType: 'professional liability (E&O)',
    });
    expect(
      on('liability.insurance', 'Comprehensive general liability insurance in the amount of $1,000,000.00.'),
    ).toEqual({ insuranceAmount: 1_000_000, insuranceType: 'general liability' });
    expect(on('liability.insurance', 'Each party shall maintain insurance appropriate to its business.')).toEqual({});
  });
});

describe('administration', () => {
  it('reads payment days', () => {
    // GitHub Corporate Terms of Service; CUAD Aduro consulting agreement; CUAD Airspan distributor agreement
    expect(
      on('admin.payment-terms', 'Customer must pay the Fees within thirty (30) days of the GitHub invoice date.')
        .paymentDays,
    ).toBe(30);
    expect(
      on(
        'admin.payment-terms',
        'Aduro shall pay Consultant any amounts due that are not reasonably disputed by Aduro, by check or direct bank deposit, within thirty days after receiving the invoice.',
      ).paymentDays,
    ).toBe(30);
    expect(
      on(
        'admin.payment-terms',
        'Any parts of the invoice not under dispute shall be paid net forty-five (45) days after the date of invoice.',
      ).paymentDays,
    ).toBe(45);
    expect(on('admin.payment-terms', 'All fees are exclusive of taxes.').paymentDays).toBeUndefined();
  });
  it('reads the invoicing cycle and format', () => {
    // CUAD Aduro consulting agreement
    const t =
      'On a monthly basis, Consultant shall submit to Aduro an invoice for the hours worked along with itemized documentation and receipts and other information for pre-approved travel.';
    expect(on('admin.invoicing', t)).toMatchObject({
      invoiceCycle: 'monthly',
      invoiceFormat: 'itemized, timesheets, receipts',
    });
    expect(
      on('admin.invoicing', 'Contractor shall invoice Client upon completion of each milestone set out in the SOW.')
        .invoiceCycle,
    ).toBe('on milestones');
    expect(on('admin.invoicing', 'The parties shall cooperate in good faith.')).toEqual({});
  });
  it('reads the reporting cycle', () => {
    expect(
      on(
        'admin.reporting',
        'Licensee shall deliver a written report within thirty (30) days after the end of each calendar quarter.',
      ).reportingCycle,
    ).toBe('quarterly');
    expect(
      on('admin.reporting', 'Supplier shall provide such reports as Buyer may reasonably request.').reportingCycle,
    ).toBe('on request');
  });
  it('reads notice methods', () => {
    // CUAD 2ThemartComInc; GitHub Secret Scanning Partner Program Agreement
    expect(
      on(
        'admin.notices',
        'Notice shall be deemed given: upon personal delivery; if sent by fax, upon confirmation of receipt; or if sent by a reputable overnight courier with tracking capabilities, one (1) day after the date of mailing.',
      ).noticeMethods,
    ).toEqual(['courier', 'hand', 'fax']);
    expect(
      on('admin.notices', 'All notices under this agreement must be in writing and sent by email.').noticeMethods,
    ).toEqual(['email']);
    expect(on('admin.notices', 'Notices must be in writing.')).toEqual({});
  });
  it('reads rates', () => {
    // CUAD BNL Financial outsourcing agreement; CUAD Diversinet reseller agreement
    expect(
      on(
        'admin.fees',
        'Such fee shall be $100 per hour for programming time and $150 per hour computer processing time.',
      ).rate,
    ).toEqual({ amount: 100, currency: 'USD', unit: 'hour' });
    expect(
      on(
        'admin.fees',
        "Diversinet shall offer to perform such work at Diversinet's then standard daily rate (currently at $1,500 per day).",
      ).rate,
    ).toEqual({ amount: 1500, currency: 'USD', unit: 'day' });
    expect(on('admin.fees', 'Client shall pay Consultant a fixed fee of $25,000 for the Services.').rate).toEqual({
      amount: 25000,
      currency: 'USD',
      unit: 'fixed',
    });
    expect(
      on('admin.fees', 'The cost of said Product shall not exceed $12,000 during any single Contract Year.'),
    ).toEqual({});
  });
  it('reads committed time', () => {
    // CUAD Ashworth promotion agreement
    expect(
      on('admin.time-commitment', 'Nantz will be a full time Ashworth employee rather than an independent contractor.'),
    ).toEqual({ fullTime: true });
    expect(
      on(
        'admin.time-commitment',
        'Consultant shall devote at least twenty (20) hours per week to the Services on a part-time basis.',
      ),
    ).toEqual({ hoursPerWeek: 20, fullTime: false });
    expect(on('admin.time-commitment', 'Consultant shall perform the Services diligently.')).toEqual({});
  });
});

describe('intellectual property', () => {
  it('reads licence exclusivity and subject', () => {
    // CUAD Armstrong Flooring IP agreement; GitHub Secret Scanning Partner Program Agreement
    expect(
      on(
        'ip.license-grant',
        'Subject to the terms and conditions of this Agreement, Arizona hereby grants to the Company a perpetual, non- exclusive, royalty-free license in, to and under the Arizona Licensed Copyrights for use in the Company Field throughout the world.',
      ),
    ).toEqual({ exclusive: false, subject: 'the Arizona Licensed Copyrights' });
    expect(
      on(
        'ip.license-grant',
        'Partner grants GitHub a non-exclusive, worldwide, royalty-free license to use, reproduce, and display the Onboarding Materials solely to enable and operate the Program.',
      ),
    ).toEqual({ exclusive: false, subject: 'the Onboarding Materials' });
    expect(
      on(
        'ip.license-grant',
        'Licensor hereby grants to Licensee an exclusive license under the Licensed Patents in the Territory.',
      ),
    ).toEqual({ exclusive: true, subject: 'the Licensed Patents' });
  });
  it('reads what happens to background IP, and only when the clause speaks of it', () => {
    expect(
      on(
        'ip.ownership-assignment',
        'Consultant hereby assigns to Client all right, title and interest in the Deliverables, including all pre-existing tools, know-how and methodologies incorporated therein.',
      ).backgroundIp,
    ).toBe('assigned');
    expect(
      on(
        'ip.background-ip',
        'Consultant retains all right, title and interest in its pre-existing materials and grants Client a non-exclusive, perpetual license to use them as part of the Deliverables.',
      ).backgroundIp,
    ).toBe('licensed');
    // CUAD Cardlytics schedule
    expect(
      on(
        'ip.background-ip',
        'Bank of America acknowledges Supplier\'s and its licensors\' claims of proprietary rights in preexisting works of authorship and other intellectual property ("Pre-existing IP") Supplier uses in its work pursuant to this Agreement, which shall remain the sole property of Supplier.',
      ).backgroundIp,
    ).toBe('retained');
    expect(
      on(
        'ip.ownership-assignment',
        'Consultant hereby assigns to Client all right, title and interest in the Deliverables.',
      ).backgroundIp,
    ).toBeUndefined();
    expect(
      on(
        'ip.ownership-assignment',
        'Developer hereby assigns to Company all of its rights in any tools and methods that Developer made before the Effective Date and that are used in the Work Product, it being the intent that Company own the App with no dependency on materials retained by Developer.',
      ).backgroundIp,
    ).toBe('assigned');
    // a transfer the sentence denies gives nothing away
    expect(on('ip.background-ip', 'Background IP is not assigned.').backgroundIp).toBe('retained');
    expect(
      on(
        'ip.background-ip',
        'Background IP is not assigned. Consultant retains all right, title and interest in and to the Background IP.',
      ).backgroundIp,
    ).toBe('retained');
  });
});

describe('registry', () => {
  it('documents and registers every extractor named by the categories', () => {
    const names = new Set(knownExtractors());
    for (const c of [
      'admin.governing-law',
      'term.renewal',
      'term.renewal-notice',
      'restrict.non-compete',
      'liability.cap',
      'liability.insurance',
      'admin.fees',
      'ip.license-grant',
      'term.expiration',
      'admin.time-commitment',
    ]) {
      for (const n of extractorsFor(c)) expect(names.has(n)).toBe(true);
    }
    expect(extractorsFor('term.renewal', ['noticeDays'])).toContain('noticeDays');
  });
  it('lets a caller add an extractor', () => {
    registerExtractor('testOnlyLength', (t) => ({ testOnlyLength: t.length }));
    expect(runExtractors(['testOnlyLength', 'unknown'], 'abc', { docText: 'abc', start: 0, end: 3 })).toEqual({
      testOnlyLength: 3,
    });
  });
});

describe('background IP reached through a definition', () => {
  it('reads the definition where the term stands, and a client that "shall own" it as taking it', () => {
    const clause =
      "Subject to Developer's expressly granted rights under this Agreement, Developer acknowledges and agrees that Client shall own all right, title, and interest in and to the Technology, the Improvements and all future derivative works developed hereunder.";
    const docText = `"Technology" means the loan-application portal that Developer delivers to Client, together with every component and library incorporated in it, whether created before or after the Effective Date, including those elements of Developer's Keystone component library that are incorporated in the portal.\n\n${clause}`;
    const start = docText.indexOf(clause);
    expect(
      measureClause('ip.ownership-assignment', undefined, clause, { docText, start, end: start + clause.length }),
    ).toMatchObject({ subject: 'Technology', backgroundIp: 'assigned' });
    // the developer's own ownership is still kept
    expect(P.backgroundIp("Developer shall continue to own all of Developer's pre-existing materials.")).toBe(
      'retained',
    );
  });
});

describe('a restriction on a class of businesses named by what they provide', () => {
  it('reads the whole class, its "or" joining items rather than ending one', () => {
    const field = (t: string) =>
      measureClause('restrict.exclusivity', undefined, t, { docText: t, start: 0, end: t.length })?.field;
    expect(
      field(
        'Contractor agrees not to provide same-day delivery services for any other provider of next day or multiple day courier services.',
      ),
    ).toBe('next day or multiple day courier services');
    expect(
      field(
        'Consultant shall not provide services to any provider of banking, lending or insurance products during the Term.',
      ),
    ).toBe('banking, lending or insurance products');
  });
});
