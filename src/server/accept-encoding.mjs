/**
 * Which copy of a file to send for an Accept-Encoding header (RFC 9110, section 12.5.3): the
 * highest q-value among the copies there are, Brotli before gzip before the file itself when
 * they tie. `identity` is acceptable unless the header refuses it; a header that refuses
 * everything still gets the file itself (sending it beats a 406 a browser never expects).
 * Browsers send a handful of distinct headers, so answers are kept in a small cache.
 * Plain JavaScript so the server starts without a TypeScript step.
 */

/** Preference when q-values tie: smallest first. */
const ORDER = ['br', 'gz', 'identity'];
const TOKEN = { br: 'br', gzip: 'gz', 'x-gzip': 'gz', identity: 'identity' };

/** @returns {Map<string, number>} q-value per encoding the header names ('*' included) */
export function parseAcceptEncoding(header) {
  const weights = new Map();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.trim().split('=');
      if (key === 'q') q = Number.isFinite(Number(value)) ? Math.min(1, Math.max(0, Number(value))) : 0;
    }
    const encoding = name === '*' ? '*' : TOKEN[name];
    if (encoding) weights.set(encoding, Math.max(q, weights.get(encoding) ?? 0));
  }
  return weights;
}

const cache = new Map();
const CACHE_LIMIT = 64;

/**
 * @param {string | undefined} header Accept-Encoding
 * @param {string[]} available the copies there are ('br', 'gz')
 * @returns {'br' | 'gz' | 'identity'}
 */
export function chooseEncoding(header, available) {
  if (!header) return 'identity';
  const key = `${available.join()}|${header}`;
  let choice = cache.get(key);
  if (choice) return choice;
  const weights = parseAcceptEncoding(header);
  const star = weights.get('*');
  // An unnamed identity is acceptable, but no more wanted than what the header does name
  // (the rule of the `negotiator` package): "gzip;q=0.9" still means gzip.
  const lowest = Math.min(1, ...[...weights.values()].filter((q) => q > 0));
  const weightOf = (encoding) => weights.get(encoding) ?? (encoding === 'identity' ? (star ?? lowest) : (star ?? 0));
  let best = 0;
  choice = 'identity';
  for (const encoding of ORDER) {
    if (encoding !== 'identity' && !available.includes(encoding)) continue;
    const q = weightOf(encoding);
    if (q > best) [best, choice] = [q, encoding];
  }
  // A client that sends endless distinct headers only ever evicts its own entries.
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value);
  cache.set(key, choice);
  return choice;
}
