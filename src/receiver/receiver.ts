/**
 * The reference intake receiver: the executable form of the contract in docs/RECEIVER.md.
 * Verifies the Standard Webhooks signature and timestamp, drops duplicates by webhook-id,
 * opens sealed events with the intake desk's identity (REPORT_IDENTITY), appends each new event
 * to a JSON Lines file (0600, fsynced before answering 200) and answers with the status codes the
 * relay understands. It can also ask a reporter a question (askQuestion). Used for local
 * development and by the tests.
 */
import { appendFileSync, chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { signedHeaders, verify } from '../lib/report/crypto/signing.ts';
import { seal, unseal } from '../lib/report/crypto/seal.ts';
import { BODY_LIMITS, readBoundedBody } from '../lib/report/http/body.ts';

/** One stored event. `report` (report.created) and `message` (report.message) are opened when they came sealed. */
export interface ReceivedReport {
  webhookId: string;
  type: 'report.created' | 'report.message';
  /** The report the event is about (its own id for report.created). */
  reportId: string;
  /** report.created: the key the intake desk seals questions to. */
  replyRecipient?: string;
  report: Record<string, unknown>;
  message?: { text: string; language: string };
  /** Whether the content came sealed (encrypted to the intake desk). */
  sealed: boolean;
}

export function createReceiver({ secret, file, identities = [] }: { secret: string; file: string; identities?: string[] }) {
  // The file holds reports in full: readable by the receiver's user only.
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  if (existsSync(file)) chmodSync(file, 0o600);
  const seen = new Set<string>(readReceived(file).map((r) => r.webhookId));

  function answer(res: ServerResponse, status: number, body: Record<string, unknown>) {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  async function open(event: { type?: string; data?: Record<string, unknown> }): Promise<Omit<ReceivedReport, 'webhookId'> | string> {
    const data = event.data ?? {};
    if (event.type !== 'report.created' && event.type !== 'report.message') return `onbekend type ${String(event.type)}`;
    let content: unknown = event.type === 'report.created' ? data.report : data.message;
    const sealed = typeof data.sealed === 'string';
    if (sealed) {
      if (identities.length === 0) return 'versleutelde melding, maar REPORT_IDENTITY is niet ingesteld';
      try {
        content = JSON.parse(await unseal(identities, data.sealed as string));
      } catch {
        return 'versleutelde melding kon niet worden geopend met REPORT_IDENTITY';
      }
    }
    if (typeof content !== 'object' || content === null) return 'geen inhoud';
    return event.type === 'report.created'
      ? {
          type: 'report.created',
          reportId: String(data.id),
          replyRecipient: data.replyRecipient as string | undefined,
          report: content as Record<string, unknown>,
          sealed,
        }
      : { type: 'report.message', reportId: String(data.reportId), report: {}, message: content as ReceivedReport['message'], sealed };
  }

  return async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'POST') return answer(res, 405, { error: 'Alleen POST' });
    if (!String(req.headers['content-type']).startsWith('application/json')) {
      return answer(res, 415, { error: 'content-type moet application/json zijn' });
    }
    const read = await readBoundedBody(req, BODY_LIMITS.event, { declaredLength: req.headers['content-length'] });
    if (read.kind === 'too-large') return answer(res, 413, { error: 'bericht te groot' });
    if (read.kind === 'unreadable') return answer(res, 400, { error: 'bericht kwam niet goed aan' });
    const body = read.text;
    const headers = {
      id: req.headers['webhook-id'] as string | undefined,
      timestamp: req.headers['webhook-timestamp'] as string | undefined,
      signature: req.headers['webhook-signature'] as string | undefined,
    };
    const check = verify(secret, headers, body);
    if (!check.ok) return answer(res, 401, { error: check.reason });
    let event: { type?: string; data?: Record<string, unknown> };
    try {
      event = JSON.parse(body);
    } catch {
      return answer(res, 400, { error: 'geen geldige JSON' });
    }
    const webhookId = headers.id!;
    if (seen.has(webhookId)) return answer(res, 200, { status: 'duplicate' });
    const opened = await open(event);
    // Not retryable on our side either: the relay keeps it as a dead letter for the operator.
    if (typeof opened === 'string') return answer(res, 422, { error: opened });
    const fd = openSync(file, 'a', 0o600);
    try {
      appendFileSync(fd, `${JSON.stringify({ webhookId, ...opened } satisfies ReceivedReport)}\n`);
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

/**
 * Asks the reporter of `reportId` a question: sealed to the report's replyRecipient, signed with
 * the intake desk's own key, posted to the site's question API. Resolves with the HTTP status.
 */
export async function askQuestion({
  siteUrl,
  intakeSecret,
  reportId,
  replyRecipient,
  text,
  id = `q_${crypto.randomUUID().replaceAll('-', '')}`,
}: {
  siteUrl: string;
  intakeSecret: string;
  reportId: string;
  replyRecipient: string;
  text: string;
  id?: string;
}): Promise<{ status: number; body: string }> {
  const body = JSON.stringify({ type: 'report.question', timestamp: new Date().toISOString(), data: { reportId, sealed: await seal([replyRecipient], text) } });
  const response = await fetch(new URL('/api/vragen/', siteUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signedHeaders(intakeSecret, id, body) },
    body,
  });
  return { status: response.status, body: await response.text() };
}
