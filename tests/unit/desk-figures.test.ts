import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseHistories } from '../../src/desk/server/history.ts';
import type { AuditRow } from '../../src/desk/server/store.ts';
import { FORM_LABELS } from '../../src/desk/scripts/labels.ts';
import { CLOSING_REASONS } from '../../src/desk/server/closing-reasons.ts';
import {
  computeFigures,
  figuresCsv,
  HIDDEN,
  hideSmallCounts,
  monthRange,
  termOutcome,
  type FigureCase,
  type SumGroup,
} from '../../src/desk/scripts/figures.ts';

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
  it('hides every cell below 5, zero included, and shows 5 and up', () => {
    const rows = computeFigures([...many(5), ...many(4, { municipality: 'Zeist' })], '2026-03-20');
    expect(value(rows, 'meldingen', { month: '2026-03', form: 'Arbeidsuitbuiting', municipality: 'Utrecht' })).toBe('5');
    expect(value(rows, 'meldingen', { month: '2026-03', form: 'Arbeidsuitbuiting', municipality: 'Zeist' })).toBe(HIDDEN);
    expect(value(rows, 'meldingen', { month: '2026-03', form: 'Seksuele uitbuiting', municipality: 'Utrecht' })).toBe(HIDDEN);
    expect(value(rows, 'meldingen totaal')).toBe('9');
    expect(rows.filter((r) => r.part === 'meldingen' && ![HIDDEN, '5'].includes(r.value))).toEqual([]);
  });

  it('buckets by month of receipt and fills months without reports', () => {
    expect(monthRange(['2026-12-31', '2026-11-01', '2027-02-01'])).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    const rows = computeFigures(
      [
        ...many(5, { receivedDay: '2026-01-31' }),
        ...many(2, { receivedDay: '2026-02-10', form: 'seksuele-uitbuiting' }),
        ...many(6, { receivedDay: '2026-03-01' }),
      ],
      '2026-04-01',
    );
    expect(value(rows, 'meldingen', { month: '2026-01', form: 'Arbeidsuitbuiting', municipality: 'Utrecht' })).toBe('5');
    expect(value(rows, 'meldingen', { month: '2026-02', form: 'Arbeidsuitbuiting', municipality: 'Utrecht' })).toBe(HIDDEN);
    expect(value(rows, 'meldingen', { month: '2026-03', form: 'Arbeidsuitbuiting', municipality: 'Utrecht' })).toBe('6');
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
    expect(value(rows, 'terugkoppeling: beoordeelde meldingen')).toBe(HIDDEN);
    expect(value(rows, 'terugkoppeling binnen termijn')).toBe(HIDDEN);
    const later = computeFigures(cases, '2026-06-09');
    expect(value(later, 'terugkoppeling binnen termijn')).toBe('17 %');
  });

  it('counts closed apart from the reasons, and open cases too', () => {
    const rows = computeFigures(
      [
        ...many(6, { status: 'afgesloten', closingReason: 'geen-aanknopingspunten' }),
        ...many(5, { status: 'afgesloten', closingReason: 'politie' }),
        ...many(5),
      ],
      '2026-03-20',
    );
    expect(value(rows, 'afgesloten')).toBe('11');
    expect(value(rows, 'open')).toBe('5');
    expect(value(rows, 'reden van afsluiten: Geen aanknopingspunten')).toBe('6');
    // The other three reasons are 0: shown with "politie", afgesloten would say so. So politie (the smaller) is hidden too.
    expect(value(rows, 'reden van afsluiten: Doorgezet naar de politie')).toBe(HIDDEN);
    expect(value(rows, 'reden van afsluiten: Doorgezet naar Veilig Thuis')).toBe(HIDDEN);
  });

  it('hides a second part where one hidden part could be worked out, down the chain total → open/afgesloten → reasons', () => {
    // 3 open: hidden; meldingen totaal − afgesloten would give it, so afgesloten goes too; then
    // afgesloten is the one hidden figure of its reasons, which would add up to it: the smallest reason goes.
    const reasons = Object.keys(CLOSING_REASONS);
    const cases = [...many(3), ...reasons.flatMap((reason, i) => many(5 + i, { status: 'afgesloten', closingReason: reason, municipality: 'Zeist' }))];
    const rows = computeFigures(cases, '2026-03-20');
    expect(value(rows, 'meldingen totaal')).toBe('38');
    expect(value(rows, 'open')).toBe(HIDDEN);
    expect(value(rows, 'afgesloten')).toBe(HIDDEN);
    expect(rows.filter((r) => r.part.startsWith('reden van afsluiten')).map((r) => r.value)).toEqual([HIDDEN, '6', '7', '8', '9']);
    // The cells: 35 in Zeist (shown), 3 in Utrecht (hidden, with the zeros around it).
    expect(value(rows, 'meldingen', { month: '2026-03', form: 'Arbeidsuitbuiting', municipality: 'Zeist' })).toBe('35');
    expect(value(rows, 'meldingen', { month: '2026-03', form: 'Arbeidsuitbuiting', municipality: 'Utrecht' })).toBe(HIDDEN);
  });

  it('hides the smallest other part and keeps going until every group is settled', () => {
    const counts = (entries: Record<string, number>) => new Map(Object.entries(entries));
    // One small part: the smallest shown part joins it.
    expect(hideSmallCounts(counts({ t: 20, a: 3, b: 7, c: 10 }), [{ total: 't', parts: ['a', 'b', 'c'] }])).toEqual(new Set(['a', 'b']));
    // Hidden parts that add up to 0 would be known as 0: the smallest shown part joins them.
    expect(hideSmallCounts(counts({ t: 12, a: 12, b: 0, c: 0 }), [{ total: 't', parts: ['a', 'b', 'c'] }])).toEqual(new Set(['a', 'b', 'c']));
    // Down a chain: a small p makes q hidden, and q is the total of r and s, so r (the smaller) goes too.
    const groups: SumGroup[] = [
      { total: 'n', parts: ['p', 'q'] },
      { total: 'q', parts: ['r', 's'] },
    ];
    expect(hideSmallCounts(counts({ n: 30, p: 3, q: 27, r: 12, s: 15 }), groups)).toEqual(new Set(['p', 'q', 'r']));
    expect(hideSmallCounts(counts({ n: 30, p: 10, q: 20, r: 5, s: 15 }), groups)).toEqual(new Set());
    // Nothing below the threshold: nothing hidden.
    expect(hideSmallCounts(counts({ t: 10, a: 5, b: 5 }), [{ total: 't', parts: ['a', 'b'] }])).toEqual(new Set());
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

/**
 * Whether a reader can pin a hidden count to one value: from every shown count, the sums the
 * groups state, and that counts are whole and never negative. Groups that form a tree, each count
 * in at most two, are a flow network: a group is a node, a count an edge between the two groups it
 * is in (or between its group and the outside), and a change that keeps every sum is a cycle of +1
 * and −1 along hidden edges. A count can move iff such a cycle passes it without lowering a 0 (for
 * a network the difference of two solutions splits into such cycles), so this is exact.
 */
function pinnedCounts(counts: Map<string, number>, groups: SumGroup[], hidden: Set<string>): string[] {
  const OUTSIDE = -1;
  const coefficient = (g: number, key: string) => (groups[g].total === key ? 1 : groups[g].parts.includes(key) ? -1 : 0);
  const groupsOf = (key: string) => groups.map((_, g) => g).filter((g) => coefficient(g, key) !== 0);
  // Orient the groups (multiply some by −1) so that every shared count is +1 in one and −1 in the other.
  const sign = groups.map(() => 0);
  sign[0] = 1;
  for (let changed = true; changed; ) {
    changed = false;
    for (const key of counts.keys()) {
      const [g, h, more] = groupsOf(key);
      expect(more, `${key} is in more than two groups`).toBeUndefined();
      if (h === undefined) continue;
      if (sign[g] && !sign[h]) [sign[h], changed] = [-sign[g] * coefficient(g, key) * coefficient(h, key), true];
      else if (sign[h] && !sign[g]) [sign[g], changed] = [-sign[h] * coefficient(h, key) * coefficient(g, key), true];
      else if (sign[g] && sign[h]) expect(sign[g] * coefficient(g, key) + sign[h] * coefficient(h, key), 'the groups form no tree').toBe(0);
    }
  }
  const endsOf = new Map(
    [...counts.keys()].map((key) => {
      const signed = groupsOf(key).map((g) => ({ g, c: sign[g] * coefficient(g, key) }));
      return [key, { head: signed.find((s) => s.c === 1)?.g ?? OUTSIDE, tail: signed.find((s) => s.c === -1)?.g ?? OUTSIDE }];
    }),
  );
  const ends = (key: string) => endsOf.get(key)!;
  const reaches = (from: number, to: number, without: string) => {
    const seen = new Set([from]);
    const queue = [from];
    while (queue.length > 0) {
      const node = queue.shift()!;
      if (node === to) return true;
      for (const key of hidden) {
        if (key === without) continue;
        const { head, tail } = ends(key);
        // Raise a count leaving this node, or lower (only when above 0) one entering it.
        const next = tail === node ? head : head === node && counts.get(key)! >= 1 ? tail : undefined;
        if (next === undefined || seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
    return false;
  };
  return [...hidden].filter((key) => {
    const { head, tail } = ends(key);
    const canRise = reaches(head, tail, key);
    const canFall = counts.get(key)! >= 1 && reaches(tail, head, key);
    return !canRise && !canFall;
  });
}

/** The sums the published rows state, read from their names alone: the structure a reader sees. */
function publishedGroups(rows: ReturnType<typeof computeFigures>): { groups: SumGroup[]; keyOf: (r: (typeof rows)[number]) => string } {
  const keyOf = (r: (typeof rows)[number]) => [r.part, r.month, r.form, r.municipality].join('|');
  const named = (part: string) => keyOf(rows.find((r) => r.part === part)!);
  return {
    keyOf,
    groups: [
      { total: named('meldingen totaal'), parts: rows.filter((r) => r.part === 'meldingen').map(keyOf) },
      { total: named('meldingen totaal'), parts: [named('open'), named('afgesloten')] },
      { total: named('afgesloten'), parts: rows.filter((r) => r.part.startsWith('reden van afsluiten: ')).map(keyOf) },
    ],
  };
}

/** The true count of every row that is part of a sum, worked out from the cases (not by computeFigures). */
function trueCounts(rows: ReturnType<typeof computeFigures>, cases: FigureCase[], keyOf: (r: (typeof rows)[number]) => string): Map<string, number> {
  const closed = cases.filter((c) => c.status === 'afgesloten');
  const formLabel = (form: string | undefined) => FORM_LABELS[form ?? ''] ?? FORM_LABELS['weet-ik-niet'];
  const countOf = (r: (typeof rows)[number]) => {
    if (r.part === 'meldingen')
      return cases.filter((c) => c.receivedDay.startsWith(r.month) && formLabel(c.form) === r.form && (c.municipality ?? 'onbekend') === r.municipality).length;
    if (r.part === 'meldingen totaal') return cases.length;
    if (r.part === 'open') return cases.length - closed.length;
    if (r.part === 'afgesloten') return closed.length;
    if (r.part.startsWith('reden van afsluiten: '))
      return closed.filter((c) => `reden van afsluiten: ${CLOSING_REASONS[c.closingReason as keyof typeof CLOSING_REASONS]}` === r.part).length;
    return undefined;
  };
  return new Map(rows.flatMap((r) => (countOf(r) === undefined ? [] : [[keyOf(r), countOf(r)!] as const])));
}

describe('complementary suppression', () => {
  const forms = ['seksuele-uitbuiting', 'arbeidsuitbuiting', 'criminele-uitbuiting', 'gedwongen-orgaanverwijdering', 'weet-ik-niet', undefined];
  const reasons = Object.keys(CLOSING_REASONS);
  // Few months, forms and places, some more likely than others, so cells of 5 and more occur as often as small ones.
  const oneCase = fc
    .record({
      month: fc.constantFrom('2026-01', '2026-01', '2026-02', '2026-04'),
      form: fc.constantFrom(...forms, 'arbeidsuitbuiting', 'arbeidsuitbuiting'),
      municipality: fc.constantFrom('Utrecht', 'Utrecht', 'Zeist', undefined),
      closed: fc.boolean(),
      reason: fc.constantFrom(...reasons, 'politie', 'politie'),
    })
    .map(
      (c): FigureCase => ({
        ...base,
        receivedDay: `${c.month}-15`,
        form: c.form,
        municipality: c.municipality,
        status: c.closed ? 'afgesloten' : 'in-behandeling',
        closingReason: c.closed ? c.reason : null,
      }),
    );

  it('leaves no hidden count that the published figures pin to one value, for any set of cases', () => {
    fc.assert(
      // Cases come in clusters of equal ones, so a cell or reason often holds all of its group, or all but a few.
      fc.property(fc.array(fc.tuple(oneCase, fc.integer({ min: 1, max: 12 })), { minLength: 1, maxLength: 12 }), (clusters) => {
        const cases = clusters.flatMap(([c, times]) => Array.from({ length: times }, () => c));
        const rows = computeFigures(cases, '2026-06-01');
        const { groups, keyOf } = publishedGroups(rows);
        const truth = trueCounts(rows, cases, keyOf);
        // The groups are true sums, and every shown count is its true value.
        for (const { total, parts } of groups) expect(parts.reduce((sum, p) => sum + truth.get(p)!, 0)).toBe(truth.get(total));
        const hidden = new Set<string>();
        for (const r of rows.filter((r) => truth.has(keyOf(r)))) {
          if (r.value === HIDDEN) hidden.add(keyOf(r));
          else expect(Number(r.value)).toBe(truth.get(keyOf(r)));
        }
        // Below 5 is hidden; no group has exactly one hidden figure; and nothing hidden can be pinned down.
        for (const [key, count] of truth) if (count < 5) expect(hidden).toContain(key);
        for (const { total, parts } of groups) expect([total, ...parts].filter((k) => hidden.has(k)).length).not.toBe(1);
        expect(pinnedCounts(truth, groups, hidden)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('the check finds what hiding small counts alone gives away', () => {
    // 12 open, 3 closed by the police, all in one cell: the total minus "open" gives afgesloten (3),
    // and the total minus the one shown cell says every hidden cell is 0.
    const cases = [...many(12), ...many(3, { status: 'afgesloten', closingReason: 'politie' })];
    const rows = computeFigures(cases, '2026-06-01');
    const { groups, keyOf } = publishedGroups(rows);
    const truth = trueCounts(rows, cases, keyOf);
    const smallOnly = new Set([...truth].filter(([, n]) => n < 5).map(([k]) => k));
    expect(pinnedCounts(truth, groups, smallOnly)).toEqual([
      'meldingen|2026-03|Seksuele uitbuiting|Utrecht',
      'meldingen|2026-03|Criminele uitbuiting|Utrecht',
      'meldingen|2026-03|Gedwongen orgaanverwijdering|Utrecht',
      'meldingen|2026-03|Vorm onbekend|Utrecht',
      'afgesloten|||',
    ]);
    expect(pinnedCounts(truth, groups, hideSmallCounts(truth, groups))).toEqual([]);
    expect(value(rows, 'open')).toBe(HIDDEN);
  });
});
