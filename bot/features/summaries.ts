import type { AdaptiveCard, Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { UNREACHABLE_TEXT, channelKey, type ConversationAddress, type ConversationReferences } from '../../src/conversations/conversationReferences.js';
import type { ManagerAccess } from '../../src/access/managerAccess.js';
import { DOWNLOAD_LINK_MINUTES, type DownloadTokens } from '../../src/summary/downloadTokens.js';
import { parseBucket } from '../../src/summary/portfolioSummary.js';
import type { ChannelSubscription, SubscriptionRepository } from '../../src/summary/subscriptions.js';
import type { SummaryPlanner } from '../../src/summary/summaryPlanner.js';
import type { SummaryService } from '../../src/summary/summaryService.js';
import { localDate, type Clock } from '../../src/time/clock.js';
import type { CardJson } from '../cards.js';
import { replaceOrSendCard, sendCard } from '../cardReplies.js';
import { personOf } from '../identity.js';
import { SUMMARY_LIST_VERB, decodeScope, summaryCard, summaryListCard } from '../summaryCards.js';

export interface SummariesFeature {
  subscriptions: SubscriptionRepository;
  summaryPlanner: SummaryPlanner;
  summaries: SummaryService;
  references: ConversationReferences;
  organisations: readonly string[];
  /** Managers and administrators: who may subscribe, ask for and download summaries. */
  managerAccess: ManagerAccess;
  downloads: DownloadTokens;
  publicUrl: string;
  clock: Clock;
  log: Logger;
}

const SUBSCRIBE = /^\s*prenumerera(?:\s+på)?(?:\s+(.{1,200}?))?\s*[.!]?\s*$/i;
const UNSUBSCRIBE = /^\s*(avsluta|avbryt|säg upp|stoppa)\s+(prenumerationen|prenumeration)\s*[.!]?\s*$/i;
const SHOW = /^\s*visa\s+(prenumerationen|prenumerationer|prenumeration)\s*[.!?]?\s*$/i;
const SUMMARY = /^\s*(sammanfattning|sammanfattningen|portföljöversikt)(?:\s+(?:för\s+)?(.{1,200}?))?\s*[.!]?\s*$/i;
const DOWNLOAD = /^\s*(ladda ned|ladda ner|exportera|hämta)\s+(portföljen|portfölj|insatserna)(?:\s+(?:för\s+)?(.{1,200}?))?\s*[.!]?\s*$/i;

const UNKNOWN =
  'Jag kan inte kontrollera just nu om du är chef eller administratör i Planpiloten, så jag väntar med det här. Försök igen om en stund.';

const REFUSAL =
  'Det här är till för chefer och administratörer, och du finns inte med i Planpilotens lista. Hör av dig till den som förvaltar Planpiloten om du behöver det.';

/** The team channel an activity came from, as Teams describes it; undefined outside channels. */
function channelOf(context: TurnContext): { channelId: string; teamId: string | null; teamName: string; channelName: string; address: ConversationAddress } | undefined {
  const a = context.activity;
  const data = (a.channelData ?? {}) as { channel?: { id?: string; name?: string }; team?: { id?: string; name?: string }; tenant?: { id?: string } };
  if (a.conversation.conversationType !== 'channel') return undefined;
  // A new post goes to the channel itself, not to the thread this message is in.
  const channelId = data.channel?.id ?? a.conversation.id.split(';')[0] ?? a.conversation.id;
  return {
    channelId,
    teamId: data.team?.id ?? null,
    teamName: data.team?.name ?? '',
    channelName: data.channel?.name ?? '',
    address: { serviceUrl: a.serviceUrl, conversationId: channelId, tenantId: data.tenant?.id ?? a.conversation.tenantId, channelId: a.channelId, botId: a.recipient.id },
  };
}

/** An organisation as typed, matched to the configured list ("alla" is every organisation). */
function matchOrganisation(typed: string | undefined, organisations: readonly string[]): { organisation: string | null } | undefined {
  const t = (typed ?? '').trim().toLocaleLowerCase('sv');
  if (!t || t === 'alla' || t === 'hela portföljen') return { organisation: null };
  const found = organisations.find((o) => o.toLocaleLowerCase('sv') === t) ?? organisations.filter((o) => o.toLocaleLowerCase('sv').startsWith(t)).at(0);
  return found ? { organisation: found } : undefined;
}

function scopeWords(organisation: string | null): string {
  return organisation ? `för ${organisation}` : 'för alla förvaltningar och bolag';
}

function when(date: Date | null): string {
  if (!date) return 'ingen är planerad just nu';
  const time = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' }).format(date);
  return `${localDate(date)} kl. ${time}`;
}

/**
 * Weekly portfolio summaries in managers' channels: "prenumerera [organisation]",
 * "avsluta prenumeration", "visa prenumeration" in a channel; "sammanfattning" anywhere;
 * "ladda ned portföljen" in personal chat (a short-lived link to the CSV). Only managers and
 * administrators from the configuration may, checked on the server by Entra object id.
 * Every count on a summary opens the initiatives behind it ("Visa insatserna"), for
 * managers and for the members of a channel the summary was subscribed to.
 */
export function registerSummaries(app: Application<TurnState>, deps: SummariesFeature): void {
  const { log } = deps;
  /** Whether the person is a manager; when not (or it cannot be checked), says so and returns false. */
  const manager = async (context: TurnContext, command: string): Promise<boolean> => {
    const decision = await deps.managerAccess.decide(personOf(context).id);
    if (decision === 'allowed') return true;
    log.info({ event: 'summary_refused', command, decision }, 'summary command refused');
    await context.sendActivity(decision === 'unknown' ? UNKNOWN : REFUSAL);
    return false;
  };
  const unknownOrganisation = async (context: TurnContext): Promise<void> => {
    await context.sendActivity({ text: `Den förvaltningen eller det bolaget känner jag inte igen. Skriv namnet som i listan:\n${deps.organisations.map((o) => `- ${o}`).join('\n')}`, textFormat: 'plain' });
  };

  // The channel's address is kept from every message in it, so the weekly summary can be posted there.
  app.turn('beforeTurn', async (context) => {
    try {
      await teamEvents(context, deps.references, log);
    } catch (error) {
      log.warn({ err: error }, 'team event not recorded');
    }
    return true;
  });

  app.message(SUBSCRIBE, async (context) => {
    const channel = channelOf(context);
    if (!channel) {
      await context.sendActivity('Prenumerationer gäller en kanal i ett team: skriv "@Planpiloten prenumerera" i den kanal som ska få sammanfattningen varje vecka.');
      return;
    }
    if (!(await manager(context, 'subscribe'))) return;
    const matched = matchOrganisation(SUBSCRIBE.exec(context.activity.text ?? '')?.[1], deps.organisations);
    if (!matched) return unknownOrganisation(context);
    await deps.references.rememberChannel(channel.channelId, channel.teamId, channel.address);
    const subscription = await deps.subscriptions.subscribe(channel, matched.organisation, personOf(context).id);
    await deps.summaryPlanner.plan(subscription);
    log.info({ event: 'subscribed', organisation: Boolean(matched.organisation) }, 'channel subscribed');
    await context.sendActivity(
      `Klart! Den här kanalen får en sammanfattning av portföljen ${scopeWords(matched.organisation)} varje vecka. Nästa kommer ${when(await deps.summaryPlanner.next(subscription))}. Skriv "@Planpiloten sammanfattning" för en nu, och "@Planpiloten avsluta prenumeration" för att sluta.`,
    );
  });

  app.message(UNSUBSCRIBE, async (context) => {
    const channel = channelOf(context);
    if (!channel) {
      await context.sendActivity('Prenumerationer gäller en kanal: skriv "@Planpiloten avsluta prenumeration" i kanalen.');
      return;
    }
    if (!(await manager(context, 'unsubscribe'))) return;
    const ended = await deps.subscriptions.unsubscribe(channel.channelId, personOf(context).id);
    log.info({ event: 'unsubscribed', ended }, 'channel unsubscribed');
    await context.sendActivity(ended ? 'Prenumerationen är avslutad. Kanalen får inga fler sammanfattningar.' : 'Den här kanalen har ingen prenumeration.');
  });

  app.message(SHOW, async (context) => {
    const channel = channelOf(context);
    if (channel) {
      await context.sendActivity(await describe(await deps.subscriptions.get(channelKey(channel.channelId)), deps));
      return;
    }
    // Outside a channel, managers see every subscribed channel, also those the bot cannot reach.
    if ((await deps.managerAccess.decide(personOf(context).id)) !== 'allowed') {
      await context.sendActivity('Skriv "@Planpiloten visa prenumeration" i en kanal för att se vad den kanalen får.');
      return;
    }
    const all = await deps.subscriptions.active();
    const lines = await Promise.all(all.map(async (s) => `- ${s.teamName || 'Team'} / ${s.channelName || 'kanal'}: ${await describe(s, deps)}`));
    await context.sendActivity({ text: all.length ? `Kanaler som prenumererar på sammanfattningen:\n${lines.join('\n')}` : 'Ingen kanal prenumererar på sammanfattningen ännu.', textFormat: 'plain' });
  });

  app.message(SUMMARY, async (context) => {
    if (!(await manager(context, 'summary'))) return;
    const typed = SUMMARY.exec(context.activity.text ?? '')?.[2];
    const channel = channelOf(context);
    // In a subscribed channel, a plain "sammanfattning" covers what the channel subscribes to.
    const subscription = !typed && channel ? await deps.subscriptions.get(channelKey(channel.channelId)) : undefined;
    const matched = typed ? matchOrganisation(typed, deps.organisations) : { organisation: subscription?.status === 'active' ? subscription.organisation : null };
    if (!matched) return unknownOrganisation(context);
    const summary = await deps.summaries.summary(deps.summaries.scope(matched.organisation));
    log.info({ event: 'summary_now', initiatives: summary.total }, 'summary on demand');
    await sendCard(context, summaryCard(summary));
  });

  app.message(DOWNLOAD, async (context) => {
    if ((context.activity.conversation.conversationType ?? 'personal') !== 'personal') {
      await context.sendActivity('Portföljen laddar du ned i din personliga chatt med Planpiloten, så att länken bara syns för dig.');
      return;
    }
    if (!(await manager(context, 'download'))) return;
    const matched = matchOrganisation(DOWNLOAD.exec(context.activity.text ?? '')?.[3], deps.organisations);
    if (!matched) return unknownOrganisation(context);
    const token = deps.downloads.issue(matched.organisation, deps.clock.now());
    log.info({ event: 'download_link' }, 'portfolio download link issued');
    await sendCard(context, {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: `Portföljen ${scopeWords(matched.organisation)} som CSV för Excel`, weight: 'Bolder', wrap: true },
        { type: 'TextBlock', text: `Länken fungerar i ${DOWNLOAD_LINK_MINUTES} minuter och bara för dig: dela inte den, dela filen.`, isSubtle: true, wrap: true },
      ],
      actions: [{ type: 'Action.OpenUrl', title: 'Ladda ned (CSV)', url: `${deps.publicUrl}/export/portfolio.csv?t=${encodeURIComponent(token)}` }],
    });
  });

  const onList = async (context: TurnContext, raw: unknown): Promise<CardJson | string> => {
    const data = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const scope = decodeScope(data.scope, deps.organisations);
    // A row carries its own bucket; the "Visa insatserna" button has none and takes the list's pick.
    // (The pick has an id of its own: a client merges every input into a row's data, and an
    // input named "bucket" would overwrite the row's.)
    const bucket = parseBucket(data.bucket ?? data.pick);
    const page = Number(data.page ?? 0);
    if (!scope || !bucket || !Number.isInteger(page) || page < 0 || page > 10_000) return 'Kortet är inaktuellt. Skriv "sammanfattning" för en ny sammanfattning.';
    if (!(await subscribedChannelCovers(context, scope.organisation))) {
      const decision = await deps.managerAccess.decide(personOf(context).id);
      if (decision !== 'allowed') {
        log.info({ event: 'summary_refused', command: 'list', decision }, 'summary list refused');
        return decision === 'unknown' ? UNKNOWN : REFUSAL;
      }
    }
    const view = await deps.summaries.members(scope, bucket, Math.min(page, 10_000));
    log.info({ event: 'summary_list', total: view.total, page }, 'summary list');
    return summaryListCard({ bucket, scope, ...view });
  };
  const subscribedChannelCovers = async (context: TurnContext, organisation: string | null): Promise<boolean> => {
    const channel = channelOf(context);
    if (!channel) return false;
    const subscription = await deps.subscriptions.get(channelKey(channel.channelId));
    return subscription?.status === 'active' && (subscription.organisation === null || subscription.organisation === organisation);
  };
  app.adaptiveCards.actionSubmit<Record<string, unknown>>(SUMMARY_LIST_VERB, async (context, _state, data) => {
    const result = await onList(context, data);
    if (typeof result === 'string') await context.sendActivity(result);
    // A page change replaces the list; "Visa insatserna" on a summary is a new message under it.
    else if (data.page !== undefined) await replaceOrSendCard(context, result);
    else await sendCard(context, result);
  });
  app.adaptiveCards.actionExecute<Record<string, unknown>>(SUMMARY_LIST_VERB, async (context, _state, data) => {
    const result = await onList(context, data);
    return (typeof result === 'string' ? { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: result, wrap: true }] } : result) as unknown as AdaptiveCard;
  });
}

/** "visa prenumeration": what the channel gets, when the next comes, and why not when it cannot. */
async function describe(subscription: ChannelSubscription | undefined, deps: SummariesFeature): Promise<string> {
  if (!subscription || subscription.status !== 'active') return 'Den här kanalen har ingen prenumeration. En chef eller administratör kan skriva "@Planpiloten prenumerera".';
  const contact = await deps.references.get(subscription.channelKey);
  const lines = [`Kanalen får en sammanfattning av portföljen ${scopeWords(subscription.organisation)} varje vecka, sedan ${subscription.subscribedAt.slice(0, 10)}.`];
  if (contact?.status === 'unreachable' && contact.reason) lines.push(`Den skickas inte just nu: ${UNREACHABLE_TEXT[contact.reason]}.`);
  else lines.push(`Nästa kommer ${when(await deps.summaryPlanner.next(subscription))}.`);
  return lines.join(' ');
}

/**
 * What Teams says about teams and channels: the bot added to a team (its General channel
 * is kept, channels marked gone come back), a channel deleted or restored, the bot removed
 * from a team, the team archived, deleted or restored. Messages in a channel keep its address.
 */
async function teamEvents(context: TurnContext, references: ConversationReferences, log: Logger): Promise<void> {
  const a = context.activity;
  if (a.conversation?.conversationType !== 'channel') return;
  const data = (a.channelData ?? {}) as { eventType?: string; channel?: { id?: string }; team?: { id?: string }; tenant?: { id?: string } };
  const teamId = data.team?.id ?? null;
  const address = (channelId: string): ConversationAddress => ({ serviceUrl: a.serviceUrl, conversationId: channelId, tenantId: data.tenant?.id ?? a.conversation.tenantId, channelId: a.channelId, botId: a.recipient.id });
  if (a.type === 'message') {
    const channelId = data.channel?.id ?? a.conversation.id.split(';')[0];
    if (channelId) await references.rememberChannel(channelId, teamId, address(channelId));
    return;
  }
  if (a.type !== 'conversationUpdate' || !teamId) return;
  const botId = a.recipient.id;
  const event = data.eventType ?? '';
  const botAdded = (a.membersAdded ?? []).some((m) => m.id === botId);
  const botRemoved = (a.membersRemoved ?? []).some((m) => m.id === botId);
  if (botAdded || event === 'teamRestored' || event === 'teamUnarchived') {
    // The General channel's id is the team's id.
    if (botAdded) await references.rememberChannel(teamId, teamId, address(teamId));
    log.info({ event: 'team_reachable', revived: await references.reviveTeam(teamId) }, 'bot in team');
  } else if (botRemoved) {
    log.info({ event: 'team_unreachable', channels: await references.markTeamUnreachable(teamId, 'BotRemovedFromTeam') }, 'bot removed from team');
  } else if (event === 'teamDeleted' || event === 'teamArchived') {
    log.info({ event: 'team_unreachable', channels: await references.markTeamUnreachable(teamId, event === 'teamDeleted' ? 'TeamDeleted' : 'TeamArchived') }, 'team gone');
  } else if (event === 'channelDeleted' && data.channel?.id) {
    await references.markUnreachable(channelKey(data.channel.id), 'ChannelDeleted', teamId);
  } else if ((event === 'channelRestored' || event === 'channelCreated') && data.channel?.id) {
    await references.rememberChannel(data.channel.id, teamId, address(data.channel.id));
  }
}
