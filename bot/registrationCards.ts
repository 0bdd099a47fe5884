import type { PlanDefinition } from '../src/plan/planDefinition.js';
import { ASSESSMENTS, CATEGORIES, FOLLOW_UP_FREQUENCIES, OPEN_PHASES, PERSONAL_DATA, gaps, type Initiative } from '../src/initiatives/initiative.js';
import type { RegistrationView } from '../src/initiatives/registration.js';
import type { InitiativeView } from '../src/initiatives/myInitiatives.js';
import { STEPS } from '../src/initiatives/registration.js';
import { STEP_FIELDS, type InitiativeInput } from '../src/initiatives/validation.js';
import type { FollowUpStatus } from '../src/followUp/followUpStatus.js';
import { escapeMarkdown, expandCard, type CardJson } from './cards.js';

export const REGISTRATION_VERB = 'registration';
export const INITIATIVE_VERB = 'initiative';

const ALL_FIELDS = [...Object.values(STEP_FIELDS).flat(), '_form'];

const options = (values: readonly string[]): { title: string; value: string }[] => values.map((v) => ({ title: v.charAt(0).toUpperCase() + v.slice(1), value: v }));

function facts(input: InitiativeInput | Initiative, plan: PlanDefinition): { title: string; value: string }[] {
  const area = plan.goalAreas.find((a) => a.number === input.goalArea);
  const kr = new Intl.NumberFormat('sv-SE').format(input.externalCostSek);
  const rows: [string, string][] = [
    ['Namn', input.name],
    ['Beskrivning', input.description],
    ['Förvaltning/bolag', input.organisation],
    ['Ägare', input.responsible || ('owner' in input ? input.owner.name : 'du')],
    ['Kontakt', input.contact || '–'],
    ['Målområde', area ? `${area.number} – ${area.title}` : String(input.goalArea)],
    ['Insats', input.action ?? '–'],
    ['Kategori', input.category],
    ['Effektivitet–innovation', `${input.efficiencyInnovation} av 5`],
    ['Intern–extern nytta', `${input.internalExternal} av 5`],
    ['Fas', input.phase],
    ['Tid', `${input.startDate} – ${input.plannedEndDate}`],
    ...input.benefits.map((b, i): [string, string] => [
      `Nytta ${i + 1}`,
      `${b.description}${b.indicator ? ` (${b.indicator}: ${b.baseline || '?'} → ${b.target || '?'})` : ''}, till ${b.targetDate}${b.hasBenefitCalculation ? ', nyttokalkyl finns' : ''}${b.lastValue ? `; senast rapporterat ${b.lastValue} (${b.lastReportedAt?.slice(0, 10) ?? ''})` : ''}`,
    ]),
    ['Extern kostnad', `${kr} kr`],
    ['Egen arbetstid', `${new Intl.NumberFormat('sv-SE').format(input.internalHours)} timmar`],
    ['Personuppgifter', input.personalData],
    ['Risk/konsekvens', input.riskAssessment],
    ['Uppföljning', `varje ${input.followUp}`],
  ];
  return rows.map(([title, value]) => ({ title, value: escapeMarkdown(value) }));
}

/** The card for where a registration stands. */
export function registrationCard(view: RegistrationView, plan: PlanDefinition, organisations: readonly string[]): CardJson {
  switch (view.kind) {
    case 'step': {
      const name = STEPS[view.draft.step - 1] ?? 'about';
      const values: Record<string, string> = Object.fromEntries(ALL_FIELDS.map((f) => [f, '']));
      Object.assign(values, view.draft.values);
      values.ownerId ||= view.draft.pk;
      // Teams shows a people picker (choices.data); other clients show these choices.
      const ownerChoices = [
        { title: 'Jag själv', value: view.draft.pk },
        ...(values.ownerId !== view.draft.pk ? [{ title: escapeMarkdown(view.draft.values.responsible || 'Nuvarande ägare'), value: values.ownerId }] : []),
      ];
      const errors: Record<string, string> = Object.fromEntries(ALL_FIELDS.map((f) => [f, '']));
      for (const [k, v] of Object.entries(view.errors)) errors[k] = escapeMarkdown(v);
      return expandCard(`registration-${name}`, {
        draftId: view.draft.id,
        step: String(view.draft.step),
        values,
        errors,
        organisations: organisations.map((o) => ({ title: o, value: o })),
        ownerChoices,
        benefitOwnerChoices: [{ title: 'Jag själv', value: view.draft.pk }],
        goalAreas: plan.goalAreas.map((a) => ({ title: `${a.number} – ${a.title}`, value: String(a.number) })),
        actions: plan.goalAreas.flatMap((a) => a.actions.map((x) => ({ title: `${x.code} – ${x.text}`.slice(0, 120), value: x.code }))),
        categories: options(CATEGORIES),
        scale: ['1', '2', '3', '4', '5'].map((v) => ({ title: v, value: v })),
        phases: options(OPEN_PHASES),
        yesNo: [
          { title: 'Ja', value: 'true' },
          { title: 'Nej', value: 'false' },
        ],
        personalDataChoices: options(PERSONAL_DATA),
        assessments: options(ASSESSMENTS),
        followUps: options(FOLLOW_UP_FREQUENCIES),
        benefits: view.draft.benefits,
        benefitSummary: escapeMarkdown(view.draft.benefits.map((b) => b.description).join('; ')),
      });
    }
    case 'summary':
      return expandCard('registration-summary', {
        draftId: view.draft.id,
        step: String(view.draft.step),
        errors: { _form: escapeMarkdown(view.errors._form ?? '') },
        facts: facts(view.input, plan),
        similar: view.similar.map((s) => ({ name: escapeMarkdown(s.name), organisation: escapeMarkdown(s.organisation), phase: s.phase, contact: escapeMarkdown(s.contact || 'ingen kontaktuppgift angiven') })),
      });
    case 'receipt':
      return expandCard('registration-receipt', {
        message: view.edited
          ? 'Ändringarna är sparade.'
          : view.created
            ? 'Tack! Den finns nu i kommunens gemensamma portfölj.'
            : 'Den här insatsen var redan registrerad; inget registrerades två gånger.',
        facts: facts(view.initiative, plan),
      });
    case 'none':
      return expandCard('noAnswer', { message: escapeMarkdown(view.message), hint: '' });
  }
}

const STANDING_COLOR: Record<FollowUpStatus['standing'], string> = { 'ingen uppföljning': 'Default', 'i tid': 'Good', 'väntar på svar': 'Warning', försenad: 'Attention' };

function followUpFields(status: FollowUpStatus | undefined): { followUp: string; followUpColor: string; unreachable: string } {
  if (!status) return { followUp: '', followUpColor: 'Default', unreachable: '' };
  const next = status.next ? `, nästa ${status.next}` : '';
  return { followUp: `Uppföljning: ${status.standing}${next}`, followUpColor: STANDING_COLOR[status.standing], unreachable: escapeMarkdown(status.unreachable ?? '') };
}

/** What is missing, with a follow-up that is overdue counted in. */
function missingOf(i: Initiative, today: string, status: FollowUpStatus | undefined): string {
  return [...gaps(i, today), ...(status?.standing === 'försenad' ? ['uppföljning försenad'] : [])].join(', ');
}

/** "mina insatser": each initiative with its phase, follow-up and what is missing. */
export function myInitiativesCard(items: readonly { initiative: Initiative; status?: FollowUpStatus }[], today: string): CardJson {
  return expandCard('my-initiatives', {
    items: items.map(({ initiative: i, status }) => ({
      id: i.id,
      organisation: i.organisation,
      name: escapeMarkdown(i.name),
      phase: i.phase,
      missing: missingOf(i, today, status),
      ...followUpFields(status),
    })),
  });
}

/** One initiative with its history, and what its owner can do with it. */
export function initiativeCard(view: InitiativeView, plan: PlanDefinition, today: string, status?: FollowUpStatus): CardJson {
  if (view.kind !== 'detail') return expandCard('noAnswer', { message: escapeMarkdown(view.kind === 'none' ? view.message : ''), hint: '' });
  const i = view.initiative.value;
  const errors: Record<string, string> = Object.fromEntries(['newPhase', 'goalsReached', 'actualCostSek', 'actualHours', 'comment'].map((f) => [f, '']));
  for (const [k, v] of Object.entries(view.errors)) errors[k] = escapeMarkdown(v);
  const report = i.finalReport
    ? [
        { title: 'Mål nådda', value: i.finalReport.goalsReached },
        { title: 'Verklig kostnad', value: `${new Intl.NumberFormat('sv-SE').format(i.finalReport.actualCostSek)} kr` },
        { title: 'Verklig arbetstid', value: `${new Intl.NumberFormat('sv-SE').format(i.finalReport.actualHours)} timmar` },
        { title: 'Kommentar', value: escapeMarkdown(i.finalReport.comment || '–') },
      ]
    : [];
  return expandCard('initiative-detail', {
    id: i.id,
    organisation: i.organisation,
    etag: view.initiative.etag,
    name: escapeMarkdown(i.name),
    message: escapeMarkdown(view.message),
    facts: [...facts(i, plan), ...report],
    missing: i.phase === 'avslutad' ? '' : missingOf(i, today, status),
    ...followUpFields(status),
    history: i.history.slice(-5).map((h) => ({ at: h.at.slice(0, 10), by: escapeMarkdown(h.by), change: escapeMarkdown(h.change) })),
    open: i.phase !== 'avslutad',
    phase: i.phase,
    phases: options(OPEN_PHASES),
    errors,
  });
}
