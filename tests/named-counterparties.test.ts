// A restriction reaches the companies it names through its defined terms and the schedules they point to:
// "any Customer", where "Customer" means any person listed in a schedule. Whole contracts, read by the same
// extraction and checks production uses.
import { describe, expect, it } from 'vitest';
import { exceptedText, namedOrganisations } from '../src/extract/attributes/named.js';
import { extractClauses } from '../src/extract/index.js';
import { loadClauseRules } from '../src/extract/clause-rules.js';
import { checkPortfolio, loadPortfolioRules } from '../src/check/index.js';
import { CLAUSE_RULES_DIR, PORTFOLIO_RULES_DIR } from '../src/paths.js';
import type { DocumentResult } from '../src/schema.js';

const nonSolicit =
  'Consultant agrees that during its consultancy for the Company and for a period of twelve (12) months immediately following the termination of its consultancy, it will not solicit, entice or induce any Customer for the purpose of providing, or provide, products or services that are competitive with the products or services provided by the Company.';

const medway = (schedule: string) =>
  [
    'CONSULTING AGREEMENT',
    'This Consulting Agreement is made between Medway Diversified REIT, Inc., a Maryland corporation (the "Company"), and Larchmont Property Analytics LLC, a Virginia limited liability company ("Consultant").',
    '1. Definitions',
    '1.1 "Customer" means any person listed in Schedule A and any other person to whom the Company provided property management services during the twelve (12) months before the date in question.',
    '2. Restrictive Covenants',
    `2.1 Non-Solicitation of Customers. ${nonSolicit}`,
    '3. Governing Law',
    '3.1 This Agreement shall be governed by the laws of the State of Virginia.',
    `${schedule}: Customers`,
    '1. Tuckahoe Retail Partners LLC (Short Pump Commons).',
    '2. Chesapeake Shopping Center Trust (Greenbrier Marketplace).',
  ].join('\n\n');

const tuckahoe = [
  'CONSULTING SERVICES AGREEMENT',
  'This Consulting Services Agreement is made between Tuckahoe Retail Partners LLC, a Virginia limited liability company ("Owner"), and Larchmont Property Analytics LLC ("Consultant").',
  "1. Scope. Consultant will review the leasing performance of the Owner's shopping centers.",
  '2. Fees. Owner shall pay Consultant $155 per hour, due within thirty (30) days of invoice.',
].join('\n\n');

const clauseRules = loadClauseRules(CLAUSE_RULES_DIR).rules;
const doc = (file: string, text: string): DocumentResult => ({
  file,
  status: 'ok',
  kind: 'txt',
  warnings: [],
  clauses: extractClauses({ text, pageStarts: [0] }, clauseRules),
});
const rule = loadPortfolioRules(PORTFOLIO_RULES_DIR).rules.filter((r) => r.id === 'restrictive-covenant-overlap');
const findings = (schedule: string) =>
  checkPortfolio([doc('medway.txt', medway(schedule)), doc('tuckahoe.txt', tuckahoe)], rule, {
    config: { me: 'Larchmont Property Analytics LLC' },
    today: '2026-03-01',
  });

describe('organisations a restriction names through its definitions and schedules', () => {
  it('reads the companies of the schedule its defined term points to', () => {
    expect(namedOrganisations(nonSolicit, medway('Schedule A'))).toEqual(
      expect.arrayContaining(['Tuckahoe Retail Partners LLC', 'Chesapeake Shopping Center Trust']),
    );
  });

  it('does not run a name over the end of a sentence', () => {
    expect(
      namedOrganisations('The services are for Verdant. Dr. Renata Voss Formulation Services LLC may not assist.', ''),
    ).toEqual(['Dr. Renata Voss Formulation Services LLC']);
  });

  it('reads nothing from a schedule the definition does not point to', () => {
    expect(namedOrganisations(nonSolicit, medway('Schedule B'))).not.toEqual(
      expect.arrayContaining(['Tuckahoe Retail Partners LLC']),
    );
  });

  it('makes a no-solicit of "any Customer" reach the client that schedule lists, and only that one', () => {
    const named = findings('Schedule A');
    expect(named.map((f) => f.ruleId)).toEqual(['portfolio/restrictive-covenant-overlap']);
    expect(named[0]!.why).toMatch(/names Tuckahoe Retail Partners LLC through the definitions or schedules/);
    expect(findings('Schedule B')).toEqual([]);
  });
});

describe('what a restriction carves out through its definitions and schedules', () => {
  const distribution = [
    'DISTRIBUTION AGREEMENT',
    'This Distribution Agreement is made between Bellwether Medical Distribution, LLC, a Delaware limited liability company ("Distributor"), and Qualtek Diagnostics Inc., a Kansas corporation ("Supplier").',
    '1. Definitions',
    '1.1 "Retained Customers" means the customers listed in Schedule B, to which Supplier may continue to sell the Products directly.',
    '1.2 "Territory" means the United States of America and Canada, excluding sales to the Retained Customers.',
    '2. Exclusive Supply. Supplier shall supply the Products exclusively to Distributor, in each case for the Territory.',
    'Schedule B: Retained Customers',
    '1. Lakeshore Veterans Health Network (all facilities in Wisconsin and Minnesota).',
    '2. North Star Community Clinics Cooperative.',
  ].join('\n\n');
  const supply = (client: string) =>
    [
      'SUPPLY AGREEMENT',
      `This Supply Agreement is made between ${client}, a Wisconsin corporation ("Buyer"), and Qualtek Diagnostics Inc., a Kansas corporation ("Supplier").`,
      '1. Supply. Supplier shall sell the FastPoint analyzers and reagent kits to Buyer at the prices in Schedule A.',
      '2. Payment. Buyer shall pay each invoice within thirty (30) days.',
    ].join('\n\n');
  const against = (client: string) =>
    checkPortfolio([doc('distribution.txt', distribution), doc('buyer.txt', supply(client))], rule, {
      config: { me: 'Qualtek Diagnostics Inc.' },
      today: '2026-03-01',
    });

  it('reads no carve-out from "including but not limited to"', () => {
    expect(
      exceptedText('Supplier shall not sell the Products to any customer, including but not limited to Acme Corp.', ''),
    ).toBeUndefined();
  });

  it('reads the carve-out and the schedule its defined term points to', () => {
    const excl = doc('distribution.txt', distribution).clauses.find((c) => c.category === 'restrict.exclusivity');
    expect(String(excl?.attributes?.excepted)).toMatch(/Lakeshore Veterans Health Network/);
  });

  it('does not reach a client the carve-out lists, and still reaches one it does not', () => {
    expect(against('Lakeshore Veterans Health Network')).toEqual([]);
    expect(against('Prairie Health Laboratory Services Corp.').map((f) => f.ruleId)).toEqual([
      'portfolio/restrictive-covenant-overlap',
    ]);
  });
});

describe('a restriction on a defined competing business', () => {
  const draft = [
    'CONSULTING AGREEMENT',
    'This Consulting Agreement is made between Ferrule Assurance Inc., a Texas corporation ("Company"), and Marlowe Programme Partners LLC, a Texas limited liability company ("Consultant").',
    'Recitals',
    'A. Company provides data centre audit and data centre optimization services to colocation operators.',
    '1. Definitions',
    '1.1 "Company Competing Business" means any person or entity engaged in the business of providing data centre audit and data centre optimization services.',
    '2. Non-Competition. During the Term and for two years after it, Consultant agrees not to engage or have a financial interest in any Company Competing Business.',
  ].join('\n\n');
  const client = (recital: string) =>
    [
      'SERVICES AGREEMENT',
      'This Services Agreement is made between Coolrow Thermal Optimization LLC, a Delaware limited liability company ("Client"), and Marlowe Programme Partners LLC, a Texas limited liability company ("Consultant").',
      'Recitals',
      `A. ${recital}`,
      '1. Fees. Client shall pay Consultant $150 per hour, within thirty (30) days of invoice.',
    ].join('\n\n');
  const against = (recital: string) =>
    checkPortfolio([doc('draft.txt', draft), doc('client.txt', client(recital))], rule, {
      config: { me: 'Marlowe Programme Partners LLC' },
      today: '2026-03-01',
    });

  it('reads the definition as the business it names, and reaches a client in that business', () => {
    expect(
      against('Client operates a consultancy that audits data centre cooling and data centre power use.').map(
        (f) => f.ruleId,
      ),
    ).toEqual(['portfolio/restrictive-covenant-overlap']);
    expect(against('Client builds and operates metro fibre networks in Texas.')).toEqual([]);
  });
});
