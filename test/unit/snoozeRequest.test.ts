import { describe, expect, it } from 'vitest';
import { parseSnoozeRequest } from '../../src/followUp/snoozeRequest.js';
import { today } from '../../src/time/clock.js';

const clock = { now: () => new Date('2026-11-22T23:30:00Z') };
const day = today(clock);

describe('parseSnoozeRequest', () => {
  it('counts from the local date, not the UTC one', () => {
    expect(day).toBe('2026-11-23');
  });

  it('reads reminders in days, weeks and months', () => {
    expect(parseSnoozeRequest('påminn mig om en vecka', day)).toEqual({ kind: 'snooze', until: '2026-11-30' });
    expect(parseSnoozeRequest('Påminn mig om 3 dagar.', day)).toEqual({ kind: 'snooze', until: '2026-11-26' });
    expect(parseSnoozeRequest('påminn mig om två veckor', day)).toEqual({ kind: 'snooze', until: '2026-12-07' });
    expect(parseSnoozeRequest('påminn mig om en månad', day)).toEqual({ kind: 'snooze', until: '2026-12-23' });
    expect(parseSnoozeRequest('påminn mig imorgon', day)).toEqual({ kind: 'snooze', until: '2026-11-24' });
  });

  it('reads pauses to a date, with and without a year', () => {
    expect(parseSnoozeRequest('pausa uppföljning till 1 mars', day)).toEqual({ kind: 'pause', until: '2027-03-01' });
    expect(parseSnoozeRequest('pausa till 2027-03-01', day)).toEqual({ kind: 'pause', until: '2027-03-01' });
    expect(parseSnoozeRequest('Pausa uppföljningen till den 15 december', day)).toEqual({ kind: 'pause', until: '2026-12-15' });
    expect(parseSnoozeRequest('pausa till 1 mars 2028', day)).toEqual({ kind: 'pause', until: '2028-03-01' });
    expect(parseSnoozeRequest('pausa till 29 februari', day)).toEqual({ kind: 'pause', until: '2028-02-29' });
  });

  it('reads pauses for a while', () => {
    expect(parseSnoozeRequest('pausa uppföljningen i två veckor', day)).toEqual({ kind: 'pause', until: '2026-12-07' });
    expect(parseSnoozeRequest('pausa i 3 månader', day)).toEqual({ kind: 'pause', until: '2027-02-23' });
  });

  it('answers undefined to anything it cannot be sure of', () => {
    for (const text of ['påminn mig senare', 'pausa till nästa vår', 'pausa till 31 februari 2027', 'pausa till 2026-11-01', 'påminn mig om 0 dagar', 'visa mina insatser', 'pausa till 1 smarch', 'pausa till 1 constructor', 'påminn mig om en decennium', '']) {
      expect(parseSnoozeRequest(text, day), text).toBeUndefined();
    }
  });
});
