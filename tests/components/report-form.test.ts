/**
 * The fields of the anonymous report form, rendered alone: every field can be reached from the
 * error summary, is labelled and described, shows its own error, and keeps what the reader
 * typed or chose when the form comes back with errors.
 */
import { describe, expect, it } from 'vitest';
import ErrorSummary from '../../src/components/ErrorSummary.astro';
import RadioField from '../../src/components/RadioField.astro';
import ReportForm from '../../src/components/ReportForm.astro';
import { translator } from '../../src/i18n';
import { REPORT_FIELDS, type FieldErrors, type FormValues } from '../../src/lib/report/core/form';
import { byId, elements, textOf } from '../support/html.ts';
import { render } from './render.ts';

const municipalities = [
  { id: 'onbekend', name: 'Weet ik niet / ergens anders', formerNames: [] },
  { id: 'woerden', name: 'Woerden', formerNames: [] },
  { id: 'sudwest-fryslan', name: 'Súdwest-Fryslân', formerNames: ['Sneek', 'Bolsward'] },
];
const signalGroups = [
  {
    title: 'Arbeidsuitbuiting',
    signals: [
      { id: 'slapen-op-werk', statement: 'Mensen slapen op de werkplek.' },
      { id: 'geen-loon', statement: 'Mensen krijgen geen loon.' },
    ],
  },
];
const errorFor = Object.fromEntries(REPORT_FIELDS.map((field) => [field, `Fout in ${field}.`])) as FieldErrors;

const form = (values: FormValues = {}, errors: FieldErrors = {}, language = 'nl') =>
  render(ReportForm, { values, errors, token: 'teken', challenge: { algorithm: 'SHA-256' }, language, municipalities, signalGroups });

/** The form controls a reader fills in (not the hidden control fields or the honeypot). */
const controls = (html: string) =>
  [...elements(html, 'input'), ...elements(html, 'textarea'), ...elements(html, 'select')].filter(
    (c) => c.attrs.type !== 'hidden' && c.attrs.name !== 'website',
  );

describe('the report form', () => {
  it('has an element with the id of every field, so each link in the error summary leads somewhere', async () => {
    const html = await form({}, errorFor);
    const summaryLinks = elements(await render(ErrorSummary, { errors: errorFor }), 'a').map((a) => a.attrs.href.slice(1));
    expect(summaryLinks).toEqual([...REPORT_FIELDS]);
    for (const id of summaryLinks) expect(byId(html, id), id).toBeDefined();
  });

  it('gives every control a label', async () => {
    const html = await form();
    const labelled = new Set(elements(html, 'label').map((l) => l.attrs.for));
    const unlabelled = controls(html)
      .filter((c) => !labelled.has(c.attrs.id))
      .map((c) => c.attrs.id ?? c.attrs.name);
    expect(unlabelled).toEqual([]);
  });

  it('points aria-describedby only at ids that exist, and at the error when there is one', async () => {
    const html = await form({}, errorFor);
    const described = [...controls(html), ...elements(html, 'fieldset')].filter((c) => c.attrs['aria-describedby']);
    expect(described.length).toBeGreaterThanOrEqual(REPORT_FIELDS.length);
    for (const control of described)
      for (const id of control.attrs['aria-describedby'].split(' ')) expect(byId(html, id), `${control.attrs.id} → ${id}`).toBeDefined();
    for (const field of REPORT_FIELDS) {
      const owner = described.find((c) => c.attrs.id === field || c.attrs.name === field);
      expect(owner?.attrs['aria-describedby'], field).toContain(`${field}-error`);
      expect(textOf(byId(html, `${field}-error`)?.inner ?? '')).toContain(`Fout in ${field}.`);
    }
  });

  it('shows no error text when nothing is wrong', async () => {
    expect(await form()).not.toContain('field-error');
  });

  it('keeps what the reader typed and chose', async () => {
    const html = await form({
      municipality: 'sudwest-fryslan',
      exploitationForm: 'arbeidsuitbuiting',
      dangerNow: 'nee',
      description: 'Tien mensen <slapen> in een loods.',
      when: 'Vorige week',
      signals: ['geen-loon'],
    });
    expect(
      elements(html, 'option')
        .filter((o) => 'selected' in o.attrs)
        .map((o) => o.attrs.value),
    ).toEqual(['sudwest-fryslan']);
    expect(
      elements(html, 'input')
        .filter((i) => 'checked' in i.attrs)
        .map((i) => i.attrs.id),
    ).toEqual(['exploitationForm-arbeidsuitbuiting', 'dangerNow-nee', 'signal-geen-loon']);
    expect(textOf(elements(html, 'textarea').find((t) => t.attrs.id === 'description')!.inner)).toBe('Tien mensen <slapen> in een loods.');
    expect(elements(html, 'input').find((i) => i.attrs.id === 'when')?.attrs.value).toBe('Vorige week');
    // A group with a chosen signal opens, so the reader sees the choice.
    expect(elements(html, 'details')[0].attrs).toHaveProperty('open');
  });

  it('posts to itself in the language it is shown in, and says which language that is', async () => {
    const html = await form({}, {}, 'bg');
    expect(elements(html, 'form')[0].attrs).toMatchObject({ method: 'post', action: '/bg/melden/anoniem/' });
    expect(elements(html, 'input').find((i) => i.attrs.name === 'language')?.attrs.value).toBe('bg');
    expect(elements(html, 'button').map((b) => textOf(b.inner))).toEqual([translator('bg')('report.submit')]);
  });

  it('lets the reader search municipalities by former name (kept on the option for the autocomplete)', async () => {
    const option = elements(await form(), 'option').find((o) => o.attrs.value === 'sudwest-fryslan');
    expect(option?.attrs['data-former']).toBe('Sneek|Bolsward');
  });
});

describe('RadioField', () => {
  const options = [
    { id: 'ja', label: 'Ja' },
    { id: 'nee', label: 'Nee' },
  ];
  const field = (props: Record<string, unknown>, slots?: Record<string, string>) =>
    render(RadioField, { field: 'dangerNow', language: 'nl', options, value: '', ...props }, { slots });

  it('groups the options under a legend with the field label and "required"', async () => {
    const t = translator('nl');
    const html = await field({});
    expect(textOf(elements(html, 'legend')[0].inner)).toBe(`${t('report.field.dangerNow.label')} ${t('report.required')}`);
    expect(elements(html, 'input').map((i) => [i.attrs.type, i.attrs.name, i.attrs.value, i.attrs.id])).toEqual([
      ['radio', 'dangerNow', 'ja', 'dangerNow-ja'],
      ['radio', 'dangerNow', 'nee', 'dangerNow-nee'],
    ]);
    expect(elements(html, 'label').map((l) => [l.attrs.for, textOf(l.inner)])).toEqual([
      ['dangerNow-ja', 'Ja'],
      ['dangerNow-nee', 'Nee'],
    ]);
  });

  it('marks the fieldset and shows the error before the options, with a prefix for screen readers', async () => {
    const html = await field({ error: 'Kies een antwoord.' });
    expect(elements(html, 'fieldset')[0].attrs.class).toContain('field--error');
    expect(html.indexOf('Kies een antwoord.')).toBeLessThan(html.indexOf('type="radio"'));
    expect(textOf(elements(html, 'p').find((p) => p.attrs.id === 'dangerNow-error')!.inner)).toBe(
      `${translator('nl')('report.errorPrefix')} Kies een antwoord.`,
    );
  });

  it('keeps the chosen option and puts its slot after the options', async () => {
    const html = await field({ value: 'nee', class: 'danger' }, { default: '<p id="na">Bel 112</p>' });
    expect(
      elements(html, 'input')
        .filter((i) => 'checked' in i.attrs)
        .map((i) => i.attrs.value),
    ).toEqual(['nee']);
    expect(elements(html, 'fieldset')[0].attrs.class!.split(' ')).toEqual(expect.arrayContaining(['utrecht-form-fieldset', 'field', 'danger']));
    expect(html.indexOf('id="na"')).toBeGreaterThan(html.lastIndexOf('type="radio"'));
  });
});
