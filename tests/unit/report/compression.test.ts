import { describe, expect, it } from 'vitest';
import { COMPRESSIBLE_HEADER, forCompressingPlatform, markCompressible, withNoTransform } from '../../../src/lib/report/http/compression.ts';

describe('withNoTransform', () => {
  it('adds no-transform once, whatever was there', () => {
    expect(withNoTransform('no-store')).toBe('no-store, no-transform');
    expect(withNoTransform(undefined)).toBe('no-transform');
    expect(withNoTransform('no-store, no-transform')).toBe('no-store, no-transform');
    expect(withNoTransform('No-Transform')).toBe('No-Transform');
  });
});

describe('forCompressingPlatform (the Worker)', () => {
  it('leaves a marked answer to the platform, with Vary and without the mark', () => {
    const headers = new Headers({ 'Cache-Control': 'no-store', 'Content-Type': 'text/html' });
    markCompressible(headers);
    const out = forCompressingPlatform(new Response('<p>formulier</p>', { status: 200, headers }), 'GET');
    expect(out.headers.get(COMPRESSIBLE_HEADER)).toBeNull();
    expect([out.headers.get('cache-control'), out.headers.get('vary')]).toEqual(['no-store', 'Accept-Encoding']);
  });

  it('marks every other answer no-transform: unmarked is the default', async () => {
    const out = forCompressingPlatform(new Response('<p>ontvangstbewijs</p>', { status: 200, headers: { 'Cache-Control': 'no-store' } }), 'GET');
    expect([out.status, out.headers.get('cache-control'), out.headers.get('vary')]).toEqual([200, 'no-store, no-transform', null]);
    expect(await out.text()).toBe('<p>ontvangstbewijs</p>');
  });

  it('ignores a mark on the answer to a POST: it follows what was sent', () => {
    const headers = new Headers({ 'Cache-Control': 'no-store' });
    markCompressible(headers);
    const out = forCompressingPlatform(new Response('<p>fouten</p>', { status: 422, headers }), 'POST');
    expect([out.headers.get('cache-control'), out.headers.get(COMPRESSIBLE_HEADER), out.headers.get('vary')]).toEqual(['no-store, no-transform', null, null]);
  });
});
