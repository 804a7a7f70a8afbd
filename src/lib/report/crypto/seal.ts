/**
 * Sealing: what a reporter types is encrypted to the intake desk's public keys (age X25519
 * recipients, https://age-encryption.org/v1) in the request handler, before anything is
 * written, so neither the store, its backups nor the server operator can read it. Questions from
 * the intake desk are sealed the same way, to a key pair made for each report (see follow-up.ts).
 * Runs on Node and in a Worker (age-encryption uses Web Crypto and noble).
 */
import { Decrypter, Encrypter, armor, generateIdentity, identityToRecipient } from 'age-encryption';

/** An X25519 age recipient: "age1" and 58 bech32 characters. */
export const AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;
/** An X25519 age identity (secret key). */
export const AGE_IDENTITY = /^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/;

/** Parses REPORT_RECIPIENTS (age1… keys separated by commas, spaces or new lines); a string is an error with the fix. */
export function parseRecipients(value: string): string[] | string {
  const keys = value.split(/[\s,]+/).filter(Boolean);
  const wrong = keys.find((key) => !AGE_RECIPIENT.test(key));
  if (keys.length === 0 || wrong !== undefined) {
    return `REPORT_RECIPIENTS: ${wrong === undefined ? 'leeg' : `"${wrong.slice(0, 20)}…" is geen age-sleutel`}. Geef een of meer openbare sleutels van het meldpunt (age1…), gescheiden door komma's. Een sleutelpaar maakt u met: npm run receiver -- keygen`;
  }
  return keys;
}

/** Encrypts text to every recipient; returns ASCII-armored age (-----BEGIN AGE ENCRYPTED FILE-----). */
export async function seal(recipients: readonly string[], text: string): Promise<string> {
  const encrypter = new Encrypter();
  for (const recipient of recipients) encrypter.addRecipient(recipient);
  return armor.encode(await encrypter.encrypt(text));
}

/** The first line of every age file (https://age-encryption.org/v1, "Header"). */
const AGE_HEADER = new TextEncoder().encode('age-encryption.org/v1\n');

/**
 * Whether text is ASCII-armored age (strict PEM-like armor: begin and end lines, base64 lines of
 * 64 characters) holding an age v1 file. Checked before storing what only the reporter can open,
 * so a desk's mistake is refused at once instead of failing on the reporter's screen.
 */
export function isAgeArmor(text: string): boolean {
  let file: Uint8Array;
  try {
    file = armor.decode(text);
  } catch {
    return false;
  }
  return file.length > AGE_HEADER.length && AGE_HEADER.every((byte, i) => file[i] === byte);
}

/** Decrypts armored age text with one of the identities; throws when none fits or it was altered. */
export async function unseal(identities: readonly string[], armored: string): Promise<string> {
  const decrypter = new Decrypter();
  for (const identity of identities) decrypter.addIdentity(identity);
  return decrypter.decrypt(armor.decode(armored), 'text');
}

/** A new key pair: the identity stays secret, the recipient may be published. */
export async function newKeyPair(): Promise<{ identity: string; recipient: string }> {
  const identity = await generateIdentity();
  return { identity, recipient: await identityToRecipient(identity) };
}
