import type { Initiative } from '../initiatives/initiative.js';
import type { PlanDefinition } from '../plan/planDefinition.js';
import { today, type Clock } from '../time/clock.js';
import { addDays } from '../time/swedishCalendar.js';
import type { PortfolioReader } from './portfolioReader.js';
import { bucketMembers, summarise, type Bucket, type ListedInitiative, type PortfolioSummary, type SummaryScope } from './portfolioSummary.js';
import { mondayOf, reportedWeek } from './summaryWeek.js';

/** How many initiatives one page of "Visa insatserna" lists. */
export const MEMBERS_PAGE_SIZE = 10;

/**
 * Portfolio summaries: the weekly one (the week before the one it is sent in), one on
 * demand (the last seven days), and the initiatives behind any of their counts.
 */
export class SummaryService {
  constructor(
    private readonly reader: PortfolioReader,
    private readonly plan: PlanDefinition,
    private readonly clock: Clock,
  ) {}

  /** The scope of the weekly summary of the ISO week `week` (it reports on the week before), or of one asked for now. */
  scope(organisation: string | null, week?: string): SummaryScope {
    const now = today(this.clock);
    const monday = week ? mondayOf(week) : undefined;
    if (monday) return { organisation, ...reportedWeek(monday), today: now };
    return { organisation, from: addDays(now, -6), to: now, today: now };
  }

  async summary(scope: SummaryScope): Promise<PortfolioSummary> {
    return summarise(await this.reader.read(scope), scope, this.plan);
  }

  async members(scope: SummaryScope, bucket: Bucket, page: number): Promise<{ items: ListedInitiative[]; total: number; page: number; pages: number }> {
    const { items, total } = bucketMembers(await this.reader.read(scope, { questions: false }), scope, this.plan, bucket, page, MEMBERS_PAGE_SIZE);
    return { items, total, page, pages: Math.max(1, Math.ceil(total / MEMBERS_PAGE_SIZE)) };
  }

  /** The organisation's initiatives (or all), for the CSV download. */
  async initiatives(organisation: string | null): Promise<readonly Initiative[]> {
    return this.reader.initiatives(organisation);
  }
}
