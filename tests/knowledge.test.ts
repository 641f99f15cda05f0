// The places and industries tables (rules/data/) as the checks read them: names to places and NAICS codes,
// and when two territories or two fields meet.
import { describe, expect, it } from 'vitest';
import { facetsApart, industriesIn, industriesMeet, placesIn, placesMeet } from '../src/check/knowledge.js';

const meet = (a: string, b: string) => placesMeet(placesIn(a), placesIn(b));
const fieldsMeet = (a: string, b: string) => industriesMeet(industriesIn(a), industriesIn(b));

describe('places', () => {
  it('reads each place a territory lists, the longest name first', () => {
    expect([...placesIn('within the Federal Republic of Germany, Austria and Switzerland')].sort()).toEqual([
      'Austria',
      'Germany',
      'Switzerland',
    ]);
    expect([...placesIn('in West Virginia')]).toEqual(['West Virginia']);
    expect([...placesIn('the United States of America')]).toEqual(['United States']);
  });
  it('leaves out where a party is organised and whose laws govern', () => {
    expect(
      placesIn('Acme LLC, a Delaware limited liability company, governed by the laws of the State of New York').size,
    ).toBe(0);
  });
  it('meets through regions, and worldwide meets everything', () => {
    expect(meet('Japan', 'Germany, Austria and Switzerland')).toBeUndefined();
    expect(meet('throughout the EEA', 'Germany')).toEqual(['EEA', 'Germany']);
    expect(meet('the DACH region', 'Austria')).toBeDefined();
    expect(meet('the United States', 'California')).toBeDefined();
    expect(meet('worldwide', 'Japan')).toBeDefined();
    expect(meet('Canada', 'Mexico')).toBeUndefined();
  });
});

describe('industries', () => {
  it('reads a list of fields as NAICS codes', () => {
    expect([...industriesIn('banking, lending or insurance products')].sort()).toEqual(['5221', '5222', '5241']);
    expect([...industriesIn('Company underwrites property and casualty insurance policies')]).toEqual(['5241']);
  });
  it('reads clinics as health care, and clinical research as research', () => {
    expect([...industriesIn('operates eleven outpatient clinics')]).toEqual(['62']);
    expect([...industriesIn('a contract research organization that manages clinical trials')]).toEqual(['5417']);
  });
  it('reads a general word after a narrower one as the narrower industry only', () => {
    expect([...industriesIn('the chiropractic clinics operated by Company')]).toEqual(['62131']);
    expect(
      fieldsMeet('the chiropractic clinics operated by Company', 'operates family dental clinics'),
    ).toBeUndefined();
    expect(fieldsMeet('chiropractic clinics', 'Physical Therapy & Chiropractic clinics')).toEqual(['62131', '62131']);
    // the general word on its own still reaches every narrower one
    expect(fieldsMeet('any business in health care, including chiropractic', 'dental clinics')).toEqual(['62', '6212']);
  });
  it('reads the first half of a hyphenated pair, never the second', () => {
    expect([...industriesIn('explores for copper-gold deposits in northern Sweden')]).toEqual(['212']);
    expect([...industriesIn('non-insurance products')]).toEqual([]);
  });
  it('meets on a shared code or a code within another, not on shared words', () => {
    expect(fieldsMeet('banking, lending or insurance', 'a property and casualty insurer')).toEqual(['5241', '5241']);
    expect(fieldsMeet('online payment processing', 'retail banking')).toBeUndefined();
    expect(fieldsMeet('video games', 'veterinary clinics')).toBeUndefined();
  });
  it('reads the kinds of property a real estate business owns as real estate, not as those businesses', () => {
    expect([...industriesIn('acquires and operates retail, multifamily and hotel properties in Virginia')]).toEqual([
      '531',
    ]);
    expect([...industriesIn('investing in flex/industrial, retail and limited service hotel real estate')]).toEqual([
      '531',
    ]);
    expect([...industriesIn('operates retail stores and owns commercial real estate')].sort()).toEqual(['44', '531']);
    expect([...industriesIn('owns and operates beach hotels in North Carolina')]).toEqual(['721']);
  });
  it('keeps human and veterinary use apart whatever industry they share', () => {
    expect(facetsApart('for use in human therapeutics', 'for veterinary use')).toMatch(/species/);
    expect(facetsApart('for use in human therapeutics', 'in oncology')).toBeUndefined();
  });
});

describe('industries of research and supplements', () => {
  it('reads cell therapies as pharmaceuticals and supplements as botanicals within them', () => {
    expect(
      fieldsMeet('cell-based immunotherapies for cancer, including CAR-T', 'armored CAR-T cell therapies'),
    ).toBeDefined();
    expect([...industriesIn('plant-based dietary supplements for joint and sleep health')]).toEqual(['325411']);
  });
});
