/**
 * A passkey in software for tests that talk to the desk without a browser: a P-256 key pair, its
 * public key as the COSE key the desk stores, and sign-in answers (WebAuthn assertions) made as an
 * authenticator makes them: authenticator data (RP ID hash, user present and verified, counter)
 * and an ECDSA signature over it and the hash of the client data. The desk verifies them with
 * @simplewebauthn/server like any other; nothing in the desk is replaced.
 */
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { Credential } from '../../src/desk/server/store.ts';

const b64url = (bytes: Buffer) => bytes.toString('base64url');

export interface SoftPasskey {
  id: string;
  /** The row the desk keeps for this passkey (as registration would store it). */
  credential: (memberId: string) => Credential;
  /** An answer to `challenge` (base64url, from the options) for a desk at `origin`. */
  answer: (challenge: string, origin: string) => unknown;
}

export function softPasskey(): SoftPasskey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  // COSE_Key {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y} in CBOR.
  const cose = Buffer.concat([
    Buffer.from([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20]),
    Buffer.from(jwk.x!, 'base64url'),
    Buffer.from([0x22, 0x58, 0x20]),
    Buffer.from(jwk.y!, 'base64url'),
  ]);
  const id = b64url(randomBytes(16));
  let counter = 0;
  return {
    id,
    credential: (memberId) => ({ id, memberId, publicKey: b64url(cose), counter: 0, transports: ['internal'], wrappedIdentity: null, recipient: null }),
    answer: (challenge, origin) => {
      const rpIdHash = createHash('sha256').update(new URL(origin).hostname).digest();
      const count = Buffer.alloc(4);
      count.writeUInt32BE(++counter);
      // Flags: user present (0x01) and user verified (0x04).
      const authenticatorData = Buffer.concat([rpIdHash, Buffer.from([0x05]), count]);
      const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge, origin, crossOrigin: false }));
      const signature = sign('sha256', Buffer.concat([authenticatorData, createHash('sha256').update(clientDataJSON).digest()]), privateKey);
      return {
        id,
        rawId: id,
        type: 'public-key',
        response: { clientDataJSON: b64url(clientDataJSON), authenticatorData: b64url(authenticatorData), signature: b64url(signature) },
        clientExtensionResults: {},
      };
    },
  };
}
