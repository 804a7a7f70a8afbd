/**
 * Renders one .astro component alone (Astro's Container API), at a page address so the
 * component reads its language from Astro.currentLocale as it does on the site: the container
 * gets the site's i18n settings (Dutch without prefix, the others under theirs).
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { DEFAULT_LOCALE, LOCALES } from '../../src/i18n/locales';

type Component = Parameters<AstroContainer['renderToString']>[0];

const i18n = {
  defaultLocale: DEFAULT_LOCALE,
  locales: [...LOCALES],
  strategy: 'pathname-prefix-other-locales',
  fallbackType: 'redirect',
  domainLookupTable: {},
};
const container = await AstroContainer.create({
  manifest: { i18n } as unknown as Parameters<typeof AstroContainer.create>[0] extends { manifest?: infer M } ? M : never,
});

export function render(
  component: Component,
  props: Record<string, unknown>,
  { path = '/', slots }: { path?: string; slots?: Record<string, string> } = {},
): Promise<string> {
  return container.renderToString(component, { props, slots, request: new Request(new URL(path, 'http://site')) });
}
