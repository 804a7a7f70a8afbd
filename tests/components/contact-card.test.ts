/**
 * The contact card: what a reader needs to reach an organisation, and nothing that is not there.
 */
import { describe, expect, it } from 'vitest';
import ContactCard from '../../src/components/ContactCard.astro';
import { translator } from '../../src/i18n';
import { elements, textOf } from '../support/html.ts';
import { fullOrganisation, websiteOnly } from './examples.ts';
import { render } from './render.ts';

const nl = translator('nl');

describe('ContactCard', () => {
  it('makes every phone number a tel: link with its hours, and says which lines are free', async () => {
    const html = await render(ContactCard, { organisation: fullOrganisation });
    const phones = elements(html, 'a').filter((a) => a.attrs.href.startsWith('tel:'));
    expect(phones.map((a) => [a.attrs.href, textOf(a.inner)])).toEqual([
      ['tel:08007000', `${nl('contact.call')} 0800-7000`],
      ['tel:0881234567', `${nl('contact.call')} 088 123 45 67`],
    ]);
    const text = textOf(html);
    expect(text).toContain('Elke dag, 24 uur');
    expect(text).toContain(`Voor professionals: ${nl('contact.call')} 088 123 45 67 Op werkdagen`);
    expect(text.match(new RegExp(`\\(${nl('contact.free')}\\)`, 'g'))).toHaveLength(1);
  });

  it('links the website without a referrer and the e-mail address as mailto:', async () => {
    const links = elements(await render(ContactCard, { organisation: fullOrganisation }), 'a');
    expect(links.find((a) => a.attrs.href === 'https://www.meldpunt.example.nl/')?.attrs.rel).toBe('noreferrer');
    expect(links.some((a) => a.attrs.href === 'mailto:info@meldpunt.example.nl')).toBe(true);
  });

  it('says when contact can be anonymous, and not when it cannot', async () => {
    expect(textOf(await render(ContactCard, { organisation: fullOrganisation }))).toContain(nl('contact.anonymous'));
    expect(textOf(await render(ContactCard, { organisation: websiteOnly }))).not.toContain(nl('contact.anonymous'));
  });

  it('leaves out what the organisation does not have: no phone list, no e-mail line', async () => {
    const html = await render(ContactCard, { organisation: websiteOnly });
    expect(html).not.toContain('tel:');
    expect(html).not.toContain('mailto:');
    expect(html).not.toContain('contact__phones');
    expect(textOf(html)).not.toContain(`${nl('contact.email')}:`);
    expect(elements(html, 'a').map((a) => a.attrs.href)).toEqual(['/organisaties/alleen-website/', 'https://www.website.example.nl/']);
  });

  it('uses the heading level it is given (h3 by default), so cards fit under the page outline', async () => {
    expect(elements(await render(ContactCard, { organisation: websiteOnly }), 'h3')).toHaveLength(1);
    const asH2 = await render(ContactCard, { organisation: websiteOnly, level: 2 });
    expect([elements(asH2, 'h2').length, elements(asH2, 'h3').length]).toEqual([1, 0]);
  });

  it('links the name to the Dutch organisation page only on Dutch pages (that page is not translated)', async () => {
    const dutch = elements(await render(ContactCard, { organisation: websiteOnly }), 'h3')[0];
    expect(elements(dutch.inner, 'a').map((a) => a.attrs.href)).toEqual(['/organisaties/alleen-website/']);
    const polish = elements(await render(ContactCard, { organisation: websiteOnly }, { path: '/pl/melden/' }), 'h3')[0];
    expect([elements(polish.inner, 'a'), textOf(polish.inner)]).toEqual([[], 'Alleen Website']);
  });
});
