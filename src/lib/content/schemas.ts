/**
 * The shape of every content collection, one file per collection in ./schemas/. These schemas
 * are the documentation for editors: every field has one sentence saying what it holds.
 * References between collections are plain ids here and are checked together in
 * ./integrity.ts, so a dangling id fails the build with the file, the field and the fix.
 * This file only gathers them, so code imports every schema from one place.
 */
export type { SourceRef } from './fields.ts';
export * from './schemas/ids.ts';
export * from './schemas/labels.ts';
export * from './schemas/bodies.ts';
export * from './schemas/bron.ts';
export * from './schemas/organisatie.ts';
export * from './schemas/gebied.ts';
export * from './schemas/regio.ts';
export * from './schemas/gemeente.ts';
export * from './schemas/beleid.ts';
export * from './schemas/cijfer.ts';
export * from './schemas/pagina.ts';
export * from './schemas/signaal.ts';
export * from './schemas/kwetsbaarheid.ts';
export * from './schemas/sector.ts';
export * from './schemas/meldroute.ts';
export * from './schemas/interne-route.ts';
export * from './schemas/vertaling.ts';
