/**
 * npm run bench:receipt — the receipt code: its entropy, the Argon2id parameters, and the time
 * to check one code: a right code, a wrong code and a malformed one, each compared with one bare
 * Argon2id run (the baseline) in the same run. A wrong code must cost what a right one costs.
 * Options (env): BENCH_CHECKS (default 30).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARGON2, CODE_BITS, codeKeys, newReceiptCode } from '../../src/lib/report/core/receipt-code.ts';
import { openConversation, startConversation } from '../../src/lib/report/core/follow-up.ts';
import { SqliteStore } from '../../src/lib/report/store/sqlite.ts';
import { seal } from '../../src/lib/report/crypto/seal.ts';

const CHECKS = Number(process.env.BENCH_CHECKS ?? 30);
const dir = mkdtempSync(join(tmpdir(), 'bench-receipt-'));
const store = new SqliteStore(join(dir, 'outbox.sqlite'));
const settings = { store, codePepper: randomBytes(32), retentionDays: 90 };

try {
  const { code, mailbox, replyRecipient } = await startConversation('msg_00000000000000000000000000000001', settings);
  await store.enqueue({ id: 'msg_00000000000000000000000000000001', payload: '{}' }, { mailbox });
  // Two questions in the conversation, so a right code also pays for opening them.
  for (const text of ['Eerste vraag', 'Tweede vraag']) {
    await store.addMessage(mailbox.reportId, { from: 'intake', sealed: await seal([replyRecipient], text), day: '2026-11-30' }, mailbox.expiresAt);
  }
  const wrong = newReceiptCode();
  const samples: Record<string, number[]> = { baseline: [], right: [], wrong: [], malformed: [] };
  for (let i = 0; i < CHECKS; i++) {
    // Interleaved, so each kind sees the same machine conditions.
    for (const [kind, run] of [
      ['baseline', () => codeKeys(wrong.replaceAll('-', ''), settings.codePepper)],
      ['right', () => openConversation(code, settings)],
      ['wrong', () => openConversation(wrong, settings)],
      ['malformed', () => openConversation('ABC', settings)],
    ] as const) {
      const t0 = performance.now();
      await run();
      samples[kind].push(performance.now() - t0);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const base = median(samples.baseline);
  console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  console.log(`Receipt code: ${CODE_BITS} bits (20 Crockford base32 characters from the OS random source), e.g. ${newReceiptCode()}`);
  console.log(`Argon2id: ${ARGON2.memoryKiB / 1024} MiB, ${ARGON2.passes} passes, parallelism ${ARGON2.parallelism}, 64-byte output (lookup id + wrapping key), salt = 32-byte pepper from REPORT_SECRET`);
  console.log(`\n${CHECKS} checks of each kind, interleaved; medians.\n`);
  console.log('| check | median (ms) | vs. one Argon2id run |');
  console.log('| --- | --- | --- |');
  for (const kind of Object.keys(samples)) {
    const label = { baseline: 'one Argon2id run (baseline)', right: 'right code, conversation with 2 questions', wrong: 'wrong code (well-formed)', malformed: 'malformed code' }[kind];
    console.log(`| ${label} | ${median(samples[kind]).toFixed(1)} | ${(median(samples[kind]) / base).toFixed(2)}× |`);
  }
  await codeKeys('x', settings.codePepper);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
