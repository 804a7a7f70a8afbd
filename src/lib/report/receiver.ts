/**
 * The reference intake receiver: the executable form of the contract in docs/RECEIVER.md.
 * Verifies the Standard Webhooks signature and timestamp, drops duplicates by webhook-id,
 * appends each new report to a JSON Lines file (fsynced before answering 200) and answers
 * with the status codes the relay understands. Used for local development and by the tests.
 */
import { appendFileSync, chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { verify } from './signing.ts';

export interface ReceivedReport {
  webhookId: string;
  report: Record<string, unknown>;
}

const MAX_BODY_BYTES = 64 * 1024;

export function createReceiver({ secret, file }: { secret: string; file: string }) {
  // The file holds reports in full: readable by the receiver's user only.
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  if (existsSync(file)) chmodSync(file, 0o600);
  const seen = new Set<string>(readReceived(file).map((r) => r.webhookId));

  function answer(res: ServerResponse, status: number, body: Record<string, unknown>) {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  return async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'POST') return answer(res, 405, { error: 'Alleen POST' });
    if (!String(req.headers['content-type']).startsWith('application/json')) {
      return answer(res, 415, { error: 'content-type moet application/json zijn' });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) return answer(res, 413, { error: 'bericht te groot' });
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = {
      id: req.headers['webhook-id'] as string | undefined,
      timestamp: req.headers['webhook-timestamp'] as string | undefined,
      signature: req.headers['webhook-signature'] as string | undefined,
    };
    const check = verify(secret, headers, body);
    if (!check.ok) return answer(res, 401, { error: check.reason });
    let report: Record<string, unknown>;
    try {
      report = JSON.parse(body);
    } catch {
      return answer(res, 400, { error: 'geen geldige JSON' });
    }
    const webhookId = headers.id!;
    if (seen.has(webhookId)) return answer(res, 200, { status: 'duplicate' });
    const fd = openSync(file, 'a', 0o600);
    try {
      appendFileSync(fd, `${JSON.stringify({ webhookId, report } satisfies ReceivedReport)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    seen.add(webhookId);
    return answer(res, 200, { status: 'received' });
  };
}

export function readReceived(file: string): ReceivedReport[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ReceivedReport);
}
