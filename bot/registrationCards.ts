import type { PlanDefinition } from '../src/plan/planDefinition.js';
import { ACTION_DATASET, actionChoices, actionFullTitle } from '../src/plan/actionChoices.js';
import { findAction } from '../src/plan/planDefinition.js';
import { formatHours, formatKronor } from '../src/initiatives/amounts.js';
import { ASSESSMENTS, CATEGORIES, FIELD_LABELS, FOLLOW_UP_FREQUENCIES, OPEN_PHASES, PERSONAL_DATA, gaps, historyText, type Initiative } from '../src/initiatives/initiative.js';
import type { Draft, RegistrationView } from '../src/initiatives/registration.js';
import type { InitiativeView } from '../src/initiatives/myInitiatives.js';
import { STEPS } from '../src/initiatives/registration.js';
import { STEP_FIELDS, type InitiativeInput } from '../src/initiatives/validation.js';
import type { FollowUpStatus } from '../src/followUp/followUpStatus.js';
import { escapeMarkdown, expandCard, type CardJson } from './cards.js';

export const REGISTRATION_VERB = 'registration';
export const INITIATIVE_VERB = 'initiative';

const ALL_FIELDS = [...Object.values(STEP_FIELDS).flat(), '_form'];

/** A value as it stands on its own in a card, in a list or as a fact: "Genomförande", "Ja". */
function displayValue(value: string): string {
  return value.charAt(0).toLocaleUpperCase('sv-SE') + value.slice(1);
}

/** A field's name as a fact's title, from the one list of Swedish field names. */
const label = (field: keyof typeof FIELD_LABELS): string => displayValue(FIELD_LABELS[field]);

const options = (values: readonly string[], title: (v: string) => string = displayValue): { title: string; value: string }[] => values.map((v) => ({ title: title(v), value: v }));

/** How often follow-ups come, the same words in the list and on the receipt: "Varje kvartal". */
const followUpText = (frequency: string): string => `Varje ${frequency}`;

/**
 * Every input gets a React key of its own id and the draft's revision. Teams' renderer keys
 * an element by `key`, or else by its type and place ("Input.ChoiceSet-2"), and a choice
 * set keeps its list in component state: without a key of its own, the card of the next
 * step, updated in place, reused the previous step's list at the same place.
 */
function keyInputs(node: unknown, revision: string): void {
  if (Array.isArray(node)) {
    for (const n of node) keyInputs(n, revision);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const element = node as Record<string, unknown>;
  if (typeof element.type === 'string' && element.type.startsWith('Input.') && typeof element.id === 'string') element.key = `${element.id}@${revision}`;
  for (const value of Object.values(element)) keyInputs(value, revision);
}

/** Who owns it, by name, on the summary as on the receipt. */
function ownerName(input: InitiativeInput | Initiative, draft?: Draft): string {
  if (input.responsible) return input.responsible;
  if ('owner' in input) return input.owner.name;
  if (draft && (draft.values.ownerId || draft.pk) !== draft.pk) return 'Personen du valde i Teams';
  return draft?.ownerName ?? '';
}

function facts(input: InitiativeInput | Initiative, plan: PlanDefinition, draft?: Draft): { title: string; value: string }[] {
  const area = plan.goalAreas.find((a) => a.number === input.goalArea);
  const action = input.action ? findAction(plan, input.action) : undefined;
  const rows: [string, string][] = [
    [label('name'), input.name],
    [label('description'), input.description],
    [label('organisation'), input.organisation],
    [label('responsible'), ownerName(input, draft)],
    [label('contact'), input.contact || '–'],
    [label('goalArea'), area ? `${area.number} – ${area.title}` : String(input.goalArea)],
    [label('action'), action ? actionFullTitle(action.action) : (input.action ?? 'Ingen')],
    [label('category'), displayValue(input.category)],
    [label('efficiencyInnovation'), `${input.efficiencyInnovation} av 5`],
    [label('internalExternal'), `${input.internalExternal} av 5`],
    [label('phase'), displayValue(input.phase)],
    ['Tid', `${input.startDate} – ${input.plannedEndDate}`],
    ...input.benefits.map((b, i): [string, string] => [
      `Nytta ${i + 1}`,
      `${b.description}${b.indicator ? ` (${b.indicator}: ${b.baseline || '?'} → ${b.target || '?'})` : ''}, till ${b.targetDate}${b.hasBenefitCalculation ? ', nyttokalkyl finns' : ''}${b.lastValue ? `; senast rapporterat ${b.lastValue} (${b.lastReportedAt?.slice(0, 10) ?? ''})` : ''}`,
    ]),
    [label('externalCostSek'), formatKronor(input.externalCostSek)],
    [label('internalHours'), formatHours(input.internalHours)],
    [label('personalData'), displayValue(input.personalData)],
    [label('riskAssessment'), displayValue(input.riskAssessment)],
    [label('followUp'), followUpText(input.followUp)],
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
        { title: escapeMarkdown(`${view.draft.ownerName} (du)`), value: view.draft.pk },
        ...(values.ownerId !== view.draft.pk ? [{ title: escapeMarkdown(view.draft.values.responsible || 'Nuvarande ägare'), value: values.ownerId }] : []),
      ];
      const errors: Record<string, string> = Object.fromEntries(ALL_FIELDS.map((f) => [f, '']));
      for (const [k, v] of Object.entries(view.errors)) errors[k] = escapeMarkdown(v);
      const card = expandCard(`registration-${name}`, {
        draftId: view.draft.id,
        step: String(view.draft.step),
        values,
        errors,
        organisations: organisations.map((o) => ({ title: o, value: o })),
        ownerChoices,
        benefitOwnerChoices: [{ title: escapeMarkdown(`${view.draft.ownerName} (du)`), value: view.draft.pk }],
        goalAreas: plan.goalAreas.map((a) => ({ title: `${a.number} – ${a.title}`, value: String(a.number) })),
        // All of them: clients without Data.Query show this list, and the server checks the pair.
        actions: actionChoices(plan),
        actionDataset: ACTION_DATASET,
        categories: options(CATEGORIES),
        scale: ['1', '2', '3', '4', '5'].map((v) => ({ title: v, value: v })),
        phases: options(OPEN_PHASES),
        yesNo: [
          { title: 'Ja', value: 'true' },
          { title: 'Nej', value: 'false' },
        ],
        personalDataChoices: options(PERSONAL_DATA),
        assessments: options(ASSESSMENTS),
        followUps: options(FOLLOW_UP_FREQUENCIES, followUpText),
        benefits: view.draft.benefits,
        benefitSummary: escapeMarkdown(view.draft.benefits.map((b) => b.description).join('; ')),
      });
      keyInputs(card, view.draft.updatedAt);
      return card;
    }
    case 'summary':
      return expandCard('registration-summary', {
        draftId: view.draft.id,
        step: String(view.draft.step),
        errors: { _form: escapeMarkdown(view.errors._form ?? '') },
        facts: facts(view.input, plan, view.draft),
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
      phase: displayValue(i.phase),
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
        { title: 'Nåddes effektmålen', value: displayValue(i.finalReport.goalsReached) },
        { title: 'Verklig extern kostnad', value: formatKronor(i.finalReport.actualCostSek) },
        { title: 'Verklig egen arbetstid', value: formatHours(i.finalReport.actualHours) },
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
    history: i.history.slice(-5).map((h) => ({ at: h.at.slice(0, 10), by: escapeMarkdown(h.by), change: escapeMarkdown(historyText(h.change)) })),
    open: i.phase !== 'avslutad',
    phase: i.phase,
    phases: options(OPEN_PHASES),
    errors,
  });
}
