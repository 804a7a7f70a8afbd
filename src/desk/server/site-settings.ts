/**
 * What the site needs from the desk (set-up and key rotation show it as lines for the site's
 * environment), and the two webhook secrets in force.
 */
import { randomBytes } from 'node:crypto';
import type { DeskConfig } from './config.ts';
import type { DeskStore } from './store.ts';

export const RECEIVE_PATH = '/api/ontvang/';

/** Longest wrapped keyring accepted: every rotation adds one identity (about 75 characters) to it. */
export const MAX_WRAPPED = 64 * 1024;

export const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** The secrets in force: the environment's, or those made at set-up (or at a rotation). */
export async function secrets(desk: { config: DeskConfig; store: DeskStore }) {
  return {
    forward: desk.config.forwardSecret ?? (await desk.store.getSetting('forward_secret')),
    intake: desk.config.intakeSecret ?? (await desk.store.getSetting('intake_secret')),
  };
}

export const siteSettings = (config: DeskConfig, recipient: string, forward: string, intake: string) => ({
  REPORT_RECIPIENTS: recipient,
  REPORT_FORWARD_URL: `${config.origin}${RECEIVE_PATH}`,
  REPORT_FORWARD_SECRET: forward,
  REPORT_INTAKE_SECRET: intake,
});
