import { describe, expect, it } from 'vitest';
import { fold } from '../../src/knowledge/text/fold.js';
import { stemSwedish } from '../../src/knowledge/text/swedishStemmer.js';
import { tokenize } from '../../src/knowledge/text/tokenize.js';
import { Decompounder } from '../../src/knowledge/text/compounds.js';
import { boundedEditDistance } from '../../src/knowledge/text/editDistance.js';
import { stem } from '../../src/knowledge/analyzer.js';
import { questionIntent } from '../../src/knowledge/text/lexicon.js';

describe('Swedish analysis', () => {
  it('folds case and å/ä/ö so questions typed without them match', () => {
    expect(fold('Målområdena i GÖTEBORG')).toBe('malomradena i goteborg');
  });

  it('stems inflections of one word to one stem (Snowball Swedish)', () => {
    const forms = ['insats', 'insatser', 'insatsen', 'insatserna'].map((w) => stemSwedish(fold(w)));
    expect(new Set(forms).size).toBe(1);
    expect(stem(fold('målområde'))).toBe(stem(fold('målområdena')));
    expect(stemSwedish(fold('kostnaden'))).toBe(stemSwedish(fold('kostnader')));
    expect(stemSwedish('och')).toBe('och');
  });

  it('stems definite forms Snowball leaves whole like their base forms, and keeps apart what only looks definite', () => {
    for (const [definite, base] of [['arkivet', 'arkiv'], ['beslutet', 'beslut'], ['projektet', 'projekt'], ['målet', 'mål'], ['frågan', 'fråga'], ['strategin', 'strategi'], ['agendan', 'agenda'], ['paketet', 'paket']]) {
      expect(stem(fold(definite!))).toBe(stem(fold(base!)));
    }
    expect(stem('samordnats')).toBe(stem('samordnar'));
    for (const [one, many] of [['insats', 'insatser'], ['insats', 'insatsen'], ['arbetsplats', 'arbetsplatser'], ['webbplats', 'webbplatsen']]) {
      expect(stem(one!), one).toBe(stem(many!));
    }
    expect(stem('internet')).not.toBe(stem('interna'));
    expect(stem('plan')).toBe('plan');
  });

  it('maps irregular forms to the same stem', () => {
    expect(stem('egna')).toBe(stem('egen'));
    expect(stem('ingick')).toBe(stem('inga'));
  });

  it('joins insats codes however they are written', () => {
    expect(tokenize('insats 1 C och (2\nA) samt 3B')).toEqual(['insats', '1c', 'och', '2a', 'samt', '3b']);
    expect(tokenize('år 2023 och 12 av 17')).toEqual(['ar', '2023', 'och', '12', 'av', '17']);
    expect(tokenize('5.1 Målområde 1, 12,5 mnkr, avsnitt 4.3.2.')).toEqual(['5.1', 'malomrade', '1', '12,5', 'mnkr', 'avsnitt', '4.3.2']);
  });

  it('reads an abbreviation\'s colon ending as the abbreviation', () => {
    expect(tokenize('VPN:et och SKR:s rapport, kl 10:30')).toEqual(['vpn', 'och', 'skr', 'rapport', 'kl', '10', '30']);
  });

  it('splits hyphenated words into their parts', () => {
    expect(tokenize('IT-system')).toEqual(['it', 'system']);
  });

  it('splits compounds into known words, with a linking s', () => {
    const d = new Decompounder(new Set(['digitalisering', 'plan', 'nytto', 'kalkyl', 'strategi', 'dokument']));
    expect(d.split('digitaliseringsplan')).toEqual(['digitalisering', 'plan']);
    expect(d.split('strategidokument')).toEqual(['strategi', 'dokument']);
    expect(d.split('nyttokalkyl')).toEqual(['nytto', 'kalkyl']);
    expect(d.split('bibliotek')).toBeUndefined();
  });

  it('finds the known last part of a compound that splits no further', () => {
    const d = new Decompounder(new Set(['forvaltningen', 'stad', 'plan']));
    expect(d.split('stadsbyggnadsforvaltningen')).toBeUndefined();
    expect(d.head('stadsbyggnadsforvaltningen')).toBe('forvaltningen');
    // Too short a last part says little: "plan" of "byggplan" is not taken.
    expect(d.head('byggplanen')).toBeUndefined();
  });

  it('measures edit distance with transpositions and stops early', () => {
    expect(boundedEditDistance('digitaliserngsplan', 'digitaliseringsplan', 2)).toBe(1);
    expect(boundedEditDistance('malomraden', 'malomradne', 2)).toBe(1);
    expect(boundedEditDistance('simhallen', 'samhallet', 1)).toBe(2);
  });

  it('reads what kind of answer a question wants', () => {
    expect(questionIntent('Varför ska planen göras om?', 2)).toBe('why');
    expect(questionIntent('När startade arenan?', 2)).toBe('when');
    expect(questionIntent('Vilka är de fyra målområdena?', 1)).toBe('list');
    expect(questionIntent('vad ar pios', 1)).toBe('definition');
    expect(questionIntent('Hur går det med insatserna?', 2)).toBeUndefined();
  });
});
