/**
 * Argon2id for the Worker, where node:crypto has no argon2 and WebAssembly may not be compiled
 * at run time: the openpgpjs `argon2id` package (RFC 9106; its hot loop, the compression
 * function G, in WebAssembly), instantiated from modules compiled at build time (the Worker
 * bundle imports its .wasm files, src/worker/install-argon2id.ts). Gives the same bytes as
 * node:crypto's argon2 (tests/unit/argon2id-wasm.test.ts) at a fraction of the time of the
 * pure-JavaScript @noble/hashes build it replaces (docs/BENCHMARKS.md).
 *
 * One instance per isolate, made on the first check: its linear memory is 65 MiB (the size the
 * package's modules declare), reused by every later check. A run is synchronous (no awaits
 * inside), so checks in one isolate never share that memory at the same time.
 */
import setupWasm from 'argon2id/lib/setup.js';
import type { Argon2id } from '../lib/report/core/receipt-code.ts';
import { ARGON2 } from '../lib/report/core/receipt-code.ts';

type Instantiated = WebAssembly.WebAssemblyInstantiatedSource;

/** The site's Argon2id from the package's two precompiled modules (SIMD, and without for runtimes that lack it). */
export function createArgon2id(simd: WebAssembly.Module, noSimd: WebAssembly.Module): Argon2id {
  const load =
    (module: WebAssembly.Module) =>
    async (imports: WebAssembly.Imports): Promise<Instantiated> => ({ module, instance: await WebAssembly.instantiate(module, imports) });
  let ready: ReturnType<typeof setupWasm> | undefined;
  const encoder = new TextEncoder();
  return async (message, salt, length) => {
    ready ??= setupWasm(load(simd), load(noSimd)).catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    const hash = await ready;
    return hash({
      password: encoder.encode(message),
      salt,
      parallelism: ARGON2.parallelism,
      passes: ARGON2.passes,
      memorySize: ARGON2.memoryKiB,
      tagLength: length,
    }).slice();
  };
}
