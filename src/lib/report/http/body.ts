/**
 * Reading a request body with a cap, once for every endpoint and host: the report form, the
 * follow-up page, the question API, the reference receiver, the Worker entry, and (through
 * BODY_LIMITS.host) @astrojs/node's bodySizeLimit in astro.config.mjs. A declared
 * Content-Length above the cap is refused before a byte is read; a body without one, or one
 * that lies, is counted while it streams and never held past the cap. No Node-only API: the
 * Worker uses it too.
 */

/** Every body cap in bytes, in one table. */
export const BODY_LIMITS = {
  /** The report form: a full report (10,000 characters of text at most) is well under 16 KB form-encoded. */
  report: 32 * 1024,
  /** The follow-up page: a code and one text of at most 5,000 characters, form-encoded. */
  followUp: 32 * 1024,
  /** A question from the intake desk: a sealed (age-armored) question in a JSON envelope (docs/RECEIVER.md). */
  question: 64 * 1024,
  /** An event at the reference receiver: a sealed report in a JSON envelope (docs/RECEIVER.md). */
  event: 64 * 1024,
  /** Whatever reaches the host (Node adapter, Worker entry): the largest body any endpoint takes. */
  host: 64 * 1024,
} as const;

export type BodyLimit = keyof typeof BODY_LIMITS;

export type BodyRead =
  | { kind: 'ok'; bytes: Uint8Array<ArrayBuffer>; text: string }
  /** Declared or sent more than the cap. `received` counts what was read (0 when refused on Content-Length). */
  | { kind: 'too-large'; received: number }
  /** The stream failed (the client went away, or the host's own cap cut it off). */
  | { kind: 'unreadable' };

type BodySource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null | undefined;

export interface ReadOptions {
  /** The Content-Length header as sent, if any. */
  declaredLength?: string | null;
  /**
   * Past the cap, keep reading (and dropping) up to this many bytes in all before giving up, so
   * a refusal goes out after the client has finished sending. Some proxies (wrangler's local one)
   * turn an answer sent mid-upload into a 500. Default: stop at the cap.
   */
  drainUpTo?: number;
}

/** Whether a declared Content-Length is above the cap (a missing or malformed one is not: the stream is counted instead). */
export function declaredTooLarge(declaredLength: string | null | undefined, limit: number): boolean {
  const declared = Number(declaredLength ?? 0);
  return Number.isFinite(declared) && declared > limit;
}

async function* chunksOf(source: NonNullable<BodySource>): AsyncGenerator<Uint8Array> {
  if ('getReader' in source) {
    const reader = source.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      // Cancels the rest when the caller stops early; a no-op once the stream is done.
      await reader.cancel().catch(() => undefined);
    }
  } else {
    yield* source;
  }
}

/** Reads at most `limit` bytes of a body stream (a Request's body, or a Node IncomingMessage). */
export async function readBoundedBody(source: BodySource, limit: number, { declaredLength, drainUpTo = 0 }: ReadOptions = {}): Promise<BodyRead> {
  if (declaredTooLarge(declaredLength, limit)) return { kind: 'too-large', received: 0 };
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    if (source) {
      for await (const chunk of chunksOf(source)) {
        received += chunk.byteLength;
        if (received <= limit) chunks.push(chunk);
        else if (received > drainUpTo) break;
      }
    }
  } catch {
    return { kind: 'unreadable' };
  }
  if (received > limit) return { kind: 'too-large', received };
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { kind: 'ok', bytes, text: new TextDecoder().decode(bytes) };
}

/** A Request's body, capped at the endpoint's limit (the Content-Length header is checked first). */
export function readRequestBody(request: Request, limit: BodyLimit): Promise<BodyRead> {
  return readBoundedBody(request.body, BODY_LIMITS[limit], { declaredLength: request.headers.get('content-length') });
}
