/**
 * Report pipeline settings from environment variables, checked once at start-up with a clear
 * message for every mistake. Documented in the README.
 */
import { join } from 'node:path';
import { z } from 'astro/zod';
import { parseTrustedProxies, type TrustedProxies } from '../http/client-address.ts';
import { parseRecipients } from '../crypto/seal.ts';

/** How an operator makes a REPORT_SECRET; printed wherever one is missing or wrong. */
export const SECRET_COMMAND = `node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`;

const schema = z.object({
  REPORT_FORWARD_URL: z.url({ protocol: /^https?$/, error: 'REPORT_FORWARD_URL moet een volledig http(s)-adres zijn.' }).optional(),
  REPORT_FORWARD_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, {
      error: 'REPORT_FORWARD_SECRET moet beginnen met whsec_ gevolgd door een base64-sleutel (Standard Webhooks).',
    })
    .optional(),
  REPORT_DATA_DIR: z.string().min(1).default(join(process.cwd(), 'data')),
  REPORT_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'REPORT_DATABASE_URL moet een PostgreSQL-adres zijn: postgres://gebruiker:wachtwoord@host:5432/database' })
    .optional(),
  REPORT_SECRET: z
    .string()
    .refine((value) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length >= 32, {
      error: `REPORT_SECRET moet minstens 32 willekeurige bytes in base64 zijn. Maak er een met: ${SECRET_COMMAND}`,
    })
    .optional(),
  REPORT_TRUSTED_PROXIES: z
    .string()
    .transform((value, ctx) => {
      const parsed = parseTrustedProxies(value);
      if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
      return parsed as TrustedProxies;
    })
    .optional(),
  REPORT_RELAY: z.enum(['inline', 'off'], { error: 'REPORT_RELAY moet inline of off zijn.' }).default('inline'),
  REPORT_RECIPIENTS: z
    .string()
    .transform((value, ctx) => {
      const parsed = parseRecipients(value);
      if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
      return parsed as string[];
    })
    .optional(),
  REPORT_INTAKE_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, {
      error: 'REPORT_INTAKE_SECRET moet beginnen met whsec_ gevolgd door een base64-sleutel (Standard Webhooks), en anders zijn dan REPORT_FORWARD_SECRET.',
    })
    .optional(),
  REPORT_RETENTION_DAYS: z.coerce.number().int().positive().max(3650).default(90),
  REPORT_FOLLOWUP_ATTEMPTS_PER_HOUR: z.coerce.number().int().positive().default(10),
  REPORT_WORK_CONCURRENCY: z.coerce
    .number()
    .int()
    .positive({ error: 'REPORT_WORK_CONCURRENCY moet een heel getal van 1 of meer zijn (zware bewerkingen tegelijk).' })
    .optional(),
  REPORT_WORK_QUEUE: z.coerce
    .number()
    .int()
    .nonnegative({ error: 'REPORT_WORK_QUEUE moet een heel getal van 0 of meer zijn (zware bewerkingen in de wachtrij).' })
    .optional(),
  REPORT_MAX_PENDING: z.coerce
    .number()
    .int()
    .positive({ error: 'REPORT_MAX_PENDING moet een heel getal van 1 of meer zijn (meldingen die op aflevering wachten).' })
    .default(5000),
  NODE_ENV: z.string().optional(),
  REPORT_RETRY_BASE_MS: z.coerce.number().int().positive().default(30_000),
  REPORT_MAX_ATTEMPTS: z.coerce.number().int().positive().default(50),
  REPORT_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  REPORT_POLL_MS: z.coerce.number().int().positive().default(1_000),
  REPORT_MIN_FILL_SECONDS: z.coerce.number().nonnegative().default(3),
  REPORT_RATE_LIMIT_PER_HOUR: z.coerce.number().int().positive().default(10),
  REPORT_POW_MAX_NUMBER: z.coerce.number().int().positive().default(100_000),
});

export interface ReportConfig {
  forwardUrl?: string;
  /** The Standard Webhooks key (whsec_…) that signs forwarded reports. */
  secret?: string;
  dataDir: string;
  outboxFile: string;
  /** PostgreSQL for several replicas; without it, SQLite in dataDir. */
  databaseUrl?: string;
  /** Base64 key material every replica shares; see keys.ts. Required with databaseUrl. */
  reportSecret?: string;
  /** Which proxies may tell us the client address (X-Forwarded-For). */
  trustedProxies: TrustedProxies;
  /** inline: the server also delivers reports; off: a separate `npm run relay` does. */
  relay: 'inline' | 'off';
  /** The intake desk's age public keys: what reporters type is sealed to them. Without: stored as text (local trial only). */
  recipients?: string[];
  /** The intake desk signs its questions with this Standard Webhooks key (whsec_…); without it, the question API is closed. */
  intakeSecret?: string;
  /** A conversation is deleted this many days after its last message. */
  retentionDays: number;
  /** Attempts with a receipt code per reader per hour, and in total per hour. */
  followUpAttemptsPerHour: number;
  /** Costly operations at once and waiting (work-budget.ts); undefined: sized from the cores. */
  workConcurrency?: number;
  workQueue?: number;
  /** Reports in the outbox (pending and dead) above which new reports are refused: the disk never fills. */
  maxPending: number;
  /** NODE_ENV=production: refuses to start without recipients. */
  production: boolean;
  retryBaseMs: number;
  /** The longest wait between two attempts: 720 × base (6 hours with the 30 s default). */
  retryCapMs: number;
  maxAttempts: number;
  timeoutMs: number;
  pollMs: number;
  minFillSeconds: number;
  rateLimitPerHour: number;
  /** Difficulty of the proof of work: the browser tries up to this many hashes (half on average). */
  proofOfWorkMaxNumber: number;
}

export function readReportConfig(env: NodeJS.ProcessEnv = process.env): ReportConfig {
  const result = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!result.success) {
    throw new Error(`Ongeldige instelling voor meldingen:\n${result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const c = result.data;
  if (c.REPORT_FORWARD_URL && !c.REPORT_FORWARD_SECRET) {
    throw new Error('REPORT_FORWARD_URL is gezet maar REPORT_FORWARD_SECRET niet: meldingen worden altijd ondertekend verstuurd.');
  }
  if (c.NODE_ENV === 'production' && !c.REPORT_RECIPIENTS) {
    throw new Error(
      'NODE_ENV=production maar REPORT_RECIPIENTS is niet gezet: meldingen zouden leesbaar worden opgeslagen. Zet de openbare sleutel(s) van het meldpunt (age1…) in REPORT_RECIPIENTS. Een sleutelpaar maakt u met: npm run receiver -- keygen',
    );
  }
  if (c.REPORT_INTAKE_SECRET && c.REPORT_INTAKE_SECRET === c.REPORT_FORWARD_SECRET) {
    throw new Error('REPORT_INTAKE_SECRET moet een andere sleutel zijn dan REPORT_FORWARD_SECRET: elke richting heeft een eigen sleutel.');
  }
  if (c.REPORT_DATABASE_URL && !c.REPORT_SECRET) {
    throw new Error(
      `REPORT_DATABASE_URL is gezet maar REPORT_SECRET niet. Met meer dan één server moeten alle servers dezelfde sleutel hebben. Maak er een met:\n  ${SECRET_COMMAND}\nen geef elke server dezelfde REPORT_SECRET.`,
    );
  }
  return {
    forwardUrl: c.REPORT_FORWARD_URL,
    secret: c.REPORT_FORWARD_SECRET,
    dataDir: c.REPORT_DATA_DIR,
    outboxFile: join(c.REPORT_DATA_DIR, 'outbox.sqlite'),
    databaseUrl: c.REPORT_DATABASE_URL,
    reportSecret: c.REPORT_SECRET,
    trustedProxies: c.REPORT_TRUSTED_PROXIES ?? { hops: 0 },
    relay: c.REPORT_RELAY,
    recipients: c.REPORT_RECIPIENTS,
    intakeSecret: c.REPORT_INTAKE_SECRET,
    retentionDays: c.REPORT_RETENTION_DAYS,
    followUpAttemptsPerHour: c.REPORT_FOLLOWUP_ATTEMPTS_PER_HOUR,
    workConcurrency: c.REPORT_WORK_CONCURRENCY,
    workQueue: c.REPORT_WORK_QUEUE,
    maxPending: c.REPORT_MAX_PENDING,
    production: c.NODE_ENV === 'production',
    retryBaseMs: c.REPORT_RETRY_BASE_MS,
    retryCapMs: c.REPORT_RETRY_BASE_MS * 720,
    maxAttempts: c.REPORT_MAX_ATTEMPTS,
    timeoutMs: c.REPORT_TIMEOUT_MS,
    pollMs: c.REPORT_POLL_MS,
    minFillSeconds: c.REPORT_MIN_FILL_SECONDS,
    rateLimitPerHour: c.REPORT_RATE_LIMIT_PER_HOUR,
    proofOfWorkMaxNumber: c.REPORT_POW_MAX_NUMBER,
  };
}

/**
 * REPORT_RETENTION_DAYS alone, for the prerendered privacy page: it is built before any server
 * runs, so the build reads the same setting (docs/DEPLOY.md: set it for the build too).
 */
export function retentionDaysSetting(env: NodeJS.ProcessEnv = process.env): number {
  return schema.shape.REPORT_RETENTION_DAYS.parse(env.REPORT_RETENTION_DAYS || undefined);
}
