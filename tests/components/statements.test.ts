/**
 * The accessibility and privacy statements (issue 22): filled from the deployment's settings,
 * and with nothing filled in they say so plainly, in every language, and name no organisation.
 */
import { describe, expect, it } from 'vitest';
import AccessibilityStatement from '../../src/components/AccessibilityStatement.astro';
import PrivacyStatement from '../../src/components/PrivacyStatement.astro';
import { translator } from '../../src/i18n';
import { LOCALES } from '../../src/i18n/locales';
import { deploymentSchema } from '../../src/lib/theme/deployment';
import { elements, textOf } from '../support/html.ts';
import { render } from './render.ts';

/** A made-up deployment, parsed by the real schema. */
const filled = deploymentSchema.parse({
  organisation: 'Gemeente Voorbeeldstad',
  contact: { email: 'toegankelijkheid@voorbeeldstad.example', url: 'https://www.voorbeeldstad.example/contact' },
  accessibility: {
    status: 'B',
    statementDate: '2026-11-01',
    audit: { date: '2026-10-15', by: 'Toegankelijkheidsbureau Voorbeeld', report: 'https://www.voorbeeldstad.example/rapport.pdf' },
    knownProblems: [
      { problem: 'De grafiek op de cijferpagina heeft geen tekstalternatief.', measure: 'Wij zetten de cijfers ook in een tabel.', fixedBy: '2027-02-01' },
    ],
    registerUrl: 'https://www.toegankelijkheidsverklaring.nl/register/99999',
  },
  privacy: {
    desk: 'Meldpunt Mensenhandel Voorbeeldstad',
    legalBasis: 'Algemeen belang (AVG artikel 6 lid 1 e).',
    deskRetention: 'Vijf jaar na het afsluiten.',
    dataProtectionOfficer: 'fg@voorbeeldstad.example',
  },
});
const empty = deploymentSchema.parse({});

describe('AccessibilityStatement', () => {
  it('shows organisation, status, audit with report, known problems with measures, contact and the register', async () => {
    const nl = translator('nl');
    const html = await render(AccessibilityStatement, { settings: filled, locale: 'nl' });
    const text = textOf(html);
    for (const expected of [
      'Gemeente Voorbeeldstad wil',
      nl('a11y.status.B'),
      '1 november 2026',
      'Toegankelijkheidsbureau Voorbeeld',
      'geen tekstalternatief',
      'ook in een tabel',
      '1 februari 2027',
      nl('a11y.evidence.reflow'),
    ])
      expect(text).toContain(expected);
    const hrefs = elements(html, 'a').map((a) => a.attrs.href);
    expect(hrefs).toEqual(
      expect.arrayContaining([
        'https://www.voorbeeldstad.example/rapport.pdf',
        'https://www.toegankelijkheidsverklaring.nl/register/99999',
        'mailto:toegankelijkheid@voorbeeldstad.example',
      ]),
    );
    expect(text).not.toContain(nl('statement.notFilled'));
  });

  it('with nothing filled in, says so in every language and invents no organisation or status', async () => {
    for (const locale of LOCALES) {
      const t = translator(locale);
      const html = await render(AccessibilityStatement, { settings: empty, locale });
      const text = textOf(html);
      expect(text, locale).toContain(t('statement.notFilled'));
      expect(text, locale).toContain(t('a11y.organisationUnknown'));
      for (const status of ['A', 'B', 'C', 'D', 'E'] as const) expect(text, locale).not.toContain(t(`a11y.status.${status}`));
      expect(elements(html, 'a').map((a) => a.attrs.href)).toEqual(['https://www.digitoegankelijk.nl/toegankelijkheidsverklaring/status']);
    }
  });

  it('marks the Dutch text of the settings as Dutch on a translated page', async () => {
    const html = await render(AccessibilityStatement, { settings: filled, locale: 'pl' });
    expect(
      elements(html, 'span')
        .filter((s) => s.attrs.lang === 'nl')
        .map((s) => textOf(s.inner)),
    ).toContain('De grafiek op de cijferpagina heeft geen tekstalternatief.');
  });
});

describe('PrivacyStatement', () => {
  it('names the controller, the desk, legal basis, both retentions, the officer, rights and the Autoriteit Persoonsgegevens', async () => {
    const nl = translator('nl');
    const text = textOf(await render(PrivacyStatement, { settings: filled, locale: 'nl', retentionDays: 90 }));
    for (const expected of [
      'Gemeente Voorbeeldstad',
      'Meldpunt Mensenhandel Voorbeeldstad',
      'AVG artikel 6',
      'Vijf jaar na het afsluiten.',
      '90 dagen na het laatste bericht',
      'fg@voorbeeldstad.example',
      nl('privacy.rights.heading'),
      'Autoriteit Persoonsgegevens',
    ])
      expect(text).toContain(expected);
  });

  it("with nothing filled in, says so and still gives the site's own retention, the rights and the complaint", async () => {
    for (const locale of LOCALES) {
      const t = translator(locale);
      const html = await render(PrivacyStatement, { settings: empty, locale, retentionDays: 30 });
      const text = textOf(html);
      expect(text.split(t('statement.notFilled')).length - 1, locale).toBe(6);
      expect(text, locale).toContain(t('privacy.retentionSite.text', { days: 30 }));
      expect(
        elements(html, 'a').map((a) => a.attrs.href),
        locale,
      ).toEqual(['https://www.autoriteitpersoonsgegevens.nl/']);
    }
  });
});
