import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_PLAN_FILE, loadPlan, type PlanDefinition } from '../../src/plan/planDefinition.js';
import { validateAbout, validateBenefit, validateCosts, validatePhase, validatePlanLink, type ValidationContext } from '../../src/initiatives/validation.js';

let plan: PlanDefinition;
let ctx: ValidationContext;
beforeAll(async () => {
  plan = await loadPlan(BUNDLED_PLAN_FILE);
  ctx = { plan, organisations: ['Stadsfastighetsförvaltningen', 'Utbildningsförvaltningen'] };
});

describe('the plan definition in the knowledge folder', () => {
  it('has the four målområden and the 17 insatser with codes 1A–4C', () => {
    expect(plan.goalAreas.map((a) => a.number)).toEqual([1, 2, 3, 4]);
    expect(plan.goalAreas.flatMap((a) => a.actions.map((x) => x.code))).toEqual(['1A', '1B', '1C', '1D', '2A', '2B', '2C', '2D', '2E', '3A', '3B', '3C', '3D', '3E', '4A', '4B', '4C']);
    expect(plan.goalAreas[0]?.title).toBe('Uppnå balans mellan effektivitet och innovation');
  });
});

describe('server-side validation of card submissions, in Swedish', () => {
  it('accepts a well-formed first step and trims it', () => {
    const r = validateAbout({ name: '  Läkemedelsautomater ', description: 'Automater för läkemedel i hemtjänsten', organisation: 'Stadsfastighetsförvaltningen', contact: 'exempel@goteborg.se', verb: 'registration', draftId: 'x' }, ctx);
    expect(r).toEqual({ ok: true, value: { name: 'Läkemedelsautomater', description: 'Automater för läkemedel i hemtjänsten', organisation: 'Stadsfastighetsförvaltningen', responsible: '', contact: 'exempel@goteborg.se' } });
  });

  it('names what is wrong per field: missing, too long, unknown organisation, wrong types, unknown fields', () => {
    const r = validateAbout({ name: 'x'.repeat(10_000), description: 42, organisation: 'Hittepåförvaltningen', extra: 'hack' }, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.name).toMatch(/^Namn får vara högst 120 tecken \(nu 10\s000\)\.$/);
    expect(r.errors.description).toBe('Beskrivning måste vara text.');
    expect(r.errors.organisation).toBe('Förvaltning eller bolag: välj ett av alternativen i listan.');
    // The card's own name for the field ("extra") is not a word a person knows.
    expect(r.errors._form).toBe('Kortet skickade ett fält som inte hör till det här steget. Inget sparades från det.');
    expect(validateAbout(null, ctx).ok).toBe(false);
    expect(validateAbout([1, 2], ctx).ok).toBe(false);
  });

  it('links to the plan only with a real målområde and an insats of that målområde', () => {
    const good = validatePlanLink({ goalArea: '1', action: '1 c', category: 'effektiviserande', efficiencyInnovation: '2', internalExternal: 4 }, ctx);
    expect(good).toMatchObject({ ok: true, value: { goalArea: 1, action: '1C' } });
    const wrongArea = validatePlanLink({ goalArea: '2', action: '1C', category: 'övrigt', efficiencyInnovation: '3', internalExternal: '3' }, ctx);
    expect(!wrongArea.ok && wrongArea.errors.action).toBe('Insats 1C hör till målområde 1, inte 2.');
    const unknown = validatePlanLink({ goalArea: '9', action: '9Z', category: 'okänd', efficiencyInnovation: '7', internalExternal: '0' }, ctx);
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(Object.keys(unknown.errors).sort()).toEqual(['action', 'category', 'efficiencyInnovation', 'goalArea', 'internalExternal']);
  });

  it('refuses an end before the start and impossible dates', () => {
    const r = validatePhase({ phase: 'förstudie', startDate: '2026-05-01', plannedEndDate: '2026-04-30' });
    expect(!r.ok && r.errors.plannedEndDate).toBe('Planerat slutdatum kan inte ligga före startdatum.');
    const bad = validatePhase({ phase: 'förstudie', startDate: '2026-02-30', plannedEndDate: 'imorgon' });
    expect(!bad.ok && bad.errors.startDate).toContain('ÅÅÅÅ-MM-DD');
    expect(!bad.ok && bad.errors.plannedEndDate).toContain('ÅÅÅÅ-MM-DD');
  });

  it('refuses negative costs and counts external money and internal hours apart', () => {
    const r = validateCosts({ externalCostSek: '-5', internalHours: 'många', personalData: 'ja', riskAssessment: 'planerad', followUp: 'kvartal' });
    expect(!r.ok && r.errors.externalCostSek).toBe('Extern kostnad kan inte vara negativ.');
    expect(!r.ok && r.errors.internalHours).toBe('Egen arbetstid: skriv ett antal timmar, till exempel 800 eller 320,5.');
    const ok = validateCosts({ externalCostSek: '1 250 000', internalHours: '320,5', personalData: 'nej', riskAssessment: 'ej aktuell', followUp: 'halvår' });
    expect(ok).toMatchObject({ ok: true, value: { externalCostSek: 1_250_000, internalHours: 320.5 } });
  });

  it('a benefit needs what changes, and a real target date', () => {
    const r = validateBenefit({ benefitDescription: 'Färre', benefitTargetDate: '2027-13-01', benefitCalculation: 'kanske' });
    expect(!r.ok && r.errors.benefitTargetDate).toContain('ÅÅÅÅ-MM-DD');
    expect(!r.ok && r.errors.benefitCalculation).toBe('Nyttokalkyl: svara ja eller nej.');
  });
});

describe('optional fields stay optional', () => {
  it('a benefit needs only what changes and a target date; the contact may be left empty', () => {
    expect(validateBenefit({ benefitDescription: 'Ingen nyckelhantering', benefitTargetDate: '2028-01-01', benefitCalculation: 'false' }).ok).toBe(true);
    expect(validateAbout({ name: 'Digitala lås', description: 'Lås som öppnas med mobilen', organisation: 'Utbildningsförvaltningen', contact: '' }, ctx).ok).toBe(true);
  });
});
