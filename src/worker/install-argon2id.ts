/**
 * Installs the WebAssembly Argon2id (./argon2id.ts) for the receipt code. The .wasm files are
 * imported, so the build bundles them as compiled modules (a Worker refuses to compile
 * WebAssembly at run time); this file is only ever part of the Worker bundle.
 */
import noSimd from 'argon2id/dist/no-simd.wasm';
import simd from 'argon2id/dist/simd.wasm';
import { installArgon2id } from '../lib/report/core/receipt-code.ts';
import { createArgon2id } from './argon2id.ts';

installArgon2id(createArgon2id(simd, noSimd));
