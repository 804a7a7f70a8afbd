/**
 * The raw baseline of `npm run bench:desk`: age decryption alone in a Web Worker of the same
 * Chromium, outside the desk (bundled by the bench with esbuild, served from its own loopback
 * origin). `reuse`: one Decrypter for every report (the library's cheapest use) or a new one per
 * report. Answers the time spent and how many opened.
 */
import { Decrypter, armor } from 'age-encryption';

self.onmessage = async (event: MessageEvent<{ identity: string; items: string[]; reuse: boolean }>) => {
  const { identity, items, reuse } = event.data;
  const started = performance.now();
  let decrypter = new Decrypter();
  decrypter.addIdentity(identity);
  let opened = 0;
  for (const sealed of items) {
    if (!reuse) {
      decrypter = new Decrypter();
      decrypter.addIdentity(identity);
    }
    if ((await decrypter.decrypt(armor.decode(sealed), 'text')).length > 0) opened++;
  }
  self.postMessage({ ms: performance.now() - started, opened });
};
