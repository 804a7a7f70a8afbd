/** Dutch labels and dates for what the desk shows. */
export const STATUS_LABELS: Record<string, string> = {
  nieuw: 'Nieuw',
  ontvangen: 'Ontvangen',
  'in-behandeling': 'In behandeling',
  'wacht-op-melder': 'Wacht op melder',
  doorgezet: 'Doorgezet',
  afgesloten: 'Afgesloten',
};

export const FORM_LABELS: Record<string, string> = {
  'seksuele-uitbuiting': 'Seksuele uitbuiting',
  arbeidsuitbuiting: 'Arbeidsuitbuiting',
  'criminele-uitbuiting': 'Criminele uitbuiting',
  'gedwongen-orgaanverwijdering': 'Gedwongen orgaanverwijdering',
  'weet-ik-niet': 'Vorm onbekend',
};

export const DANGER_LABELS: Record<string, string> = { ja: 'Ja, nu gevaar', nee: 'Nee', 'weet-niet': 'Weet de melder niet' };

export const LANGUAGE_LABELS: Record<string, string> = { nl: 'Nederlands', en: 'Engels', pl: 'Pools', ro: 'Roemeens', bg: 'Bulgaars', uk: 'Oekraïens' };

const dateFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
export const formatDay = (day: string) => dateFormat.format(new Date(`${day}T00:00:00Z`));

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

export interface Deadline {
  text: string;
  overdue: boolean;
  /** Share of the term used, for the 50/75/90 % warnings. */
  used: number;
}

/** The running term of a case: acknowledge first, then feedback; none once closed. */
export function deadline(
  c: { status: string; receivedDay: string; ackDue: string; feedbackDue: string; acknowledgedDay: string | null },
  today: string,
): Deadline | undefined {
  if (c.status === 'afgesloten') return undefined;
  const [label, due] = c.acknowledgedDay ? ['Terugkoppeling', c.feedbackDue] : ['Ontvangst bevestigen', c.ackDue];
  const left = dayNumber(due) - dayNumber(today);
  const used = (dayNumber(today) - dayNumber(c.receivedDay)) / Math.max(1, dayNumber(due) - dayNumber(c.receivedDay));
  if (left < 0) return { text: `Te laat: ${label.toLowerCase()} uiterlijk ${formatDay(due)}`, overdue: true, used };
  const warning =
    used >= 0.9 ? ' (90 % van de termijn voorbij)' : used >= 0.75 ? ' (75 % van de termijn voorbij)' : used >= 0.5 ? ' (helft van de termijn voorbij)' : '';
  return { text: `${label} vóór ${formatDay(due)}: nog ${left} ${left === 1 ? 'dag' : 'dagen'}${warning}`, overdue: false, used };
}
