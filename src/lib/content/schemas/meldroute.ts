import { z } from 'astro/zod';
import { idField, sources } from '../fields.ts';
import { regionalBodies } from './bodies.ts';

/**
 * Who to contact in a route outcome: a named organisation, or the organisation that fills a
 * role for the reader's municipality (resolved through its region; on the national route the
 * national fallback is used).
 */
export const contactRef = z.union([
  z.strictObject({
    /** Id in content/organisaties/. */
    organisation: idField,
    /** What to ask or tell them, in this situation (optional). */
    note: z.string().optional(),
  }),
  z.strictObject({
    /** A role filled per municipality: one of the roles of regionalBodies (./bodies.ts), e.g. veiligThuis or riec. */
    body: regionalBodies.keyof(),
    /** Organisation used where no municipality is chosen or its region names none. */
    fallback: idField,
    note: z.string().optional(),
  }),
]);
export type ContactRef = z.infer<typeof contactRef>;

const routeQuestion = z.strictObject({
  kind: z.literal('vraag'),
  /** The question, in plain words, e.g. "Is iemand nu in gevaar?". */
  question: z.string().min(5),
  /** One or two sentences that help answer it. */
  help: z.string().optional(),
  /** The answers; each leads to another node of this route. */
  options: z.array(z.strictObject({ label: z.string().min(1), next: idField })).min(2),
});

const routeOutcome = z.strictObject({
  kind: z.literal('uitkomst'),
  /** What to do, as a heading, e.g. "Bel 112". */
  title: z.string().min(3),
  /** Who to contact; phone numbers and opening hours come from the organisation files. */
  contacts: z.array(contactRef).min(1, { error: 'Een uitkomst noemt minstens één organisatie in contacts.' }),
  /** Whether contacting them can be done without giving your name. */
  anonymous: z.boolean(),
  /** What happens after you contact them, in plain words. */
  whatHappens: z.string().min(10),
  /** Show the link to this site's anonymous report form. */
  offerForm: z.boolean().default(false),
  /** Show the link to the sector advice for business owners. */
  offerSectorAdvice: z.boolean().default(false),
});

export const routeNode = z.discriminatedUnion('kind', [routeQuestion, routeOutcome]);
export type RouteNode = z.infer<typeof routeNode>;

/**
 * The external reporting route (meldroute) as a decision graph. The national route applies
 * everywhere; a route with `extends` replaces or adds nodes by id for one region or municipality.
 */
export const meldrouteSchema = z.strictObject({
  /** Name of the route, e.g. "Landelijke meldroute". */
  title: z.string().min(5),
  /** Where it applies: the whole country, one region or one municipality. */
  scope: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('landelijk') }),
    z.strictObject({ kind: z.literal('regio'), regio: idField }),
    z.strictObject({ kind: z.literal('gemeente'), gemeente: idField }),
  ]),
  /** The route this one changes (id in content/meldroutes/); leave out only on the national route. */
  extends: idField.optional(),
  /** The first question; on the national route this must be the acute-danger question. */
  start: idField.optional(),
  /** Questions and outcomes by id. In an extending route: only the nodes that change or are added. */
  nodes: z.record(idField, routeNode),
  /** Where the route comes from. */
  sources,
});
export type Meldroute = z.infer<typeof meldrouteSchema>;
