// Negation and scope in the matcher: a segment that denies what a rule `asserts` (a grant, a restriction) is not
// that category, whichever rule's trigger it meets. The sentences are from real NDAs (ContractNLI) and CUAD
// contracts; each was read as a clause of the category before the matcher read its governing words.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadClauseRules } from '../src/extract/clause-rules.js';
import { deniedAt, governingWords, matchRule } from '../src/extract/index.js';
import { matchText, segment } from '../src/extract/segment.js';

const { rules } = loadClauseRules(path.resolve(__dirname, '../rules/clauses'));
const rule = (category: string) => rules.find((r) => r.category === category)!;

/** the categories found in a text, segment by segment, as extraction reads them (list items after their lead-in) */
function found(category: string, text: string): string[] {
  return segment(text)
    .filter((s) => matchRule(rule(category), s) >= 0)
    .map((s) => s.text);
}

describe('a denied grant is no licence grant', () => {
  const denials = [
    'Neither Party grants a license, by implication or otherwise, under any of its trade secrets or other intellectual property rights to the Receiving Party.',
    'The exposure of the Receiving Party to the Confidential Information or its disclosure shall not be construed in any way to grant to the Receiving Party any right or license with respect to the Information other than the right to use such Confidential Information strictly in accordance with this Agreement.',
    'A. ABSENCE OF LICENSE: The provisions of this Confidentiality Agreement shall not be deemed by implication or otherwise to grant or convey to Receiving Party or its Representatives, any license or similar ownership right, title or interest in and to any Information.',
    'Nothing in this Agreement shall be construed as granting to the Recipient, by implication or otherwise, any license under any patent, copyright or trade secret of the Discloser.',
    'Nothing contained herein shall be deemed to grant the Recipient a license to use the Confidential Information for any purpose other than the Purpose.',
    'This Agreement does not grant the Receiving Party any license to the Disclosing Party’s intellectual property.',
  ];
  for (const t of denials) it(t.slice(0, 70), () => expect(found('ip.license-grant', t)).toEqual([]));

  it('a grant stays a grant', () => {
    for (const t of [
      'Licensor hereby grants to Licensee a non-exclusive, non-transferable license to use the Software.',
      'Subject to the terms and conditions of this Agreement, Licensor grants to Licensee a license, which shall not be transferable, to use the Marks.',
      'Nothing in this Agreement shall limit Discloser’s other rights, but Discloser hereby grants to Recipient a license to use the Evaluation Software.',
    ])
      expect(found('ip.license-grant', t)).toHaveLength(1);
  });
});

describe('a list item reads the negation of its lead-in, however the items are numbered', () => {
  it('dotted items under a numbered lead-in ("5.3 ... is not to be construed to: 5.3.1 Grant ...")', () => {
    const text =
      '5.3 This Agreement is not to be construed to:\n5.3.1 Grant the Recipient any licence under any patent, copyright or other intellectual property right;\n5.3.2 Create any agency or partnership between the parties.';
    const segs = segment(text);
    expect(segs.find((s) => s.text.startsWith('5.3.1'))?.lead).toMatch(/not to be construed to:$/);
    expect(found('ip.license-grant', text)).toEqual([]);
  });
  it('dotted items under an unnumbered lead-in that stops before its verb', () => {
    const text =
      'This Agreement is not to be construed to:\n1.1 Grant the Recipient any licence under any patent or copyright;\n1.2 Create any partnership.';
    expect(found('ip.license-grant', text)).toEqual([]);
  });
  it('items in one paragraph ("... obligations: 6.2.1 to grant ...")', () => {
    const text =
      '6.2 This Agreement does not include, expressly or by implication, any representations, warranties or other obligations:\n6.2.1 to grant the Receiving Party any licence or rights other than as may be expressly stated in this Agreement;\n6.2.2 to require the Disclosing Party to disclose, continue disclosing or update any Confidential Information.';
    expect(found('ip.license-grant', text)).toEqual([]);
  });
  it('lettered items, and a prohibition on granting is no grant', () => {
    expect(
      found(
        'ip.license-grant',
        'The Recipient shall not: (a) grant any licence of the Software to any third party; or (b) copy it.',
      ),
    ).toEqual([]);
  });
  it('an affirmative lead-in stays affirmative: each item of a grant is a grant', () => {
    expect(
      found(
        'ip.license-grant',
        'Licensor hereby grants to Licensee the following rights:\n(a) a non-exclusive license to use the Software;\n(b) a non-exclusive license to distribute the Software.',
      ).length,
    ).toBeGreaterThan(0);
  });
  it('the negation of an item does not carry past a semicolon to the next item', () => {
    const { text, leadLength } = matchText({
      text: 'Licensor grants to Licensee a license to use the Marks.',
      lead: 'Licensee shall not sublicense the Software; and',
    });
    const at = text.indexOf('grants');
    expect(deniedAt('grant', text, at, at + 20, leadLength)).toBe(false);
  });
});

describe('a denied restriction is no restriction', () => {
  it('"does not create any exclusivity" is no exclusivity', () => {
    expect(
      found('restrict.exclusivity', 'This Agreement does not create any exclusivity between the parties.'),
    ).toEqual([]);
    expect(
      found(
        'restrict.exclusivity',
        'Company appoints Distributor as its exclusive distributor of the Products in the Territory.',
      ),
    ).toHaveLength(1);
  });
  it('"shall not impair the right ... to market competitive products" is no non-compete', () => {
    expect(
      found(
        'restrict.non-compete',
        'This Agreement shall not impair the right of either party to independently develop, acquire and market products competitive with the products of the other party.',
      ),
    ).toEqual([]);
    expect(
      found(
        'restrict.non-compete',
        'During the Term, Distributor shall not sell any products that compete with the Products.',
      ),
    ).toHaveLength(1);
  });
  it('a carve-out from a no-solicit is no no-solicit, the promise before it still is', () => {
    expect(
      found(
        'restrict.no-solicit-employees',
        'The foregoing shall not be deemed to prohibit the Recipient from soliciting for employment any employee of the Company who responds to a general advertisement.',
      ),
    ).toEqual([]);
    expect(
      found(
        'restrict.no-solicit-employees',
        'Each Party agrees that for two years it will not solicit for employment any employee of the other Party; provided that general solicitations not directed at such employees shall not be deemed a violation of this Section.',
      ),
    ).toHaveLength(1);
  });
  it('a no-solicit that names confidential information is still a no-solicit', () => {
    expect(
      found(
        'restrict.no-solicit-employees',
        'The Recipient shall not, and shall procure that its associated companies shall not, employ, seek to employ, or solicit any person employed by the Vendor who has access to Confidential Information.',
      ),
    ).toHaveLength(1);
  });
});

describe('a denied obligation is no commitment', () => {
  it('"shall not be required to achieve any minimum" is no minimum commitment; a minimum requirement still is', () => {
    expect(
      found(
        'admin.minimum-commitment',
        'The Parties agree that these institutional account managers shall not be required to achieve any minimum number of Details.',
      ),
    ).toEqual([]);
    expect(
      found(
        'admin.minimum-commitment',
        'Such additional Details will not be taken into account when determining whether Company satisfies the Minimum Number of Details Requirement.',
      ),
    ).toHaveLength(1);
  });
});

describe('governing words', () => {
  it('stop at the turn of the sentence before the trigger', () => {
    const t =
      'Nothing herein shall be construed to limit Licensor, but Licensor hereby grants a license to use the Marks.';
    const at = t.indexOf('grants');
    expect(governingWords(t, at, t.length)).toMatch(/^ Licensor hereby grants a licen/);
  });
  it('carry the lead-in of an inline list to each of its items', () => {
    const t =
      'This Agreement shall not be construed (a) to limit the Discloser’s rights, or (b) to grant any license to the Recipient.';
    const at = t.indexOf('grant any');
    expect(deniedAt('grant', t, at, t.length)).toBe(true);
  });
});

describe('keywords read in their context', () => {
  it('"a court of competent jurisdiction" names no venue; a place after it does', () => {
    const venue = (t: string) => found('admin.venue', t);
    expect(
      venue(
        'If the Recipient is required by a court of competent jurisdiction to disclose any Confidential Information, it shall promptly notify the Discloser.',
      ),
    ).toEqual([]);
    expect(
      venue(
        'If any provision of this Agreement is held invalid by a court of competent jurisdiction, the remaining provisions shall remain in full force.',
      ),
    ).toEqual([]);
    expect(
      venue(
        'Any action arising out of this Agreement shall be brought in a court of competent jurisdiction in the State of New York.',
      ),
    ).toHaveLength(1);
  });
  it('"a minimum number of individuals" is no purchase commitment', () => {
    expect(
      found(
        'admin.minimum-commitment',
        'The Joint Steering Committee shall consist of a minimum number of individuals from each Party as set forth in Exhibit B.',
      ),
    ).toEqual([]);
    expect(
      found('admin.minimum-commitment', 'Distributor shall purchase a minimum number of units in each Contract Year.'),
    ).toHaveLength(1);
  });
});
