// A comparison a check could not make is a finding for a person to review, at low severity, never a
// critical conflict; a pair that certainly conflicts is reported at the rule's severity.
import { describe, expect, it } from 'vitest';
import { exampleDocuments, loadPortfolioRules, runPortfolio } from '../src/check/index.js';
import { PORTFOLIO_RULES_DIR } from '../src/paths.js';
import { definitionOf } from '../src/extract/attributes/definitions.js';

const rules = loadPortfolioRules(PORTFOLIO_RULES_DIR).rules.filter((r) => r.id === 'exclusive-license-conflict');

const grants = (a: string, b: string) =>
  exampleDocuments({
    name: 'two exclusive grants',
    contracts: [
      { file: 'acme.txt', clauses: [{ category: 'ip.license-grant', text: a }] },
      { file: 'beta.txt', clauses: [{ category: 'ip.license-grant', text: b }] },
    ],
  });

describe('exclusive licences that cannot be compared', () => {
  it('are a low-severity "needs review" finding when what each covers is only a defined term', () => {
    const { findings } = runPortfolio({
      documents: grants(
        'Licensor grants Acme an exclusive licence to the Software.',
        'Consultant grants Beta an exclusive licence to the Licensed Materials.',
      ),
      rules,
      today: '2026-01-01',
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'low', title: expect.stringMatching(/^Needs review: /) });
    expect(findings[0]!.message).toMatch(/could not be compared/);
  });

  it('stay critical when both name the same work', () => {
    const { findings } = runPortfolio({
      documents: grants(
        'Licensor grants Acme an exclusive, worldwide licence to the Route Optimisation Library for use in logistics software.',
        'Consultant grants Beta an exclusive licence to the Route Optimisation Library in the field of fleet management.',
      ),
      rules,
      today: '2026-01-01',
    });
    expect(findings.map((f) => [f.severity, f.title.startsWith('Needs review')])).toEqual([['critical', false]]);
  });
});

describe('defined terms', () => {
  it('are read from a definition or from the parenthesis after the words they name', () => {
    const text =
      '1.1 "Software" means Licensor\'s TerraPath vehicle routing library, in object and source code form. ' +
      '1.2 "Licensed Product" shall mean any product that incorporates the Software; and ' +
      'WHEREAS, Company has developed a proprietary platform for dental imaging (the "Platform").';
    expect(definitionOf('Software', text)).toBe(
      "Licensor's TerraPath vehicle routing library, in object and source code form",
    );
    expect(definitionOf('the Licensed Product', text)).toBe('any product that incorporates the Software');
    expect(definitionOf('the Platform', text)).toBe('a proprietary platform for dental imaging');
    expect(definitionOf('the Territory', text)).toBeUndefined();
  });

  it('let two exclusive grants be compared by what the term stands for', () => {
    const { findings } = runPortfolio({
      documents: exampleDocuments({
        name: 'defined',
        contracts: [
          {
            file: 'acme.txt',
            clauses: [
              { category: 'admin.definitions', text: '"Software" means the TerraPath vehicle routing library.' },
              { category: 'ip.license-grant', text: 'Licensor grants Acme an exclusive licence to the Software.' },
            ],
          },
          {
            file: 'beta.txt',
            clauses: [
              {
                category: 'ip.license-grant',
                text: 'Consultant grants Beta a sole and exclusive license to use the TerraPath routing library.',
              },
            ],
          },
        ],
      }),
      rules,
      today: '2026-01-01',
    });
    expect(findings.map((f) => f.severity)).toEqual(['critical']);
    expect(findings[0]!.why).toMatch(/TerraPath vehicle routing library/);
  });
});
