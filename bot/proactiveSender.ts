import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { ConversationAddress } from '../src/conversations/conversationReferences.js';
import type { ProactiveSender } from '../src/outbox/dispatcher.js';
import type { SendOutcome } from '../src/outbox/sendPolicy.js';

/**
 * The name @azure/core-rest-pipeline gives its retry policy (exponential and throttling, three
 * retries). It cannot be configured away: botbuilder 4.23's ServiceClientContext builds its
 * core-client ServiceClient without passing on retry options, so the policy is removed from
 * each connector client's pipeline by name.
 */
const RETRY_POLICY = 'defaultRetryPolicy';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** How long one send may take before it counts as "no answer". */
const SEND_TIMEOUT_MS = 15_000;

/** The connector client's private core-client pipeline, as a typed view checked at run time. */
interface PipelineView {
  client?: { pipeline?: { removePolicy(options: { name: string }): unknown; getOrderedPolicies(): { name: string }[] } };
}

/** What a failed request carries (a RestError from @azure/core-rest-pipeline). */
interface RestErrorView {
  name?: string;
  statusCode?: number;
  response?: { headers?: { get(name: string): string | undefined }; bodyAsText?: string | null };
}

/**
 * Proactive sends through botbuilder: `continueConversationAsync` gives a connector client for
 * the stored address's service URL (with the bot's credentials, none in local mode), and the
 * card is posted with Conversations.sendToConversation, a new message in the person's chat
 * (not a reply to anything). One call is one HTTP attempt: botbuilder's retry policy is taken
 * out of the client, because the dispatcher's send policy is the one place that decides
 * attempts. Answers from the service, errors included, come back as a SendOutcome.
 */
export class TeamsProactiveSender implements ProactiveSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    private readonly timeoutMs = SEND_TIMEOUT_MS,
  ) {}

  async send(address: ConversationAddress, card: Record<string, unknown>): Promise<SendOutcome> {
    let outcome: SendOutcome | undefined;
    try {
      await this.adapter.continueConversationAsync(this.botAppId, toReference(address), async (context: TurnContext) => {
        const client = context.turnState.get<ConnectorClient>(this.adapter.ConnectorClientKey);
        withoutRetries(client);
        outcome = await this.post(client, address, card);
      });
    } catch (error) {
      // Before the request (a token could not be had): counted as no answer, tried again later.
      outcome = outcomeOf(error);
    }
    return outcome ?? { status: 0 };
  }

  private async post(client: ConnectorClient, address: ConversationAddress, card: Record<string, unknown>): Promise<SendOutcome> {
    try {
      const response = await client.conversations.sendToConversation(
        address.conversationId,
        {
          type: 'message',
          attachments: [{ contentType: ADAPTIVE_CARD, content: card }],
          from: { id: address.botId, name: '' },
          conversation: conversationOf(address),
          channelId: address.channelId,
          serviceUrl: address.serviceUrl,
          channelData: { ...(address.tenantId ? { tenant: { id: address.tenantId } } : {}), notification: { alert: true } },
        },
        { abortSignal: AbortSignal.timeout(this.timeoutMs) },
      );
      return { status: response._response.status, activityId: response.id };
    } catch (error) {
      return outcomeOf(error);
    }
  }
}

function toReference(address: ConversationAddress): Partial<ConversationReference> {
  return {
    serviceUrl: address.serviceUrl,
    channelId: address.channelId,
    conversation: conversationOf(address),
    bot: { id: address.botId, name: '' },
  };
}

/** A personal chat, or a team channel (where a new post starts a thread). */
function conversationOf(address: ConversationAddress): ConversationReference['conversation'] {
  const channel = address.conversationType === 'channel';
  return { id: address.conversationId, tenantId: address.tenantId, conversationType: channel ? 'channel' : 'personal', isGroup: channel, name: '' };
}

/** Takes botbuilder's retries out; throws if the pipeline moved (a botbuilder upgrade), rather than retry in secret. */
function withoutRetries(client: ConnectorClient): void {
  const pipeline = (client as unknown as PipelineView).client?.pipeline;
  if (!pipeline) throw new Error('botbuilder-anslutningens pipeline hittades inte; kontrollera botbuilder-versionen innan utskick');
  pipeline.removePolicy({ name: RETRY_POLICY });
  if (pipeline.getOrderedPolicies().some((p) => p.name === RETRY_POLICY)) throw new Error('botbuilders omförsök gick inte att stänga av');
}

function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function outcomeOf(error: unknown): SendOutcome {
  const e = (typeof error === 'object' && error !== null ? error : {}) as RestErrorView;
  if (typeof e.statusCode !== 'number') return { status: 0 };
  return { status: e.statusCode, retryAfterMs: retryAfterMs(e.response?.headers?.get('retry-after')), errorCode: errorCodeOf(e.response?.bodyAsText) };
}

/** The service's {error: {code}} from a response body, when it is there. */
function errorCodeOf(body: string | null | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown } };
    return typeof parsed.error?.code === 'string' ? parsed.error.code.slice(0, 100) : undefined;
  } catch {
    return undefined;
  }
}
