/**
 * FormField, the one frame of every form control (the report form, its radio groups and the
 * follow-up forms): label or legend, hint, error with its screen-reader prefix, the NL Design
 * System form-field classes, and aria-describedby pointing at exactly the ids on the page.
 */
import { describe, expect, it } from 'vitest';
import FormField from '../../src/components/FormField.astro';
import { translator } from '../../src/i18n';
import { byId, elements, textOf } from '../support/html.ts';
import TextFormField from './fixtures/TextFormField.astro';
import { render } from './render.ts';

const t = translator('nl');

describe('FormField around one control', () => {
  const field = (props: Record<string, unknown>) => render(TextFormField, { id: 'code', label: 'Bewijscode', language: 'nl', ...props });

  it('labels the control and describes it by its hint', async () => {
    const html = await field({ hint: 'Staat op uw bewijs.' });
    expect(elements(html, 'label').map((l) => [l.attrs.for, textOf(l.inner)])).toEqual([['code', 'Bewijscode']]);
    const input = elements(html, 'input')[0];
    expect(input.attrs['aria-describedby']).toBe('code-hint');
    expect(input.attrs).not.toHaveProperty('aria-invalid');
    expect(textOf(elements(html, 'p').find((p) => p.attrs.id === 'code-hint')!.inner)).toBe('Staat op uw bewijs.');
    expect(elements(html, 'div')[0].attrs.class!.split(' ')).toEqual(expect.arrayContaining(['utrecht-form-field', 'utrecht-form-field--text', 'field']));
    expect(html).not.toContain('field-error');
  });

  it('shows the error before the control, marks the field invalid and adds the error to aria-describedby', async () => {
    const html = await field({ hint: 'Staat op uw bewijs.', error: 'Deze code kennen we niet.' });
    const classes = elements(html, 'div')[0].attrs.class!.split(' ');
    expect(classes).toEqual(expect.arrayContaining(['utrecht-form-field--invalid', 'field--error']));
    const error = elements(html, 'p').find((p) => p.attrs.id === 'code-error')!;
    expect(error.attrs.class).toContain('utrecht-form-field__error-message');
    expect(textOf(error.inner)).toBe(`${t('report.errorPrefix')} Deze code kennen we niet.`);
    expect(html.indexOf('id="code-error"')).toBeLessThan(html.indexOf('<input'));
    const input = elements(html, 'input')[0];
    expect(input.attrs['aria-describedby']).toBe('code-hint code-error');
    expect(input.attrs['aria-invalid']).toBe('true');
  });

  it('leaves aria-describedby out when there is nothing to point at', async () => {
    const input = elements(await field({}), 'input')[0];
    expect(input.attrs).not.toHaveProperty('aria-describedby');
    expect(byId(await field({}), 'code-hint')).toBeUndefined();
  });

  it('says "required" or "optional" after the label in the form\'s language', async () => {
    const pl = translator('pl');
    expect(textOf(elements(await field({ need: 'required', language: 'pl' }), 'label')[0].inner)).toBe(`Bewijscode ${pl('report.required')}`);
    expect(textOf(elements(await field({ need: 'optional' }), 'label')[0].inner)).toBe(`Bewijscode ${t('report.optional')}`);
  });
});

describe('FormField around a group of choices', () => {
  const group = (props: Record<string, unknown>) =>
    render(
      FormField,
      { id: 'signals', group: true, label: 'Signalen', hint: 'Kies wat past.', language: 'nl', ...props },
      { slots: { default: '<input type="checkbox" id="s1" name="signals"><label for="s1">Een</label>' } },
    );

  it('is a fieldset with a legend that carries aria-describedby and keeps its slot', async () => {
    const html = await group({ error: 'Kies er een.', class: 'danger' });
    const fieldset = elements(html, 'fieldset')[0];
    expect(fieldset.attrs).toMatchObject({ id: 'signals', 'aria-describedby': 'signals-hint signals-error' });
    expect(fieldset.attrs.class!.split(' ')).toEqual(
      expect.arrayContaining(['utrecht-form-fieldset', 'utrecht-form-fieldset--invalid', 'field--error', 'danger']),
    );
    expect(textOf(elements(html, 'legend')[0].inner)).toBe('Signalen');
    expect(byId(html, 's1')?.tag).toBe('input');
    expect(elements(html, 'label')).toHaveLength(1);
  });
});
