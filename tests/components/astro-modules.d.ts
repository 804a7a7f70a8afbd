/**
 * .astro files as TypeScript sees them when a test imports one: `tsc` has no Astro language
 * plugin, so it learns here that the default export is something the Container API renders.
 */
declare module '*.astro' {
  type Renderable = Parameters<import('astro/container').experimental_AstroContainer['renderToString']>[0];
  const component: Renderable;
  export default component;
}
