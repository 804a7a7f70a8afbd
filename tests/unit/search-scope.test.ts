/**
 * What goes into the search index (src/integrations/search-scope.mjs): every page a reader may
 * look for, not the per-municipality copies of the national route and of the signal pages.
 */
import { describe, expect, it } from 'vitest';
import { isSearchable } from '../../src/integrations/search-scope.mjs';

describe('isSearchable', () => {
  it('keeps the municipality page, its internal route and every national page', () => {
    for (const path of [
      '/gemeenten/woerden/',
      '/gemeenten/woerden/meldroute-intern/',
      '/gemeenten/',
      '/melden/',
      '/melden/over-wie/',
      '/signalen/signaal/paspoort-niet-in-eigen-bezit/',
      '/pl/melden/uitkomst-anoniem/',
      '/bg/gemeenten/woerden/',
    ]) {
      expect(isSearchable(path), path).toBe(true);
    }
  });

  it('leaves out the route steps and the signal card of each municipality', () => {
    for (const path of ['/gemeenten/woerden/melden/', '/gemeenten/venlo/melden/uitkomst-zorgen-om-naaste/', '/gemeenten/woerden/signalenkaart/']) {
      expect(isSearchable(path), path).toBe(false);
    }
  });
});
