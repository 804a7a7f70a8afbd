/**
 * HTML reading for tests over rendered components and built pages, with a parser (cheerio)
 * instead of regular expressions: attributes in any quoting, entities decoded, nested elements
 * of the same kind. `parse` gives the whole cheerio API; the helpers below cover what most tests ask.
 */
import { load, type CheerioAPI } from 'cheerio';
import { load as loadQuickly } from 'cheerio/slim';

export interface Element {
  tag: string;
  /** Attributes, values decoded. */
  attrs: Record<string, string>;
  /** Inner HTML; empty for void elements (input, link, meta …). */
  inner: string;
}

/** A document or a fragment, ready for CSS selectors (parse5, as a browser parses). */
export function parse(html: string): CheerioAPI {
  return load(html);
}

/**
 * For the attributes and structure of many pages (the 6,300 built pages, valid HTML by the Nu
 * HTML Checker): htmlparser2 reads them four times faster than parse5 (6 s instead of 23), but
 * leaves entities in the text of <textarea> and <title> undecoded, so read text with `parse`.
 */
export function parseQuickly(html: string): CheerioAPI {
  return loadQuickly(html);
}

/** Every element matching `selector` (a tag name, or any CSS selector), in document order. */
export function elements(html: string | CheerioAPI, selector: string): Element[] {
  const $ = typeof html === 'string' ? parse(html) : html;
  return $(selector)
    .toArray()
    .map((node) => {
      const el = $(node);
      return { tag: (el.prop('tagName') ?? '').toLowerCase(), attrs: { ...el.attr() }, inner: el.html() ?? '' };
    });
}

/** The one element with this id, or undefined. */
export function byId(html: string | CheerioAPI, id: string): Element | undefined {
  return elements(html, `[id="${id}"]`)[0];
}

const BLOCKS = 'br, p, li, ul, ol, div, h1, h2, h3, h4, h5, h6, section, fieldset, legend, label, option, select, summary, details, dt, dd';

/** What a reader sees of a fragment: block elements as breaks, inline elements as their text, white space collapsed. */
export function textOf(html: string): string {
  // The quick parser is safe here: a fragment's text outside <textarea> and <title> is decoded.
  const $ = loadQuickly(html, null, false);
  $(BLOCKS).before(' ').after(' ');
  return $.root().text().replace(/\s+/g, ' ').trim();
}
