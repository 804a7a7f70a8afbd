/**
 * The Worker's WebAssembly Argon2id (src/worker/argon2id.ts) gives exactly the bytes of
 * node:crypto's argon2 for the site's parameters: same receipt code and pepper, same lookup id
 * and wrapping key on both hosts. The modules are compiled here from the files the Worker
 * bundle imports (node_modules/argon2id/dist), with and without SIMD.
 */
import { argon2Sync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ARGON2, newReceiptCode } from '../../../src/lib/report/core/receipt-code.ts';
import { createArgon2id } from '../../../src/worker/argon2id.ts';

const file = (name: string) => readFileSync(createRequire(import.meta.url).resolve(`argon2id/dist/${name}`));
const simd = await WebAssembly.compile(file('simd.wasm'));
const noSimd = await WebAssembly.compile(file('no-simd.wasm'));

const native = (message: string, salt: Uint8Array, length: number) =>
  argon2Sync('argon2id', { message, nonce: salt, parallelism: ARGON2.parallelism, tagLength: length, memory: ARGON2.memoryKiB, passes: ARGON2.passes });

// Each run takes 50–500 ms depending on the load of a shared machine; eight or so per test.
describe('Argon2id in WebAssembly (the Worker)', { timeout: 60_000 }, () => {
  for (const [name, modules] of [
    ['with SIMD', [simd, noSimd]],
    ['without SIMD', [noSimd, noSimd]],
  ] as const) {
    it(`gives the bytes of node:crypto for receipt codes and 32-byte peppers, ${name}`, async () => {
      const argon2id = createArgon2id(...modules);
      for (let i = 0; i < 3; i++) {
        const code = newReceiptCode().replaceAll('-', '');
        const pepper = randomBytes(32);
        const ours = await argon2id(code, pepper, 64);
        expect(ours).toHaveLength(64);
        expect(Buffer.from(ours).toString('hex')).toBe(native(code, pepper, 64).toString('hex'));
      }
      // A later run in the same memory does not carry anything over from an earlier one.
      const pepper = randomBytes(32);
      expect(Buffer.from(await argon2id('7KQ29XFD0A1BCDEFGHJK', pepper, 32)).toString('hex')).toBe(native('7KQ29XFD0A1BCDEFGHJK', pepper, 32).toString('hex'));
    });
  }

  it('differs when one character of the code or the pepper differs', async () => {
    const argon2id = createArgon2id(simd, noSimd);
    const pepper = randomBytes(32);
    const a = Buffer.from(await argon2id('7KQ29XFD0A1BCDEFGHJK', pepper, 64)).toString('hex');
    expect(Buffer.from(await argon2id('7KQ29XFD0A1BCDEFGHJM', pepper, 64)).toString('hex')).not.toBe(a);
    expect(Buffer.from(await argon2id('7KQ29XFD0A1BCDEFGHJK', randomBytes(32), 64)).toString('hex')).not.toBe(a);
  });
});
