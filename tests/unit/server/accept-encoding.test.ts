import { describe, expect, it } from 'vitest';
import { chooseEncoding, parseAcceptEncoding } from '../../../src/server/accept-encoding.mjs';

const both = ['br', 'gz'];

describe('chooseEncoding', () => {
  it('prefers Brotli, then gzip, then the file itself', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd', both)).toBe('br');
    expect(chooseEncoding('gzip, deflate', both)).toBe('gz');
    expect(chooseEncoding('deflate', both)).toBe('identity');
    expect(chooseEncoding(undefined, both)).toBe('identity');
    expect(chooseEncoding('', both)).toBe('identity');
  });

  it('follows q-values, and q=0 refuses', () => {
    expect(chooseEncoding('br;q=0.5, gzip;q=0.9', both)).toBe('gz');
    expect(chooseEncoding('br;q=0, gzip', both)).toBe('gz');
    expect(chooseEncoding('br;q=0, gzip;q=0', both)).toBe('identity');
    expect(chooseEncoding('identity;q=1, br;q=0.1', both)).toBe('identity');
    expect(chooseEncoding('BR;Q=1', both)).toBe('br');
  });

  it('reads * for every encoding not named, and still sends the file when everything is refused', () => {
    expect(chooseEncoding('*', both)).toBe('br');
    expect(chooseEncoding('br;q=0, *;q=0.5', both)).toBe('gz');
    expect(chooseEncoding('*;q=0', both)).toBe('identity');
  });

  it('offers only the copies there are', () => {
    expect(chooseEncoding('br, gzip', ['gz'])).toBe('gz');
    expect(chooseEncoding('br', ['gz'])).toBe('identity');
  });

  it('treats a malformed q-value as a refusal, not as a preference', () => {
    expect(parseAcceptEncoding('br;q=abc, gzip').get('br')).toBe(0);
    expect(chooseEncoding('br;q=abc, gzip', both)).toBe('gz');
  });
});
