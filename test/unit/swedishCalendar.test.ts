import { describe, expect, it } from 'vitest';
import { localDate } from '../../src/time/clock.js';
import { addDays, addMonths, easterSunday, holidayName, isLocalDate, isWorkingDay, nextWorkingDay, stockholmInstant, swedishHolidays, weekday } from '../../src/time/swedishCalendar.js';

const at = (date: string, hour: number, minute = 0): string => stockholmInstant(date, hour * 60 + minute).toISOString();

describe('Swedish holidays', () => {
  it('computes Easter Sunday', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
    expect(easterSunday(2285)).toBe('2285-03-22');
  });

  it('places the moving holidays of 2026', () => {
    const byName = new Map([...swedishHolidays(2026)].map(([date, name]) => [name, date]));
    expect(byName.get('långfredagen')).toBe('2026-04-03');
    expect(byName.get('annandag påsk')).toBe('2026-04-06');
    expect(byName.get('Kristi himmelsfärdsdag')).toBe('2026-05-14');
    expect(byName.get('pingstdagen')).toBe('2026-05-24');
    expect(byName.get('midsommarafton')).toBe('2026-06-19');
    expect(byName.get('midsommardagen')).toBe('2026-06-20');
    expect(byName.get('alla helgons dag')).toBe('2026-10-31');
  });

  it('places midsommar and alla helgons dag in other years', () => {
    expect(holidayName('2024-06-21')).toBe('midsommarafton');
    expect(holidayName('2025-06-20')).toBe('midsommarafton');
    expect(holidayName('2027-06-25')).toBe('midsommarafton');
    expect(holidayName('2024-11-02')).toBe('alla helgons dag');
    expect(holidayName('2025-11-01')).toBe('alla helgons dag');
    expect(holidayName('2027-11-06')).toBe('alla helgons dag');
    expect(holidayName('2025-05-29')).toBe('Kristi himmelsfärdsdag');
    expect(holidayName('2027-05-06')).toBe('Kristi himmelsfärdsdag');
  });

  it('treats fixed holidays and the days taken off as non-working, ordinary weekdays as working', () => {
    for (const date of ['2026-01-01', '2026-01-06', '2026-05-01', '2026-06-19', '2026-12-24', '2026-12-25', '2026-12-31', '2027-06-25', '2025-04-18', '2025-04-21']) {
      expect(isWorkingDay(date), date).toBe(false);
    }
    expect(isWorkingDay('2026-11-23')).toBe(true);
    expect(isWorkingDay('2026-06-18')).toBe(true);
    expect(isWorkingDay('2026-11-28')).toBe(false);
    expect(isWorkingDay('2026-11-29')).toBe(false);
  });

  it('finds the next working day over long weekends', () => {
    expect(nextWorkingDay('2026-04-03')).toBe('2026-04-07');
    expect(nextWorkingDay('2026-12-24')).toBe('2026-12-28');
    expect(nextWorkingDay('2026-12-31')).toBe('2027-01-04');
    expect(nextWorkingDay('2026-06-19')).toBe('2026-06-22');
    expect(nextWorkingDay('2026-11-23')).toBe('2026-11-23');
  });
});

describe('Stockholm wall time', () => {
  it('winter time is UTC+1 and summer time UTC+2', () => {
    expect(at('2026-01-15', 9)).toBe('2026-01-15T08:00:00.000Z');
    expect(at('2026-07-15', 9, 30)).toBe('2026-07-15T07:30:00.000Z');
  });

  it('follows the change to summer time on the last Sunday of March, a skipped time moved later', () => {
    expect(at('2026-03-28', 9)).toBe('2026-03-28T08:00:00.000Z');
    expect(at('2026-03-29', 9)).toBe('2026-03-29T07:00:00.000Z');
    expect(at('2026-03-30', 9)).toBe('2026-03-30T07:00:00.000Z');
    expect(at('2026-03-29', 1, 59)).toBe('2026-03-29T00:59:00.000Z');
    expect(at('2026-03-29', 3, 0)).toBe('2026-03-29T01:00:00.000Z');
    expect(at('2026-03-29', 2, 30)).toBe('2026-03-29T01:30:00.000Z');
  });

  it('follows the change back on the last Sunday of October', () => {
    expect(at('2026-10-24', 9)).toBe('2026-10-24T07:00:00.000Z');
    expect(at('2026-10-25', 9)).toBe('2026-10-25T08:00:00.000Z');
    expect(at('2026-10-26', 9)).toBe('2026-10-26T08:00:00.000Z');
  });

  it('round-trips to the same local date at every hour of a year', () => {
    for (let day = '2027-01-01'; day < '2028-01-01'; day = addDays(day, 1)) {
      for (const hour of [0, 9, 23]) expect(localDate(stockholmInstant(day, hour * 60))).toBe(day);
    }
  });
});

describe('local date arithmetic', () => {
  it('adds days across months, years and the DST change', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('adds months and clamps to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-05-10', 12)).toBe('2027-05-10');
    expect(addMonths('2026-05-10', -5)).toBe('2025-12-10');
  });

  it('knows the weekday (0 = Sunday) and real dates from malformed ones', () => {
    expect(weekday('2026-11-23')).toBe(1);
    expect(weekday('2026-11-29')).toBe(0);
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-2-1')).toBe(false);
  });

  it('turns the date at local midnight, also between calls in the same minute of the day before', () => {
    expect(localDate(new Date('2026-11-23T22:59:00.000Z'))).toBe('2026-11-23');
    expect(localDate(new Date('2026-11-23T22:59:59.999Z'))).toBe('2026-11-23');
    expect(localDate(new Date('2026-11-23T23:00:00.000Z'))).toBe('2026-11-24');
    expect(localDate(new Date('2026-07-01T21:59:59.000Z'))).toBe('2026-07-01');
    expect(localDate(new Date('2026-07-01T22:00:00.000Z'))).toBe('2026-07-02');
  });
});
