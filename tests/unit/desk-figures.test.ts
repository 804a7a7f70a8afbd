import { describe, expect, it } from 'vitest';
import { caseHistories } from '../../src/desk/server/history.ts';
import type { AuditRow } from '../../src/desk/server/store.ts';
import { computeFigures, figuresCsv, monthRange, termOutcome, type FigureCase } from '../../src/desk/scripts/figures.ts';

const base: FigureCase = {
  receivedDay: '2026-03-10',
  status: 'ontvangen',
  closingReason: null,
  ackDue: '2026-03-17',
  feedbackDue: '2026-06-08',
  acknowledgedDay: '2026-03-12',
  firstFeedbackDay: null,
  form: 'arbeidsuitbuiting',
  municipality: 'Utrecht',
};
const many = (n: number, change: Partial<FigureCase> = {}) => Array.from({ length: n }, () => ({ ...base, ...change }));
const value = (rows: ReturnType<typeof computeFigures>, part: string, cell: { month?: string; form?: string; municipality?: string } = {}) =>
  rows.find((r) => r.part === part && (cell.month ?? '') === r.month && (cell.form ?? '') === r.form && (cell.municipality ?? '') === r.municipality)?.value;

describe('desk figures', () => {
  it('suppresses every cell below 5, zero included, and shows 5 and up', () => {
    const rows = computeFigures([...many(5), ...many(4, { municipality: 'Zeist' })], '2026-03-20');
    expect(value(rows, 'meldingen', { month: '2026-03', form: 'Arbeidsuitbuiting', municipality: 'Utrecht' })).toBe('5');
    expect(value(rows, 'meldingen', { month: '2026-03', form: 'Arbeidsuitbuiting', municipality: 'Zeist' })).toBe('<5');
    expect(value(rows, 'meldingen', { month: '2026-03', form: 'Seksuele uitbuiting', municipality: 'Utrecht' })).toBe('<5');
    expect(value(rows, 'meldingen totaal')).toBe('9');
    expect(rows.filter((r) => r.part === 'meldingen' && !['<5', '5'].includes(r.value))).toEqual([]);
  });

  it('buckets by month of receipt and fills months without reports', () => {
    expect(monthRange(['2026-12-31', '2026-11-01', '2027-02-01'])).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    const rows = computeFigures([...many(5, { receivedDay: '2026-01-31' }), ...many(5, { receivedDay: '2026-03-01' })], '2026-04-01');
    expect(value(rows, 'meldingen', { month: '2026-01', form: 'Arbeidsuitbuiting', municipality: 'Utrecht' })).toBe('5');
    expect(value(rows, 'meldingen', { month: '2026-02', form: 'Arbeidsuitbuiting', municipality: 'Utrecht' })).toBe('<5');
    expect(value(rows, 'meldingen', { month: '2026-03', form: 'Arbeidsuitbuiting', municipality: 'Utrecht' })).toBe('5');
  });

  it('counts a term as met, missed, or (while running) not at all', () => {
    expect(termOutcome('2026-03-17', '2026-03-17', '2026-04-01')).toBe('op-tijd');
    expect(termOutcome('2026-03-18', '2026-03-17', '2026-04-01')).toBe('te-laat');
    expect(termOutcome(null, '2026-03-17', '2026-03-18')).toBe('te-laat');
    expect(termOutcome(null, '2026-03-17', '2026-03-17')).toBeUndefined();
  });

  it('gives the shares within term only over at least 5 judged cases', () => {
    const cases = [
      ...many(3),
      { ...base, acknowledgedDay: '2026-03-20' },
      { ...base, acknowledgedDay: null, firstFeedbackDay: '2026-04-01' },
      { ...base, acknowledgedDay: null, ackDue: '2026-04-30' },
    ];
    const rows = computeFigures(cases, '2026-04-02');
    expect(value(rows, 'ontvangst: beoordeelde meldingen')).toBe('5');
    expect(value(rows, 'ontvangst binnen termijn bevestigd')).toBe('60 %');
    // Feedback: one given in term, the other five still within their term.
    expect(value(rows, 'terugkoppeling: beoordeelde meldingen')).toBe('<5');
    expect(value(rows, 'terugkoppeling binnen termijn')).toBe('<5 meldingen');
    const later = computeFigures(cases, '2026-06-09');
    expect(value(later, 'terugkoppeling binnen termijn')).toBe('17 %');
  });

  it('counts closed apart from the reasons, and open cases too', () => {
    const rows = computeFigures([...many(6, { status: 'afgesloten', closingReason: 'geen-aanknopingspunten' }), ...many(5)], '2026-03-20');
    expect(value(rows, 'afgesloten')).toBe('6');
    expect(value(rows, 'open')).toBe('5');
    expect(value(rows, 'reden van afsluiten: Geen aanknopingspunten')).toBe('6');
    expect(value(rows, 'reden van afsluiten: Doorgezet naar de politie')).toBe('<5');
  });

  it('writes CSV with every field quoted and spreadsheet formulas defused', () => {
    const csv = figuresCsv([{ part: 'meldingen', month: '2026-03', form: 'Arbeidsuitbuiting', municipality: '=HYPERLINK("x")', value: '<5' }]);
    expect(csv).toBe('"onderdeel","maand","vorm","gemeente","waarde"\r\n"meldingen","2026-03","Arbeidsuitbuiting","\'=HYPERLINK(""x"")","<5"\r\n');
  });

  it('reads status history and the first feedback day from the audit log', () => {
    const id = `msg_${'a'.repeat(32)}`;
    const audit = (at: string, action: string, subject: string) => ({ seq: 0, at, actor: 'm', action, subject, prevHash: '', hash: '' }) as AuditRow;
    const histories = caseHistories([
      audit('2026-03-12T09:00:00Z', 'zaak.status', `${id} ontvangen`),
      audit('2026-03-14T09:00:00Z', 'zaak.geopend', id),
      audit('2026-03-15T09:00:00Z', 'zaak.vraag', id),
      audit('2026-04-01T09:00:00Z', 'zaak.status', `${id} afgesloten (politie)`),
    ]);
    expect(histories.get(id)).toEqual({
      statuses: [
        { day: '2026-03-12', status: 'ontvangen', reason: null },
        { day: '2026-04-01', status: 'afgesloten', reason: 'politie' },
      ],
      firstFeedbackDay: '2026-03-15',
    });
  });
});
