/** Days as YYYY-MM-DD (UTC): the only precision the desk keeps about reports (core/day.ts). */
import { dayOf } from '../../lib/report/core/day.ts';

export const today = (now = Date.now()) => dayOf(now);

export const addDays = (day: string, days: number) => dayOf(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000);
