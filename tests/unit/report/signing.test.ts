import { describe, expect, it } from 'vitest';
import { sign, signedHeaders, verify } from '../../../src/lib/report/crypto/signing.ts';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('Standard Webhooks signatures', () => {
  it('matches the example in the Standard Webhooks specification', () => {
    // Test vector from the specification's reference implementations.
    const body = '{"test": 2432232314}';
    expect(sign(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('verifies what it signed, within the time tolerance', () => {
    const now = Date.now();
    const h = signedHeaders(secret, 'msg_1', '{"a":1}', now);
    const headers = { id: h['webhook-id'], timestamp: h['webhook-timestamp'], signature: h['webhook-signature'] };
    expect(verify(secret, headers, '{"a":1}', now)).toEqual({ ok: true });
    expect(verify(secret, headers, '{"a":2}', now)).toMatchObject({ ok: false });
    expect(verify('whsec_b3RoZXI=', headers, '{"a":1}', now)).toMatchObject({ ok: false });
    expect(verify(secret, headers, '{"a":1}', now + 10 * 60_000)).toMatchObject({ ok: false, reason: expect.stringContaining('timestamp') });
    expect(verify(secret, { ...headers, signature: undefined }, '{"a":1}', now)).toMatchObject({ ok: false });
  });
});
