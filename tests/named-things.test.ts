import { describe, expect, it } from 'vitest';
import { namedThings, sharedThings } from '../src/check/named-things.js';

const parties = new Set(['orvanta', 'health', 'inc', 'client', 'vendor', 'northpoint', 'studio', 'llc']);

describe('named things', () => {
  it('a name with a word contracts do not capitalise as a matter of course is a particular thing', () => {
    const t = 'Vendor assigns to Client the translations, including the Lexigrid MedTerm Termbase, as updated.';
    expect([...namedThings(t, parties)]).toEqual(['Lexigrid MedTerm Termbase']);
  });
  it('defined terms, parties and a sentence-opening word name nothing', () => {
    const t =
      'Nothing in this Agreement transfers the Licensed Software, the Deliverables or any Confidential Information of Orvanta Health, Inc. to Vendor.';
    expect([...namedThings(t, parties)]).toEqual([]);
  });
  it('a clause set in capitals names nothing by its capitals', () => {
    expect([
      ...namedThings('VENDOR HEREBY ASSIGNS ALL RIGHT, TITLE AND INTEREST IN THE DELIVERABLES TO CLIENT.', parties),
    ]).toEqual([]);
  });
  it('a product written in capitals, or a name with a party word and a particular one, counts', () => {
    expect([...namedThings('CHOLVEXA is promoted nationally.', parties)]).toEqual(['CHOLVEXA']);
    expect([...namedThings('the illustrations in the Northpoint Anatomy Library', parties)]).toEqual([
      'Northpoint Anatomy Library',
    ]);
  });
  it('two texts share a thing when one names what the other names; a shorter name inside it is not another', () => {
    expect(
      sharedThings(
        'Deliverables include the Lexigrid MedTerm Termbase.',
        'Licensor grants a licence to the Lexigrid MedTerm Termbase and the MedTerm Viewer.',
        parties,
      ),
    ).toEqual(['Lexigrid MedTerm Termbase']);
    expect(
      sharedThings('the Deliverables and the Documentation', 'the Deliverables and the Documentation', parties),
    ).toEqual([]);
  });
});
