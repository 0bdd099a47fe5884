import type { Application, TurnState } from '@microsoft/teams-ai';
import type { Logger } from 'pino';
import { UNREACHABLE_TEXT, type UnreachableReason } from '../../src/conversations/conversationReferences.js';
import type { Dispatcher } from '../../src/outbox/dispatcher.js';
import type { OutboxRepository } from '../../src/outbox/outboxRepository.js';
import { personOf } from '../identity.js';

export interface AdminFeature {
  adminIds: readonly string[];
  outbox: OutboxRepository;
  dispatcher: Dispatcher;
  log: Logger;
}

const SHOW = /^\s*visa utskick\s*[.!?]?\s*$/i;
const RUN = /^\s*(kör|kor) (uppföljning(ar|en)?|utskick(en)?) nu\s*[.!]?\s*$/i;

/** What the outbox holds, in Swedish: counts by state and the latest problems with their reasons. */
export async function outboxReport(outbox: OutboxRepository): Promise<string> {
  const c = await outbox.counts();
  const lines = [
    `Utskick: ${c.pending} väntar, ${c.sending} skickas just nu, ${c.sent} skickade, ${c.unreachable} kunde inte nås, ${c.failed} misslyckade, ${c.cancelled} inte längre aktuella.`,
  ];
  const problems = await outbox.recentProblems(10);
  if (problems.length) {
    lines.push('Senaste problemen:');
    for (const p of problems) {
      const reason = p.lastError && p.lastError in UNREACHABLE_TEXT ? UNREACHABLE_TEXT[p.lastError as UnreachableReason] : (p.lastError ?? 'okänt');
      const what = p.kind === 'summary' ? `sammanfattning till kanal ${p.recipientId.slice('channel:'.length)}` : `${p.kind === 'reminder' ? 'påminnelse' : 'uppföljning'} för insats ${p.initiativeId}`;
      lines.push(`- ${p.dueAt.slice(0, 10)} ${what}: ${reason} (${p.attempts} försök)`);
    }
  }
  return lines.join('\n');
}

/**
 * Administrators (Entra object ids from ADMIN_IDS) see the outbox ("visa utskick") and can
 * send what is due now ("kör uppföljning nu"). Everyone else gets a polite no; the check is
 * on the server, on the person's object id.
 */
export function registerAdmin(app: Application<TurnState>, deps: AdminFeature): void {
  const admins = new Set(deps.adminIds);
  app.message(
    (context) => Promise.resolve(SHOW.test(context.activity.text ?? '') || RUN.test(context.activity.text ?? '')),
    async (context) => {
      const text = context.activity.text ?? '';
      if (!admins.has(personOf(context).id)) {
        deps.log.info({ event: 'admin_refused' }, 'admin command refused');
        await context.sendActivity('Det kommandot är till för Planpilotens administratörer. Hör av dig till den som förvaltar Planpiloten om du behöver det.');
        return;
      }
      if (RUN.test(text)) {
        const report = await deps.dispatcher.runOnce();
        deps.log.info({ event: 'admin_run', ...report }, 'admin ran the outbox');
        await context.sendActivity(`Klart: ${report.sent} skickade, ${report.retried} försöks igen senare, ${report.unreachable} kunde inte nås, ${report.failed} misslyckade, ${report.cancelled} inte längre aktuella.`);
        return;
      }
      await context.sendActivity({ text: await outboxReport(deps.outbox), textFormat: 'plain' });
    },
  );
}
