import { beforeAll, describe, expect, it } from 'vitest';
import { formatHours, formatKronor, formatNumber, parseAmount } from '../../src/initiatives/amounts.js';
import { FIELD_LABELS, historyText, type Initiative } from '../../src/initiatives/initiative.js';
import { describeChanges } from '../../src/initiatives/initiativeRepository.js';
import { STEP_FIELDS, stepInputId, stepSubmission, validateCosts, validateFinalReport, type InitiativeInput } from '../../src/initiatives/validation.js';
import { actionChoices, actionTitle, ACTION_TITLE_MAX, shortenAtWord } from '../../src/plan/actionChoices.js';
import { BUNDLED_PLAN_FILE, loadPlan, type PlanDefinition } from '../../src/plan/planDefinition.js';

const NBSP = '\u00A0';

describe('amounts as Swedes type them', () => {
  it.each([
    ['250 000 kr', 250_000],
    [`250${NBSP}000${NBSP}kr`, 250_000],
    ['250\u202F000 kr', 250_000],
    ['250000', 250_000],
    ['250 000', 250_000],
    ['250000kr', 250_000],
    ['250 000 kronor', 250_000],
    ['250 000 SEK', 250_000],
    ['250 000:-', 250_000],
    ['300 tkr', 300_000],
    ['300tkr', 300_000],
    ['1 500 tkr', 1_500_000],
    ['1,5 mnkr', 1_500_000],
    ['1,5 mkr', 1_500_000],
    ['2 mnkr', 2_000_000],
    ['1,25 miljoner kronor', 1_250_000],
    ['0,1 tkr', 100],
    ['0', 0],
    ['  12 kr ', 12],
  ])('reads %j as %d kronor', (text, value) => {
    expect(parseAmount(text, 'kr')).toEqual({ ok: true, value });
  });

  it.each([
    ['800', 800],
    ['320,5', 320.5],
    ['320.5', 320.5],
    ['1 200 timmar', 1200],
    ['40 h', 40],
    ['7,5 tim', 7.5],
  ])('reads %j as %d hours', (text, value) => {
    expect(parseAmount(text, 'timmar')).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['-5', 'negative'],
    ['−5 kr', 'negative'],
    ['250.000', 'ambiguous'],
    ['1.250.000 kr', 'ambiguous'],
    ['många', 'garbage'],
    ['ca 200 000', 'garbage'],
    ['kr', 'garbage'],
    ['12 50', 'garbage'],
    ['1,5,5', 'garbage'],
    ['2e6', 'garbage'],
    ['0x10', 'garbage'],
    ['Infinity', 'garbage'],
    ['250 tkr', 'garbage'],
  ])('refuses %j (%s)', (text, problem) => {
    // "250 tkr" is kronor, not hours.
    expect(parseAmount(text, text === '250 tkr' ? 'timmar' : 'kr')).toEqual({ ok: false, problem });
  });

  it('the card fields take what is typed and say in Swedish what was not understood', () => {
    const ok = validateCosts({ externalCostSek: '250 000 kr', internalHours: '320,5 timmar', personalData: 'nej', riskAssessment: 'ej aktuell', followUp: 'halvår' });
    expect(ok).toMatchObject({ ok: true, value: { externalCostSek: 250_000, internalHours: 320.5 } });
    const bad = validateCosts({ externalCostSek: 'en halv miljon', internalHours: '1.000', personalData: 'nej', riskAssessment: 'ej aktuell', followUp: 'halvår' });
    expect(!bad.ok && bad.errors.externalCostSek).toBe('Extern kostnad: skriv ett belopp, till exempel 250 000 kr, 300 tkr eller 1,5 mnkr.');
    expect(!bad.ok && bad.errors.internalHours).toBe('Egen arbetstid: skriv tusental med mellanslag, till exempel 800 eller 320,5.');
    const half = validateCosts({ externalCostSek: '1,5 kr', internalHours: '', personalData: 'nej', riskAssessment: 'ej aktuell', followUp: 'halvår' });
    expect(!half.ok && half.errors.externalCostSek).toBe('Extern kostnad anges i hela kronor (nu 1,5).');
    expect(!half.ok && half.errors.internalHours).toBe('Fyll i egen arbetstid (0 om inget).');
    const huge = validateCosts({ externalCostSek: '20 000 mnkr', internalHours: '0', personalData: 'nej', riskAssessment: 'ej aktuell', followUp: 'halvår' });
    expect(!huge.ok && huge.errors.externalCostSek).toBe(`Extern kostnad är orimligt stor (högst 10${NBSP}000${NBSP}000${NBSP}000${NBSP}kr).`);
    const report = validateFinalReport({ goalsReached: 'ja', actualCostSek: '1,2 mnkr', actualHours: '1 500', comment: '' }, '2026-01-01T00:00:00Z');
    expect(report).toMatchObject({ ok: true, value: { actualCostSek: 1_200_000, actualHours: 1500 } });
  });

  it('writes numbers the Swedish way, with a non-breaking space between groups and before the unit', () => {
    expect(formatNumber(1000)).toBe(`1${NBSP}000`);
    expect(formatKronor(250_000)).toBe(`250${NBSP}000${NBSP}kr`);
    expect(formatHours(320.5)).toBe(`320,5${NBSP}timmar`);
    expect(formatHours(1)).toBe(`1${NBSP}timme`);
    // What is written is read back as the same value.
    for (const n of [0, 7, 1000, 250_000, 1_234_567]) expect(parseAmount(formatKronor(n), 'kr')).toEqual({ ok: true, value: n });
  });
});

describe('step cards have their own input ids', () => {
  it('a step reads its own ids, and another step\'s ids stay unknown to it', () => {
    expect(stepInputId('plan', 'category')).toBe('plan.category');
    const data = stepSubmission('plan', { 'plan.category': 'övrigt', 'about.organisation': 'X', draftId: 'd', nav: 'next' });
    expect(data).toEqual({ category: 'övrigt', 'about.organisation': 'X', draftId: 'd', nav: 'next' });
    // A card of an earlier version sends plain names: read too, and the step's own id wins.
    expect(stepSubmission('plan', { category: 'övrigt', 'plan.category': 'effektiviserande' })).toEqual({ category: 'effektiviserande' });
    expect(stepSubmission('plan', { 'plan.category': 'effektiviserande', category: 'övrigt' })).toEqual({ category: 'effektiviserande' });
    // A field of the step only: "plan.name" is not a field of step 2.
    expect(stepSubmission('plan', { 'plan.name': 'x' })).toEqual({ 'plan.name': 'x' });
    for (const fields of Object.values(STEP_FIELDS)) expect(new Set(fields).size).toBe(fields.length);
    // A hostile key is a field like any other, reported as unknown; it never becomes a prototype.
    const hostile = stepSubmission('plan', JSON.parse('{"__proto__": {"category": "övrigt"}, "plan.goalArea": "1"}') as Record<string, unknown>);
    expect(Object.keys(hostile).sort()).toEqual(['__proto__', 'goalArea']);
    expect(Object.getPrototypeOf(hostile)).toBe(Object.prototype);
    expect((hostile as { category?: unknown }).category).toBeUndefined();
  });
});

describe('field names people read are Swedish', () => {
  it('a change lists the Swedish names of what changed, never a code name', () => {
    const before = { phase: 'idé', internalHours: 10, name: 'A' } as unknown as Initiative;
    expect(describeChanges(before, { phase: 'förstudie', internalHours: 20, name: 'A' })).toBe('ändrade fas, egen arbetstid');
    const every = Object.fromEntries(Object.keys(FIELD_LABELS).map((k) => [k, 'ändrat'])) as unknown as Partial<InitiativeInput>;
    const text = describeChanges({} as Initiative, every);
    for (const code of Object.keys(FIELD_LABELS)) expect(text.split(/[ ,]+/)).not.toContain(code);
  });

  it('history written by earlier versions with code names is shown in Swedish', () => {
    expect(historyText('ändrade phase')).toBe('ändrade fas');
    expect(historyText('ändrade phase, internalHours, externalCostSek')).toBe('ändrade fas, egen arbetstid, extern kostnad');
    expect(historyText('ändrade name; överlämnad till en ny ägare')).toBe('ändrade namn; överlämnad till en ny ägare');
    expect(historyText('uppföljning besvarad, fas genomförande')).toBe('uppföljning besvarad, fas genomförande');
    expect(historyText('ändrade fas')).toBe('ändrade fas');
  });
});

describe('insats choices', () => {
  let plan: PlanDefinition;
  beforeAll(async () => {
    plan = await loadPlan(BUNDLED_PLAN_FILE);
  });

  it('are cut at a word boundary with the code first, never mid-word', () => {
    const words = new Set(plan.goalAreas.flatMap((a) => a.actions.flatMap((x) => x.text.split(/\s+/))));
    for (const area of plan.goalAreas) {
      for (const action of area.actions) {
        const title = actionTitle(action);
        expect(title.length).toBeLessThanOrEqual(ACTION_TITLE_MAX);
        expect(title.startsWith(`${action.code} – `)).toBe(true);
        const shown = title.slice(`${action.code} – `.length).replace(/…$/, '').split(' ');
        // Every word shown is a whole word of the plan's text.
        for (const w of shown) expect(words.has(w) || words.has(`${w},`) || words.has(`${w}.`), `${action.code}: "${w}"`).toBe(true);
        expect(title.endsWith('…')).toBe(action.text.length + action.code.length + 3 > ACTION_TITLE_MAX);
      }
    }
    expect(shortenAtWord('Ett fortsatt arbete ska genomföras', 26)).toBe('Ett fortsatt arbete ska…');
  });

  it('are narrowed to the målområde chosen and to what is typed', () => {
    expect(actionChoices(plan).map((c) => c.value)).toHaveLength(17);
    expect(actionChoices(plan, 2).map((c) => c.value)).toEqual(['2A', '2B', '2C', '2D', '2E']);
    expect(actionChoices(plan, 2, 'nyttorealisering').map((c) => c.value)).toEqual(['2B', '2C']);
    expect(actionChoices(plan, 3, '3b').map((c) => c.value)).toEqual(['3B']);
    expect(actionChoices(plan, 99).map((c) => c.value)).toHaveLength(17);
  });
});
