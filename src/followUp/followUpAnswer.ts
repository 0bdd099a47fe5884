import { z } from 'zod';
import { MAX_BENEFITS, OPEN_PHASES, USAGE, type Phase, type Usage } from '../initiatives/initiative.js';
import type { StoredDocument } from '../storage/documentStore.js';
import { textField } from '../initiatives/cardFields.js';

export { USAGE, type Usage };

/** One benefit's reported value at one follow-up: a point in its time series. */
export interface BenefitReading {
  benefitIndex: number;
  indicator: string;
  value: string;
}

/** The owner's answer to one follow-up prompt, as stored. pk = the initiative's id, id = the prompt's id. */
export interface FollowUpRecord extends StoredDocument {
  type: 'follow-up';
  initiativeId: string;
  promptId: string;
  /** Which prompt it answers ("2026-Q4", "target:0:2027-06-30", "in-operation"). */
  period: string;
  answeredAt: string;
  answeredBy: { id: string; name: string };
  readings: BenefitReading[];
  usedAsIntended: Usage;
  obstacles: string;
  planChanges: string;
  phaseChange: Phase | null;
}

/** The card's fields; every submission is untrusted and checked here, with Swedish messages. */
export const followUpAnswerSchema = z.object({
  promptId: z.string().min(1).max(200),
  initiativeId: z.string().min(1).max(100),
  usedAsIntended: z.enum(USAGE, { errorMap: () => ({ message: 'Välj om den nya förmågan används som tänkt.' }) }),
  op: z.unknown(),
  verb: z.unknown(),
  obstacles: textField('Det som står i vägen', { max: 1000, required: false }),
  planChanges: textField('Ändringar i planen', { max: 1000, required: false }),
  newPhase: z
    .union([z.literal(''), z.enum(OPEN_PHASES as unknown as [Phase, ...Phase[]])], { errorMap: () => ({ message: 'Fas: välj ett av alternativen i listan.' }) })
    .optional()
    .transform((v) => (v ? v : null)),
  ...Object.fromEntries(Array.from({ length: MAX_BENEFITS }, (_, i) => [`value_${i}`, textField('Värdet', { max: 100, required: false })])),
});

export type { FieldErrors } from '../initiatives/cardFields.js';
import type { FieldErrors } from '../initiatives/cardFields.js';

/** The parsed answer, or the message for each field that is wrong. */
export function parseFollowUpAnswer(
  data: unknown,
  benefits: number,
): { ok: true; value: Omit<FollowUpRecord, 'id' | 'pk' | 'type' | 'period' | 'answeredAt' | 'answeredBy'> } | { ok: false; errors: FieldErrors } {
  const parsed = followUpAnswerSchema.safeParse(data);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '_form');
      errors[field] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const v = parsed.data as z.infer<typeof followUpAnswerSchema> & Record<string, string>;
  const readings: BenefitReading[] = [];
  for (let i = 0; i < Math.min(benefits, MAX_BENEFITS); i++) {
    const value = v[`value_${i}`] ?? '';
    if (value) readings.push({ benefitIndex: i, indicator: '', value });
  }
  return {
    ok: true,
    value: { initiativeId: v.initiativeId, promptId: v.promptId, readings, usedAsIntended: v.usedAsIntended, obstacles: v.obstacles, planChanges: v.planChanges, phaseChange: v.newPhase },
  };
}
