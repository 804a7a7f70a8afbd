/**
 * The error summary (GOV.UK pattern): it appears only when something is wrong, is announced
 * and focused at once, and each message is a link that takes the reader to its field.
 */
import { describe, expect, it } from 'vitest';
import ErrorSummary from '../../src/components/ErrorSummary.astro';
import { translator } from '../../src/i18n';
import { elements, textOf } from '../support/html.ts';
import { render } from './render.ts';

describe('ErrorSummary', () => {
  it('renders nothing when the form has no errors', async () => {
    expect((await render(ErrorSummary, { errors: {} })).trim()).toBe('');
  });

  it('links each message to the id of its field, in the order given', async () => {
    const html = await render(ErrorSummary, { errors: { municipality: 'Kies een gemeente.', description: 'Beschrijf wat u zag.' } });
    expect(elements(html, 'a').map((a) => [a.attrs.href, textOf(a.inner)])).toEqual([
      ['#municipality', 'Kies een gemeente.'],
      ['#description', 'Beschrijf wat u zag.'],
    ]);
  });

  it('is announced and focused on load: role=alert, autofocus, a heading in the language of the page', async () => {
    const html = await render(ErrorSummary, { errors: { dangerNow: 'Kies een antwoord.' } }, { path: '/pl/melden/anoniem/' });
    const [box] = elements(html, 'div');
    expect(box.attrs).toMatchObject({ role: 'alert', autofocus: '', tabindex: '-1', id: 'fouten' });
    expect(elements(html, 'h2').map((h) => textOf(h.inner))).toEqual([translator('pl')('report.error.summary')]);
  });

  it('shows a problem with the whole form even when no field has an error', async () => {
    const html = await render(ErrorSummary, { errors: {}, formError: 'Het formulier is verlopen. Stuur het opnieuw.' });
    expect(textOf(html)).toContain('Het formulier is verlopen. Stuur het opnieuw.');
    expect(elements(html, 'a')).toEqual([]);
  });
});
