import { CardFactory, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { ConversationAddress } from '../src/conversations/conversationReferences.js';
import type { ProactiveSender } from '../src/outbox/dispatcher.js';
import type { SendOutcome } from '../src/outbox/sendPolicy.js';

/** The parts of botbuilder's connector client this file touches, typed (they are not exported). */
interface ConnectorShim {
  client?: { pipeline?: { removePolicy(options: { name: string }): unknown } };
}

interface RestErrorShim {
  statusCode?: number;
  code?: string;
  response?: { headers?: { get(name: string): string | undefined }; bodyAsText?: string | null; parsedBody?: unknown };
}

/** How long one send may take before it counts as "no answer". */
const SEND_TIMEOUT_MS = 15_000;

function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function errorCode(error: RestErrorShim): string | undefined {
  const body = error.response?.parsedBody ?? (() => {
    try {
      return JSON.parse(error.response?.bodyAsText ?? '') as unknown;
    } catch {
      return undefined;
    }
  })();
  const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? code.slice(0, 100) : undefined;
}

/**
 * Proactive sends through botbuilder: the stored address becomes a conversation reference,
 * `continueConversationAsync` gives a turn with a connector client for its service URL, and
 * the card goes out with `sendActivity`. The connector client's own retry policy is removed
 * for these sends: the dispatcher alone decides how often a message is tried (sendPolicy.ts),
 * so retries are never stacked on retries. Failures come back as a SendOutcome, not thrown.
 */
export class TeamsProactiveSender implements ProactiveSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
  ) {}

  async send(address: ConversationAddress, card: Record<string, unknown>): Promise<SendOutcome> {
    const reference: Partial<ConversationReference> = {
      serviceUrl: address.serviceUrl,
      channelId: address.channelId,
      conversation: { id: address.conversationId, tenantId: address.tenantId, conversationType: 'personal', isGroup: false, name: '' },
      bot: { id: address.botId, name: 'Planpiloten' },
    };
    let activityId: string | undefined;
    let failure: RestErrorShim | undefined;
    const attempt = this.adapter.continueConversationAsync(this.botAppId, reference, async (context: TurnContext) => {
      const connector = context.turnState.get<ConnectorShim | undefined>(this.adapter.ConnectorClientKey);
      connector?.client?.pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
      // Caught here, not thrown: the adapter's turn error handler would answer it with a message of its own.
      try {
        const sent = await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
        activityId = sent?.id;
      } catch (error) {
        failure = error as RestErrorShim;
      }
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), SEND_TIMEOUT_MS);
    });
    const settled = attempt.then(
      () => ({ ok: true as const }),
      (error: unknown) => ({ ok: false as const, error: error as RestErrorShim }),
    );
    try {
      const result = await Promise.race([settled, timeout]);
      if (result === 'timeout') return { status: 0 };
      if (result.ok && !failure) return { status: 201, activityId };
      const e = failure ?? (result.ok ? {} : result.error);
      return { status: e.statusCode ?? 0, retryAfterMs: retryAfterMs(e.response?.headers?.get('retry-after')), errorCode: errorCode(e) };
    } finally {
      clearTimeout(timer);
    }
  }
}
