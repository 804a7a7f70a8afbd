/**
 * The one bounded body reader (src/lib/report/http/body.ts): refuses on Content-Length before
 * reading, counts a stream without one, never keeps more than the cap, and reads Web streams
 * and Node streams alike. The follow-up page uses it with the Content-Length pre-check.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BODY_LIMITS, readBoundedBody, readRequestBody } from '../../../src/lib/report/http/body.ts';
import { handleFollowUpRequest } from '../../../src/lib/report/http/follow-up-request.ts';

/** A Web stream that hands out `total` bytes in chunks and counts how many were pulled. */
function counted(total: number, chunk = 1024) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close();
      const size = Math.min(chunk, total - pulled);
      pulled += size;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
  });
  return { stream, pulled: () => pulled };
}

describe('readBoundedBody', () => {
  it('reads a body up to the cap, as text and bytes', async () => {
    const read = await readBoundedBody(counted(4096).stream, 4096);
    expect(read.kind).toBe('ok');
    if (read.kind === 'ok') {
      expect(read.bytes.byteLength).toBe(4096);
      expect(read.text).toBe('a'.repeat(4096));
    }
  });

  it('refuses on a declared Content-Length without reading a byte', async () => {
    const body = counted(10_000);
    expect(await readBoundedBody(body.stream, 4096, { declaredLength: '10000' })).toEqual({ kind: 'too-large', received: 0 });
    expect(body.pulled()).toBeLessThanOrEqual(1024); // at most what the stream queued on its own
  });

  it('stops reading a body that declares nothing (or lies) soon after the cap', async () => {
    const body = counted(1_000_000);
    const read = await readBoundedBody(body.stream, 4096, { declaredLength: '10' });
    expect(read.kind).toBe('too-large');
    expect(body.pulled()).toBeLessThan(8 * 1024);
  });

  it('reads on past the cap up to drainUpTo, so a refusal comes after the upload', async () => {
    const small = counted(20_000);
    expect(await readBoundedBody(small.stream, 4096, { drainUpTo: 64 * 1024 })).toEqual({ kind: 'too-large', received: 20_000 });
    expect(small.pulled()).toBe(20_000);
    const huge = counted(1_000_000);
    expect((await readBoundedBody(huge.stream, 4096, { drainUpTo: 64 * 1024 })).kind).toBe('too-large');
    expect(huge.pulled()).toBeLessThan(70 * 1024);
  });

  it('says a failing stream is unreadable', async () => {
    const failing = new ReadableStream({ start: (controller) => controller.error(new Error('weg')) });
    expect(await readBoundedBody(failing, 4096)).toEqual({ kind: 'unreadable' });
  });

  it('reads a Node stream (the reference receiver) the same way', async () => {
    expect((await readBoundedBody(Readable.from([Buffer.from('{"a":'), Buffer.from('1}')]), 100)).kind).toBe('ok');
    expect((await readBoundedBody(Readable.from([Buffer.alloc(60), Buffer.alloc(60)]), 100)).kind).toBe('too-large');
  });

  it('keeps every limit in one table, the host cap the largest of them', () => {
    const { host, ...endpoints } = BODY_LIMITS;
    expect(host).toBe(Math.max(...Object.values(endpoints)));
  });

  it('reads a Request by the name of its endpoint', async () => {
    const post = (body: string) => new Request('http://localhost/', { method: 'POST', body });
    expect((await readRequestBody(post('x'.repeat(BODY_LIMITS.report)), 'report')).kind).toBe('ok');
    expect((await readRequestBody(post('x'.repeat(BODY_LIMITS.report + 1)), 'report')).kind).toBe('too-large');
  });
});

describe('the follow-up page', () => {
  it('refuses a body that declares more than its cap before reading it (413)', async () => {
    const body = counted(1_000_000);
    const request = new Request('http://localhost/melden/terugkomen/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', 'content-length': String(BODY_LIMITS.followUp + 1) },
      body: body.stream,
      duplex: 'half',
    } as RequestInit);
    const state = await handleFollowUpRequest(request, 'nl');
    expect(state.kind === 'response' && state.response.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(1024);
  });
});
