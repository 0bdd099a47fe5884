import { describe, expect, it } from 'vitest';
import { nextPrompts, periodOf, sendInstant } from '../../src/followUp/followUpSchedule.js';
import type { Initiative } from '../../src/initiatives/initiative.js';
import { localDate } from '../../src/time/clock.js';
import { isWorkingDay } from '../../src/time/swedishCalendar.js';

function initiative(overrides: Partial<Initiative> = {}): Initiative {
  return {
    id: 'i1', pk: 'i1', type: 'initiative', name: 'Insats', description: 'Beskrivning', organisation: 'Org', owner: { id: 'a', name: 'A' }, ownerId: 'a',
    responsible: '', contact: '', goalArea: 1, action: null, category: 'övrigt', efficiencyInnovation: 3, internalExternal: 3, phase: 'genomförande',
    startDate: '2026-01-01', plannedEndDate: '2027-12-31',
    benefits: [{ description: 'Kortare ledtid', forWhom: '', indicator: 'dagar', baseline: '10', target: '2', targetDate: '2026-12-18', owner: '', hasBenefitCalculation: false }],
    externalCostSek: 0, internalHours: 0, personalData: 'nej', riskAssessment: 'ej aktuell', followUp: 'kvartal',
    createdAt: '2026-09-23T08:00:00Z', updatedAt: '2026-09-23T08:00:00Z', history: [],
    ...overrides,
  };
}

const window = { startMinute: 9 * 60, spreadMinutes: 150 };

describe('when follow-up prompts are due', () => {
  it('asks one interval after registration, on a working day, in the morning window', () => {
    const [periodic] = nextPrompts(initiative(), '2026-11-23', window);
    expect(periodic?.period).toBe('periodic:2026-Q4');
    expect(periodic?.date).toBe('2026-12-23');
    expect(isWorkingDay(periodic!.date)).toBe(true);
    expect(localDate(periodic!.dueAt)).toBe('2026-12-23');
  });

  it('moves a prompt that would fall on a holiday to the next working day', () => {
    // Registered 24 September: a quarter later is julafton, then juldagen, annandag jul, a weekend.
    const [periodic] = nextPrompts(initiative({ createdAt: '2026-09-24T08:00:00Z' }), '2026-11-23', window);
    expect(periodic?.date).toBe('2026-12-28');
  });

  it('asks nothing while an idea or once closed', () => {
    expect(nextPrompts(initiative({ phase: 'idé' }), '2026-11-23', window)).toEqual([]);
    expect(nextPrompts(initiative({ phase: 'avslutad' }), '2026-11-23', window)).toEqual([]);
  });

  it('asks a week after a benefit\'s target date, and a month after going into operation', () => {
    const prompts = nextPrompts(
      initiative({ phase: 'i drift/förvaltning', followUpState: { lastAnsweredPromptId: null, lastAnsweredAt: null, snoozedUntil: null, pausedUntil: null, inOperationSince: '2026-11-02T10:00:00Z' } }),
      '2026-11-23',
      window,
    );
    expect(prompts.find((p) => p.period === 'target:0:2026-12-18')?.date).toBe('2026-12-28');
    expect(prompts.find((p) => p.period.startsWith('in-operation:'))?.date).toBe('2026-12-02');
  });

  it('counts the next periodic prompt from the last answer or the last one sent', () => {
    const [fromSent] = nextPrompts(initiative(), '2026-11-23', window, '2026-12-23T08:30:00Z');
    expect(fromSent?.date).toBe('2027-03-23');
    const [fromAnswer] = nextPrompts(initiative({ followUpState: { lastAnsweredPromptId: 'p', lastAnsweredAt: '2027-01-11T09:00:00Z', snoozedUntil: null, pausedUntil: null, inOperationSince: null } }), '2026-11-23', window, '2026-12-23T08:30:00Z');
    expect(fromAnswer?.date).toBe('2027-04-12');
  });

  it('puts nothing before a snooze or a pause ends', () => {
    const state = { lastAnsweredPromptId: null, lastAnsweredAt: null, snoozedUntil: '2027-01-20', pausedUntil: '2027-03-01', inOperationSince: null };
    for (const p of nextPrompts(initiative({ followUpState: state }), '2026-11-23', window)) expect(p.date >= '2027-03-01').toBe(true);
  });

  it('spreads owners over the window, and the same prompt always gets the same minute', () => {
    const minutes = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const at = sendInstant('2026-12-23', `i${i}:periodic:2026-Q4`, window);
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
      const [h, m] = local.split(':').map(Number) as [number, number];
      const minute = h * 60 + m;
      expect(minute).toBeGreaterThanOrEqual(9 * 60);
      expect(minute).toBeLessThan(9 * 60 + 150);
      minutes.add(minute);
    }
    expect(minutes.size).toBeGreaterThan(100);
    expect(sendInstant('2026-12-23', 'x', window).toISOString()).toBe(sendInstant('2026-12-23', 'x', window).toISOString());
  });

  it('names periods by calendar', () => {
    expect(periodOf('2026-11-23', 'månad')).toBe('2026-11');
    expect(periodOf('2026-11-23', 'kvartal')).toBe('2026-Q4');
    expect(periodOf('2026-05-02', 'halvår')).toBe('2026-H1');
    expect(periodOf('2026-05-02', 'år')).toBe('2026');
  });
});
