/** A plan's status as it is (issue 24): a proposal is never shown as a plan that applies. */
import { describe, expect, it } from 'vitest';
import { readContent } from '../../src/lib/content/read-content';
import { bestPlanState, planState, planStatusLabel, planStatusShort } from '../../src/lib/content/plan-status';

const { site } = readContent('content');
const plan = (id: string) => structuredClone(site.beleid.find((b) => b.id === id)!.data);
const in2026 = new Date('2026-06-01T00:00:00Z');

describe('planState', () => {
  it('keeps a proposal a proposal, however old', () => {
    expect(planState(plan('twente-2014'), in2026)).toBe('voorstel');
    expect(planStatusLabel(plan('twente-2014'), in2026)).toBe('voorstel van 16 oktober 2014; volgens onze bronnen (nog) niet vastgesteld');
  });

  it('calls a plan whose period has ended "verlopen", with the last year', () => {
    expect(planState(plan('groningen-2022-2024'), in2026)).toBe('verlopen');
    expect(planStatusLabel(plan('groningen-2022-2024'), in2026)).toBe('verlopen: gold tot en met 2024');
    expect(planState(plan('groningen-2022-2024'), new Date('2024-06-01T00:00:00Z'))).toBe('onbekend');
    expect(planStatusShort(plan('groningen-2022-2024'), in2026)).toBe('verlopen (tot en met 2024)');
  });

  it('shows an adopted plan with its period', () => {
    expect(planStatusLabel(plan('woerden-2023'), in2026)).toBe('vastgesteld, geldt 2023-2026');
    expect(planState(plan('woerden-2023'), new Date('2027-01-01T00:00:00Z'))).toBe('verlopen');
  });

  it('lets an adopted plan outweigh a proposal for the same municipality, and a proposal alone stay one', () => {
    const zaanstad = { ...plan('woerden-2023'), status: 'voorstel' as const, period: '2026-2029' };
    expect(bestPlanState([zaanstad], in2026)).toBe('voorstel');
    expect(bestPlanState([zaanstad, plan('woerden-2023')], in2026)).toBe('vastgesteld');
    expect(bestPlanState([], in2026)).toBeUndefined();
  });
});
