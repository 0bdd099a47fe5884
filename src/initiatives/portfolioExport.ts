import type { Initiative } from './initiative.js';

const COLUMNS: [string, (i: Initiative) => string | number][] = [
  ['Id', (i) => i.id],
  ['Namn', (i) => i.name],
  ['Beskrivning', (i) => i.description],
  ['Förvaltning/bolag', (i) => i.organisation],
  ['Ägare', (i) => i.responsible || i.owner.name],
  ['Registrerad av', (i) => i.owner.name],
  ['Kontakt', (i) => i.contact],
  ['Målområde', (i) => i.goalArea],
  ['Insats', (i) => i.action ?? ''],
  ['Kategori', (i) => i.category],
  ['Effektivitet–innovation (1–5)', (i) => i.efficiencyInnovation],
  ['Intern–extern nytta (1–5)', (i) => i.internalExternal],
  ['Fas', (i) => i.phase],
  ['Start', (i) => i.startDate],
  ['Planerat slut', (i) => i.plannedEndDate],
  ['Antal nyttor', (i) => i.benefits.length],
  ['Nyttor', (i) => i.benefits.map((b) => `${b.description} (${b.indicator}: ${b.baseline} → ${b.target} till ${b.targetDate})`).join(' | ')],
  ['Nyttokalkyl finns', (i) => (i.benefits.some((b) => b.hasBenefitCalculation) ? 'ja' : 'nej')],
  ['Extern kostnad (kr)', (i) => i.externalCostSek],
  ['Interna timmar', (i) => i.internalHours],
  ['Personuppgifter', (i) => i.personalData],
  ['Risk- och konsekvensbedömning', (i) => i.riskAssessment],
  ['Uppföljning', (i) => i.followUp],
  ['Registrerad', (i) => i.createdAt],
  ['Senast ändrad', (i) => i.updatedAt],
];

function cell(value: string | number): string {
  // Swedish Excel: decimal comma; quote anything with separators, quotes or line breaks,
  // and defuse cells that Excel would read as formulas.
  let text = typeof value === 'number' ? String(value).replace('.', ',') : value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The portfolio as CSV that Swedish Excel opens as it is: UTF-8 with BOM (so å, ä, ö come
 * out right), semicolon separators and CRLF line ends.
 */
export function portfolioCsv(initiatives: readonly Initiative[]): string {
  const rows = [COLUMNS.map(([h]) => cell(h)).join(';'), ...initiatives.map((i) => COLUMNS.map(([, get]) => cell(get(i))).join(';'))];
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

/** The portfolio as a JSON array, for other portfolio tools. */
export function portfolioJson(initiatives: readonly Initiative[]): string {
  return `${JSON.stringify(initiatives.map(({ pk: _pk, ...rest }) => rest), null, 2)}\n`;
}
