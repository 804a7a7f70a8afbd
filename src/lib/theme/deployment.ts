/**
 * What differs per deployment in the two statements a Dutch public site owes: the accessibility
 * statement (toegankelijkheidsverklaring, in the model of digitoegankelijk.nl) and the privacy
 * statement. Read at build time from deployment.json in the theme folder (docs/DEPLOY.md,
 * "Verklaringen"). Every field may be left out: the pages then say plainly that the organisation
 * has not filled it in, and the build warns; they never invent an organisation.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'astro/zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Schrijf een datum als JJJJ-MM-DD, bijvoorbeeld 2026-11-30.' });
const url = z.url({ error: 'Geef een volledig webadres, beginnend met https://.' });
const text = z.string().trim().min(2);

/** The compliance status of digitoegankelijk.nl (https://www.digitoegankelijk.nl/toegankelijkheidsverklaring/status). */
export const COMPLIANCE_STATUSES = ['A', 'B', 'C', 'D', 'E'] as const;

export const deploymentSchema = z.strictObject({
  /** The organisation that runs the site: responsible for the accessibility statement, and controller for privacy unless privacy.controller says otherwise. */
  organisation: text.optional(),
  /** Where readers reach the organisation about either statement: a function mailbox, phone number or web page, never a person's own address. */
  contact: z.strictObject({ email: z.email().optional(), phone: text.optional(), url: url.optional() }).optional(),
  accessibility: z
    .strictObject({
      /** Compliance status A–E as the statement in the register gives it. */
      status: z.enum(COMPLIANCE_STATUSES).optional(),
      /** When the statement was last brought up to date. */
      statementDate: isoDate.optional(),
      /** The last accessibility audit: when, by whom, and its report. */
      audit: z.strictObject({ date: isoDate, by: text, report: url }).optional(),
      /** Known problems, each with what is done about it and when it will be fixed. */
      knownProblems: z.array(z.strictObject({ problem: text, measure: text, fixedBy: isoDate.optional() })).default([]),
      /** This site's statement in the register (toegankelijkheidsverklaring.nl/register/…). */
      registerUrl: url.optional(),
    })
    .optional(),
  privacy: z
    .strictObject({
      /** The controller (verwerkingsverantwoordelijke); the organisation above when left out. */
      controller: text.optional(),
      /** The desk that receives the reports ("het meldpunt"). */
      desk: text.optional(),
      /** The legal basis for processing the reports (AVG art. 6, and the law behind the task). */
      legalBasis: text.optional(),
      /** How long the desk keeps a report, in words ("vijf jaar na afsluiten"). */
      deskRetention: text.optional(),
      /** How to reach the data-protection officer (functionaris gegevensbescherming): a function mailbox or page. */
      dataProtectionOfficer: text.optional(),
    })
    .optional(),
});

export type DeploymentSettings = z.infer<typeof deploymentSchema>;

/** The settings a statement needs, in the words of docs/DEPLOY.md, for the build's warning. */
export function missingSettings(settings: DeploymentSettings): string[] {
  const missing: string[] = [];
  const need = (value: unknown, name: string) => value === undefined && missing.push(name);
  need(settings.organisation, 'organisation');
  need(settings.contact?.email ?? settings.contact?.phone ?? settings.contact?.url, 'contact');
  need(settings.accessibility?.status, 'accessibility.status');
  need(settings.accessibility?.audit, 'accessibility.audit');
  need(settings.accessibility?.registerUrl, 'accessibility.registerUrl');
  need(settings.privacy?.controller ?? settings.organisation, 'privacy.controller');
  need(settings.privacy?.desk, 'privacy.desk');
  need(settings.privacy?.legalBasis, 'privacy.legalBasis');
  need(settings.privacy?.deskRetention, 'privacy.deskRetention');
  need(settings.privacy?.dataProtectionOfficer, 'privacy.dataProtectionOfficer');
  return missing;
}

/** Reads deployment.json from a theme folder; none means nothing filled in. Throws one Dutch error naming file, field and fix. */
export function loadDeployment(dir: string): DeploymentSettings {
  const file = join(dir, 'deployment.json');
  if (!existsSync(file)) return deploymentSchema.parse({});
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: geen geldige JSON (${(error as Error).message}). Controleer aanhalingstekens en komma's.`);
  }
  const parsed = deploymentSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const field = issue.path.join('.') || '(bestand)';
    if (issue.code === 'unrecognized_keys')
      return `${file}: onbekend veld ${issue.keys.map((k) => `"${k}"`).join(', ')} in "${field}". Controleer de spelling (zie docs/DEPLOY.md, "Verklaringen").`;
    if (issue.code === 'invalid_value') return `${file}: veld "${field}" moet een van ${COMPLIANCE_STATUSES.join(', ')} zijn.`;
    return `${file}: veld "${field}": ${issue.message} (zie docs/DEPLOY.md, "Verklaringen").`;
  });
  throw new Error(problems.join('\n'));
}
