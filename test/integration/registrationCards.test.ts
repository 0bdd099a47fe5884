import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InitiativeRepository } from '../../src/initiatives/initiativeRepository.js';
import { STEPS } from '../../src/initiatives/registration.js';
import { STEP_FIELDS } from '../../src/initiatives/validation.js';
import { cardAction, startHarness, teamsMessage, type Harness } from '../helpers/botHarness.js';
import { actionData, inputValue, textOf } from '../helpers/cardText.js';
import { asCardInputs, inputIds, register, STEP_DATA, type Card } from '../helpers/registrationDriver.js';

const KNOWLEDGE = path.resolve('knowledge');
const NBSP = '\u00A0';

type Element = Record<string, unknown>;

/** Every input element of a card, with its id, key and choices. */
function inputsIn(card: unknown): Element[] {
  const out: Element[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Element;
      if (typeof o.type === 'string' && o.type.startsWith('Input.')) out.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

function input(card: unknown, id: string): Element {
  const found = inputsIn(card).find((i) => i.id === id);
  if (!found) throw new Error(`Inget fält ${id}`);
  return found;
}

/** The title a choice set shows for a value. */
function choiceTitle(card: unknown, id: string, value: string): string | undefined {
  return (input(card, id).choices as { title: string; value: string }[]).find((c) => c.value === value)?.title;
}

/** The facts of a summary, receipt or detail card ("Titel: värde"), in order. */
function factsOf(card: unknown): string[] {
  let found: unknown;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Element;
      if (o.id === 'facts') found = o;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  if (!found) throw new Error('Kortet har inga uppgifter');
  return textOf(found).split('\n');
}

/** An `application/search` invoke, as Teams sends it while a person types in a Data.Query choice set. */
function searchInvoke(value: Record<string, unknown>, user = 'searcher'): Record<string, unknown> {
  return { ...teamsMessage('', { conversationId: `a:${user}`, userId: user }), type: 'invoke', name: 'application/search', text: undefined, value };
}

describe('registration step cards over HTTP: ids, dependent insats list, amounts, one vocabulary', () => {
  let h: Harness;
  const press = async (user: string, data: Record<string, unknown>, verb = 'registration'): Promise<Card> => {
    const res = await h.post(cardAction(verb, data, { conversationId: `a:${user}`, userId: user }));
    expect(res.status).toBe(200);
    return ((await res.json()) as { value: Card }).value;
  };
  const start = async (user: string): Promise<Card> => {
    const before = h.connector.activities.filter((a) => a.conversationId === `a:${user}`).length;
    await h.post(teamsMessage('registrera insats', { conversationId: `a:${user}`, userId: user }));
    const replies = await h.connector.waitFor(`a:${user}`, before + 1);
    return replies.at(-1)!.body.attachments![0]!.content as unknown as Card;
  };
  const next = (card: Card): Record<string, string> => {
    const a = actionData(card, 'Nästa') ?? actionData(card, 'Lägg till nyttan och fortsätt');
    if (!a) throw new Error(`Inget Nästa: ${textOf(card)}`);
    return a;
  };

  beforeAll(async () => {
    h = await startHarness({ knowledgeDir: KNOWLEDGE });
  });
  afterAll(async () => {
    await h.close();
  });

  it('each step card has ids of its own and a key per render, so no client can carry one step\'s list into the next', async () => {
    let card = await start('ids');
    const seen = new Map<string, number>();
    const keys = new Set<string>();
    for (let step = 1; step <= STEPS.length; step++) {
      const name = STEPS[step - 1]!;
      expect(textOf(card)).toContain(`Steg ${step} av 5`);
      // Exactly the step's fields, each under "<steg>.<fält>".
      expect(inputIds(card).sort()).toEqual(STEP_FIELDS[name].map((f) => `${name}.${f}`).sort());
      for (const i of inputsIn(card)) {
        const id = String(i.id);
        expect(seen.has(id), `${id} finns redan i steg ${seen.get(id)}`).toBe(false);
        seen.set(id, step);
        expect(String(i.key)).toMatch(new RegExp(`^${id.replace('.', '\\.')}@`));
        expect(keys.has(String(i.key))).toBe(false);
        keys.add(String(i.key));
      }
      card = await press('ids', { ...next(card), ...asCardInputs(card, STEP_DATA[step - 1]!) });
    }
    expect(textOf(card)).toContain('Sammanfattning');
  });

  it('a step takes only its own fields: the previous step\'s ids are refused and nothing moves on', async () => {
    const first = await start('mixed');
    const second = await press('mixed', { ...next(first), ...asCardInputs(first, STEP_DATA[0]!) });
    expect(textOf(second)).toContain('Steg 2 av 5');
    // The step 1 card's organisation field sent with the step 2 card, as a confused client would.
    const confused = await press('mixed', { ...next(second), ...asCardInputs(second, STEP_DATA[1]!), 'about.organisation': 'Utbildningsförvaltningen' });
    expect(textOf(confused)).toContain('Steg 2 av 5');
    expect(textOf(confused)).toContain('Kortet skickade ett fält som inte hör till det här steget.');
    expect(textOf(confused)).not.toContain('about.organisation');
    // A card of an earlier version, with plain field names, is still read and checked.
    const plain = await press('mixed', { ...next(confused), ...STEP_DATA[1] });
    expect(textOf(plain)).toContain('Steg 3 av 5');
  });

  it('the insats list answers Teams\' search invoke with the insatser of the målområde chosen, narrowed by what is typed', async () => {
    const card = await start('dataset');
    const second = await press('dataset', { ...next(card), ...asCardInputs(card, STEP_DATA[0]!) });
    const action = input(second, 'plan.action');
    const query = action['choices.data'] as { type: string; dataset: string; associatedInputs: string };
    expect(query).toEqual({ type: 'Data.Query', dataset: 'planpiloten.insatser', associatedInputs: 'auto' });
    // The whole list stays on the card for clients without Data.Query.
    expect((action.choices as unknown[]).length).toBe(17);
    expect((input(second, 'plan.goalArea').valueChangedAction as { targetInputIds: string[] }).targetInputIds).toEqual(['plan.action']);

    const search = async (value: Record<string, unknown>): Promise<{ title: string; value: string }[]> => {
      const res = await h.post(searchInvoke(value));
      expect(res.status).toBe(200);
      const body = (await res.json()) as { type: string; value: { results: { title: string; value: string }[] } };
      expect(body.type).toBe('application/vnd.microsoft.search.searchResponse');
      return body.value.results;
    };
    const area2 = await search({ queryText: '', queryOptions: { skip: 0, top: 15 }, dataset: query.dataset, data: { 'plan.goalArea': '2', 'plan.category': '' } });
    expect(area2.map((r) => r.value)).toEqual(['2A', '2B', '2C', '2D', '2E']);
    expect(area2.find((r) => r.value === '2C')?.title).toBe('2C – Stärka uppföljningen av digital mognad och stärka nyttorealisering.');
    const typed = await search({ queryText: 'nyttorealisering', queryOptions: { skip: 0, top: 15 }, dataset: query.dataset, data: { 'plan.goalArea': '2' } });
    expect(typed.map((r) => r.value)).toEqual(['2B', '2C']);
    // No målområde chosen yet: every insats, a page at a time, never more than Teams shows.
    const all = await search({ queryText: '', queryOptions: { skip: 0, top: 100 }, dataset: query.dataset, data: {} });
    expect(all).toHaveLength(15);
    const rest = await search({ queryText: '', queryOptions: { skip: 15, top: 15 }, dataset: query.dataset });
    expect(rest.map((r) => r.value)).toEqual(['4B', '4C']);
    // Hostile values are only search text.
    expect(await search({ queryText: { $ne: 1 }, queryOptions: { skip: -5, top: 'all' }, dataset: query.dataset, data: { 'plan.goalArea': '1; drop' } })).toHaveLength(15);
    // The server still checks the pair when the step is sent.
    const mismatch = await press('dataset', { ...next(second), ...asCardInputs(second, { ...STEP_DATA[1]!, goalArea: '2', action: '1C' }) });
    expect(textOf(mismatch)).toContain('Insats 1C hör till målområde 1, inte 2.');
  });

  it('amounts are read as typed ("250 000 kr", "1,5 mnkr", "320,5 timmar") and echoed the Swedish way; garbage is refused in Swedish', async () => {
    let card = await start('amounts');
    for (let step = 0; step < 4; step++) card = await press('amounts', { ...next(card), ...asCardInputs(card, STEP_DATA[step]!) });
    expect(textOf(card)).toContain('Steg 5 av 5');
    const refused = await press('amounts', { ...next(card), ...asCardInputs(card, { ...STEP_DATA[4]!, externalCostSek: 'en kvarts miljon', internalHours: '1.000' }) });
    expect(textOf(refused)).toContain('Steg 5 av 5');
    expect(textOf(refused)).toContain('Extern kostnad: skriv ett belopp, till exempel 250 000 kr, 300 tkr eller 1,5 mnkr.');
    expect(textOf(refused)).toContain('Egen arbetstid: skriv tusental med mellanslag');
    expect(inputValue(refused, 'costs.externalCostSek')).toBe('en kvarts miljon');
    const summary = await press('amounts', { ...next(refused), ...asCardInputs(refused, { ...STEP_DATA[4]!, externalCostSek: '250 000 kr', internalHours: '320,5 timmar' }) });
    expect(factsOf(summary)).toContain(`Extern kostnad: 250${NBSP}000${NBSP}kr`);
    expect(factsOf(summary)).toContain(`Egen arbetstid: 320,5${NBSP}timmar`);
    const back = await press('amounts', actionData(summary, 'Tillbaka')!);
    const million = await press('amounts', { ...next(back), ...asCardInputs(back, { ...STEP_DATA[4]!, externalCostSek: '1,5 mnkr', internalHours: '1 200' }) });
    expect(factsOf(million)).toContain(`Extern kostnad: 1${NBSP}500${NBSP}000${NBSP}kr`);
    expect(factsOf(million)).toContain(`Egen arbetstid: 1${NBSP}200${NBSP}timmar`);
  });

  it('summary, receipt and detail say the same things in the same words as the lists: owner by name, insats with code and text', async () => {
    const about = { ...STEP_DATA[0]!, name: 'Samma ord överallt', responsible: '' };
    let card = await start('words');
    const titles: Record<string, string | undefined> = {};
    for (let step = 0; step < 5; step++) {
      if (step === 1) titles.category = choiceTitle(card, 'plan.category', 'effektiviserande');
      if (step === 2) titles.phase = choiceTitle(card, 'phase.phase', 'genomförande');
      if (step === 4) {
        titles.followUp = choiceTitle(card, 'costs.followUp', 'kvartal');
        titles.personalData = choiceTitle(card, 'costs.personalData', 'ja');
        titles.risk = choiceTitle(card, 'costs.riskAssessment', 'planerad');
      }
      if (step === 0) titles.owner = choiceTitle(card, 'about.ownerId', 'aad-words');
      card = await press('words', { ...next(card), ...asCardInputs(card, step === 0 ? about : STEP_DATA[step]!) });
    }
    const summary = factsOf(card);
    expect(titles).toEqual({ owner: 'Testperson (du)', category: 'Effektiviserande', phase: 'Genomförande', followUp: 'Varje kvartal', personalData: 'Ja', risk: 'Planerad' });
    expect(summary).toEqual(
      expect.arrayContaining([
        'Ägare: Testperson',
        'Förvaltning eller bolag: Äldre samt vård- och omsorgsförvaltningen',
        'Insats: 1C – För att stärka och kvalitetssäkra arbetet med behovs- och beslutsunderlag ska ett digitalt metodstöd införas för prioritering och värdering.',
        `Kategori: ${titles.category}`,
        `Fas: ${titles.phase}`,
        `Uppföljning: ${titles.followUp}`,
        `Personuppgifter: ${titles.personalData}`,
        `Risk- och konsekvensbedömning: ${titles.risk}`,
      ]),
    );
    const receipt = await press('words', actionData(card, 'Bekräfta och registrera')!);
    expect(textOf(receipt)).toContain('Förändringsinsatsen är registrerad');
    expect(factsOf(receipt)).toEqual(summary);

    await h.post(teamsMessage('mina insatser', { conversationId: 'a:words-list', userId: 'words' }));
    const [list] = await h.connector.waitFor('a:words-list', 1);
    expect(textOf(list!.body.attachments![0]!.content)).toContain(`Fas: ${titles.phase}`);
    const detail = await press('words', actionData(list!.body.attachments![0]!.content, 'Öppna')!, 'initiative');
    expect(factsOf(detail)).toEqual(summary);
    const phaseTitles = (input(detail, 'newPhase').choices as { title: string; value: string }[]).map((c) => c.title);
    expect(phaseTitles).toContain(titles.phase);
  });

  it('history is in Swedish, also entries written by earlier versions with code names', async () => {
    await register(h, 'historian', 'Historik på svenska');
    const repo = new InitiativeRepository(h.bot.store);
    const [mine] = await repo.forOwner('aad-historian');
    const id = mine!.value.id;
    let detail = await press('historian', { op: 'open', id }, 'initiative');
    detail = await press('historian', { ...actionData(detail, 'Spara fas')!, newPhase: 'förstudie' }, 'initiative');
    // What an earlier version wrote: the field's code name.
    await repo.mutate(id, (i) => ({ ...i, history: [...i.history, { at: '2026-01-02T00:00:00Z', by: 'Äldre version', change: 'ändrade phase, internalHours' }] }));
    detail = await press('historian', { op: 'open', id }, 'initiative');
    const text = textOf(detail);
    expect(text).toContain('ändrade fas');
    expect(text).toContain('ändrade fas, egen arbetstid');
    expect(text).not.toMatch(/\b(phase|internalHours|externalCostSek|goalArea)\b/);
  });
});
