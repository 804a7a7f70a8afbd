/**
 * Just enough HTML reading for tests over rendered components and built pages: elements by tag
 * with their attributes and inner HTML, and the visible text of a fragment. Astro writes
 * attributes in double quotes, which is all this reads; no dependency for a few regexes.
 */

export interface Element {
  tag: string;
  attrs: Record<string, string>;
  /** Inner HTML; empty for void elements (input, link, meta …). */
  inner: string;
}

const VOID = new Set(['input', 'link', 'meta', 'br', 'img', 'hr', 'source']);

function attributesOf(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const [, name, value] of source.matchAll(/([^\s=/>"]+)(?:="([^"]*)")?/g)) attrs[name.toLowerCase()] = decode(value ?? '');
  return attrs;
}

/** Every <tag> in the fragment, in document order (not for elements nested in their own kind). */
export function elements(html: string, tag: string): Element[] {
  const pattern = VOID.has(tag) ? new RegExp(`<${tag}\\b([^>]*)>`, 'g') : new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}>`, 'g');
  return [...html.matchAll(pattern)].map((m) => ({ tag, attrs: attributesOf(m[1]), inner: m[2] ?? '' }));
}

/** The one element with this id, or undefined. */
export function byId(html: string, id: string): { tag: string; attrs: Record<string, string> } | undefined {
  const m = new RegExp(`<([a-z0-9]+)\\b([^>]*\\sid="${id}"[^>]*)>`).exec(html);
  return m ? { tag: m[1], attrs: attributesOf(m[2]) } : undefined;
}

export function decode(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

/** What a reader sees of a fragment: block tags as breaks, inline tags dropped, entities decoded, white space collapsed. */
export function textOf(html: string): string {
  const blocks = html.replace(/<\/?(?:br|p|li|ul|ol|div|h[1-6]|section|fieldset|legend|label|option|select|summary|details)\b[^>]*>/g, ' ');
  return decode(blocks.replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();
}
