/**
 * A plan's status as it is, for readers: a proposal is never announced as a plan that applies,
 * and a plan whose period has ended says so. `status` in the plan file is what the document
 * says (vastgesteld, voorstel, onbekend); "verlopen" follows from the last year of `period`.
 */
import type { Beleid } from './schemas.ts';
import { formatDate } from '../format.ts';

export type PlanState = 'vastgesteld' | 'voorstel' | 'verlopen' | 'onbekend';

/** The last year a plan covers: "2023-2026" → 2026; undefined when the period names none. */
function lastYear(plan: Beleid): number | undefined {
  const year = /(\d{4})\D*$/.exec(plan.period ?? '')?.[1];
  return year ? Number(year) : undefined;
}

export function planState(plan: Beleid, today = new Date()): PlanState {
  if (plan.status === 'voorstel') return 'voorstel';
  const end = lastYear(plan);
  if (end !== undefined && end < today.getUTCFullYear()) return 'verlopen';
  return plan.status;
}

/** "vastgesteld, geldt 2023-2026", "voorstel van 16 oktober 2014, niet vastgesteld volgens onze bronnen" … */
export function planStatusLabel(plan: Beleid, today = new Date()): string {
  const when = plan.dateIsExact ? formatDate(plan.date) : (plan.period ?? plan.date.slice(0, 4));
  switch (planState(plan, today)) {
    case 'voorstel':
      return `voorstel van ${when}; volgens onze bronnen (nog) niet vastgesteld`;
    case 'verlopen':
      return `verlopen: gold tot en met ${lastYear(plan)}`;
    case 'vastgesteld':
      return plan.period ? `vastgesteld, geldt ${plan.period}` : `vastgesteld (document van ${when})`;
    case 'onbekend':
      return `status niet bekend: het document zegt niet of het is vastgesteld (${when})`;
  }
}

/** The status alone, for a link that already shows the date: "voorstel, (nog) niet vastgesteld", "verlopen (tot en met 2024)" … */
export function planStatusShort(plan: Beleid, today = new Date()): string {
  const state = planState(plan, today);
  if (state === 'voorstel') return 'voorstel, (nog) niet vastgesteld';
  if (state === 'verlopen') return `verlopen (tot en met ${lastYear(plan)})`;
  return state === 'vastgesteld' ? 'vastgesteld' : 'status onbekend';
}

/** The most current state among the plans that apply: an adopted plan outweighs an old one or a proposal. */
export function bestPlanState(plans: Beleid[], today = new Date()): PlanState | undefined {
  const order: PlanState[] = ['vastgesteld', 'onbekend', 'verlopen', 'voorstel'];
  const states = plans.map((plan) => planState(plan, today));
  return order.find((state) => states.includes(state));
}
