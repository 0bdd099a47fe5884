import { describe, expect, it } from 'vitest';
import { startingWith } from '../../src/knowledge/text/prefixSearch.js';

describe('startingWith', () => {
  const sorted = ['arkiv', 'e-arkiv', 'kultur', 'kulturnamnd', 'kulturnamnden', 'kund'];

  it('finds every word that begins with the prefix, in order, and only those', () => {
    expect(startingWith(sorted, 'kultur')).toEqual(['kultur', 'kulturnamnd', 'kulturnamnden']);
    expect(startingWith(sorted, 'ku')).toEqual(['kultur', 'kulturnamnd', 'kulturnamnden', 'kund']);
    expect(startingWith(sorted, 'arkiv')).toEqual(['arkiv']);
  });

  it('finds nothing past either end or between words', () => {
    expect(startingWith(sorted, 'a0')).toEqual([]);
    expect(startingWith(sorted, 'zz')).toEqual([]);
    expect(startingWith(sorted, 'kulturb')).toEqual([]);
    expect(startingWith([], 'a')).toEqual([]);
  });
});
