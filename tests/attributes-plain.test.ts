// The plain readers of clause values (tried where an extractor gives no value), on sentences from the
// fixture contracts and the Common Paper forms: each reads the value a person would, or nothing.
import { describe, expect, it } from 'vitest';
import * as V from '../src/extract/attributes/plain.js';

/** Whether every carve-out a cap names is a customary one (how the liability values read a cap). */
const onlyCustomary = (text: string) => {
  const named = V.carveOuts(text);
  return !!named && named.every(V.customaryCarveOut);
};
import { definedTermOnly, overlap } from '../src/check/words.js';
import * as T from '../src/extract/attributes/term.js';

describe('clause-text readers', () => {
  it('notice periods', () => {
    expect(
      V.noticeDays(
        'Company may immediately terminate this Agreement at any time, for any reason or no reason, by giving thirty (30) days\u2019 prior written notice to Contractor.',
      ),
    ).toBe(30);
    expect(
      V.noticeDays(
        "The Cooperative may terminate this Agreement, in whole or in part, for its convenience at any time upon seven (7) days' prior written notice to Contractor.",
      ),
    ).toBe(7);
    expect(
      V.daysBeforeEnd(
        'unless either party gives the other written notice of non-renewal at least sixty (60) days before the end of the then-current term',
      ),
    ).toBe(60);
  });
  it('payment days', () => {
    expect(V.paymentDays('Payment is due net thirty (30) days from the date of invoice.')).toBe(30);
    expect(V.paymentDays('Ptarmigan will pay each invoice net ten (10) days.')).toBe(10);
    expect(
      V.paymentDays(
        "Client will pay each undisputed invoice within sixty (60) days after Client's receipt of a correct invoice.",
      ),
    ).toBe(60);
    expect(V.paymentDays('Late payments bear interest at one percent (1%) per month.')).toBeUndefined();
    expect(
      V.paymentDays(
        'Consultant will invoice Client quarterly in arrears, within ten (10) days after the end of each calendar quarter.',
      ),
    ).toBeUndefined();
  });
  it('rates and money', () => {
    expect(
      V.rate('Licensee shall pay Licensor a license fee equal to forty percent (40%) of the retail revenues.'),
    ).toEqual({ amount: 40, unit: 'percent of revenue' });
    expect(V.rate('Northshore shall pay to Licensor a fee equal to fifty (50)% of Retail Revenues.')).toEqual({
      amount: 50,
      unit: 'percent of revenue',
    });
    expect(V.rate('Revenues grew by 40% of the prior year.')).toBeUndefined();
    // a price for each thing sold, and what the thing is
    expect(V.rate('Buyer shall purchase two Lumen-8 imaging systems at a price of US$43,900 per system.')).toEqual({
      amount: 43900,
      currency: 'USD',
      unit: 'unit',
      item: 'system',
    });
    expect(
      V.rate('The price for each System ordered under this Agreement is Forty-Eight Thousand Dollars (US$48,000).'),
    ).toMatchObject({ amount: 48000, unit: 'unit', item: 'system' });
    expect(V.rate('Customer shall pay Provider a monthly charge of $115,000 for the Hosting Services.')).toMatchObject({
      amount: 115000,
      unit: 'month',
    });
    expect(
      V.rate(
        'Customer will pay Provider for data engineering services at a rate of $150 per hour, as stated in the applicable SOW.',
      ),
    ).toEqual({ amount: 150, currency: 'USD', unit: 'hour' });
    expect(
      V.money(
        'professional liability (errors and omissions) insurance with limits of not less than $2,000,000 per claim',
      ),
    ).toEqual({ amount: 2000000, currency: 'USD' });
  });
  it('committed hours, and ceilings that commit nothing', () => {
    expect(
      V.hoursPerWeek(
        'Contractor commits to a minimum of one hundred (100) billable hours of Services per calendar month.',
      ),
    ).toBe(23);
    expect(
      V.hoursPerWeek(
        'Consultant will devote not less than twenty (20) hours per week to the Services during the Term.',
      ),
    ).toBe(20);
    expect(
      V.hoursPerWeek(
        'Contractor will provide advice as requested by the District, for up to ten (10) hours per week. The District is not required to request any minimum number of hours.',
      ),
    ).toBeUndefined();
    expect(
      V.fullTime(
        "Consultant shall devote substantially all of Consultant's working time to the Services on a full-time basis.",
      ),
    ).toBe(true);
    expect(V.fullTime('Employee shall serve on a part-time basis of three days a week.')).toBe(false);
  });
  it('background named only in what an assignment excludes is not assigned', () => {
    const nested =
      'Consultant assigns to Client all right, title and interest in and to the Deliverables (the reports prepared for Client, excluding Consultant Materials (all tools and know-how owned by Consultant before the Effective Date)).';
    expect(V.withoutExclusions(nested)).toBe(
      'Consultant assigns to Client all right, title and interest in and to the Deliverables (the reports prepared for Client, ).',
    );
    expect(V.backgroundIp(nested)).toBeUndefined();
    expect(
      V.backgroundIp(
        'Consultant hereby assigns to Client the Deliverables, including all pre-existing materials, excluding third-party software.',
      ),
    ).toBe('assigned');
  });
  it('a condition on a termination names who may terminate; a period that is no notice is not one', () => {
    const t =
      'No early termination charge is payable if Customer terminates for convenience after the first six (6) months of the term.';
    expect(V.whoMayTerminate(t)).toBe('client');
    expect(V.noticeDays(t)).toBeUndefined();
    expect(V.noticeDays('Either party may terminate on sixty (60) days written notice.')).toBe(60);
    expect(V.noticeDays('Either party may terminate within thirty (30) days after written notice of a breach.')).toBe(
      30,
    );
  });
  it('reads the carve-outs of a cap set in capitals or naming a party with a capital', () => {
    expect(
      V.carveOuts(
        'EXCEPT UNDER SECTION 2 (CONFIDENTIALITY AND DATA), IN NO EVENT WILL EITHER PARTY BE LIABLE TO THE OTHER FOR ANY SPECIAL, INCIDENTAL OR CONSEQUENTIAL DAMAGES.',
      ),
    ).toEqual(['section 2 (confidentiality and data)']);
    expect(
      V.carveOuts(
        "Except for breach of confidentiality or infringement of the other Party's intellectual property, neither Party's total liability shall exceed the fees paid in the twelve (12) months preceding the claim.",
      ),
    ).toEqual(['breach of confidentiality', "infringement of the other Party's intellectual property"]);
    expect(
      V.carveOuts(
        'EXCEPT UNDER SECTIONS 13(a) AND 14, NEITHER PARTY SHALL BE LIABLE FOR LOST PROFITS OR OTHER DAMAGES.',
      ),
    ).toEqual(['sections 13(a)']);
  });
  it('a business drawn by what another offers is one similar to it', () => {
    expect(
      V.field(
        'Agency shall not perform services for any business that offers products or services the same as or similar to those offered or sold at the Clinics.',
      ),
    ).toBe('similar to the Clinics');
  });
  it('days on site, at the hours each such day must give; a notice period is no term', () => {
    expect(
      V.hoursPerWeek(
        "Consultant shall be present on-site at Client's offices in St. Paul, Minnesota on two (2) business days in each week, and shall work not less than eight (8) hours on each such day.",
      ),
    ).toBe(16);
    expect(
      V.termLengthMonths(
        'This Agreement shall continue in effect until either Party informs the other Party with thirty (30) day prior written notice of termination.',
      ),
    ).toBeUndefined();
    expect(V.termLengthMonths('This Agreement shall continue for a period of twelve (12) months.')).toBe(12);
  });
  it('committed days, at the length the contract gives a day', () => {
    // 6 days of 8 hours a month: 48 h × 12 / 52 = 11 h a week
    expect(V.hoursPerWeek('Consultant shall provide no less than six (6) Consulting Days per calendar month.')).toBe(
      11,
    );
    expect(
      V.hoursPerWeek(
        'The Advisor shall work two (2) days in each week on the Project, each a working day of seven and a half (7.5) hours.',
      ),
    ).toBe(15);
    expect(
      V.hoursPerWeek('The Advisor shall be available for not less than ten (10) hours in each calendar week.'),
    ).toBe(10);
    // a period of days is no commitment of days
    expect(V.hoursPerWeek('Invoices are payable within thirty (30) days of receipt each month.')).toBeUndefined();
    expect(V.hoursPerWeek('Licensee receives up to five (5) days of training per month.')).toBeUndefined();
    expect(V.hoursPerWeek('The Restaurant shall be open for business seven (7) days a week.')).toBeUndefined();
  });
  it('who acts in a clause', () => {
    expect(
      V.whoMayTerminate(
        "Either party may terminate this Agreement for convenience on thirty (30) days' written notice.",
      ),
    ).toBe('either');
    expect(
      V.whoMayTerminate(
        "The Cooperative may terminate this Agreement for its convenience at any time upon seven (7) days' prior written notice.",
      ),
    ).toBe('Cooperative');
    expect(
      V.subjectOf(
        'Developer retains all rights in Fieldnote and grants Client a non-exclusive, perpetual, royalty-free licence.',
        /(?:hereby\s+)?grants?\b/,
      ),
    ).toBe('Developer');
    expect(
      V.subjectOf(
        'Subject to the payment of the fees, Licensor grants Licensee an exclusive, worldwide license.',
        /(?:hereby\s+)?grants?\b/,
      ),
    ).toBe('Licensor');
  });
  it('background IP positions', () => {
    // pre-existing by when it was made, reached through what the assigned Work Product includes
    expect(
      V.backgroundIp(
        'Consultant hereby assigns to the Company all right, title and interest in and to the Work Product (the Deliverables listed in Schedule A, including the Tessellate rating engine that Consultant first developed in 2021).',
      ),
    ).toBe('assigned');
    expect(
      V.backgroundIp(
        'Manufacturer grants Customer a perpetual licence to the formulas and know-how developed by or on behalf of Manufacturer before the Effective Date.',
      ),
    ).toBe('licensed');
    expect(V.backgroundIp('The Work Product will be developed during the Term and delivered in 2027.')).toBeUndefined();
    expect(
      V.backgroundIp(
        'Consultant hereby assigns to Client all right, title and interest in and to all pre-existing know-how, tools and methods of Consultant.',
      ),
    ).toBe('assigned');
    expect(
      V.backgroundIp(
        "Contractor hereby assigns to Company all right, title and interest in the Deliverables, excluding Contractor's Background Technology, which Contractor retains.",
      ),
    ).toBe('retained');
    expect(
      V.backgroundIp(
        "Consultant grants Client a non-exclusive licence to use Consultant's Pre-Existing Materials incorporated into the Deliverables.",
      ),
    ).toBe('licensed');
    expect(
      V.backgroundIp('Contractor hereby assigns to Company all right, title, and interest in the Work Product.'),
    ).toBeUndefined();
  });
  it('what a licence or an assignment is of', () => {
    expect(
      V.licenseSubject(
        'Provider grants Licensee a perpetual license to load, execute, access, employ, use, store, or display ("Use") the object code version of the Provider Tools and Documentation (the "License").',
      ),
    ).toBe('object code version of the Provider Tools and Documentation');
    expect(
      V.assignedSubject(
        'Developer hereby irrevocably assigns to the Client all worldwide right, title and interest that Developer now has or may hereafter acquire in or to the Deliverables.',
      ),
    ).toBe('Deliverables');
    expect(
      V.licenseSubject(
        'Consultant grants Bramblecart a sole and exclusive license, for two (2) years from the Effective Date, to use the TerraPath routing library and any adaptations of it for vehicle routing.',
      ),
    ).toBe('TerraPath routing library and any adaptations of it');
    expect(
      V.licenseSubject(
        "Licensor grants Licensee an exclusive, worldwide, non-transferable license during the Term to use, modify, and integrate the Software into Licensee's products.",
      ),
    ).toBe('Software');
    expect(definedTermOnly('Software')).toBe(true);
    expect(definedTermOnly('TerraPath routing library')).toBe(false);
    // whose a thing is says nothing of what it is: the licensor's technology is not the licensor's patents
    expect(overlap("Licensor's Technology", "Licensor Patents, Licensor Know-How and Licensor's rights")).toBe(0);
    expect(overlap('the Licensed Patents', 'Licensor Patents and Know-How')).toBe(0.5);
    expect(
      V.assignedSubject(
        'Consultant hereby assigns to Beta all right, title and interest in and to the Route Optimisation Library.',
      ),
    ).toBe('Route Optimisation Library');
    // a defined thing that becomes the other party's property
    expect(
      V.assignedSubject(
        '4.1 The Incorporated Technology Works shall be the sole property of Company, and all right, title and interest therein shall vest solely in Company.',
      ),
    ).toBe('Incorporated Technology Works');
    // a parenthetical after what is assigned is not part of its name
    expect(
      V.assignedSubject(
        'Seller hereby sells, assigns, transfers, conveys and delivers all of its right, title, and interest in and to the Assigned IP (together with the goodwill of the business symbolized by any Trademarks that constitute Assigned IP) and all Ancillary IP Rights with respect thereto, and shall cause its Affiliates to do the same.',
      ),
    ).toBe('Assigned IP');
  });
  it('rate cards and defined days', () => {
    expect(V.rateRole('2. Senior Medical Writer: $185 per hour.')).toBe('Senior Medical Writer');
    expect(V.rateRole('Lead Writer – $1,560 per Consulting Day')).toBe('Lead Writer');
    expect(V.rateRole('1. Senior Data Engineer (one), $160 per hour.')).toBe('Senior Data Engineer');
    expect(V.rateRole('Client shall pay Consultant $150 per hour.')).toBeUndefined();
    expect(V.rate('Senior Medical Writer: $1,320 per Consulting Day.')).toEqual({
      amount: 1320,
      currency: 'USD',
      unit: 'day',
    });
    expect(V.definedDayHours('eight (8) hours of work by one individual')).toBe(8);
    expect(V.definedDayHours('7.5 working hours')).toBe(7.5);
    expect(V.definedDayHours('a day on which banks in New York are open')).toBeUndefined();
  });
  it('restriction scope', () => {
    const nc =
      'During the term of this Agreement and for twelve (12) months after its expiration or termination for any reason, Contractor will not provide consulting, data engineering, or analytics services to any business engaged in financial services.';
    expect(V.tailMonths(nc)).toBe(12);
    expect(V.field(nc)).toBe('financial services');
    expect(V.territory('an exclusive licence for vehicle routing and dispatch in North America')).toBe('North America');
    expect(V.territory('to use, copy, and modify Fieldnote as part of the App')).toBeUndefined();
  });
  it('kinds of service', () => {
    expect(
      V.serviceKind('rates Consultant charges any other client for substantially similar data engineering services'),
    ).toBe('data engineering');
    expect(V.serviceKind('Juniper Row will pay Contractor $120 per hour for the Services')).toBeUndefined();
  });
  it('most-favoured-client language', () => {
    expect(
      V.mfn(
        'Fennimore warrants that the hourly rate in Section 2.1 is the lowest rate it charges any customer for user-research services of similar scope.',
      ),
    ).toBe(true);
    expect(V.mfn('Talus will pay Fennimore $140 per hour for the Services.')).toBe(false);
  });

  it('reads number words as the extractors do, but "a" as no count', () => {
    expect(V.durationMonths('for one hundred twenty (120) days')).toBe(4);
    expect(V.durationMonths('for thirteen months')).toBe(13);
    expect(V.durationMonths('continue on a month to month basis')).toBeUndefined();
  });
});

describe('each party’s right to terminate, from one sentence', () => {
  it('splits the rights where one sentence gives two parties their own', () => {
    expect(
      V.terminationRights(
        "Client may terminate this Agreement at any time for any reason upon written notice to Consultant, and Consultant may terminate this Agreement upon ninety (90) days' prior written notice to Client.",
      ),
    ).toEqual([
      { whoMayTerminate: 'client', noticeDays: 0 },
      { whoMayTerminate: 'provider', noticeDays: 90 },
    ]);
  });
  it('leaves a sentence with one right whole', () => {
    expect(
      V.terminationRights("Either party may terminate this Agreement upon sixty (60) days' notice."),
    ).toBeUndefined();
    expect(
      V.terminationRights(
        'Company may terminate this Agreement for convenience, and Company may terminate it for cause.',
      ),
    ).toBeUndefined();
  });
});

describe('rates written out', () => {
  it('reads a rate whose figure is in brackets after the words, and prices per kilogram or unit', () => {
    expect(V.rate('at the rate of one hundred seventy-five dollars ($175) per hour, invoiced monthly')).toEqual({
      amount: 175,
      currency: 'USD',
      unit: 'hour',
    });
    expect(V.rate('Distributor will pay $210 per kilogram for research quantities')).toEqual({
      amount: 210,
      currency: 'USD',
      unit: 'kilogram',
    });
    expect(V.rate('Buyer shall pay $38.00 per unit')?.unit).toBe('unit');
  });
});

describe('what a licence is of', () => {
  it('is what the licence is granted under, the first of a list', () => {
    expect(
      V.licenseSubject(
        'Licensor grants Licensee an exclusive license under US Patents 11,204,551 and 11,498,020 to develop products containing the HLX-700 antibody.',
      ),
    ).toBe('US Patents 11,204,551 and 11,498,020');
    expect(
      V.licenseSubject(
        'Halcyon grants to Meridian an exclusive license, under the Halcyon Patents, the Halcyon Know-How and the Inventions, solely to Commercialize Licensed Products.',
      ),
    ).toBe('Halcyon Patents');
  });

  it('is never the field or territory the licence runs in, nor a party alone', async () => {
    const { licenseSubject } = await import('../src/extract/attributes/ip.js');
    const grant =
      "Licensor hereby grants to Licensee an exclusive license in the Field under the Licensor Patents, Licensor Know-How and Licensor's rights in the Joint Inventions to make and sell Licensed Products in the Territory.";
    expect(licenseSubject(grant)).toBe('the Licensor Patents');
    expect(V.licenseSubject(grant)).toBe("Licensor Patents, Licensor Know-How and Licensor's rights");
    expect(
      V.licenseSubject(
        'Xencor hereby grants to Aimmune an exclusive license under and with respect to Xencor Patents, and a non-exclusive license under and with respect to Xencor Know-How, in each case solely in the Licensed Field.',
      ),
    ).toBe('Xencor Patents');
    expect(
      V.licenseSubject(
        'Licensor grants to Licensee a non-exclusive license to utilize Licensed Technology solely in the Field.',
      ),
    ).toBe('Licensed Technology');
  });
});

describe('a definition made of defined terms', () => {
  it('brings the definitions of its terms with it, one level down, and not a party or a place', async () => {
    const { meaningOf } = await import('../src/extract/attributes/definitions.js');
    const doc = [
      '1. Definitions.',
      '"Licensed Technology" means the Licensed Patents and the Licensor Know-How relating to the LumaRead platform.',
      '"Licensed Patents" means European patent EP 3 871 205 B1 and its counterparts.',
      '"Licensor Know-How" means unpatented calibration methods.',
      '"Territory" means Germany and Austria.',
      'This Agreement is between Aldergrove Sensor Technologies, Inc. (the "Licensor") and Pawprint AG.',
    ].join('\n');
    const means = meaningOf('the Licensed Technology', doc)!;
    expect(means).toMatch(/^the Licensed Patents and the Licensor Know-How/);
    expect(means).toContain('Licensed Patents: European patent EP 3 871 205 B1');
    expect(means).toContain('Licensor Know-How: unpatented calibration methods');
    expect(meaningOf('the Territory', doc)).toBe('Germany and Austria');
  });
});

describe('who may end the contract', () => {
  it('reads a right to cancel as a right to terminate', () => {
    expect(
      V.whoMayTerminate(
        'Client has the unilateral right to cancel this agreement at any time within a 7-day notice period.',
      ),
    ).toBe('client');
    expect(V.whoMayTerminate('Customer may cancel this Agreement at any time on ten (10) days notice.')).toBe('client');
    expect(V.whoMayTerminate('Either party may cancel this Agreement upon thirty (30) days notice.')).toBe('either');
  });

  it('reads no term from a window looked back over', () => {
    expect(
      T.initialTermMonths(
        'The subscription fee is fixed for the initial Term and may be increased on renewal by no more than the change in the U.S. Consumer Price Index over the preceding twelve months.',
      ),
    ).toBeUndefined();
    expect(T.initialTermMonths('The initial term of this Agreement is thirty-six (36) months.')).toBe(36);
    expect(
      V.termLengthMonths(
        'The subscription fee may be increased on renewal by no more than the change in the Consumer Price Index over the preceding twelve months.',
      ),
    ).toBeUndefined();
    expect(V.termLengthMonths('This Agreement continues for a period of thirty-six (36) months.')).toBe(36);
  });

  it('reads no party from what is ended: "any Project Plan may be terminated"', () => {
    expect(
      T.whoMayTerminate('This Agreement or any Project Plan may be terminated by written notice.'),
    ).toBeUndefined();
  });

  it('reads the passive and a party named with its defined role', () => {
    expect(
      V.whoMayTerminate('This Agreement may be terminated by either party for any reason upon sixty (60) days notice.'),
    ).toBe('either');
    expect(V.whoMayTerminate('This Agreement may be terminated by Customer upon thirty (30) days notice.')).toBe(
      'client',
    );
    expect(
      V.whoMayTerminate('Either Party (the "Non-Breaching Party") may terminate this Agreement upon written notice.'),
    ).toBe('either');
    expect(V.whoMayTerminate('This Agreement may be terminated by a party for cause.')).toBeUndefined();
    expect(
      V.whoMayTerminate('In the event of a material breach, the non-breaching party may terminate this Agreement.'),
    ).not.toBe('In');
  });
});

describe('volumes a month', () => {
  it('reads a volume per month, week, quarter or contract year as units a month', () => {
    expect(
      V.volumePerMonth('Buyer shall purchase a minimum of thirty thousand (30,000) units per calendar month.'),
    ).toEqual({ amount: 30000, unit: 'unit' });
    expect(V.volumePerMonth('Supplier shall deliver up to 1,200 cases each week.')).toEqual({
      amount: 5200,
      unit: 'case',
    });
    expect(V.volumePerMonth('Supplier shall supply 75,000 units each quarter.')).toEqual({
      amount: 25000,
      unit: 'unit',
    });
    expect(V.volumePerMonth('Customer shall order 600,000 pounds of resin during each Contract Year.')).toEqual({
      amount: 50000,
      unit: 'lb',
    });
  });
  it('reads a volume over a period of months or years as its share of a month', () => {
    expect(
      V.volumePerMonth(
        'the minimum purchase volume of the Product (Solo) is 50,000 units within the period of three (3) years.',
      ),
    ).toEqual({ amount: 1389, unit: 'unit' });
  });
  it('reads no volume from a price, an hour or a redacted figure', () => {
    expect(V.volumePerMonth('The price is $4.50 per unit.')).toBeUndefined();
    expect(V.volumePerMonth('The price is $4.50 per unit for orders of 1,000 units.')).toBeUndefined();
    expect(V.volumePerMonth('Consultant shall devote 120 hours per month.')).toBeUndefined();
    expect(V.volumePerMonth('Minimum yearly purchases of [***] units on each contract year.')).toBeUndefined();
  });
});

describe('who gives an indemnity', () => {
  it('reads the subject of every way an indemnity is given', () => {
    const who = (t: string) => V.indemnifier(t);
    expect(
      who(
        'Contractor shall release, defend, indemnify and hold harmless Company Group from and against any and all claims.',
      ),
    ).toBe('Contractor');
    expect(who('17.1 Airspan agrees to indemnify and hold Distributor harmless with respect to any suit.')).toBe(
      'Airspan',
    );
    expect(who('Xencor hereby agrees to save, indemnify, defend and hold Aimmune harmless from any loss.')).toBe(
      'Xencor',
    );
    expect(who('Diplomat hereby indemnifies KI against claims arising from the use of its name.')).toBe('Diplomat');
    expect(who('9. Both parties will indemnify each other and keep the other harmless against all losses.')).toBe(
      'both',
    );
    expect(
      who('Each Party (the "Indemnifying Party") agrees to indemnify, defend and hold harmless the other Party.'),
    ).toBe('both');
    expect(who('Distributor will defend or settle, indemnify and hold Accuray harmless from any liability.')).toBe(
      'Distributor',
    );
    // the infringement indemnity: defend against the claim and pay what is awarded
    expect(
      who(
        'Provider shall defend Customer against any claim by a third party alleging that the Hosting Services infringe a patent, and shall pay all damages finally awarded in respect of such claim.',
      ),
    ).toBe('Provider');
    expect(who('Each Party shall defend with competent counsel and pay all damages awarded against the other.')).toBe(
      'both',
    );
    // names written as companies write them, and a heading run into the sentence
    expect(who('eDiets agrees to indemnify, defend and forever hold harmless the Women.com Indemnitees.')).toBe(
      'eDiets',
    );
    expect(who('M&I shall indemnify Customer from, and defend Customer against, any liability.')).toBe('M&I');
    expect(
      who('Indemnification by Customer Customer will defend IBM against any third party claim and pay all damages.'),
    ).toBe('Customer');
  });

  it('reads the party a cap protects when it is the subject of its liability', () => {
    expect(
      V.cappedParty(
        'Regardless of the basis of the claim, Provider is liable for no more than the greater of $100,000 or the charges paid in the twelve (12) months before the claim.',
      ),
    ).toBe('provider');
    expect(V.cappedParty('Supplier shall not be liable for amounts in excess of the fees paid.')).toBe('provider');
    expect(V.cappedParty('The fees paid by Customer are not refundable.')).toBeUndefined();
  });

  it('names nobody in a procedure or where a sentence opens with a preposition', () => {
    expect(
      V.indemnifier('The Indemnified Party shall give prompt written notice to the Indemnifying Party of any claim.'),
    ).toBeUndefined();
    expect(
      V.indemnifier('In the event of any breach, the breaching Party shall indemnify the other Party for its losses.'),
    ).not.toBe('In');
  });
});

describe('defined terms written in lower case, and what a contract says they include', () => {
  const doc =
    '1.1 "Project" means the booking application, including the Developer\'s Harbor UI component library. 2.1 Inventions. Consultant assigns to Company all inventions made in performing the Services (collectively, "Inventions"). For clarity, Inventions include the software tools and libraries that Consultant brings to the engagement.';
  it('reads "the project" as the defined Project, and "such Item" as the Item', async () => {
    const { meaningOf } = await import('../src/extract/attributes/definitions.js');
    expect(meaningOf('the project', doc)).toMatch(/^the booking application/);
    expect(meaningOf('such Project', doc)).toMatch(/^the booking application/);
    expect(meaningOf('the application', doc)).toBeUndefined();
  });
  it('reads the schedule a definition points to into what it means, and only that schedule', async () => {
    const { meaningOf } = await import('../src/extract/attributes/definitions.js');
    const withSchedules = [
      '"Licensed Patents" means the Patents set forth on Schedule 1.1(s).',
      'Schedule 1.1(l) - Arizona Patents\nUS 9,111,111',
      'Schedule 1.1(s) - Company Licensed Patents\nUS 10,222,222',
    ].join('\n\n');
    const means = meaningOf('the Licensed Patents', withSchedules);
    expect(means).toMatch(/US 10,222,222/);
    expect(means).not.toMatch(/9,111,111/);
  });
  it('reads what a term includes outside its definition', async () => {
    const { inclusionsOf } = await import('../src/extract/attributes/definitions.js');
    expect(inclusionsOf('Inventions', doc)).toEqual([
      'the software tools and libraries that Consultant brings to the engagement',
    ]);
    expect(inclusionsOf('Project', doc)).toEqual([]);
  });
});

describe('a defined term with small words in it', () => {
  it('is a defined term', async () => {
    const { isDefinedTerm } = await import('../src/extract/attributes/definitions.js');
    expect(isDefinedTerm('the Field of Interest')).toBe(true);
    expect(isDefinedTerm('Products and Services')).toBe(true);
    expect(isDefinedTerm('the field of interest')).toBe(false);
  });
});

describe('carve-outs from a liability cap', () => {
  it('tells customary carve-outs (payment, gross negligence, wilful misconduct, fraud, injury) from others', () => {
    expect(
      onlyCustomary(
        "Except for a party's payment obligations and its liability for gross negligence or wilful misconduct, each party's total liability shall not exceed the fees paid.",
      ),
    ).toBe(true);
    expect(
      onlyCustomary(
        'Except for liability arising from fraud, death or personal injury, in no event shall either party be liable for more than $100,000.',
      ),
    ).toBe(true);
    expect(
      onlyCustomary(
        "Except for a party's indemnification obligations and breach of confidentiality, each party's total liability shall not exceed the fees paid.",
      ),
    ).toBe(false);
    expect(onlyCustomary("Each party's total liability shall not exceed the fees paid.")).toBe(false);
  });

  it('reads the carve-outs of a cap however the sentence is ordered', () => {
    expect(
      V.carveOuts(
        "Each party's liability under this Agreement, other than for personal injury or breach of confidentiality, is limited to the amounts paid in the twelve months before the claim.",
      ),
    ).toEqual(['personal injury', 'breach of confidentiality']);
    expect(
      V.carveOuts(
        "The foregoing limitations shall not apply to (i) a party's indemnification obligations or (ii) breach of Section 9 (Data Security).",
      ),
    ).toEqual(["a party's indemnification obligations", 'breach of Section 9 (Data Security)']);
    expect(
      onlyCustomary(
        "Provider's liability, except for fraud or wilful misconduct, shall not exceed the fees paid in the preceding 12 months.",
      ),
    ).toBe(true);
    expect(V.carveOuts("Each party's total liability shall not exceed the fees paid in the preceding 12 months.")).toBe(
      undefined,
    );
  });
});
