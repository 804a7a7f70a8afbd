import { describe, expect, it } from 'vitest';
import { refusal } from '../../../src/server/request-guard.mjs';

/** A request as the Node server sees it: headers keep the first Host, rawHeaders every line. */
const nodeRequest = (raw: [string, string][], method = 'GET', url = '/hulp/') => ({
  method,
  url,
  rawHeaders: raw.flat(),
  headers: Object.fromEntries([...raw].reverse().map(([name, value]) => [name.toLowerCase(), value])),
});

describe('refusal: Host and Transfer-Encoding (RFC 9112, sections 3.2 and 6.3)', () => {
  it('refuses a second Host line, equal or not, and an empty Host', () => {
    expect(
      refusal(
        nodeRequest([
          ['Host', 'localhost'],
          ['Host', 'elders.example'],
        ]),
      )?.status,
    ).toBe(400);
    expect(
      refusal(
        nodeRequest([
          ['Host', 'localhost'],
          ['host', 'localhost'],
        ]),
      )?.status,
    ).toBe(400);
    expect(refusal(nodeRequest([['Host', '']]))?.status).toBe(400);
    expect(
      refusal(
        nodeRequest([
          ['Host', 'localhost'],
          ['X-Host', 'a'],
        ]),
      ),
    ).toBeUndefined();
  });

  it('refuses a Transfer-Encoding whose last coding is not chunked, and takes one that is', () => {
    const post = (te: string) =>
      refusal(
        nodeRequest(
          [
            ['Host', 'localhost'],
            ['Transfer-Encoding', te],
          ],
          'POST',
          '/melden/anoniem/',
        ),
      );
    expect(post('identity')?.status).toBe(400);
    expect(post('chunked, gzip')?.status).toBe(400);
    expect(post('chunked')).toBeUndefined();
    expect(post('Chunked')).toBeUndefined();
    expect(post('gzip, chunked')).toBeUndefined();
  });

  it('works on the parts the Worker passes, without rawHeaders', () => {
    expect(refusal({ method: 'GET', url: '/hulp/', headers: { host: 'localhost' } })).toBeUndefined();
    expect(refusal({ method: 'GET', url: '/hulp/', headers: { host: 'localhost, elders.example' } })?.status).toBe(400);
  });
});
