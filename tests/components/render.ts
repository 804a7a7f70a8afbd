/**
 * Renders one .astro component alone (Astro's Container API), at a page address so the
 * component reads its language from Astro.url as it does on the site.
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';

type Component = Parameters<AstroContainer['renderToString']>[0];

const container = await AstroContainer.create();

export function render(component: Component, props: Record<string, unknown>, { path = '/', slots }: { path?: string; slots?: Record<string, string> } = {}): Promise<string> {
  return container.renderToString(component, { props, slots, request: new Request(new URL(path, 'http://site')) });
}
