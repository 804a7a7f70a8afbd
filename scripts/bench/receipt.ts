/**
 * npm run bench:receipt — the receipt code: its entropy, the Argon2id parameters, and the time
 * to check one code: a right code, a wrong code and a malformed one, each compared with one bare
 * Argon2id run (the baseline) in the same run. A wrong code must cost what a right one costs.
 * Then the Worker's Argon2id in workerd (the Workers runtime, through Miniflare): the WebAssembly
 * build the Worker uses against the pure-JavaScript one it used before, interleaved in one
 * workerd, each output checked against node:crypto (scripts/bench/argon2id-worker.ts).
 * Options (env): BENCH_CHECKS (default 30), BENCH_WORKERD_CHECKS (default 15).
 */
import { argon2Sync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { ARGON2, CODE_BITS, codeKeys, newReceiptCode } from '../../src/lib/report/core/receipt-code.ts';
import { openConversation, startConversation } from '../../src/lib/report/core/follow-up.ts';
import { SqliteStore } from '../../src/lib/report/store/sqlite.ts';
import { seal } from '../../src/lib/report/crypto/seal.ts';
import { median } from './measure.ts';

const CHECKS = Number(process.env.BENCH_CHECKS ?? 30);
const WORKERD_CHECKS = Number(process.env.BENCH_WORKERD_CHECKS ?? 15);
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
  const base = median(samples.baseline);
  console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  console.log(`Receipt code: ${CODE_BITS} bits (20 Crockford base32 characters from the OS random source), e.g. ${newReceiptCode()}`);
  console.log(
    `Argon2id: ${ARGON2.memoryKiB / 1024} MiB, ${ARGON2.passes} passes, parallelism ${ARGON2.parallelism}, 64-byte output (lookup id + wrapping key), salt = 32-byte pepper from REPORT_SECRET`,
  );
  console.log(`\n${CHECKS} checks of each kind, interleaved; medians.\n`);
  console.log('| check | median (ms) | vs. one Argon2id run |');
  console.log('| --- | --- | --- |');
  for (const kind of Object.keys(samples)) {
    const label = {
      baseline: 'one Argon2id run (baseline)',
      right: 'right code, conversation with 2 questions',
      wrong: 'wrong code (well-formed)',
      malformed: 'malformed code',
    }[kind];
    console.log(`| ${label} | ${median(samples[kind]).toFixed(1)} | ${(median(samples[kind]) / base).toFixed(2)}× |`);
  }
  await codeKeys('x', settings.codePepper);
  await inWorkerd();
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

/** The Worker's Argon2id in workerd: WebAssembly against pure JavaScript, one run, round trip subtracted. */
async function inWorkerd() {
  // Bundled as the site's build does it: the .wasm files stay modules of their own (CompiledWasm).
  const bundled = await build({
    entryPoints: ['scripts/bench/argon2id-worker.ts'],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    external: ['node:*'],
    plugins: [{ name: 'wasm-modules', setup: (b) => b.onResolve({ filter: /\.wasm$/ }, (args) => ({ path: `./${basename(args.path)}`, external: true })) }],
  });
  const wasmFile = (name: string) => readFileSync(createRequire(import.meta.url).resolve(`argon2id/dist/${name}`));
  const script = join(dir, 'argon2id-worker.mjs');
  writeFileSync(script, bundled.outputFiles[0].text);
  const workerd = new Miniflare(
    convertV4MiniflareOptions({
      compatibilityDate: '2026-10-01',
      compatibilityFlags: ['nodejs_compat'],
      modulesRoot: dir,
      modules: [
        { type: 'ESModule', path: script },
        { type: 'CompiledWasm', path: join(dir, 'simd.wasm'), contents: wasmFile('simd.wasm') },
        { type: 'CompiledWasm', path: join(dir, 'no-simd.wasm'), contents: wasmFile('no-simd.wasm') },
      ],
    }),
  );
  try {
    const samples: Record<'none' | 'wasm' | 'js' | 'native', number[]> = { none: [], wasm: [], js: [], native: [] };
    // One run of each first, untimed: compiling and the first memory allocation are not a check.
    for (let i = 0; i <= WORKERD_CHECKS; i++) {
      const code = newReceiptCode().replaceAll('-', '');
      const salt = randomBytes(32);
      // node:crypto on the bench's own thread, for scale: what the Node server pays for the same run.
      const t0 = performance.now();
      const expected = argon2Sync('argon2id', {
        message: code,
        nonce: salt,
        parallelism: ARGON2.parallelism,
        tagLength: 64,
        memory: ARGON2.memoryKiB,
        passes: ARGON2.passes,
      }).toString('hex');
      if (i > 0) samples.native.push(performance.now() - t0);
      for (const impl of ['none', 'wasm', 'js'] as const) {
        const t0 = performance.now();
        const response = await workerd.dispatchFetch(`http://bench.invalid/?impl=${impl}&code=${code}&salt=${salt.toString('hex')}`);
        const output = await response.text();
        const elapsed = performance.now() - t0;
        if (impl !== 'none' && output !== expected) throw new Error(`Argon2id in workerd (${impl}) gaf andere bytes dan node:crypto`);
        if (i > 0) samples[impl].push(elapsed);
      }
    }
    const trip = median(samples.none);
    const [wasm, js, native] = [median(samples.wasm) - trip, median(samples.js) - trip, median(samples.native)];
    console.log(
      `\nArgon2id in workerd (${WORKERD_CHECKS} runs of each, interleaved, outputs equal to node:crypto; medians, the round trip of ${trip.toFixed(1)} ms subtracted):\n`,
    );
    console.log('| Worker implementation | time per run (ms) | vs. WebAssembly |');
    console.log('| --- | --- | --- |');
    console.log(`| WebAssembly (argon2id package, .wasm bundled at build time; used now) | ${wasm.toFixed(1)} | 1.00× |`);
    console.log(`| pure JavaScript (@noble/hashes argon2idAsync; used before) | ${js.toFixed(1)} | ${(js / wasm).toFixed(2)}× |`);
    console.log(`| for scale: node:crypto argon2 on Node, same runs (not in workerd) | ${native.toFixed(1)} | ${(native / wasm).toFixed(2)}× |`);
  } finally {
    await workerd.dispose();
  }
}
