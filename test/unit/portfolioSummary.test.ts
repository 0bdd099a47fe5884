import { describe, expect, it } from 'vitest';
import type { Benefit, Initiative } from '../../src/initiatives/initiative.js';
import type { PlanDefinition } from '../../src/plan/planDefinition.js';
import { benefitState, firstNumber } from '../../src/summary/benefitProgress.js';
import { bucketMembers, parseBucket, summarise, type PortfolioData, type SummaryScope } from '../../src/summary/portfolioSummary.js';
import { isoWeek, mondayOf, reportedWeek, summaryInstant, weekStart } from '../../src/summary/summaryWeek.js';

const plan: PlanDefinition = {
  title: 'Plan',
  goalAreas: [
    { number: 1, title: 'Invånare', actions: [{ code: '1A', title: 'A' }, { code: '1B', title: 'B' }] },
    { number: 2, title: 'Medarbetare', actions: [{ code: '2A', title: 'A' }] },
  ],
} as unknown as PlanDefinition;

function benefit(overrides: Partial<Benefit> = {}): Benefit {
  return { description: 'Kortare ledtid', forWhom: '', indicator: 'dagar', baseline: '10 dagar', target: '2 dagar', targetDate: '2027-01-01', owner: '', hasBenefitCalculation: true, ...overrides };
}

let n = 0;
function initiative(overrides: Partial<Initiative> = {}): Initiative {
  n++;
  return {
    id: `i${n}`, pk: `i${n}`, type: 'initiative', name: `Insats ${n}`, description: '', organisation: 'Org A', owner: { id: `owner${n}`, name: `Ägare ${n}` }, ownerId: `owner${n}`,
    responsible: '', contact: '', goalArea: 1, action: '1A', category: 'effektiviserande', efficiencyInnovation: 3, internalExternal: 3, phase: 'genomförande',
    startDate: '2026-01-01', plannedEndDate: '2027-12-31', benefits: [benefit()], externalCostSek: 100_000, internalHours: 40, personalData: 'nej', riskAssessment: 'ej aktuell',
    followUp: 'kvartal', createdAt: '2026-01-10T08:00:00Z', updatedAt: '2026-01-10T08:00:00Z', history: [],
    ...overrides,
  };
}

// The week of 16–22 November 2026, summarised on Monday 23 November.
const scope: SummaryScope = { organisation: null, from: '2026-11-16', to: '2026-11-22', today: '2026-11-23' };

describe('when the weekly summary goes out', () => {
  it('is Monday 08:00 in Stockholm, in winter and in summer time', () => {
    expect(summaryInstant('2026-11-23').toISOString()).toBe('2026-11-23T07:00:00.000Z');
    expect(summaryInstant('2026-06-15').toISOString()).toBe('2026-06-15T06:00:00.000Z');
  });

  it('moves to the next working day when Monday is a holiday (annandag påsk, annandag jul)', () => {
    expect(summaryInstant('2027-03-29').toISOString()).toBe('2027-03-30T06:00:00.000Z');
    // 2028-12-25 is a Monday (juldagen), the 26th annandag jul: Wednesday.
    expect(summaryInstant('2028-12-25').toISOString()).toBe('2028-12-27T07:00:00.000Z');
  });

  it('follows the configured day and hour', () => {
    expect(summaryInstant('2026-11-23', { weekday: 5, hour: 14 }).toISOString()).toBe('2026-11-27T13:00:00.000Z');
  });

  it('names ISO weeks right across the turn of the year and finds their Monday again', () => {
    expect(isoWeek('2026-11-23')).toBe('2026-W48');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    for (const d of ['2026-11-23', '2026-12-28', '2025-01-01', '2027-01-04']) expect(mondayOf(isoWeek(d))).toBe(weekStart(d));
    expect(mondayOf('2026-W60')).toBeUndefined();
    expect(reportedWeek('2026-11-23')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
  });
});

describe('benefit progress', () => {
  it('reads numbers as Swedes write them', () => {
    expect(firstNumber('1 000 ärenden')).toBe(1000);
    expect(firstNumber('12,5 %')).toBe(12.5);
    expect(firstNumber('−3')).toBe(-3);
    expect(firstNumber('ingen aning')).toBeUndefined();
  });

  it('is realised at the target, on track or behind by the time passed, in either direction', () => {
    const start = '2026-01-01';
    // From 10 to 2 days by 2027-01-01; on 2026-11-23 about 89% of the time has passed.
    expect(benefitState(benefit({ lastValue: '2' }), start, '2026-11-23')).toBe('realised');
    expect(benefitState(benefit({ lastValue: '3' }), start, '2026-11-23')).toBe('onTrack');
    expect(benefitState(benefit({ lastValue: '8' }), start, '2026-11-23')).toBe('behind');
    expect(benefitState(benefit({ lastValue: '8' }), start, '2026-03-01')).toBe('onTrack');
    expect(benefitState(benefit({ baseline: '50 %', target: '90 %', lastValue: '95 %' }), start, '2026-11-23')).toBe('realised');
    expect(benefitState(benefit({ lastValue: '5', targetDate: '2026-10-01' }), start, '2026-11-23')).toBe('behind');
    expect(benefitState(benefit(), start, '2026-11-23')).toBe('noReport');
    expect(benefitState(benefit({ baseline: 'låg', lastValue: 'högre' }), start, '2026-11-23')).toBe('notMeasurable');
  });
});

describe('the portfolio summary of a hand-built portfolio', () => {
  const created = initiative({ name: 'Ny e-tjänst', createdAt: '2026-11-17T09:00:00Z', updatedAt: '2026-11-17T09:00:00Z', phase: 'idé', benefits: [] });
  const changed = initiative({ name: 'Ändrad', updatedAt: '2026-11-20T09:00:00Z', benefits: [benefit({ lastValue: '3' })] });
  const closed = initiative({ name: 'Stängd', phase: 'avslutad', updatedAt: '2026-11-18T09:00:00Z', finalReport: { goalsReached: 'ja', actualCostSek: 1, actualHours: 1, comment: '', closedAt: '2026-11-18T09:00:00Z' } });
  const noLink = initiative({ action: null, goalArea: 2, category: 'övrigt', benefits: [benefit({ indicator: '', hasBenefitCalculation: false })], internalHours: 0 });
  const behind = initiative({ organisation: 'Org B', phase: 'i drift/förvaltning', benefits: [benefit({ lastValue: '9' }), benefit({ lastValue: '1' })], followUpState: { lastAnsweredPromptId: 'p', lastAnsweredAt: '2026-11-19T10:00:00Z', snoozedUntil: null, pausedUntil: null, inOperationSince: null, lastUsedAsIntended: 'nej' } });
  const overdue = initiative({ organisation: 'Org B', benefits: [benefit({ baseline: 'låg', target: 'hög', lastValue: 'medel' })], followUpState: { lastAnsweredPromptId: 'p', lastAnsweredAt: '2026-08-01T10:00:00Z', snoozedUntil: null, pausedUntil: null, inOperationSince: null } });
  const answeredSince = initiative({ organisation: 'Org B', followUpState: { lastAnsweredPromptId: 'p', lastAnsweredAt: '2026-11-02T10:00:00Z', snoozedUntil: null, pausedUntil: null, inOperationSince: null } });
  const data: PortfolioData = {
    initiatives: [created, changed, closed, noLink, behind, overdue, answeredSince],
    answered: [{ initiativeId: behind.id, answeredAt: '2026-11-19T10:00:00Z' }],
    overdue: [
      { initiativeId: overdue.id, sentAt: '2026-10-01T08:00:00Z' },
      // Answered after this prompt went out: not overdue.
      { initiativeId: answeredSince.id, sentAt: '2026-10-01T08:00:00Z' },
    ],
    unreachable: new Map([[noLink.ownerId, 'har blockerat Planpiloten']]),
    questions: [
      { question: 'Hur mycket kostar Pios?', answered: false, feedback: null },
      { question: 'hur mycket kostar pios', answered: false, feedback: null },
      { question: 'Vem äger planen?', answered: false, feedback: null },
      { question: 'Vad är målområde 1?', answered: true, feedback: 'down' },
      { question: 'Vad är målområde 2?', answered: true, feedback: 'up' },
    ],
  };
  const summary = summarise(data, scope, plan);

  it('counts the week’s new, changed and closed initiatives with their names, organisations and owners', () => {
    expect(summary.total).toBe(7);
    expect(summary.open).toBe(6);
    expect(summary.changes.new).toEqual({ count: 1, top: [{ id: created.id, name: 'Ny e-tjänst', organisation: 'Org A', owner: created.owner.name, phase: 'idé' }] });
    expect(summary.changes.changed.top.map((i) => i.name)).toEqual(['Ändrad']);
    expect(summary.changes.closed.top.map((i) => i.name)).toEqual(['Stängd']);
  });

  it('splits the portfolio by phase, category and målområde', () => {
    expect(Object.fromEntries(summary.byPhase.map((s) => [s.label, s.count]))).toEqual({ idé: 1, genomförande: 4, 'i drift/förvaltning': 1, avslutad: 1 });
    expect(Object.fromEntries(summary.byCategory.map((s) => [s.label, s.count]))).toEqual({ effektiviserande: 6, övrigt: 1 });
    expect(summary.byGoalArea.map((s) => [s.label, s.count])).toEqual([
      ['1. Invånare', 6],
      ['2. Medarbetare', 1],
    ]);
  });

  it('reports benefit realisation from the follow-ups', () => {
    expect(summary.followUps).toEqual({ answered: 1, overdue: 1, notUsed: 1 });
    // changed: 3 (on track); behind: 9 (behind) and 1 (realised); overdue: not measurable;
    // noLink and answeredSince: nothing reported. The closed one is not counted.
    expect(summary.benefits).toEqual({ realised: 1, onTrack: 1, behind: 1, noReport: 2, notMeasurable: 1 });
  });

  it('names the gaps Göteborg’s report names', () => {
    const gaps = Object.fromEntries(summary.gaps.map((g) => [g.bucket, g.count]));
    expect(gaps).toEqual({ 'gap:noGoals': 1, 'gap:noIndicator': 1, 'gap:noCalculation': 1, 'gap:noPlanLink': 1, 'gap:noHours': 1, 'gap:unreachable': 1 });
  });

  it('lists the knowledge gaps by frequency, without who asked', () => {
    expect(summary.knowledge.asked).toBe(5);
    expect(summary.knowledge.unanswered).toBe(3);
    expect(summary.knowledge.topUnanswered[0]).toEqual({ question: 'Hur mycket kostar Pios?', count: 2 });
    expect(summary.knowledge.thumbsDown).toBe(1);
    expect(summary.knowledge.topThumbsDown).toEqual([{ question: 'Vad är målområde 1?', count: 1 }]);
  });

  it('opens every count: the initiatives behind it, paged', () => {
    expect(bucketMembers(data, scope, plan, 'overdue', 0, 10).items.map((i) => i.id)).toEqual([overdue.id]);
    expect(bucketMembers(data, scope, plan, 'gap:noPlanLink', 0, 10).items.map((i) => i.id)).toEqual([noLink.id]);
    const all = bucketMembers(data, scope, plan, 'all', 0, 3);
    expect(all.total).toBe(7);
    expect(all.items).toHaveLength(3);
    expect(bucketMembers(data, scope, plan, 'all', 2, 3).items).toHaveLength(1);
  });

  it('covers one organisation when the scope says so (the reader filters, the counts follow)', () => {
    const orgB = { ...data, initiatives: data.initiatives.filter((i) => i.organisation === 'Org B') };
    const s = summarise(orgB, { ...scope, organisation: 'Org B' }, plan);
    expect(s.total).toBe(3);
    expect(s.followUps).toEqual({ answered: 1, overdue: 1, notUsed: 1 });
  });

  it('accepts only bucket keys it knows from a card', () => {
    expect(parseBucket('phase:genomförande')).toBe('phase:genomförande');
    expect(parseBucket('gap:noHours')).toBe('gap:noHours');
    expect(parseBucket('phase:påhittad')).toBeUndefined();
    expect(parseBucket('__proto__')).toBeUndefined();
    expect(parseBucket({})).toBeUndefined();
  });
});
