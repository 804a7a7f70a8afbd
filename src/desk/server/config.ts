/**
 * The desk's settings, from the environment (docs/DESK.md). The desk has its own origin: its
 * public address DESK_URL gives the WebAuthn RP ID (its host name) and the expected origin.
 */
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { parseTrustedProxies, type TrustedProxies } from '../../lib/report/http/client-address.ts';

export interface DeskConfig {
  host: string;
  port: number;
  /** The desk's public origin, e.g. https://meldbalie.gemeente.nl (no path). */
  origin: string;
  /** WebAuthn relying party id: the host name of DESK_URL. */
  rpId: string;
  dataDir: string;
  /** PostgreSQL instead of the SQLite file, for a desk with several replicas. */
  databaseUrl?: string;
  ackDays: number;
  feedbackDays: number;
  /** The public site, for questions and status changes (its /api/vragen/). */
  siteUrl?: string;
  /** Overrides of the secrets the desk generates at set-up (e.g. when moving a desk). */
  forwardSecret?: string;
  intakeSecret?: string;
  /** The daily digest's webhook (DESK_NOTIFY_URL) and its optional signing secret. */
  notifyUrl?: string;
  notifySecret?: string;
  /**
   * Which hops may say who the client is in X-Forwarded-For (DESK_TRUSTED_PROXIES, as the site's
   * REPORT_TRUSTED_PROXIES): the client's address counts in the sign-in limit. None by default.
   */
  trustedProxies: TrustedProxies;
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name}=${raw}: geef een geheel getal van ${min} tot en met ${max}.`);
  return value;
}

function secret(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  if (!value) return undefined;
  if (!/^whsec_[A-Za-z0-9+/]{24,}={0,2}$/.test(value)) throw new Error(`${name}: verwacht whsec_ gevolgd door base64 (minstens 18 bytes).`);
  return value;
}

export function loadDeskConfig(env: NodeJS.ProcessEnv = process.env): DeskConfig {
  const port = whole(env, 'DESK_PORT', 4330, 1, 65_535);
  let url: URL;
  try {
    url = new URL(env.DESK_URL || `http://localhost:${port}`);
  } catch {
    throw new Error(`DESK_URL=${env.DESK_URL}: geen geldig adres. Voorbeeld: https://meldbalie.gemeente.nl`);
  }
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  // WebAuthn needs a domain as RP ID: 127.0.0.1 or ::1 is refused by every browser.
  if (isIP(hostname))
    throw new Error(`DESK_URL=${url.origin}: een IP-adres kan geen WebAuthn RP ID zijn. Gebruik een domeinnaam, of lokaal http://localhost:${port}.`);
  if (url.protocol !== 'https:' && hostname !== 'localhost') throw new Error(`DESK_URL=${url.origin}: gebruik https:// (alleen localhost mag http://).`);
  let siteUrl: string | undefined;
  if (env.DESK_SITE_URL) {
    try {
      siteUrl = new URL(env.DESK_SITE_URL).origin;
    } catch {
      throw new Error(`DESK_SITE_URL=${env.DESK_SITE_URL}: geen geldig adres. Voorbeeld: https://meldwijzer.gemeente.nl`);
    }
  }
  let notifyUrl: string | undefined;
  if (env.DESK_NOTIFY_URL) {
    try {
      notifyUrl = new URL(env.DESK_NOTIFY_URL).href;
    } catch {
      throw new Error(`DESK_NOTIFY_URL=${env.DESK_NOTIFY_URL}: geen geldig adres. Voorbeeld: https://chat.gemeente.nl/hooks/meldbalie`);
    }
  }
  const trustedProxies = parseTrustedProxies(env.DESK_TRUSTED_PROXIES || '0', 'DESK_TRUSTED_PROXIES');
  if (typeof trustedProxies === 'string') throw new Error(trustedProxies);
  return {
    host: env.DESK_HOST || '127.0.0.1',
    port,
    origin: url.origin,
    rpId: hostname,
    dataDir: resolve(env.DESK_DATA_DIR || './data-desk'),
    databaseUrl: env.DESK_DATABASE_URL || undefined,
    ackDays: whole(env, 'DESK_ACK_DAYS', 7, 1, 365),
    feedbackDays: whole(env, 'DESK_FEEDBACK_DAYS', 90, 1, 3650),
    siteUrl,
    forwardSecret: secret(env, 'DESK_FORWARD_SECRET'),
    intakeSecret: secret(env, 'DESK_INTAKE_SECRET'),
    notifyUrl,
    notifySecret: secret(env, 'DESK_NOTIFY_SECRET'),
    trustedProxies,
  };
}
