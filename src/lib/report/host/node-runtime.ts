/**
 * The report runtime of a Node process (the server, the relay, the operator CLI): settings from
 * the environment, the store they name, and keys from REPORT_SECRET — or, for the embedded
 * default only, from a key file it creates in REPORT_DATA_DIR and announces at start-up.
 */
import { readReportConfig, SECRET_COMMAND, type ReportConfig } from '../core/config.ts';
import { deriveKeys } from '../crypto/keys.ts';
import { loadOrCreateSecret } from '../crypto/secret-file.ts';
import { buildReportRuntime, type ReportRuntime } from './runtime.ts';
import { openReportStore } from '../store/index.ts';

export async function createNodeReportRuntime(config: ReportConfig = readReportConfig(), log: (line: string) => void = console.log): Promise<ReportRuntime> {
  const { secret, source, file } = loadOrCreateSecret(config.reportSecret, config.dataDir);
  if (source !== 'config') {
    log(
      `${source === 'created' ? 'Nieuwe sleutel voor meldingen gemaakt in' : 'Sleutel voor meldingen gelezen uit'} ${file}. ` +
        `Draait u meer dan één server? Geef ze allemaal dezelfde REPORT_SECRET (maken: ${SECRET_COMMAND}).`,
    );
  }
  if (!config.recipients?.length) {
    log(
      'Let op: REPORT_RECIPIENTS is niet gezet. Meldingen worden NIET versleuteld opgeslagen; dat is alleen goed om uit te proberen. ' +
        'Maak een sleutelpaar met npm run receiver -- keygen en zet de openbare sleutel (age1…) in REPORT_RECIPIENTS. Met NODE_ENV=production start de server niet zonder.',
    );
  }
  return buildReportRuntime(config, await openReportStore(config), deriveKeys(secret));
}
