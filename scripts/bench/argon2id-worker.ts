/**
 * A Worker for npm run bench:receipt only: one Argon2id run with the site's parameters per
 * request, by the Worker's WebAssembly implementation (src/worker/argon2id.ts, ?impl=wasm) or by
 * the pure-JavaScript @noble/hashes the Worker used before (?impl=js); ?impl=none runs nothing
 * (the round trip alone). Answers the output in hex, so the bench checks it against node:crypto.
 * Bundled by the bench with the .wasm files as compiled modules, as the site's build does.
 */
import { Buffer } from 'node:buffer';
import { argon2idAsync } from '@noble/hashes/argon2.js';
import noSimd from 'argon2id/dist/no-simd.wasm';
import simd from 'argon2id/dist/simd.wasm';
import { ARGON2 } from '../../src/lib/report/core/receipt-code.ts';
import { createArgon2id } from '../../src/worker/argon2id.ts';

const wasm = createArgon2id(simd, noSimd);
const pureJs = (code: string, salt: Uint8Array, length: number) =>
  argon2idAsync(code, salt, { t: ARGON2.passes, m: ARGON2.memoryKiB, p: ARGON2.parallelism, dkLen: length });

export default {
  async fetch(request: Request): Promise<Response> {
    const query = new URL(request.url).searchParams;
    const code = query.get('code') ?? '';
    const salt = Buffer.from(query.get('salt') ?? '', 'hex');
    const impl = query.get('impl');
    const output = impl === 'wasm' ? await wasm(code, salt, 64) : impl === 'js' ? await pureJs(code, salt, 64) : new Uint8Array(0);
    return new Response(Buffer.from(output).toString('hex'));
  },
};
