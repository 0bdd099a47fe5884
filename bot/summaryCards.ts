import { BENEFIT_STATE_TEXT, type BenefitState } from '../src/summary/benefitProgress.js';
import { BUCKET_TEXT, TOP_ITEMS, type Bucket, type ListedInitiative, type PortfolioSummary, type Slice, type SummaryScope } from '../src/summary/portfolioSummary.js';
import { isLocalDate } from '../src/time/swedishCalendar.js';
import { isoWeek } from '../src/summary/summaryWeek.js';
import { escapeMarkdown, expandCard, type CardJson } from './cards.js';

export const SUMMARY_LIST_VERB = 'summaryList';

const MONTHS = ['jan', 'feb', 'mars', 'apr', 'maj', 'juni', 'juli', 'aug', 'sep', 'okt', 'nov', 'dec'];

/** "1 234": numbers as Swedes write them. */
export function swedishNumber(n: number): string {
  return n.toLocaleString('sv-SE').replace(/\u00a0/g, ' ');
}

function day(date: string): string {
  return `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1] ?? ''}`;
}

/** The scope as a card button carries it (compact, the organisation last since it may hold anything). */
export function encodeScope(scope: SummaryScope): string {
  return [scope.from, scope.to, scope.today, scope.organisation ?? ''].join('|');
}

/** A scope from a card's data, checked: dates must be dates and the organisation one we know. */
export function decodeScope(value: unknown, organisations: readonly string[]): SummaryScope | undefined {
  if (typeof value !== 'string' || value.length > 300) return undefined;
  const [from = '', to = '', today = '', ...rest] = value.split('|');
  const organisation = rest.join('|');
  if (![from, to, today].every(isLocalDate) || from > to) return undefined;
  if (organisation && !organisations.includes(organisation)) return undefined;
  return { from, to, today, organisation: organisation || null };
}

const BAR_WIDTH = 12;

function bars(slices: Slice[]): { x: string; bar: string; label: string; bucket: Bucket }[] {
  const max = Math.max(1, ...slices.map((s) => s.count));
  return slices.map((s) => ({ x: escapeMarkdown(s.label), bar: '█'.repeat(Math.max(1, Math.round((s.count / max) * BAR_WIDTH))), label: swedishNumber(s.count), bucket: s.bucket }));
}

/**
 * Text cut at a word to at most `max` characters: what people typed (names, owners,
 * questions) may be long, and the card must stay small however long it is.
 */
export function clip(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const NAME_MAX = 80;
const PARTY_MAX = 60;
const QUESTION_MAX = 140;

/**
 * A bar's label in Teams' chart, which gives its labels the width the longest one needs:
 * a målområde by its number (its title is in the text fallback and the list), others cut short.
 */
function chartLabel(slice: Slice): string {
  return slice.bucket.startsWith('goalArea:') ? `Målområde ${slice.bucket.slice('goalArea:'.length)}` : clip(slice.label, 24);
}

function listedLine(kind: string, i: ListedInitiative): string {
  return `${kind}: **${escapeMarkdown(clip(i.name, NAME_MAX))}** – ${escapeMarkdown(clip(i.organisation, PARTY_MAX))}, ägare ${escapeMarkdown(clip(i.owner || 'okänd', PARTY_MAX))}`;
}

const BENEFIT_ORDER: BenefitState[] = ['realised', 'onTrack', 'behind', 'noReport', 'notMeasurable'];

/** The period in words: "vecka 47, 16–22 nov 2026" or "de senaste sju dagarna, …". */
function periodText(scope: SummaryScope, weekly: boolean): string {
  const range = `${day(scope.from)}–${day(scope.to)} ${scope.to.slice(0, 4)}`;
  return weekly ? `vecka ${Number(isoWeek(scope.from).slice(6))}, ${range}` : `de senaste sju dagarna, ${range}`;
}

/**
 * The weekly summary card: counts, the few latest items, the portfolio by phase, category
 * and målområde (Teams' chart element, with text bars where a client has no charts),
 * benefit realisation, the gaps and the knowledge gaps. Every count opens the initiatives
 * behind it. Its size does not grow with the portfolio: lists stop at TOP_ITEMS.
 */
export function summaryCard(summary: PortfolioSummary, weekly = false): CardJson {
  const { scope } = summary;
  const row = (bucket: Bucket, label: string, value: number, color = 'Default'): { bucket: Bucket; label: string; value: string; color: string } => ({ bucket, label, value: swedishNumber(value), color });
  const changeLines = (['new', 'changed', 'closed'] as const).flatMap((kind) => {
    const list = summary.changes[kind];
    const word = kind === 'new' ? 'Ny' : kind === 'changed' ? 'Ändrad' : 'Avslutad';
    const lines = list.top.map((i) => listedLine(word, i));
    if (list.count > TOP_ITEMS) lines.push(`… och ${swedishNumber(list.count - TOP_ITEMS)} ${BUCKET_TEXT[kind] ?? ''} till.`);
    return lines;
  });
  const k = summary.knowledge;
  const knowledgeLines = [
    `${swedishNumber(k.asked)} frågor ställdes; ${swedishNumber(k.unanswered)} kunde dokumenten inte besvara.`,
    ...k.topUnanswered.map((q) => `Obesvarad: ”${escapeMarkdown(clip(q.question, QUESTION_MAX))}”${q.count > 1 ? ` (${q.count} gånger)` : ''}`),
    `${swedishNumber(k.thumbsDown)} svar fick 👎.`,
    ...k.topThumbsDown.map((q) => `👎 ”${escapeMarkdown(clip(q.question, QUESTION_MAX))}”${q.count > 1 ? ` (${q.count} gånger)` : ''}`),
  ];
  const sections = [
    {
      heading: 'Veckans förändringar',
      chartData: [],
      bars: [],
      rows: [row('new', 'Nya insatser', summary.changes.new.count), row('changed', 'Ändrade insatser', summary.changes.changed.count), row('closed', 'Avslutade insatser', summary.changes.closed.count)],
      lines: changeLines,
    },
    ...(
      [
        ['Portföljen per fas', summary.byPhase],
        ['Per kategori', summary.byCategory],
        ['Per målområde', summary.byGoalArea],
      ] as const
    ).map(([heading, slices]) => ({ heading, chartData: slices.map((s) => ({ x: chartLabel(s), y: s.count })), bars: bars(slices), rows: [], lines: slices.length ? [] : ['Inga insatser.'] })),
    {
      heading: 'Nyttorealisering',
      chartData: [],
      bars: [],
      rows: [
        row('answered', 'Uppföljningar besvarade', summary.followUps.answered),
        row('overdue', 'Uppföljningar försenade', summary.followUps.overdue, summary.followUps.overdue ? 'Attention' : 'Default'),
        row('notUsed', 'Förmågan används inte som tänkt', summary.followUps.notUsed, summary.followUps.notUsed ? 'Attention' : 'Default'),
        ...BENEFIT_ORDER.map((s) => row(`benefit:${s}`, `Nyttor ${BENEFIT_STATE_TEXT[s]}`, summary.benefits[s], !summary.benefits[s] ? 'Default' : s === 'realised' ? 'Good' : s === 'behind' ? 'Attention' : 'Default')),
      ],
      lines: [],
    },
    {
      heading: 'Luckor att åtgärda',
      chartData: [],
      bars: [],
      rows: summary.gaps.map((g) => row(g.bucket, capitalised(g.label), g.count, g.count ? 'Warning' : 'Default')),
      lines: [],
    },
    { heading: 'Kunskapsluckor i dokumenten (hela kommunen)', chartData: [], bars: [], rows: [], lines: knowledgeLines },
  ];
  const choices = [
    { title: `Alla insatser (${swedishNumber(summary.total)})`, value: 'all' },
    ...sections.flatMap((s) => [...s.bars.map((b) => ({ title: `${b.x} (${b.label})`, value: b.bucket })), ...s.rows.filter((r) => r.value !== '0').map((r) => ({ title: `${r.label} (${r.value})`, value: r.bucket }))]),
  ];
  return expandCard('summary', {
    title: `Portföljöversikt ${periodText(scope, weekly)}`,
    subtitle: `${escapeMarkdown(scope.organisation ?? 'Alla förvaltningar och bolag')} · ${swedishNumber(summary.total)} insatser, varav ${swedishNumber(summary.open)} pågående`,
    scope: encodeScope(scope),
    sections,
    choices,
  });
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The label of a bucket, in words. */
export function bucketText(bucket: Bucket): string {
  const [kind, rest = ''] = [bucket.slice(0, bucket.indexOf(':')), bucket.slice(bucket.indexOf(':') + 1)];
  if (Object.hasOwn(BUCKET_TEXT, bucket)) return BUCKET_TEXT[bucket] ?? bucket;
  if (kind === 'phase') return `i fas ${rest}`;
  if (kind === 'category') return `kategori ${rest}`;
  if (kind === 'goalArea') return `målområde ${rest}`;
  if (kind === 'benefit') return `med nyttor ${BENEFIT_STATE_TEXT[rest as BenefitState]}`;
  return bucket;
}

/** One page of the initiatives behind a count, with paging. */
export function summaryListCard(view: { bucket: Bucket; scope: SummaryScope; items: ListedInitiative[]; total: number; page: number; pages: number }): CardJson {
  return expandCard('summary-list', {
    title: `Insatser: ${escapeMarkdown(bucketText(view.bucket))} (${swedishNumber(view.total)})`,
    subtitle: `${escapeMarkdown(view.scope.organisation ?? 'Alla förvaltningar och bolag')} · sida ${view.page + 1} av ${view.pages}`,
    items: view.items.map((i) => ({ name: escapeMarkdown(i.name), details: escapeMarkdown(`${i.organisation} · ägare ${i.owner || 'okänd'} · ${i.phase}`) })),
    bucket: view.bucket,
    scope: encodeScope(view.scope),
    page: view.page,
    pages: view.pages,
  });
}
