import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InitiativeRepository } from '../../src/initiatives/initiativeRepository.js';
import { SqliteStore } from '../../src/storage/sqliteStore.js';
import { cardAction, startHarness, teamsMessage, type Harness } from '../helpers/botHarness.js';
import { startCosmos, type LocalCosmos } from '../helpers/cosmos.js';
import { actionData, inputValue, textOf } from '../helpers/cardText.js';
import { asCardInputs, register, STEP_DATA, type Card } from '../helpers/registrationDriver.js';

const KNOWLEDGE = path.resolve('knowledge');

describe('registering a förändringsinsats through Adaptive Cards over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ knowledgeDir: KNOWLEDGE });
  });
  afterAll(async () => {
    await h.close();
  });

  it('walks five steps to a summary and a read-only receipt; a replayed confirm registers nothing twice', async () => {
    const { receipt, confirm } = await register(h, 'alex');
    const text = textOf(receipt);
    expect(text).toContain('Förändringsinsatsen är registrerad');
    expect(text).toContain('Läkemedelsautomater i hemtjänsten');
    expect(text).toContain('Extern kostnad: 1\u00A0200\u00A0000\u00A0kr');
    expect(text).toContain('Ägare: Kim Enhetschef, kim@example.com');
    expect(receipt.actions ?? []).toHaveLength(0);
    const again = await h.post(cardAction('registration', confirm, { conversationId: 'a:reg-alex', userId: 'alex' }));
    expect(textOf(((await again.json()) as { value: Card }).value)).toContain('var redan registrerad');
    const all = await new InitiativeRepository(h.bot.store).all();
    expect(all.filter((i) => i.name === 'Läkemedelsautomater i hemtjänsten')).toHaveLength(1);
  });

  it('shows errors next to the fields, keeps what was typed, and a stale card changes nothing', async () => {
    await h.post(teamsMessage('ny insats', { conversationId: 'a:reg-err', userId: 'megan' }));
    const [first] = await h.connector.waitFor('a:reg-err', 1);
    const card = first!.body.attachments![0]!.content as unknown as Card;
    expect(textOf(card)).toContain('Steg 1 av 5');
    const next = card.actions!.find((a) => a.title === 'Nästa')!;
    const typed = asCardInputs(card, { name: 'x'.repeat(10_000), description: 'En beskrivning som är lång nog', organisation: 'Påhittade förvaltningen', contact: '' });
    const res = await h.post(cardAction('registration', { ...next.data, ...typed }, { conversationId: 'a:reg-err', userId: 'megan' }));
    const withErrors = ((await res.json()) as { value: Card }).value;
    const t = textOf(withErrors);
    expect(t).toContain('Namn får vara högst 120 tecken');
    expect(t).toContain('Förvaltning eller bolag: välj ett av alternativen i listan.');
    expect(inputValue(withErrors, 'about.description')).toBe('En beskrivning som är lång nog');

    // A second submission of the same first-step card after moving on is stale.
    const ok = await h.post(cardAction('registration', { ...next.data, ...asCardInputs(card, STEP_DATA[0]!) }, { conversationId: 'a:reg-err', userId: 'megan' }));
    expect(textOf(((await ok.json()) as { value: Card }).value)).toContain('Steg 2 av 5');
    const stale = await h.post(cardAction('registration', { ...next.data, ...asCardInputs(card, { ...STEP_DATA[0]!, name: 'Ändrat i gammalt kort' }) }, { conversationId: 'a:reg-err', userId: 'megan' }));
    const staleCard = ((await stale.json()) as { value: Card }).value;
    expect(textOf(staleCard)).toContain('inte längre aktuellt');
    expect(textOf(staleCard)).toContain('Steg 2 av 5');
  });

  it('another user cannot push someone else\'s draft forward', async () => {
    await h.post(teamsMessage('registrera insats', { conversationId: 'a:reg-own', userId: 'owner' }));
    const [first] = await h.connector.waitFor('a:reg-own', 1);
    const next = (first!.body.attachments![0]!.content as unknown as Card).actions!.find((a) => a.title === 'Nästa')!;
    const res = await h.post(cardAction('registration', { ...next.data, ...STEP_DATA[0] }, { conversationId: 'a:reg-own', userId: 'intruder' }));
    expect(textOf(((await res.json()) as { value: Card }).value)).toContain('hittar inte den registreringen');
  });

  it('a free-text description starts a registration with name and description filled in', async () => {
    await h.post(teamsMessage('Vi ska införa digitala lås i hemtjänsten', { conversationId: 'a:reg-free', userId: 'free' }));
    const [first] = await h.connector.waitFor('a:reg-free', 1);
    const card = first!.body.attachments![0]!.content as unknown as Card;
    expect(inputValue(card, 'about.name')).toBe('Digitala lås i hemtjänsten');
    expect(inputValue(card, 'about.description')).toBe('Vi ska införa digitala lås i hemtjänsten');
  });

  it('a description that asks a question is answered as a question, not taken for a registration', async () => {
    const question = 'Jag ska starta ett litet utvecklingsprojekt i Mölndal. Stämmer det att man alltid måste ta hänsyn till miljön i sådana projekt?';
    await h.post(teamsMessage(question, { conversationId: 'a:reg-asks', userId: 'asks' }));
    const [reply] = await h.connector.waitFor('a:reg-asks', 1);
    const answer = reply!.body.attachments![0]!.content;
    expect(textOf(answer)).not.toContain('Steg 1 av 5');
    expect(inputValue(answer, 'about.description')).toBeUndefined();
    // This harness's knowledge folder holds the plan only: the question is declined as one.
    expect(textOf(answer)).toContain('hittar jag inte');
    // Asking to register still registers.
    await h.post(teamsMessage('Vi ska införa digitala lås, kan du registrera det?', { conversationId: 'a:reg-asks2', userId: 'asks2' }));
    const [card] = await h.connector.waitFor('a:reg-asks2', 1);
    expect(inputValue(card!.body.attachments![0]!.content as unknown as Card, 'about.description')).toBe('Vi ska införa digitala lås, kan du registrera det?');
  });

  it('"mina insatser" lists the person\'s initiatives with phase and what is missing', async () => {
    await h.post(teamsMessage('mina insatser', { conversationId: 'a:reg-alex-list', userId: 'alex' }));
    const [reply] = await h.connector.waitFor('a:reg-alex-list', 1);
    const text = textOf(reply!.body.attachments![0]!.content);
    expect(text).toContain('Läkemedelsautomater i hemtjänsten');
    expect(text).toContain('Fas: Genomförande');
    expect(text).toContain('nyttokalkyl saknas');
  });
});

describe('a draft survives a restart', () => {
  it('"fortsätt" after a restart brings back the step and what was typed', async () => {
    const first = await startHarness({ knowledgeDir: KNOWLEDGE });
    const dataDir = first.dataDir;
    await first.post(teamsMessage('registrera insats', { conversationId: 'a:resume', userId: 'resumer' }));
    const [card] = await first.connector.waitFor('a:resume', 1);
    const next = (card!.body.attachments![0]!.content as unknown as Card).actions!.find((a) => a.title === 'Nästa')!;
    await first.post(cardAction('registration', { ...next.data, ...STEP_DATA[0] }, { conversationId: 'a:resume', userId: 'resumer' }));
    await first.bot.close();

    const second = await startHarness({ knowledgeDir: KNOWLEDGE, store: new SqliteStore(dataDir) });
    try {
      await second.post(teamsMessage('fortsätt', { conversationId: 'a:resume2', userId: 'resumer' }));
      const [resumed] = await second.connector.waitFor('a:resume2', 1);
      expect(textOf(resumed!.body.attachments![0]!.content)).toContain('Steg 2 av 5');
      await second.post(teamsMessage('avbryt', { conversationId: 'a:resume2', userId: 'resumer' }));
      await second.post(teamsMessage('fortsätt', { conversationId: 'a:resume2', userId: 'resumer' }));
      const replies = await second.connector.waitFor('a:resume2', 3);
      expect(textOf(replies[2]!.body.attachments?.[0]?.content ?? replies[2]!.body)).toContain('ingen påbörjad registrering');
    } finally {
      await second.close();
      await first.connector.close();
    }
  });
});

describe('50 people registering at once through HTTP, stored in Cosmos DB', () => {
  let cosmos: LocalCosmos;
  let h: Harness;
  beforeAll(async () => {
    cosmos = await startCosmos();
    h = await startHarness({ knowledgeDir: KNOWLEDGE, store: cosmos.store() });
  });
  afterAll(async () => {
    await h.close();
    await cosmos.close();
  });

  it('every initiative is stored once, none lost, none mixed up', async () => {
    const users = Array.from({ length: 50 }, (_, i) => `user${i}`);
    const results = await Promise.all(users.map((u) => register(h, u, `Insats för ${u}`)));
    for (const r of results) expect(textOf(r.receipt)).toContain('registrerad');
    const all = await new InitiativeRepository(h.bot.store).all();
    expect(all).toHaveLength(50);
    for (const i of all) expect(i.name).toBe(`Insats för ${i.ownerId.replace(/^aad-/, '')}`);
  });
});

describe('"mina insatser": open, change phase, edit and close with a final report', () => {
  let h: Harness;
  const invoke = async (user: string, data: Record<string, unknown>, verb = 'initiative'): Promise<Card> => {
    const res = await h.post(cardAction(verb, data, { conversationId: `a:mine-${user}`, userId: user }));
    expect(res.status).toBe(200);
    return ((await res.json()) as { value: Card }).value;
  };
  beforeAll(async () => {
    h = await startHarness({ knowledgeDir: KNOWLEDGE });
    await register(h, 'owner1', 'Digital signering av avtal');
  });
  afterAll(async () => {
    await h.close();
  });

  it('the owner opens an initiative, moves its phase, and a stale edit is refused', async () => {
    await h.post(teamsMessage('mina insatser', { conversationId: 'a:mine-list', userId: 'owner1' }));
    const [list] = await h.connector.waitFor('a:mine-list', 1);
    const open = actionData(list!.body.attachments![0]!.content, 'Öppna')!;
    const detail = await invoke('owner1', open);
    expect(textOf(detail)).toContain('Digital signering av avtal');
    expect(textOf(detail)).toContain('registrerad');
    const save = actionData(detail, 'Spara fas')!;
    const moved = await invoke('owner1', { ...save, newPhase: 'i drift/förvaltning' });
    expect(textOf(moved)).toContain('Fasen är nu i drift/förvaltning');
    const stale = await invoke('owner1', { ...save, newPhase: 'förstudie' });
    expect(textOf(stale)).toContain('Någon annan har ändrat insatsen, ladda om.');
    const initiative = (await new InitiativeRepository(h.bot.store).all()).find((i) => i.name === 'Digital signering av avtal');
    expect(initiative?.phase).toBe('i drift/förvaltning');
    expect(initiative?.history.map((x) => x.change)).toEqual(['registrerad', 'ändrade fas']);

    const other = await invoke('intruder', open);
    expect(textOf(other)).toContain('Bara den som äger insatsen');
  });

  it('edits go through the same validated steps and are saved on the version they began from', async () => {
    const repo = new InitiativeRepository(h.bot.store);
    const before = (await repo.forOwner('aad-owner1'))[0]!;
    let card = await invoke('owner1', { op: 'edit', organisation: before.value.organisation, id: before.value.id, etag: before.etag });
    expect(inputValue(card, 'about.name')).toBe('Digital signering av avtal');
    for (let step = 0; step <= 5; step++) {
      const next = card.actions?.find((a) => a.title === 'Nästa' || a.title.startsWith('Lägg till nyttan') || a.title.startsWith('Bekräfta'));
      if (!next) throw new Error(`Inget nästa-val i steg ${step + 1}`);
      const fields = step === 0 ? { ...STEP_DATA[0], name: 'Digital signering av alla avtal' } : step === 3 ? {} : step < 5 ? (STEP_DATA[step] ?? {}) : {};
      card = await invoke('owner1', { ...next.data, ...asCardInputs(card, fields) }, 'registration');
    }
    expect(textOf(card)).toContain('Ändringarna är sparade');
    const after = await repo.get(before.value.id);
    expect(after?.value.name).toBe('Digital signering av alla avtal');
    expect(after?.value.history.at(-1)?.change).toMatch(/^ändrade namn/);
    expect((await repo.all()).filter((i) => i.ownerId === 'aad-owner1')).toHaveLength(1);
  });

  it('closing needs a valid final report, then the initiative is read-only', async () => {
    const repo = new InitiativeRepository(h.bot.store);
    const current = (await repo.forOwner('aad-owner1'))[0]!;
    const data = { op: 'close', organisation: current.value.organisation, id: current.value.id, etag: current.etag };
    const refused = await invoke('owner1', { ...data, goalsReached: 'kanske', actualCostSek: '-1', actualHours: '10' });
    expect(textOf(refused)).toContain('Verklig extern kostnad kan inte vara negativ.');
    expect(textOf(refused)).toContain('Nåddes effektmålen: välj ett av alternativen i listan.');
    const closed = await invoke('owner1', { ...data, goalsReached: 'delvis', actualCostSek: '950000', actualHours: '1200', comment: 'Klart för alla avtal utom hyresavtal' });
    expect(textOf(closed)).toContain('Insatsen är avslutad');
    expect(actionData(closed, 'Spara fas')).toBeUndefined();
    expect((await repo.get(current.value.id))?.value.finalReport).toMatchObject({ goalsReached: 'delvis', actualCostSek: 950000, actualHours: 1200 });
  });
});
