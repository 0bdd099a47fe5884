import type { Activity } from 'botbuilder';
import { z } from 'zod';

/**
 * The least an activity must carry for the bot to handle it and answer it: a type, a
 * conversation id, and where replies go. Checked before any handler runs, so a malformed
 * activity is a 400, never a 500 from deep inside a turn.
 */
const activitySchema = z
  .object({
    type: z.string().min(1).max(100),
    id: z.string().max(400).optional(),
    channelId: z.string().min(1).max(100),
    serviceUrl: z.string().url().max(2000),
    conversation: z.object({ id: z.string().min(1).max(1000), tenantId: z.string().max(200).optional() }).passthrough(),
    from: z.object({ id: z.string().min(1).max(1000), aadObjectId: z.string().max(200).optional() }).passthrough(),
    recipient: z.object({ id: z.string().min(1).max(1000) }).passthrough(),
    channelData: z.object({ tenant: z.object({ id: z.string().max(200) }).passthrough().optional() }).passthrough().optional(),
  })
  .passthrough();

export type ShapeCheck = { ok: true; activity: Activity } | { ok: false; field: string };

/** The activity if it has the fields the bot relies on, or the first field that is wrong. */
export function checkActivity(body: unknown): ShapeCheck {
  const parsed = activitySchema.safeParse(body);
  if (parsed.success) return { ok: true, activity: parsed.data as unknown as Activity };
  return { ok: false, field: parsed.error.issues[0]?.path.join('.') || 'activity' };
}

/** The tenant an activity says it comes from: Teams puts it in channelData and conversation. */
export function tenantOf(activity: Activity): string | undefined {
  const data = activity.channelData as { tenant?: { id?: string } } | undefined;
  return data?.tenant?.id ?? activity.conversation.tenantId ?? undefined;
}
