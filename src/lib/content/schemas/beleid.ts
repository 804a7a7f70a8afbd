import { z } from 'astro/zod';
import { idField, isoDate } from '../fields.ts';

/** One concrete action from a plan. */
const policyAction = z.strictObject({
  /** What will be done. */
  action: z.string().min(5),
  /** Which ambition (its title) the action serves, when the plan groups them. */
  ambition: z.string().optional(),
  /** Who is responsible: an organisation or department, never a person's name. */
  owner: z.string().optional(),
  /** When it should be done, as the plan says it ("2023", "Q2 2022", "doorlopend"). */
  deadline: z.string().optional(),
  /** Money, hours or other means the plan attaches to it. */
  means: z.string().optional(),
  /** Why owner or deadline is missing, e.g. "Het plan noemt geen termijn."; required when one of them is. */
  openReason: z.string().min(10).optional(),
});

/** A policy document (beleidsplan, actieprogramma, voorstel) — MDX: frontmatter here, summary in the body. */
export const beleidSchema = z
  .strictObject({
    /** Title of the document. */
    title: z.string().min(5),
    /** What kind of document this is. */
    kind: z.enum(['beleidsplan', 'actieprogramma', 'voorstel', 'regionale aanpak']),
    /** Who issued it, e.g. "Gemeente Woerden" or "RIEC Oost-Nederland". */
    issuer: z.string().min(2),
    /** Date of the document (JJJJ-MM-DD), or the first day of its period when it has no date. */
    date: isoDate,
    /** Whether that date is the exact document date or only derived from its period. */
    dateIsExact: z.boolean().default(true),
    /** Period the plan covers, e.g. "2022-2024". */
    period: z.string().optional(),
    /** Status as far as the document says: vastgesteld (adopted), voorstel (proposal) or onbekend. */
    status: z.enum(['vastgesteld', 'voorstel', 'onbekend']),
    /** Municipalities the plan covers (ids in content/gemeenten/). */
    gemeenten: z.array(idField).min(1),
    /** One-paragraph summary shown on overview pages. */
    summary: z.string().min(40),
    /** The plan's ambitions or goals. */
    ambitions: z.array(z.strictObject({ title: z.string().min(3), description: z.string().optional() })).default([]),
    /** Concrete actions; each has owner and deadline, or an openReason (here or on the action) says why not. */
    actions: z.array(policyAction).default([]),
    /** Why some actions have no owner or deadline, when it is the same for all of them, e.g. "Het plan noemt bij de meeste acties geen termijn." */
    openReason: z.string().min(10).optional(),
    /** How the plan fills in each of the four municipal roles. */
    roles: z
      .strictObject({
        signaleerder: z.string().optional(),
        beleidsmaker: z.string().optional(),
        regisseur: z.string().optional(),
        zorgEnOpvang: z.string().optional(),
      })
      .default({}),
    /** Partner organisations that are in content/organisaties/ (ids). */
    partners: z.array(idField).default([]),
    /** Other partners the plan names that have no page of their own. */
    otherPartners: z.array(z.string().min(2)).default([]),
    /** The document itself in content/bronnen/. */
    bron: idField,
    /** Concept: true shows it in npm run dev (preview) but never publishes it with npm run build. */
    draft: z.boolean().default(false),
  })
  .superRefine((plan, ctx) => {
    plan.actions.forEach((action, i) => {
      const missing = [!action.owner && 'owner', !action.deadline && 'deadline'].filter(Boolean);
      if (missing.length === 0 || action.openReason || plan.openReason) return;
      ctx.addIssue({
        code: 'custom',
        path: ['actions', i, String(missing[0])],
        message: `Deze actie heeft geen ${missing.join(' en geen ')}. Vul ${missing.join(' en ')} zoals het plan die noemt, of zeg waarom niet met openReason (bij de actie, of één keer bij het plan), bijvoorbeeld openReason: "Het plan noemt geen termijn."`,
      });
    });
  });
export type Beleid = z.infer<typeof beleidSchema>;
